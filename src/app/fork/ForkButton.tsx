/**
 * "Fork here": asks "what if" at the original's current position (pick an event on the timeline to go there). The
 * dialog that chooses the change loads on first use; the W key (“what if”) opens it too; F is full screen.
 */
import { Suspense, useState } from 'react';
import { usePageStore } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { usePageKey } from '../ui/usePageKey.ts';

const ForkDialog = lazyNamed(() => import('./ForkDialog.tsx'), 'ForkDialog');

export function ForkButton() {
  const [open, setOpen] = useState(false);
  const switching = usePageStore((s) => s.switching);
  const loaded = usePageStore((s) => s.loaded !== null);
  usePageKey(['w'], () => setOpen(true));
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
