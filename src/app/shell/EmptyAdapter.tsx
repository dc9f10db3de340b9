/**
 * "Empty adapter…" beside the scenario picker. Its form (shell/EmptyAdapterForm.tsx) loads on the first press, so the
 * first view does not download it (bench P4).
 */
import { Suspense, useState } from 'react';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { Button } from '../ui/primitives.tsx';

const EmptyAdapterForm = lazyNamed(() => import('./EmptyAdapterForm.tsx'), 'EmptyAdapterForm');

export function EmptyAdapterButton({ disabled }: { disabled: boolean }) {
  const [opening, setOpening] = useState(0);
  return (
    <>
      <Button
        variant="quiet"
        className="[anchor-name:--empty-adapter]"
        disabled={disabled}
        onClick={() => setOpening((n) => n + 1)}
        aria-haspopup="dialog"
        data-testid="empty-adapter"
        title="An adapter and its VMs with no scenario steps, for the OID console and the traffic generator"
      >
        Empty adapter…
      </Button>
      {opening > 0 && (
        <Suspense fallback={null}>
          <EmptyAdapterForm opening={opening} />
        </Suspense>
      )}
    </>
  );
}
