/** "Describe" (or D): the live region reads the whole adapter as it is now (describeMoment.ts). */
import { useSide } from '../side/SideProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { usePageKey } from '../ui/usePageKey.ts';
import { announcerFold } from './announcerFold.ts';
import { describeMoment } from './describeMoment.ts';

export function DescribeButton() {
  const side = useSide();
  // Read when asked, not on every batch: the button itself never changes.
  const describe = () => {
    const view = side.store.getState().view;
    if (!view) return;
    const pending = [...side.viz.digest.oids.values()].filter((r) => r.status === null);
    side.digest(announcerFold).ask(describeMoment(view, pending));
  };
  usePageKey(['d'], describe);
  return (
    <Button
      variant="quiet"
      onClick={describe}
      aria-keyshortcuts="D"
      data-testid="describe-moment"
      title="A screen reader reads the whole adapter as it is now: queues, states, CPUs, buffers, pending requests, drops and memory (D)"
    >
      Describe
    </Button>
  );
}
