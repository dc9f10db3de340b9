/**
 * "Import host config…" beside "Open file…": its dialog (HostImportDialog.tsx) and the PowerShell reader load on the
 * first press, so the first view does not download them (bench P4).
 */
import { Suspense, useState } from 'react';
import { toolAllowed } from '../page/lessons.ts';
import { usePageStore } from '../page/PageProvider.tsx';
import { useSideStore } from '../side/SideProvider.tsx';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { Button } from '../ui/primitives.tsx';

const HostImportDialog = lazyNamed(() => import('./HostImportDialog.tsx'), 'HostImportDialog');

export function HostImportButton() {
  const [opening, setOpening] = useState(0);
  const ready = useSideStore((s) => s.connection === 'ready' && s.loadingSource === null);
  const ownFiles = usePageStore((s) => toolAllowed(s.loaded, 'editor'));
  return (
    <>
      <Button
        variant="quiet"
        disabled={!ready || !ownFiles}
        onClick={() => setOpening((n) => n + 1)}
        aria-haspopup="dialog"
        data-testid="host-import"
        title={
          ownFiles
            ? 'Build the adapter of a real Hyper-V host from Get-NetAdapterVmq and Get-NetAdapterVmqQueue output'
            : 'This lesson is done without scenario files of your own'
        }
      >
        Import host config…
      </Button>
      {opening > 0 && (
        <Suspense fallback={null}>
          <HostImportDialog opening={opening} />
        </Suspense>
      )}
    </>
  );
}
