/**
 * What differs between each fork and the original, from what each side's engine reported (fork/forkDiff.ts),
 * updated as they play: frames classified to another queue, the default queue's load, the load per CPU, drops by
 * reason and memory per address space. Loaded only while a fork is shown.
 */
import { useEffect, useMemo, useState } from 'react';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import type { Side } from '../side/createSide.ts';
import { Panel } from '../ui/primitives.tsx';
import { diffFork, differs, type Change, type ForkDiff } from './forkDiff.ts';
import { emptyFacts, foldEvents, observeMemory, type SideFacts } from './forkFacts.ts';

const factsOf = (side: Side): SideFacts => {
  const facts = foldEvents(emptyFacts(), side.buffer.toArray());
  const view = side.store.getState().view;
  return view ? observeMemory(facts, view) : facts;
};

/** Re-renders on every batch any side shows. */
function useTraceRevisions(sides: readonly Side[]): number {
  const [revision, setRevision] = useState(0);
  useEffect(() => {
    const bump = () => setRevision((r) => r + 1);
    const stops = sides.map((side) =>
      side.store.subscribe((state, previous) => {
        if (state.traceRevision !== previous.traceRevision || state.view !== previous.view) bump();
      }),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }, [sides]);
  return revision;
}

export function ForkSummary() {
  const page = usePage();
  const descriptors = usePageStore((s) => s.sides);
  const sides = useMemo(() => descriptors.flatMap((d) => page.side(d.id) ?? []), [descriptors, page]);
  const revision = useTraceRevisions(sides);
  const diffs = useMemo(() => {
    void revision;
    const [original, ...forks] = sides;
    if (!original) return [];
    const base = factsOf(original);
    return forks.map((side) => ({
      side,
      label: descriptors.find((d) => d.id === side.id)?.label ?? side.id,
      diff: diffFork(base, factsOf(side)),
    }));
  }, [sides, descriptors, revision]);
  if (diffs.length === 0) return null;
  return (
    <Panel title="What differs: each fork against the original" data-testid="fork-summary">
      <div
        className="grid gap-4 px-4 py-3 lg:grid-cols-(--fork-columns)"
        style={{ '--fork-columns': `repeat(${diffs.length}, minmax(0, 1fr))` } as never}
      >
        {diffs.map(({ side, label, diff }) => (
          <ForkDifferences key={side.id} sideId={side.id} label={label} diff={diff} />
        ))}
      </div>
      <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
        Counted from each side’s trace as its engine reported it; a frame is matched by its flow and its place in it,
        and queues are traced from the fork on. Memory is what each adapter holds now.
      </p>
    </Panel>
  );
}

function ForkDifferences({ sideId, label, diff }: { sideId: string; label: string; diff: ForkDiff }) {
  const page = usePage();
  return (
    <section className="flex min-w-0 flex-col gap-3" data-testid={`fork-diff-${sideId}`}>
      <h3 className="text-sm font-semibold text-slate-800">{label}</h3>
      {!differs(diff) && <p className="text-slate-500">No difference yet.</p>}
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Frames that changed queue</h4>
        <p data-testid="fork-moved-count">
          <span className="font-mono tabular-nums">{diff.movedCount}</span> frame{diff.movedCount === 1 ? '' : 's'}
        </p>
        {diff.moved.length > 0 && (
          <ul className="mt-1 flex flex-col gap-0.5" data-testid="fork-moved">
            {diff.moved.map((frame) => (
              <li key={frame.frameId}>
                <button
                  type="button"
                  className="rounded px-1 font-mono text-xs text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600"
                  onClick={() => page.selection.getState().select({ side: sideId, kind: 'frame', id: frame.frameId })}
                >
                  frame {frame.frameId}: QueueId {frame.from} → {frame.to}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Changes
        title="Default queue (QueueId 0): NBLs indicated"
        changes={[diff.defaultQueue]}
        testId="fork-default-queue"
      />
      <Changes title="NBLs indicated per CPU" changes={diff.perCpu} keyLabel="CPU " testId="fork-per-cpu" />
      <Changes title="Drops by reason" changes={diff.drops} testId="fork-drops" empty="no drops on either side" />
      <Changes
        title="Memory by address space (bytes)"
        changes={diff.memoryBytes}
        testId="fork-memory"
        empty="no shared memory"
      />
    </section>
  );
}

function Changes({
  title,
  changes,
  keyLabel = '',
  testId,
  empty = 'none',
}: {
  title: string;
  changes: readonly Change[];
  keyLabel?: string;
  testId: string;
  empty?: string;
}) {
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {changes.length === 0 ? (
        <p className="text-slate-500">{empty}</p>
      ) : (
        <table className="mt-1 w-full max-w-sm text-xs" data-testid={testId}>
          <thead className="text-slate-500">
            <tr>
              <th className="text-left font-normal" />
              <th className="text-right font-normal">original</th>
              <th className="text-right font-normal">fork</th>
              <th className="text-right font-normal">Δ</th>
            </tr>
          </thead>
          <tbody className="font-mono tabular-nums">
            {changes.map((change) => (
              <tr
                key={change.key}
                data-key={change.key}
                className={change.delta === 0 ? 'text-slate-500' : 'text-slate-900'}
              >
                <td className="text-left">
                  {keyLabel}
                  {change.key}
                </td>
                <td className="text-right">{change.original}</td>
                <td className="text-right">{change.fork}</td>
                <td className="text-right" data-testid="delta">
                  {change.delta > 0 ? `+${change.delta}` : change.delta}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
