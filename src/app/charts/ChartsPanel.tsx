/**
 * The charts panel: small multiples of the receive path over virtual time (rates per queue and per CPU, buffers in
 * use, outstanding NBLs, returns, drops by reason), following the timeline's cursor, each exportable as SVG and the
 * whole set as SVG and CSV. Only the header comes with the page; the charts' code (D3 included) loads when it first
 * opens.
 */
import { Suspense } from 'react';
import { usePanel } from '../page/usePanel.ts';
import { lazyNamed, PartLoading } from '../ui/lazyPart.tsx';
import { Panel } from '../ui/primitives.tsx';

const ChartGrid = lazyNamed(() => import('./ChartGrid.tsx'), 'ChartGrid');

export function ChartsPanel() {
  const collapse = usePanel('charts');
  return (
    <Panel title="Charts" collapse={collapse} data-testid="charts-panel">
      {collapse.open && (
        <Suspense fallback={<PartLoading what="the charts" />}>
          <ChartGrid />
        </Suspense>
      )}
    </Panel>
  );
}
