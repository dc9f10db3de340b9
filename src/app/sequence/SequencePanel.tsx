/**
 * The sequence diagram panel: the trace as a message sequence chart (sequenceModel.ts), filtered by queue, request
 * or time range, exported as SVG or Mermaid. Selecting a message selects its event for every other view, and an
 * event selected elsewhere is highlighted here. The model is attached to the trace only while the panel is open.
 */
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { usePageStore } from '../page/PageProvider.tsx';
import type { Theme } from '../page/theme.ts';
import { usePanel } from '../page/usePanel.ts';
import { useSide, useSideSelection, useSideStore } from '../side/SideProvider.tsx';
import { useDigest } from '../side/useTrace.ts';
import { downloadText } from '../ui/download.ts';
import { TextInput, Select } from '../ui/formControls.tsx';
import { formatUs, plural } from '../ui/format.ts';
import { Button, Panel } from '../ui/primitives.tsx';
import { useElementHeight, useElementWidth } from '../ui/useElementSize.ts';
import { vizVar } from '../viz/theme.ts';
import { chartOf, filterChoices, NO_FILTER, type SequenceChart, type SequenceFilter } from './sequenceChart.ts';
import { chartMermaid, chartSvg } from './sequenceExport.ts';
import {
  arrowY,
  HEADER_PX,
  isReply,
  layoutChart,
  LEGEND,
  LIFELINE_ROLE,
  messageToken,
  ndisCrossing,
  ROW_PX,
  type ChartLayout,
} from './sequenceLayout.ts';
import { sequenceDigest, type SequenceMessage } from './sequenceModel.ts';

export function SequencePanel({ className = '' }: { className?: string }) {
  const collapse = usePanel('sequence');
  return (
    <Panel
      title="Sequence diagram"
      collapse={collapse}
      aside={collapse.open ? undefined : 'OID flows as a message sequence chart'}
      className={className}
      data-testid="sequence"
    >
      <SequenceBody />
    </Panel>
  );
}

function SequenceBody() {
  const model = useDigest(sequenceDigest);
  const [filter, setFilter] = useState<SequenceFilter>(NO_FILTER);
  // The model changes in place; its version stands for its contents.
  const chart = useMemo(() => chartOf(model, filter), [model, model.version, filter]);
  const choices = useMemo(() => filterChoices(model), [model, model.version]);
  const scenarioTitle = useSideStore((s) => s.scenario?.title ?? 'VMQ Playground');
  const title = `${scenarioTitle}${describeFilter(filter)}`;
  return (
    <div className="flex min-h-0 flex-col">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-2.5">
        <FilterBar filter={filter} onChange={setFilter} choices={choices} />
        <ExportBar chart={chart} title={title} />
      </div>
      <PartialNote />
      {chart.messages.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500" data-testid="sequence-empty">
          {model.messages.length === 0
            ? 'No OID request, indication or NBL yet: play the scenario or send a request.'
            : 'No message passes this filter.'}
        </p>
      ) : (
        <>
          <ChartView chart={chart} />
          <p className="border-t border-slate-100 px-4 py-1.5 text-xs text-slate-500">
            {plural(chart.messages.length, 'message')} · {LEGEND}
          </p>
        </>
      )}
    </div>
  );
}

/** Says when the chart is not the whole session: the oldest events left the bounded trace, or a long run kept only
 * its start, its end and the OID, state and rule events between (worker/sampledRun.ts). */
function PartialNote() {
  const { buffer } = useSide();
  const sampled = useSideStore((s) => s.sampled);
  const evicted = buffer.evicted;
  if (evicted === 0 && !sampled) return null;
  return (
    <p
      className="border-b border-slate-100 bg-amber-50 px-4 py-1.5 text-xs text-amber-950"
      data-testid="sequence-partial"
    >
      {evicted > 0 && `The trace keeps its newest events: the ${plural(evicted, 'earlier event')} are not drawn. `}
      {sampled &&
        `A long run left out ${plural(sampled.omitted, 'event')} (its OID, state and rule events are kept): receive indications and returns in that stretch are not drawn.`}
    </p>
  );
}

/** " — QueueId 1, request #5, 10.000–40.000 µs" for the export's title; nothing when nothing is filtered. */
function describeFilter(filter: SequenceFilter): string {
  const parts = [
    filter.queueId === null ? '' : `QueueId ${filter.queueId}`,
    filter.requestId === null ? '' : `request #${filter.requestId}`,
    filter.fromNs === null && filter.toNs === null
      ? ''
      : `${filter.fromNs === null ? 'start' : `${formatUs(filter.fromNs)} µs`} – ${filter.toNs === null ? 'end' : `${formatUs(filter.toNs)} µs`}`,
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` — ${parts.join(', ')}`;
}

/** µs as typed ("12.5") → ns, or null for an empty or unreadable field. */
const nsOf = (text: string): number | null => {
  const us = Number(text);
  return text.trim() === '' || !Number.isFinite(us) ? null : Math.round(us * 1000);
};

function FilterBar({
  filter,
  onChange,
  choices,
}: {
  filter: SequenceFilter;
  onChange: (filter: SequenceFilter) => void;
  choices: ReturnType<typeof filterChoices>;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const numberOrNull = (value: string) => (value === '' ? null : Number(value));
  const id = useId();
  return (
    <fieldset className="flex flex-wrap items-end gap-3" aria-label="Filter the messages">
      <Field label="Queue" id={`${id}-queue`}>
        <Select
          value={filter.queueId ?? ''}
          onChange={(e) => onChange({ ...filter, queueId: numberOrNull(e.target.value) })}
          data-testid="sequence-queue"
          id={`${id}-queue`}
        >
          <option value="">every queue</option>
          {choices.queueIds.map((q) => (
            <option key={q} value={q}>
              QueueId {q}
              {q === 0 ? ' (default)' : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Request" id={`${id}-request`}>
        <Select
          value={filter.requestId ?? ''}
          onChange={(e) => onChange({ ...filter, requestId: numberOrNull(e.target.value) })}
          className="w-72"
          data-testid="sequence-request"
          id={`${id}-request`}
        >
          <option value="">every request</option>
          {choices.requests.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From µs" id={`${id}-from`}>
        <TextInput
          inputMode="decimal"
          className="w-24"
          value={from}
          placeholder="start"
          onChange={(e) => {
            setFrom(e.target.value);
            onChange({ ...filter, fromNs: nsOf(e.target.value) });
          }}
          data-testid="sequence-from"
          id={`${id}-from`}
        />
      </Field>
      <Field label="To µs" id={`${id}-to`}>
        <TextInput
          inputMode="decimal"
          className="w-24"
          value={to}
          placeholder="end"
          onChange={(e) => {
            setTo(e.target.value);
            onChange({ ...filter, toNs: nsOf(e.target.value) });
          }}
          data-testid="sequence-to"
          id={`${id}-to`}
        />
      </Field>
      <Button
        variant="quiet"
        disabled={filter === NO_FILTER}
        onClick={() => {
          setFrom('');
          setTo('');
          onChange(NO_FILTER);
        }}
      >
        Show all
      </Button>
    </fieldset>
  );
}

/** A filter field with its name above it. */
function Field({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-slate-500">
        {label}
      </label>
      {children}
    </div>
  );
}

const fileStem = (title: string): string =>
  `sequence-${(title.toLowerCase().match(/[a-z0-9]+/g) ?? []).slice(0, 10).join('-') || 'chart'}`;

function ExportBar({ chart, title }: { chart: SequenceChart; title: string }) {
  const theme = usePageStore((s) => s.theme);
  const other: Theme = theme === 'dark' ? 'light' : 'dark';
  const [said, setSaid] = useState('');
  const empty = chart.messages.length === 0;
  const saveSvg = (inTheme: Theme) =>
    downloadText(`${fileStem(title)}-${inTheme}.svg`, 'image/svg+xml', chartSvg(chart, inTheme, title));
  const copyMermaid = async () => {
    try {
      await navigator.clipboard.writeText(chartMermaid(chart, title));
      setSaid('Mermaid copied');
    } catch {
      setSaid('The browser refused the clipboard: use Download instead');
    }
  };
  return (
    <div className="ml-auto flex flex-wrap items-center gap-2" data-testid="sequence-export">
      <span className="text-xs text-slate-500">Export</span>
      <Button disabled={empty} onClick={() => saveSvg(theme)} data-testid="sequence-svg">
        SVG
      </Button>
      <Button variant="quiet" disabled={empty} onClick={() => saveSvg(other)} data-testid="sequence-svg-other">
        SVG, {other}
      </Button>
      <Button disabled={empty} onClick={copyMermaid} data-testid="sequence-mermaid-copy">
        Copy Mermaid
      </Button>
      <Button
        variant="quiet"
        disabled={empty}
        onClick={() => downloadText(`${fileStem(title)}.mmd`, 'text/plain', chartMermaid(chart, title))}
        data-testid="sequence-mermaid"
      >
        Mermaid file
      </Button>
      <span className="text-xs text-slate-500" aria-live="polite" data-testid="sequence-said">
        {said}
      </span>
    </div>
  );
}

/** Rows drawn beyond the visible ones, so a scroll shows rows already there. */
const OVERSCAN_ROWS = 40;

/** The chart: lifeline headers that stay at the top while the rows scroll under them; only rows near the view
 * are drawn, so a long trace scrolls as lightly as a short one. */
function ChartView({ chart }: { chart: SequenceChart }) {
  const [widthRef, widthPx] = useElementWidth<HTMLDivElement>(1000);
  const [heightRef, heightPx] = useElementHeight<HTMLDivElement>(480);
  const layout = useMemo(() => layoutChart(chart, widthPx), [chart, widthPx]);
  const [scrollTop, setScrollTop] = useState(0);
  const selectedSeq = useSideSelection((s) => (s?.kind === 'event' ? s.id : null));
  const scroller = useRef<HTMLDivElement | null>(null);

  // An event selected elsewhere (the log, the timeline) scrolls into view when it is one of the chart's messages.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new selection moves the chart, not a new batch.
  useEffect(() => {
    const node = scroller.current;
    const index = chart.messages.findIndex((m) => m.seq === selectedSeq);
    if (!node || index < 0) return;
    const top = index * ROW_PX;
    if (top < node.scrollTop || top + ROW_PX > node.scrollTop + node.clientHeight - HEADER_PX)
      node.scrollTop = Math.max(0, top - (node.clientHeight - HEADER_PX) / 2);
  }, [selectedSeq]);

  const side = useSide();
  const selectedIndex = chart.messages.findIndex((m) => m.seq === selectedSeq);
  /** ↑/↓: selects the message before or after and keeps the focus on it (it is drawn: the overscan covers a row). */
  const step = (index: number, by: number) => {
    const next = chart.messages[index + by];
    if (!next) return;
    side.select({ kind: 'event', id: next.seq });
    requestAnimationFrame(() =>
      scroller.current?.querySelector<SVGGElement>(`[data-testid=sequence-message][data-seq="${next.seq}"]`)?.focus(),
    );
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.min(chart.messages.length, Math.ceil((scrollTop + heightPx) / ROW_PX) + OVERSCAN_ROWS);
  const rows = chart.messages.slice(first, last);
  return (
    <div ref={widthRef} className="min-w-0">
      <div
        ref={(node) => {
          scroller.current = node;
          heightRef.current = node;
        }}
        className="h-[30rem] overflow-auto"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="sequence-chart"
      >
        <div style={{ width: layout.width }} className="relative">
          <LifelineHeaders chart={chart} layout={layout} />
          {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; "group" names the chart while keeping its message buttons reachable. */}
          <svg
            width={layout.width}
            height={layout.bodyHeight + 16}
            className="block"
            role="group"
            aria-label={`${plural(chart.messages.length, 'message')} between ${chart.lifelines.map((l) => l.name).join(', ')}`}
          >
            {chart.lifelines.map((l) => (
              <line
                key={l.id}
                x1={layout.x.get(l.id)}
                x2={layout.x.get(l.id)}
                y1={0}
                y2={layout.bodyHeight + 16}
                stroke={vizVar('grid')}
                strokeWidth={1.5}
                strokeDasharray="4 4"
              />
            ))}
            {rows.map((m, i) => (
              <MessageRow
                key={m.pos}
                message={m}
                index={first + i}
                layout={layout}
                selected={m.seq === selectedSeq}
                // One tab stop for the chart: the selected message, or the first; the arrow keys move from there.
                tabStop={selectedIndex < 0 ? first + i === 0 : first + i === selectedIndex}
                onStep={(by) => step(first + i, by)}
              />
            ))}
          </svg>
        </div>
      </div>
    </div>
  );
}

function LifelineHeaders({ chart, layout }: { chart: SequenceChart; layout: ChartLayout }) {
  const boxPx = Math.min(170, layout.columnPx - 16);
  return (
    <div
      className="sticky top-0 z-10 border-b border-slate-100 bg-white"
      style={{ height: HEADER_PX }}
      data-testid="sequence-lifelines"
    >
      <span className="absolute bottom-1.5 left-4 text-[11px] text-slate-500">time µs</span>
      {chart.lifelines.map((l) => (
        <div
          key={l.id}
          className="absolute top-1 flex flex-col items-center rounded-md bg-slate-50 px-2 py-0.5 ring-1 ring-slate-200"
          style={{ left: (layout.x.get(l.id) as number) - boxPx / 2, width: boxPx }}
          data-testid="sequence-lifeline"
          data-lifeline={l.id}
        >
          <span className="max-w-full truncate text-sm font-semibold text-slate-800">{l.name}</span>
          <span className="text-[10px] leading-3 text-slate-500">{LIFELINE_ROLE[l.kind]}</span>
        </div>
      ))}
    </div>
  );
}

function MessageRow({
  message: m,
  index,
  layout,
  selected,
  tabStop,
  onStep,
}: {
  message: SequenceMessage;
  index: number;
  layout: ChartLayout;
  selected: boolean;
  tabStop: boolean;
  onStep: (by: number) => void;
}) {
  const side = useSide();
  const select = () => side.select({ kind: 'event', id: m.seq });
  const y = arrowY(index);
  const x1 = layout.x.get(m.from) as number;
  const x2 = layout.x.get(m.to) as number;
  const dir = x2 > x1 ? 1 : -1;
  const colour = vizVar(messageToken(m));
  const crossing = ndisCrossing(layout, m);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it takes the button's role and keys.
    <g
      role="button"
      tabIndex={tabStop ? 0 : -1}
      aria-label={`${formatUs(m.t)} ${m.label}`}
      aria-pressed={selected}
      className="group cursor-pointer outline-none"
      onClick={select}
      onKeyDown={(e) => {
        const by = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        if (e.key !== 'Enter' && by === 0) return;
        // The page's own arrow keys step the simulation; here they move through the chart.
        e.preventDefault();
        e.stopPropagation();
        if (by === 0) select();
        else onStep(by);
      }}
      data-testid="sequence-message"
      data-kind={m.kind}
      data-seq={m.seq}
      data-from={m.from}
      data-to={m.to}
      data-label={m.label}
    >
      <rect
        x={0}
        y={index * ROW_PX}
        width={layout.width}
        height={ROW_PX}
        fill={selected ? vizVar('selected') : 'transparent'}
        fillOpacity={selected ? 0.22 : 1}
        className={selected ? '' : 'group-hover:fill-slate-100 group-focus-visible:fill-slate-100'}
      />
      <text x={16} y={y + 4} fontSize={11} className="fill-slate-500 font-mono tabular-nums">
        {/* The space keeps the time a word of its own in the drawn text the name must contain (WCAG 2.5.3). */}
        {formatUs(m.t)}{' '}
      </text>
      <line
        x1={x1}
        y1={y}
        x2={x2 - dir * 7}
        y2={y}
        stroke={colour}
        strokeWidth={selected ? 2.4 : 1.6}
        strokeDasharray={isReply(m) ? '6 4' : undefined}
      />
      <polygon points={`${x2},${y} ${x2 - dir * 9},${y - 4.5} ${x2 - dir * 9},${y + 4.5}`} fill={colour} />
      {crossing !== null && <circle cx={crossing} cy={y} r={2.6} fill={colour} />}
      <text
        x={(x1 + x2) / 2}
        y={y - 6}
        textAnchor="middle"
        fontSize={11.5}
        // A halo of the background keeps the label readable where it crosses a lifeline.
        paintOrder="stroke"
        stroke={selected ? 'none' : vizVar('bg')}
        strokeWidth={4}
        strokeLinejoin="round"
        className={`font-mono ${selected ? 'fill-slate-950 font-semibold' : 'fill-slate-800'}`}
      >
        {m.label}
      </text>
    </g>
  );
}
