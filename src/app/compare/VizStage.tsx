/**
 * The page's drawings: the adapter diagram and the memory map of the simulation, or — in compare mode — the same
 * two for Windows Server 2008 R2 and 2012 side by side, with a caption on what differs and why.
 */
import type { ReactNode } from 'react';
import { Panel } from '../components/ui.tsx';
import { AdapterDiagram } from '../diagram/AdapterDiagram.tsx';
import { formatNdisVersion, formatUs } from '../format.ts';
import { MemoryMap } from '../memory/MemoryMap.tsx';
import { useSimRuntime } from '../SimProvider.tsx';
import { SimSideProvider, useSideStore } from '../viz/SimSideProvider.tsx';
import type { SimSide } from '../viz/vizSession.ts';
import { CompareCaption } from './CompareCaption.tsx';
import { useCompare } from './compareMode.ts';
import type { FollowerSide } from './compareMode.ts';
import { CompareToggle } from './CompareToggle.tsx';

export function VizStage() {
  const runtime = useSimRuntime();
  const follower = useCompare((s) => s.follower);
  return (
    <section className="flex flex-col gap-4" data-testid="viz-stage" data-compare={follower !== null}>
      {follower ? <CompareStage leader={runtime} follower={follower} /> : <SingleStage side={runtime} />}
    </section>
  );
}

function SingleStage({ side }: { side: SimSide }) {
  return (
    <SimSideProvider side={side}>
      <Panel title="Adapter: the receive path" aside={<CompareToggle />}>
        <div className="px-4 py-3">
          <AdapterDiagram />
        </div>
      </Panel>
      <Panel title="Shared memory: where the receive buffers live" aside={<ProfileLabel />}>
        <div className="px-4 py-3">
          <MemoryMap />
        </div>
      </Panel>
    </SimSideProvider>
  );
}

function CompareStage({ leader, follower }: { leader: SimSide; follower: FollowerSide }) {
  return (
    <>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          <CompareCaption />
        </div>
        <div className="shrink-0">
          <CompareToggle />
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <SimSideProvider side={leader}>
          <SideColumn title="Windows Server 2008 R2" testId="compare-ws2008r2" />
        </SimSideProvider>
        <SimSideProvider side={follower}>
          <SideColumn title="Windows Server 2012" testId="compare-ws2012" problem={<FollowerProblem />} />
        </SimSideProvider>
      </div>
    </>
  );
}

function SideColumn({ title, testId, problem }: { title: string; testId: string; problem?: ReactNode }) {
  return (
    <Panel title={title} aside={<ProfileLabel />} data-testid={testId}>
      <div className="flex flex-col gap-4 px-4 py-3">
        {problem}
        <MemoryMap />
        <div className="border-t border-slate-100 pt-3">
          <AdapterDiagram />
        </div>
      </div>
    </Panel>
  );
}

function ProfileLabel() {
  const view = useSideStore((s) => s.view);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  if (!view) return null;
  return (
    <span data-testid="side-profile">
      {view.profile} · NDIS {formatNdisVersion(view.ndisVersion)} · t ={' '}
      <span className="font-mono tabular-nums">{formatUs(simTimeNs)} µs</span>
    </span>
  );
}

/** The 2012 side could refuse a scenario the 2008 R2 side took (or fail later); say so where it shows. */
function FollowerProblem() {
  const loadProblem = useSideStore((s) => s.loadProblem);
  const failure = useSideStore((s) => s.failure);
  if (!loadProblem && !failure) return null;
  const text = loadProblem
    ? loadProblem.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')
    : failure;
  return (
    <p
      role="alert"
      className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-900 ring-1 ring-inset ring-rose-200"
      data-testid="compare-follower-problem"
    >
      The 2012 side could not run this: {text}
    </p>
  );
}
