/**
 * The timeline's lanes (loaded when the reader opens them, Timeline.tsx): a control lane (OID requests,
 * queue/filter/memory changes and status indications, rule checks and narration) over a data lane (frames arriving,
 * NBLs indicated, drops), on an axis of virtual time or of event order, with a playhead at the present. Pointing at a
 * mark names it; clicking selects it.
 *
 * The marks are drawn on a canvas (LanesCanvas.tsx); React draws the axis and the rest as SVG, with d3-array's
 * `ticks` choosing round tick values (the rest of d3 would cost the first view ~10 KB gzip, bench P4). It redraws when the trace, the time, the size, the theme or the selection changes — never per
 * animation frame.
 */
import { useMemo, useState, type MouseEvent } from 'react';
import type { TraceEvent } from '../../engine/index.ts';
import { useSide, useSideSelection, useSideStore } from '../side/SideProvider.tsx';
import { useDigest, useTraceMemo } from '../side/useTrace.ts';
import { indexOfSeq } from '../trace/traceLookup.ts';
import { formatCount, formatUs } from '../ui/format.ts';
import { useElementWidth } from '../ui/useElementSize.ts';
import { vizVar } from '../viz/theme.ts';
import { HoverTooltip } from './HoverTooltip.tsx';
import { CONTROL_ROWS, DATA_ROWS, laneDigest, type Axis, type Lanes } from './lanes.ts';
import { LanesCanvas } from './LanesCanvas.tsx';
import { MarkCursor } from './MarkCursor.tsx';
import { AXIS_PX, HEIGHT_PX, hitAt, LABEL_PX, RIGHT_PX, ROW_LABEL, ROW_PX, rowTop, type Hit } from './plotGeometry.ts';
import { linearScale, type LinearScale } from './linearScale.ts';

type Scale = (x: number) => number;

export function TimelineLanes({ axis, furthestNs }: { axis: Axis; furthestNs: number }) {
  const side = useSide();
  const lanes = useDigest(laneDigest).lanes(axis);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const [container, widthPx] = useElementWidth<HTMLDivElement>(800);
  // On event order, x is the event's position in the trace, evicted events included: the axis starts at the oldest kept.
  const domainMin = axis === 'time' ? 0 : lanes.start;
  const domainMax = axis === 'time' ? Math.max(furthestNs, 1000) : lanes.start + Math.max(side.buffer.length - 1, 10);
  const scale = useMemo(
    () => linearScale([domainMin, domainMax], [LABEL_PX, Math.max(LABEL_PX + 10, widthPx - RIGHT_PX)]),
    [domainMin, domainMax, widthPx],
  );
  const [hover, setHover] = useState<Hit | null>(null);

  const summary = `${formatCount(lanes.oidMarks)} OID answers, ${formatCount(lanes.framesArrived)} frames traced, up to ${formatUs(axis === 'time' ? furthestNs : simTimeNs)} µs`;
  return (
    <div ref={container} className="relative px-0 pt-1" style={{ height: HEIGHT_PX }}>
      <LanesCanvas widthPx={widthPx} lanes={lanes} scale={scale} />
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard's way to a mark is the mark cursor inside (MarkCursor.tsx), and the event log lists the same events. */}
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; "group" names the plot while keeping its mark cursor reachable. */}
      <svg
        width={widthPx}
        height={HEIGHT_PX}
        className="absolute inset-0 cursor-crosshair"
        role="group"
        aria-label={`Timeline: ${summary}. Arrow keys move between its marks; the event log below lists the same events.`}
        onPointerMove={(e) => setHover(hitOf(e, lanes, scale, widthPx))}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const found = hitOf(e, lanes, scale, widthPx)?.seqs[0];
          if (found !== undefined) side.select({ kind: 'event', id: found });
        }}
        data-testid="timeline-plot"
      >
        <RowLabels />
        <TimeAxis axis={axis} scale={scale} widthPx={widthPx} start={domainMin} />
        <Marker axis={axis} scale={scale} start={domainMin} />
        <MarkCursor lanes={lanes} scale={scale} />
      </svg>
      {hover && <HoverTooltip hover={hover} widthPx={widthPx} />}
    </div>
  );
}

function hitOf(event: MouseEvent<SVGSVGElement>, lanes: Lanes, scale: Scale, widthPx: number): Hit | null {
  const rect = event.currentTarget.getBoundingClientRect();
  return hitAt(lanes, scale, widthPx, event.clientX - rect.left, event.clientY - rect.top);
}

function RowLabels() {
  return (
    <>
      {[...CONTROL_ROWS, ...DATA_ROWS].map((row) => (
        <text
          key={row}
          x={LABEL_PX - 10}
          y={rowTop(row) + ROW_PX / 2 + 4}
          textAnchor="end"
          fontSize={11}
          fill={vizVar('muted')}
        >
          {ROW_LABEL[row]}
        </text>
      ))}
    </>
  );
}

/** The axis below the lanes: a baseline and round ticks with labels, as d3's axisBottom drew them. */
function TimeAxis({
  axis,
  scale,
  widthPx,
  start,
}: {
  axis: Axis;
  scale: LinearScale;
  widthPx: number;
  /** The x of the oldest kept event on event order: labels count from it. */
  start: number;
}) {
  const format =
    axis === 'time'
      ? (ns: number) => `${formatUs(ns).replace(/\.?0+$/, '')} µs`
      : (i: number) => `#${formatCount(i - start)}`;
  const [left, right] = scale.range;
  return (
    <g transform={`translate(0, ${HEIGHT_PX - AXIS_PX})`} fontSize={10} fontFamily="sans-serif" textAnchor="middle">
      <path d={`M${left + 0.5},0.5H${right + 0.5}`} stroke={vizVar('grid')} fill="none" />
      {scale.ticks(Math.max(2, Math.floor(widthPx / 110))).map((value) => (
        <g key={value} transform={`translate(${scale(value) + 0.5},0)`}>
          <line y2={6} stroke={vizVar('grid')} />
          <text y={9} dy="0.71em" fill={vizVar('muted')}>
            {format(value)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The playhead at the present, and a line at the selected event. */
function Marker({ axis, scale, start }: { axis: Axis; scale: Scale; start: number }) {
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const selected = useSideSelection((s) => (s?.kind === 'event' ? s.id : null));
  const traceLength = useTraceMemo((trace) => trace.length, []);
  const selectedX = useTraceMemo(
    (trace) => {
      if (selected === null) return null;
      const index = indexOfSeq(trace, selected);
      if (index < 0) return null;
      return axis === 'time' ? (trace.at(index) as TraceEvent).t : start + index;
    },
    [selected, axis, start],
  );
  const presentX = scale(axis === 'time' ? simTimeNs : start + traceLength - 1);
  return (
    <>
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
        x1={presentX}
        x2={presentX}
        y1={0}
        y2={HEIGHT_PX - AXIS_PX}
        stroke={vizVar('playhead')}
        strokeWidth={1.5}
        data-testid="timeline-playhead"
      />
      <path d={`M${presentX - 4},0 h8 l-4,5 z`} fill={vizVar('playhead')} />
    </>
  );
}
