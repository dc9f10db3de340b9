/**
 * The trace of the running scenario, one row per TraceEvent, described in words by the runner's describeEvent.
 * Rows have a fixed height and only the visible ones are rendered, so a trace of tens of thousands of events
 * scrolls as smoothly as a short one. It follows the newest event while scrolled to the bottom.
 */
import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../../engine/types.ts';
import { describeEvent } from '../../scenario/describe.ts';
import { useSimRuntime, useSimStore } from '../SimProvider.tsx';
import { formatCount, formatUs, plural } from '../format.ts';
import { Panel } from './ui.tsx';

const ROW_PX = 28;
/** Rows rendered above and below the viewport so fast scrolling shows no blank band. */
const OVERSCAN_ROWS = 12;

type Actor = ReturnType<typeof describeEvent>['actor'];

const actorTone: Record<Actor, string> = {
  overlying: 'text-violet-700',
  NDIS: 'text-sky-700',
  miniport: 'text-teal-700',
  wire: 'text-slate-500',
  checker: 'text-rose-700',
  scenario: 'text-amber-700',
};

export function TraceTable() {
  const { buffer } = useSimRuntime();
  // Re-render when the buffer changes; the rows themselves are read from the buffer, not from the store.
  useSimStore((s) => s.traceRevision);
  const viewport = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [scrollTop, setScrollTop] = useState(0);
  const [heightPx, setHeightPx] = useState(480);

  useLayoutEffect(() => {
    const node = viewport.current;
    if (!node) return;
    const observer = new ResizeObserver(() => setHeightPx(node.clientHeight));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const node = viewport.current;
    if (node && following.current) node.scrollTop = node.scrollHeight;
  });

  const onScroll = () => {
    const node = viewport.current;
    if (!node) return;
    following.current = node.scrollTop + node.clientHeight >= node.scrollHeight - ROW_PX;
    setScrollTop(node.scrollTop);
  };

  const total = buffer.length;
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.min(total, Math.ceil((scrollTop + heightPx) / ROW_PX) + OVERSCAN_ROWS);
  const rows: TraceEvent[] = [];
  for (let i = first; i < last; i++) rows.push(buffer.at(i) as TraceEvent);

  return (
    <Panel
      title="Trace"
      aside={<span data-testid="trace-count">{plural(total, 'event')}{buffer.evicted > 0 && ` (${formatCount(buffer.evicted)} earlier not kept)`}</span>}
      className="h-full"
    >
      <div ref={viewport} onScroll={onScroll} className="min-h-0 flex-1 overflow-auto" data-testid="trace">
        <table className="w-full table-fixed text-sm">
          <colgroup>
            <col className="w-28" />
            <col className="w-24" />
            <col />
          </colgroup>
          <thead className="sticky top-0 z-10 bg-white text-left text-xs text-slate-500 shadow-[0_1px_0_0_var(--color-slate-200)]">
            <tr style={{ height: ROW_PX }}>
              <th className="px-4 text-right font-medium">time (µs)</th>
              <th className="px-3 font-medium">actor</th>
              <th className="px-3 font-medium">what happened</th>
            </tr>
          </thead>
          <tbody>
            {first > 0 && <tr aria-hidden style={{ height: first * ROW_PX }} />}
            {rows.map((event) => <TraceRow key={event.seq} event={event} />)}
            {last < total && <tr aria-hidden style={{ height: (total - last) * ROW_PX }} />}
          </tbody>
        </table>
        {total === 0 && <p className="px-4 py-6 text-sm text-slate-500">Nothing has happened yet. Press Play or Step.</p>}
      </div>
    </Panel>
  );
}

// Events are immutable, so a row re-renders only when a rewind put a different event at its place.
const TraceRow = memo(function TraceRow({ event }: { event: TraceEvent }) {
  const { actor, text } = describeEvent(event);
  return (
    <tr style={{ height: ROW_PX }} className="border-b border-slate-50 hover:bg-slate-50" data-testid="trace-row" data-kind={event.kind}>
      <td className="px-4 text-right font-mono text-xs tabular-nums text-slate-500">{formatUs(event.t)}</td>
      <td className={`px-3 text-xs font-medium ${actorTone[actor]}`}>{actor}</td>
      <td className="truncate px-3 text-slate-800" title={text}>{text}</td>
    </tr>
  );
});
