/**
 * The timeline: a control lane (OID requests, queue/filter/memory changes and status indications, rule checks and
 * narration) over a data lane (frames arriving, NBLs indicated, drops), on an axis of virtual time or of event
 * order; a playhead at the present; and a scrubber that seeks. Pointing at a mark names it; clicking selects it.
 *
 * The marks are drawn on a canvas (a busy trace has thousands); d3 gives the scale and draws the axis into its own
 * <g>; React owns the rest. It redraws when the trace, the time, the size, the theme or the selection changes —
 * never per animation frame.
 */
import { axisBottom, scaleLinear, select } from 'd3';
import { useEffect, useId, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { TraceEvent } from '../../engine/types.ts';
import { describeEvent } from '../../scenario/describe.ts';
import { Panel, Segmented } from '../ui/primitives.tsx';
import { formatCount, formatUs } from '../ui/format.ts';
import { useElementWidth } from '../ui/useElementSize.ts';
import { indexOfSeq } from '../trace/traceLookup.ts';
import { useDrive, usePageStore } from '../page/PageProvider.tsx';
import { useSide, useSideSelection, useSideStore } from '../side/SideProvider.tsx';
import { Palette, vizVar } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import {
  binPoints,
  CONTROL_ROWS,
  DATA_ROWS,
  laneData,
  marksAt,
  type Axis,
  type ControlRow,
  type DataRow,
  type Lanes,
  type MarkTone,
} from './lanes.ts';
import { useTraceMemo } from '../side/useTrace.ts';

const LABEL_PX = 132;
const RIGHT_PX = 16;
const ROW_PX = 18;
const GAP_PX = 8;
const AXIS_PX = 22;
const CONTROL_TOP = 4;
const DATA_TOP = CONTROL_TOP + CONTROL_ROWS.length * ROW_PX + GAP_PX;
const HEIGHT_PX = DATA_TOP + DATA_ROWS.length * ROW_PX + AXIS_PX;
/** How close (px) the pointer must be to a mark to name or select it. */
const HIT_PX = 6;
/** Events a tooltip names before it says how many more share the spot. */
const TOOLTIP_LINES = 6;

/** What the pointer is over: the events at that spot (a click selects the first), and where to put the tooltip. */
interface Hit {
  seqs: number[];
  x: number;
  y: number;
}

const ROW_LABEL: Record<ControlRow | DataRow, string> = {
  oid: 'OID requests',
  adapter: 'queues · filters',
  check: 'rules · notes',
  arrived: 'frames arrived',
  indicated: 'NBLs indicated',
  dropped: 'frames dropped',
};

const TONE_TOKEN: Record<MarkTone, VizToken> = {
  success: 'indicate',
  failure: 'drop',
  pending: 'warning',
  state: 'actor-miniport',
  filter: 'actor-overlying',
  memory: 'mem-host',
  indication: 'actor-ndis',
  error: 'violation',
  warning: 'warning',
  note: 'actor-scenario',
};

const DATA_TOKEN: Record<DataRow, VizToken> = {
  arrived: 'frame',
  indicated: 'indicate',
  dropped: 'drop',
};

/** When several marks share a spot, the one drawn is the one a reader must not miss. */
const TONE_RANK: MarkTone[] = [
  'error',
  'failure',
  'warning',
  'pending',
  'indication',
  'state',
  'filter',
  'memory',
  'success',
  'note',
];

const rowAt = (y: number): ControlRow | DataRow | undefined => {
  if (y >= CONTROL_TOP && y < CONTROL_TOP + CONTROL_ROWS.length * ROW_PX)
    return CONTROL_ROWS[Math.floor((y - CONTROL_TOP) / ROW_PX)];
  if (y >= DATA_TOP && y < DATA_TOP + DATA_ROWS.length * ROW_PX) return DATA_ROWS[Math.floor((y - DATA_TOP) / ROW_PX)];
  return undefined;
};

const isControlRow = (row: ControlRow | DataRow): row is ControlRow =>
  (CONTROL_ROWS as readonly string[]).includes(row);

export function Timeline({ className = '' }: { className?: string }) {
  const side = useSide();
  const { buffer } = side;
  const { seek } = useDrive();
  const [axis, setAxis] = useState<Axis>('time');
  const lanes = useTraceMemo((trace) => laneData(trace, axis), [axis]);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const sessionId = useSideStore((s) => s.sessionId);
  const plannedNs = useSideStore((s) => s.scenario?.plannedNs ?? 0);
  const selected = useSideSelection((s) => s);
  const theme = usePageStore((s) => s.theme);
  const [palette] = useState(() => new Palette());

  // The axis spans the scenario's planned time and the furthest time reached, so the whole story (and, after a step
  // back, the future just undone) is there to scrub to.
  const furthest = useRef({ sessionId, ns: 0 });
  if (furthest.current.sessionId !== sessionId) furthest.current = { sessionId, ns: 0 };
  furthest.current.ns = Math.max(furthest.current.ns, plannedNs, simTimeNs, axis === 'time' ? lanes.maxX : 0);
  const domainMax = axis === 'time' ? Math.max(furthest.current.ns, 1000) : Math.max(buffer.length - 1, 10);

  const [container, widthPx] = useElementWidth<HTMLDivElement>(800);

  const scale = useMemo(
    () =>
      scaleLinear()
        .domain([0, domainMax])
        .range([LABEL_PX, Math.max(LABEL_PX + 10, widthPx - RIGHT_PX)]),
    [domainMax, widthPx],
  );
  const presentX = axis === 'time' ? simTimeNs : buffer.length - 1;
  const selectedX = useTraceMemo(
    (trace) => {
      if (selected?.kind !== 'event') return null;
      const index = indexOfSeq(trace, selected.id);
      if (index < 0) return null;
      return axis === 'time' ? (trace.at(index) as TraceEvent).t : index;
    },
    [selected, axis],
  );

  const canvas = useRef<HTMLCanvasElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `theme` is a redraw trigger: the palette's canvas colours change with it.
  useEffect(() => {
    const node = canvas.current;
    if (node) draw(node, widthPx, lanes, scale, palette);
  }, [widthPx, lanes, scale, palette, theme]);

  const axisGroup = useRef<SVGGElement>(null);
  useEffect(() => {
    if (!axisGroup.current) return;
    const format =
      axis === 'time'
        ? (ns: number) => `${formatUs(ns).replace(/\.?0+$/, '')} µs`
        : (i: number) => `#${formatCount(i)}`;
    select(axisGroup.current)
      .call(
        axisBottom(scale)
          .ticks(Math.max(2, Math.floor(widthPx / 110)))
          .tickFormat((v) => format(Number(v)))
          .tickSizeOuter(0),
      )
      .call((g) => g.selectAll('text').attr('fill', vizVar('muted')))
      .call((g) => g.selectAll('line, path').attr('stroke', vizVar('grid')));
  }, [scale, axis, widthPx]);

  const [hover, setHover] = useState<Hit | null>(null);
  const hit = (event: MouseEvent<SVGSVGElement>): Hit | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const row = rowAt(py);
    if (!row || px < LABEL_PX - HIT_PX) return null;
    if (isControlRow(row)) {
      const marks = marksAt(lanes.marks, row, px, scale, HIT_PX);
      const [first] = marks;
      return first ? { seqs: marks.map((m) => m.seq), x: scale(first.x), y: py } : null;
    }
    const bins = binPoints(lanes.points, row, Math.ceil(widthPx), scale);
    for (let d = 0; d <= HIT_PX; d++) {
      const bin = bins[Math.floor(px) - d] ?? bins[Math.floor(px) + d];
      if (bin) return { seqs: [bin.seq], x: px, y: py };
    }
    return null;
  };
  const hoverLines = useTraceMemo(
    (trace) => {
      if (!hover) return [];
      const lines = hover.seqs.slice(0, TOOLTIP_LINES).flatMap((seq) => {
        const event = trace.at(indexOfSeq(trace, seq));
        return event ? [`${formatUs(event.t)} µs · ${describeEvent(event).text}`] : [];
      });
      if (hover.seqs.length > TOOLTIP_LINES)
        lines.push(`and ${hover.seqs.length - TOOLTIP_LINES} more here (switch to event order to spread them out)`);
      return lines;
    },
    [hover],
  );

  const oids = lanes.marks.filter((m) => m.row === 'oid').length;
  const frames = lanes.points.filter((p) => p.row === 'arrived').reduce((n, p) => n + p.weight, 0);
  const summary = `${formatCount(oids)} OID answers, ${formatCount(frames)} frames traced, up to ${formatUs(axis === 'time' ? furthest.current.ns : simTimeNs)} µs`;
  return (
    <Panel
      title="Timeline"
      aside={<AxisSwitch axis={axis} onChange={setAxis} />}
      className={className}
      data-testid="timeline"
    >
      <div ref={container} className="relative px-0 pt-1" style={{ height: HEIGHT_PX }}>
        <canvas ref={canvas} className="absolute inset-0" style={{ width: widthPx, height: HEIGHT_PX }} aria-hidden />
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: clicking a mark is a mouse shortcut; the event log below lists the same events as keyboard-reachable rows (its aria-label says so). */}
        <svg
          width={widthPx}
          height={HEIGHT_PX}
          className="absolute inset-0 cursor-crosshair"
          role="img"
          aria-label={`Timeline: ${summary}. The event log below lists the same events.`}
          onPointerMove={(e) => setHover(hit(e))}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const found = hit(e)?.seqs[0];
            if (found !== undefined) side.select({ kind: 'event', id: found });
          }}
          data-testid="timeline-plot"
        >
          {[...CONTROL_ROWS, ...DATA_ROWS].map((row, i) => (
            <text
              key={row}
              x={LABEL_PX - 10}
              y={
                (i < CONTROL_ROWS.length ? CONTROL_TOP + i * ROW_PX : DATA_TOP + (i - CONTROL_ROWS.length) * ROW_PX) +
                ROW_PX / 2 +
                4
              }
              textAnchor="end"
              fontSize={11}
              fill={vizVar('muted')}
            >
              {ROW_LABEL[row]}
            </text>
          ))}
          <g ref={axisGroup} transform={`translate(0, ${HEIGHT_PX - AXIS_PX})`} fontSize={10} />
          {selectedX !== null && (
            <line
              x1={scale(selectedX)}
              x2={scale(selectedX)}
              y1={0}
              y2={HEIGHT_PX - AXIS_PX}
              stroke={vizVar('selected')}
              strokeWidth={2}
              data-testid="timeline-selected"
            />
          )}
          <line
            x1={scale(presentX)}
            x2={scale(presentX)}
            y1={0}
            y2={HEIGHT_PX - AXIS_PX}
            stroke={vizVar('playhead')}
            strokeWidth={1.5}
            data-testid="timeline-playhead"
          />
          <path d={`M${scale(presentX) - 4},0 h8 l-4,5 z`} fill={vizVar('playhead')} />
        </svg>
        {hover && hoverLines.length > 0 && (
          <div
            role="tooltip"
            className="pointer-events-none absolute z-10 max-w-md rounded-md bg-slate-800 px-2 py-1 text-xs text-slate-50 shadow-lg"
            style={{ left: Math.max(0, Math.min(hover.x + 10, widthPx - 448)), top: hover.y + 12 }}
            data-testid="timeline-tooltip"
          >
            {hoverLines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of a tooltip rebuilt on every hover; two events can read the same.
              <p key={i} className="truncate">
                {line}
              </p>
            ))}
          </div>
        )}
      </div>
      <Scrubber maxNs={Math.max(furthest.current.ns, 1000)} valueNs={simTimeNs} onSeek={seek} />
    </Panel>
  );
}

function AxisSwitch({ axis, onChange }: { axis: Axis; onChange: (axis: Axis) => void }) {
  return (
    <Segmented
      label="Timeline axis"
      options={[
        ['time', 'virtual time'],
        ['order', 'event order'],
      ]}
      value={axis}
      onChange={onChange}
      testIdPrefix="timeline-axis"
    />
  );
}

/** Seeks while dragging; seeks arrive at most once per animation frame, each an instant restore or run in the worker. */
function Scrubber({ maxNs, valueNs, onSeek }: { maxNs: number; valueNs: number; onSeek: (tNs: number) => void }) {
  const id = useId();
  const pending = useRef<number | null>(null);
  const request = (tNs: number) => {
    const first = pending.current === null;
    pending.current = tNs;
    if (first) {
      requestAnimationFrame(() => {
        if (pending.current !== null) onSeek(pending.current);
        pending.current = null;
      });
    }
  };
  // A round step (1, 10, 100 ns…) near a thousandth of the range, so arrow keys move visibly and values stay round.
  const step = 10 ** Math.max(0, Math.floor(Math.log10(maxNs / 1000)));
  return (
    <div className="flex items-center gap-3 border-t border-slate-100 px-4 py-2">
      <label htmlFor={id} className="w-28 shrink-0 text-right text-xs text-slate-500">
        seek (virtual time)
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={maxNs}
        step={step}
        value={Math.min(valueNs, maxNs)}
        onChange={(e) => request(Number(e.target.value))}
        aria-valuetext={`${formatUs(valueNs)} µs`}
        className="h-2 min-w-0 flex-1 accent-sky-700"
        data-testid="scrubber"
      />
      <span className="w-28 shrink-0 font-mono text-xs tabular-nums text-slate-600">{formatUs(valueNs)} µs</span>
    </div>
  );
}

/** Draws both lanes: row backgrounds, the control marks (one per few pixels, with a count where they pile up), the data bins. */
function draw(
  canvas: HTMLCanvasElement,
  widthPx: number,
  lanes: Lanes,
  scale: (x: number) => number,
  palette: Palette,
): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(widthPx * ratio);
  canvas.height = Math.round(HEIGHT_PX * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, widthPx, HEIGHT_PX);
  const plotWidth = widthPx - LABEL_PX - RIGHT_PX + 2;
  ctx.fillStyle = palette.color('lane');
  CONTROL_ROWS.forEach((_, i) => {
    ctx.fillRect(LABEL_PX - 2, CONTROL_TOP + i * ROW_PX + 1, plotWidth, ROW_PX - 2);
  });
  DATA_ROWS.forEach((_, i) => {
    ctx.fillRect(LABEL_PX - 2, DATA_TOP + i * ROW_PX + 1, plotWidth, ROW_PX - 2);
  });

  // Control marks, grouped by 4 px so a pile of simultaneous requests reads as one mark with its count.
  CONTROL_ROWS.forEach((row, i) => {
    const groups = new Map<number, { tone: MarkTone; count: number }>();
    for (const mark of lanes.marks) {
      if (mark.row !== row) continue;
      const key = Math.round(scale(mark.x) / 4);
      const group = groups.get(key);
      if (!group) groups.set(key, { tone: mark.tone, count: 1 });
      else {
        group.count++;
        if (TONE_RANK.indexOf(mark.tone) < TONE_RANK.indexOf(group.tone)) group.tone = mark.tone;
      }
    }
    const mid = CONTROL_TOP + i * ROW_PX + ROW_PX / 2;
    ctx.font = '9px ui-sans-serif, system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const [key, group] of groups) {
      const x = key * 4;
      ctx.fillStyle = palette.color(TONE_TOKEN[group.tone]);
      ctx.beginPath();
      if (row === 'check') ctx.rect(x - 3, mid - 3, 6, 6);
      else ctx.arc(x, mid, row === 'oid' ? 4 : 3, 0, Math.PI * 2);
      ctx.fill();
      if (group.count > 1) {
        ctx.fillStyle = palette.color('fg');
        ctx.fillText(`${group.count}`, x + 6, mid);
      }
    }
  });

  // Data bins: bar height grows with the square root of the count, so one frame shows and a burst does not swamp.
  const columns = Math.ceil(widthPx);
  DATA_ROWS.forEach((row, i) => {
    const bins = binPoints(lanes.points, row, columns, scale);
    let peak = 1;
    for (const bin of bins) if (bin && bin.total > peak) peak = bin.total;
    const bottom = DATA_TOP + (i + 1) * ROW_PX - 1;
    ctx.fillStyle = palette.color(DATA_TOKEN[row]);
    bins.forEach((bin, column) => {
      if (!bin) return;
      const height = Math.max(2, Math.sqrt(bin.total / peak) * (ROW_PX - 3));
      ctx.fillRect(column, bottom - height, 1.5, height);
    });
  });
}
