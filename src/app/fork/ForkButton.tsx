/**
 * "Fork here": asks "what if" at the original's current position (pick an event on the timeline to go there). The
 * dialog that chooses the change loads on first use; the W key (“what if”) opens it too; F is full screen.
 */
import { Suspense, useEffect, useState } from 'react';
import { usePageStore } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { lazyNamed } from '../ui/lazyPart.tsx';

const ForkDialog = lazyNamed(() => import('./ForkDialog.tsx'), 'ForkDialog');

/** Whether a key press is typed into a field rather than meant for the page. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function ForkButton() {
  const [open, setOpen] = useState(false);
  const switching = usePageStore((s) => s.switching);
  const loaded = usePageStore((s) => s.loaded !== null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'w' || event.ctrlKey || event.metaKey || event.altKey || typing(event.target))
        return;
      event.preventDefault();
      setOpen(true);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={switching || !loaded}
        aria-keyshortcuts="W"
        data-testid="fork-open"
        title="Fork the run here: change one thing and play both futures side by side (W, for “what if”)"
      >
        Fork here…
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ForkDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
