/**
 * The page's drawings: the adapter diagram and the memory map of each side on screen. One side gets the two as
 * wide panels; several sides get a column each, side by side — in compare mode Windows Server 2008 R2 and 2012, with
 * a caption on what differs and why.
 */
import { loadErrorParts } from './shell/LoadProblem.tsx';
import { Suspense, type CSSProperties, type ReactNode } from 'react';
import { Panel } from './ui/primitives.tsx';
import { AdapterDiagram } from './diagram/AdapterDiagram.tsx';
import { formatNdisVersion, formatUs } from './ui/format.ts';
import { MemoryMap } from './memory/MemoryMap.tsx';
import { usePage, usePageStore } from './page/PageProvider.tsx';
import type { SideDescriptor } from './side/createSide.ts';
import { SideProvider, useSideStore } from './side/SideProvider.tsx';
import { isComparing } from './compare/compareMode.ts';
import { CompareToggle } from './compare/CompareToggle.tsx';
import { lazyNamed, PartLoading } from './ui/lazyPart.tsx';
import { ForkButton } from './fork/ForkButton.tsx';
import { DescribeButton } from './announce/DescribeButton.tsx';
import { TablesToggle } from './tables/TablesToggle.tsx';
import { CloseFork } from './fork/CloseFork.tsx';

// Only compare mode shows them.
const CompareCaption = lazyNamed(() => import('./compare/CompareCaption.tsx'), 'CompareCaption');
const SideHeadline = lazyNamed(() => import('./compare/CompareCaption.tsx'), 'SideHeadline');
// Only while the drawings are shown as tables (V).
const AdapterTables = lazyNamed(() => import('./tables/AdapterTables.tsx'), 'AdapterTables');
const MemoryTable = lazyNamed(() => import('./tables/AdapterTables.tsx'), 'MemoryTable');
// Only while a what-if fork is shown.
const ForkSummary = lazyNamed(() => import('./fork/ForkSummary.tsx'), 'ForkSummary');

export function VizStage() {
  const sides = usePageStore((s) => s.sides);
  const [first] = sides;
  return (
    <section className="flex flex-col gap-4" data-testid="viz-stage" data-compare={isComparing(sides)}>
      {sides.length > 1 ? <SideColumns sides={sides} /> : first && <SingleStage side={first} />}
    </section>
  );
}

/** Provides the side a descriptor names, while the page still shows it. */
function OnSide({ side, children }: { side: SideDescriptor; children: ReactNode }) {
  const runtime = usePage().side(side.id);
  return runtime ? <SideProvider value={runtime}>{children}</SideProvider> : null;
}

function SingleStage({ side }: { side: SideDescriptor }) {
  return (
    <OnSide side={side}>
      <Panel
        title="Adapter: the receive path"
        aside={
          <div className="flex items-center gap-2">
            <DescribeButton />
            <TablesToggle />
            <ForkButton />
            <CompareToggle />
          </div>
        }
      >
        <div className="px-4 py-3">
          <Drawing kind="diagram" />
        </div>
      </Panel>
      <Panel title="Shared memory: where the receive buffers live" aside={<ProfileLabel />}>
        <div className="px-4 py-3">
          <Drawing kind="memory" />
        </div>
      </Panel>
    </OnSide>
  );
}

function SideColumns({ sides }: { sides: readonly SideDescriptor[] }) {
  const columns = { '--side-columns': `repeat(${sides.length}, minmax(0, 1fr))` } as CSSProperties;
  return (
    <>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0 flex-1">
          {isComparing(sides) && (
            <Suspense fallback={null}>
              <CompareCaption />
            </Suspense>
          )}
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <DescribeButton />
          <TablesToggle />
          <ForkButton />
          <CompareToggle />
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-(--side-columns)" style={columns}>
        {sides.map((side, i) => (
          <OnSide key={side.id} side={side}>
            {/* The first side's problems show at the top of the page; the others' show in their own column. */}
            <SideColumn
              side={side}
              compare={isComparing(sides)}
              problem={i > 0 && <SideProblem label={side.label} />}
            />
          </OnSide>
        ))}
      </div>
      {sides.some((side) => side.fork) && (
        <Suspense fallback={null}>
          <ForkSummary />
        </Suspense>
      )}
    </>
  );
}

function SideColumn({ side, compare, problem }: { side: SideDescriptor; compare: boolean; problem: ReactNode }) {
  return (
    <Panel
      title={side.label}
      aside={
        <div className="flex items-center gap-2">
          <ProfileLabel />
          {side.fork && <CloseFork id={side.id} />}
        </div>
      }
      data-testid={`compare-${side.profile ?? side.id}`}
    >
      <div className="flex flex-col gap-4 px-4 py-3">
        {problem}
        {compare && (
          <Suspense fallback={null}>
            <SideHeadline label={side.label} />
          </Suspense>
        )}
        <Drawing kind="memory" />
        <div className="border-t border-slate-100 pt-3">
          <Drawing kind="diagram" />
        </div>
      </div>
    </Panel>
  );
}

/** A drawing, or its text alternative while the page shows tables (V): the same facts, from the same side. */
function Drawing({ kind }: { kind: 'diagram' | 'memory' }) {
  const tables = usePageStore((s) => s.tables);
  if (!tables) return kind === 'diagram' ? <AdapterDiagram /> : <MemoryMap />;
  return (
    <Suspense fallback={<PartLoading what="the tables" />}>
      {kind === 'diagram' ? <AdapterTables /> : <MemoryTable />}
    </Suspense>
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

/** A side could refuse a scenario the first side took (or fail later); say so where it shows. */
function SideProblem({ label }: { label: string }) {
  const loadProblem = useSideStore((s) => s.loadProblem);
  const failure = useSideStore((s) => s.failure);
  if (!loadProblem && !failure) return null;
  const text = loadProblem
    ? loadProblem.errors
        .map(loadErrorParts)
        .map(({ where, message }) => (where ? `${where}: ${message}` : message))
        .join('; ')
    : failure;
  return (
    <p
      role="alert"
      className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-900 ring-1 ring-inset ring-rose-200"
      data-testid="compare-follower-problem"
    >
      The {label} side could not run this: {text}
    </p>
  );
}
