/** The header's switch into present mode and out of it (P; Esc leaves too). */
import { useStore } from 'zustand';
import { usePage } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { setPresenting } from './presentMode.ts';

export function PresentButton() {
  const { presentation } = usePage();
  const presenting = useStore(presentation, (s) => s.presentation.mode === 'present');
  return (
    <Button
      variant={presenting ? 'secondary' : 'quiet'}
      onClick={() => setPresenting(presentation, !presenting)}
      aria-pressed={presenting}
      aria-keyshortcuts="P"
      title={
        presenting
          ? 'Leave present mode (P or Esc)'
          : 'Present: large type, the narration as a caption, clicker keys (P)'
      }
      data-testid="present-toggle"
    >
      {presenting ? 'Leave present mode' : 'Present'}
    </Button>
  );
}
