/**
 * The event log: one row per TraceEvent, described in words by the runner's describeEvent, filtered by kind, queue
 * and VM. Clicking a row (or Enter on it) selects the event for the inspector and the diagram.
 *
 * Rows have a fixed height and only the visible ones are rendered, so a trace of tens of thousands of events
 * scrolls as smoothly as a short one. It follows the newest event while scrolled to the bottom, and scrolls to an
 * event selected elsewhere (the timeline, the conformance panel).
 */
import { useRovingFocus } from '../ui/useRovingFocus.ts';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { usePanel } from '../page/usePanel.ts';
import type { TraceEvent } from '../../engine/index.ts';
import { describeOnScreen } from '../trace/describeOnScreen.ts';
import { IssuedByTag } from '../ndis/IssuedByTag.tsx';
import { Button, Panel } from '../ui/primitives.tsx';
import { downloadText } from '../ui/download.ts';
import { scenarioFileName, withExtension } from '../ui/fileNames.ts';
import { logCsv } from './logCsv.ts';
import { formatCount, formatUs, plural } from '../ui/format.ts';
import { useSide, useSideSelection, useSideStore, useSideVms } from '../side/SideProvider.tsx';
import { Select } from '../ui/formControls.tsx';
import { useElementHeight } from '../ui/useElementSize.ts';
import { EVENT_GROUPS, type EventGroupId } from '../trace/eventRefs.ts';
import { indexOfSeq } from '../trace/traceLookup.ts';
import { isFiltering, logRowsDigest, queuesDigest, SHOW_ALL, type LogFilter } from './logFilter.ts';
import { useDigest } from '../side/useTrace.ts';
import { NameOption } from '../ui/UserText.tsx';

const ROW_PX = 28;
/** Rows rendered above and below the viewport so fast scrolling shows no blank band. */
const OVERSCAN_ROWS = 12;

type Actor = ReturnType<typeof describeOnScreen>['actor'];

const actorTone: Record<Actor, string> = {
  overlying: 'text-violet-700',
  NDIS: 'text-sky-700',
  miniport: 'text-teal-700',
  wire: 'text-slate-500',
  checker: 'text-rose-700',
  scenario: 'text-amber-700',
};

export function EventLog({ className = '' }: { className?: string }) {
  const { buffer } = useSide();
  const roving = useRovingFocus<HTMLTableSectionElement>();
  const vms = useSideVms();
  const queueIds = useDigest(queuesDigest).value();
  const [filter, setFilter] = useState<LogFilter>(SHOW_ALL);
  const rows = useDigest(logRowsDigest, (log) => log.show(filter, vms, buffer));
  const selectedSeq = useSideSelection((s) => (s?.kind === 'event' ? s.id : null));
  const scenarioFile = useSideStore((s) => scenarioFileName(s.scenario?.source ?? '', s.scenario?.title ?? ''));

  const [viewport, heightPx] = useElementHeight<HTMLDivElement>(480);
  // Follows the newest event while the reader is at the bottom; the scroll listener decides, from known row
  // heights, so no batch has to measure the page.
  const following = useRef(true);
  /** Where the log last scrolled itself to: a scroll event that reports it comes from us, even if rows arrived since. */
  const followedTo = useRef(Number.POSITIVE_INFINITY);
  // A new object each time, so that leaving the tail re-renders even at the same scrollTop.
  const [scrolled, setScrolled] = useState({ top: 0 });

  const total = rows.length;
  const contentPx = (total + 1) * ROW_PX; // + the header row
  const tailTop = Math.max(0, contentPx - heightPx);
  const viewTop = following.current ? tailTop : scrolled.top;

  // Scrolls to the tail in the next frame, when the browser lays the page out anyway.
  useEffect(() => {
    if (!following.current) return;
    const frame = requestAnimationFrame(() => {
      // The reader may have scrolled away since the render that asked for it.
      if (!viewport.current || !following.current) return;
      followedTo.current = tailTop;
      viewport.current.scrollTop = tailTop;
    });
    return () => cancelAnimationFrame(frame);
  }, [viewport, tailTop]);

  // An event selected elsewhere scrolls into view (and stops the log from following the newest event).
  const selectedRow = selectedSeq === null ? -1 : rows.rowOf(indexOfSeq(buffer, selectedSeq));
  const selectedTop = (selectedRow + 1) * ROW_PX;
  const selectedHidden =
    selectedRow >= 0 && (selectedTop < viewTop + ROW_PX || selectedTop + ROW_PX > viewTop + heightPx);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection moves the log; a batch that moves the selected row must not pull the reader back to it.
  useLayoutEffect(() => {
    const node = viewport.current;
    if (!node || !selectedHidden) return;
    following.current = false;
    followedTo.current = Number.POSITIVE_INFINITY;
    const top = Math.max(0, selectedTop - heightPx / 2);
    node.scrollTop = top;
    setScrolled({ top });
  }, [viewport, selectedSeq]);

  const onScroll = () => {
    const node = viewport.current;
    if (!node) return;
    const atBottom = node.scrollTop + heightPx >= contentPx - ROW_PX || node.scrollTop >= followedTo.current - 1;
    // Our own scroll to the tail, or the reader still there: nothing to re-render.
    if (atBottom && following.current) return;
    following.current = atBottom;
    if (!atBottom) followedTo.current = Number.POSITIVE_INFINITY;
    setScrolled({ top: node.scrollTop });
  };

  const first = Math.max(0, Math.floor(viewTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.min(total, Math.ceil((viewTop + heightPx) / ROW_PX) + OVERSCAN_ROWS);
  const visible: TraceEvent[] = [];
  for (let i = first; i < last; i++) visible.push(buffer.at(rows.traceIndex(i)) as TraceEvent);

  const count = isFiltering(filter)
    ? `${formatCount(total)} of ${plural(buffer.length, 'event')}`
    : plural(total, 'event');
  const collapse = usePanel('log');
  return (
    <Panel
      title="Event log"
      collapse={collapse}
      aside={
        <span className="flex items-center gap-2">
          <span data-testid="trace-count">
            {count}
            {buffer.evicted > 0 && ` (${formatCount(buffer.evicted)} earlier not kept)`}
          </span>
          <Button
            variant="quiet"
            className="h-6 px-2 text-xs"
            data-testid="export-log-csv"
            disabled={total === 0}
            title="Download the rows the log shows, with its filters, as CSV (seq, t_ns, actor, kind, issued_by, what_happened)"
            onClick={() => {
              const shown: TraceEvent[] = [];
              for (let i = 0; i < total; i++) shown.push(buffer.at(rows.traceIndex(i)) as TraceEvent);
              downloadText(withExtension(scenarioFile, '-log.csv'), 'text/csv', logCsv(shown));
            }}
          >
            CSV
          </Button>
        </span>
      }
      className={className}
      data-testid="event-log"
    >
      <LogFilterBar filter={filter} onChange={setFilter} queueIds={queueIds} vmNames={vms.map((vm) => vm.name)} />
      <div ref={viewport} onScroll={onScroll} className="min-h-0 flex-1 overflow-auto" data-testid="trace">
        <table className="w-full table-fixed text-sm">
          <caption className="sr-only">Trace events, oldest first. Press Enter on a row to inspect it.</caption>
          <colgroup>
            <col className="w-28" />
            <col className="w-24" />
            <col />
          </colgroup>
          <thead className="sticky top-0 z-10 bg-white text-left text-xs text-slate-500 shadow-[0_1px_0_0_var(--color-slate-200)]">
            <tr style={{ height: ROW_PX }}>
              <th scope="col" className="px-4 text-right font-medium">
                time (µs)
              </th>
              <th scope="col" className="px-3 font-medium">
                actor
              </th>
              <th scope="col" className="px-3 font-medium">
                what happened
              </th>
            </tr>
          </thead>
          <tbody ref={roving}>
            {first > 0 && <tr aria-hidden style={{ height: first * ROW_PX }} />}
            {visible.map((event) => (
              <EventRow key={event.seq} event={event} selected={event.seq === selectedSeq} />
            ))}
            {last < total && <tr aria-hidden style={{ height: (total - last) * ROW_PX }} />}
          </tbody>
        </table>
        {buffer.length === 0 && (
          <p className="px-4 py-6 text-sm text-slate-500">Nothing has happened yet. Press Play or Step.</p>
        )}
        {buffer.length > 0 && total === 0 && (
          <p className="px-4 py-6 text-sm text-slate-500">No event matches the filter.</p>
        )}
      </div>
    </Panel>
  );
}

function LogFilterBar({
  filter,
  onChange,
  queueIds,
  vmNames,
}: {
  filter: LogFilter;
  onChange: (f: LogFilter) => void;
  queueIds: number[];
  vmNames: string[];
}) {
  const toggle = (id: EventGroupId) => {
    const hidden = new Set(filter.hidden);
    if (!hidden.delete(id)) hidden.add(id);
    onChange({ ...filter, hidden });
  };
  // A chosen queue stays listed even when a step back removed the events that named it.
  const queueOptions =
    filter.queueId === null || queueIds.includes(filter.queueId) ? queueIds : [...queueIds, filter.queueId];
  return (
    <fieldset
      className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-slate-100 px-4 py-2"
      aria-label="Filter the event log"
    >
      <fieldset className="flex min-w-0 flex-wrap gap-1" aria-label="Kinds shown">
        {EVENT_GROUPS.map((group) => {
          const shown = !filter.hidden.has(group.id);
          return (
            <button
              key={group.id}
              type="button"
              aria-pressed={shown}
              onClick={() => toggle(group.id)}
              data-testid={`log-kind-${group.id}`}
              className={`h-6 rounded-full px-2 text-xs ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-sky-600 ${
                shown ? 'bg-sky-50 text-sky-900 ring-sky-200' : 'bg-white text-slate-500 line-through ring-slate-200'
              }`}
            >
              {group.label}
            </button>
          );
        })}
      </fieldset>
      <div className="ml-auto flex items-center gap-2">
        <Select
          aria-label="Only events of queue"
          value={filter.queueId ?? ''}
          onChange={(e) => onChange({ ...filter, queueId: e.target.value === '' ? null : Number(e.target.value) })}
          data-testid="log-queue"
          className="h-7 text-xs"
        >
          <option value="">every queue</option>
          {queueOptions.map((id) => (
            <option key={id} value={id}>
              QueueId {id}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Only events of VM"
          value={filter.vm ?? ''}
          onChange={(e) => onChange({ ...filter, vm: e.target.value === '' ? null : e.target.value })}
          data-testid="log-vm"
          className="h-7 text-xs"
        >
          <option value="">every VM</option>
          {vmNames.map((name) => (
            <NameOption key={name} value={name} name={name} />
          ))}
        </Select>
      </div>
    </fieldset>
  );
}

// Events are immutable, so a row re-renders only when a rewind put a different event at its place or it was (de)selected.
const EventRow = memo(function EventRow({ event, selected }: { event: TraceEvent; selected: boolean }) {
  const { actor, text, issuedBy } = describeOnScreen(event);
  const side = useSide();
  const select = () => side.select({ kind: 'event', id: event.seq });
  return (
    <tr
      style={{ height: ROW_PX }}
      className={`cursor-pointer border-b border-slate-50 ${selected ? 'bg-amber-100/50' : 'hover:bg-slate-50'}`}
      onClick={select}
      data-testid="trace-row"
      data-kind={event.kind}
      data-seq={event.seq}
    >
      <td className="px-4 text-right font-mono text-xs tabular-nums text-slate-500">{formatUs(event.t)}</td>
      <td className={`px-3 text-xs font-medium ${actorTone[actor]}`}>{actor}</td>
      <td className="px-3 text-slate-800" title={text}>
        {/* The tag stays in view however much of a long description the column cuts off. */}
        <div className="flex min-w-0 items-center gap-2">
          <button
            type="button"
            tabIndex={-1}
            data-roving-key={`event-${event.seq}`}
            aria-current={selected || undefined}
            onClick={(e) => {
              e.stopPropagation();
              select();
            }}
            className="min-w-0 truncate text-left focus-visible:outline-2 focus-visible:outline-sky-600"
          >
            {text}
          </button>
          <span className="shrink-0">
            <IssuedByTag issuedBy={issuedBy} brief />
          </span>
        </div>
      </td>
    </tr>
  );
});
