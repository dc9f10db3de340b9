/** The autosaved session on screen: the "Start fresh" button, and a notice when a saved session could not be used. */
import { useStore } from 'zustand';
import type { Autosave } from '../page/autosave.ts';
import { usePage } from '../page/PageProvider.tsx';
import { Banner, Button } from '../ui/primitives.tsx';

/** Forgets the saved session and the console history, and loads the default scenario. */
export function StartFresh() {
  const page = usePage();
  if (!page.autosave) return null;
  return (
    <Button
      variant="quiet"
      data-testid="start-fresh"
      title="Forget the saved session (scenario, position, console history) and load the default scenario"
      onClick={() => void page.startFresh()}
    >
      Start fresh
    </Button>
  );
}

export function SavedSessionNotice() {
  const { autosave } = usePage();
  return autosave ? <Notice autosave={autosave} /> : null;
}

function Notice({ autosave }: { autosave: Autosave }) {
  const { notice, dismissNotice } = useStore(autosave.state);
  if (!notice) return null;
  return (
    <Banner role="status" data-testid="session-notice" tone="neutral" onDismiss={dismissNotice}>
      <p>{notice}</p>
    </Banner>
  );
}
