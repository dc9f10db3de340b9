/**
 * The charts panel: small multiples of the receive path over virtual time (rates per queue and per CPU, buffers in
 * use, outstanding NBLs, returns, drops by reason), following the timeline's cursor, each exportable as SVG and the
 * whole set as SVG and CSV. The header is always there; the charts' code (D3 included) loads when it first opens.
 */
import { Suspense } from 'react';
import { usePanel } from '../page/usePanel.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { plural } from '../ui/format.ts';
import { lazyNamed, PartLoading } from '../ui/lazyPart.tsx';
import { Panel } from '../ui/primitives.tsx';

const ChartGrid = lazyNamed(() => import('./ChartGrid.tsx'), 'ChartGrid');

export function ChartsPanel() {
  const collapse = usePanel('charts');
  return (
    <Panel title="Charts" collapse={collapse} data-testid="charts-panel" aside={collapse.open && <ChartsNote />}>
      {collapse.open && (
        <Suspense fallback={<PartLoading what="the charts" />}>
          <ChartGrid />
        </Suspense>
      )}
    </Panel>
  );
}

/** What the rates leave out, when they do. */
function ChartsNote() {
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);
  const sampled = useSideStore((s) => s.sampled);
  if (!traceFrames) return <span>per-frame tracing is off: bytes and single-frame drops are not counted</span>;
  if (sampled) return <span>{plural(sampled.omitted, 'event')} left out of the trace are not in the rates</span>;
  return <span>rates from the trace, per bucket · levels from the engine's view at each batch (dots)</span>;
}
