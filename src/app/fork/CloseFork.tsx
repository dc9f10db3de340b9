/** Closes one fork; the page goes back to the original alone (or with the other forks) where it stood. */
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';

export function CloseFork({ id }: { id: string }) {
  const page = usePage();
  const switching = usePageStore((s) => s.switching);
  const close = async () => (await import('./openFork.ts')).closeFork(page, id);
  return (
    <Button
      variant="quiet"
      className="whitespace-nowrap"
      disabled={switching}
      onClick={() => void close()}
      data-testid={`fork-close-${id}`}
    >
      Close fork
    </Button>
  );
}
