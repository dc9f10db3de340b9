/**
 * The timeline: a strip with the scrubber that seeks over virtual time, opening to its lanes (TimelineLanes.tsx,
 * loaded only then: the first view keeps the diagram's room and its JavaScript, bench P4). The lanes' digest reads
 * the whole kept trace when it attaches, so opening them late loses nothing.
 */
import { useRef, useState, Suspense } from 'react';
import { useDrive } from '../page/PageProvider.tsx';
import { usePanel } from '../page/usePanel.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { lazyNamed, PartLoading } from '../ui/lazyPart.tsx';
import { CollapseToggle, Panel, Segmented } from '../ui/primitives.tsx';
import type { Axis } from './lanes.ts';
import { Scrubber } from './Scrubber.tsx';

const TimelineLanes = lazyNamed(() => import('./TimelineLanes.tsx'), 'TimelineLanes');

export function Timeline({ className = '' }: { className?: string }) {
  const { seek } = useDrive();
  const [axis, setAxis] = useState<Axis>('time');
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const furthestNs = useFurthestNs();
  const collapse = usePanel('timeline');
  const maxNs = Math.max(furthestNs, 1000);

  if (!collapse.open)
    return (
      <section
        className={`flex items-center gap-2 rounded-lg border border-slate-200 bg-white py-1 pl-3 shadow-sm ${className}`}
        data-testid="timeline"
        data-open={false}
        aria-label="Timeline"
      >
        <CollapseToggle
          collapse={collapse}
          className="mx-0 shrink-0 text-sm font-semibold text-slate-800"
          title="Show the lanes: OID requests, state changes, rules and notes over frames, NBLs and drops"
        >
          Timeline
        </CollapseToggle>
        <Scrubber maxNs={maxNs} valueNs={simTimeNs} onSeek={seek} className="min-w-0 flex-1 px-2 py-1" />
      </section>
    );
  return (
    <Panel
      title="Timeline"
      aside={<AxisSwitch axis={axis} onChange={setAxis} />}
      collapse={collapse}
      className={className}
      data-testid="timeline"
    >
      <Suspense fallback={<PartLoading what="the timeline's lanes" />}>
        <TimelineLanes axis={axis} furthestNs={furthestNs} />
      </Suspense>
      <Scrubber maxNs={maxNs} valueNs={simTimeNs} onSeek={seek} />
    </Panel>
  );
}

/** The axis spans the scenario's planned time and the furthest time reached, so the whole story (and, after a step
 * back, the future just undone) is there to scrub to. It starts over with each new session. */
function useFurthestNs(): number {
  const sessionId = useSideStore((s) => s.sessionId);
  const plannedNs = useSideStore((s) => s.scenario?.plannedNs ?? 0);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const furthest = useRef({ sessionId, ns: 0 });
  if (furthest.current.sessionId !== sessionId) furthest.current = { sessionId, ns: 0 };
  furthest.current.ns = Math.max(furthest.current.ns, plannedNs, simTimeNs);
  return furthest.current.ns;
}

const AXES = [
  ['time', 'virtual time'],
  ['order', 'event order'],
] as const;

function AxisSwitch({ axis, onChange }: { axis: Axis; onChange: (axis: Axis) => void }) {
  return (
    <Segmented label="Timeline axis" options={AXES} value={axis} onChange={onChange} testIdPrefix="timeline-axis" />
  );
}
