/**
 * One chart of the set: step lines over virtual time (d3's scales and line generator), the timeline's cursor as a
 * vertical line, and under the plot each series with its value at the cursor. Everything is in the SVG, with
 * colours as attributes, so the export is the drawing itself.
 */
import { area, curveLinear, curveStepAfter, line, scaleLinear } from 'd3';
import type { MouseEvent } from 'react';
import { vizVar } from '../viz/theme.ts';
import { formatCount } from '../ui/format.ts';
import type { Chart, ChartPoint } from './chartModel.ts';

const MARGIN = { left: 52, right: 22, top: 36, bottom: 24 };
/** The legend starts near the chart's edge: its labels need the width more than the axis does. */
const LEGEND_LEFT = 12;
const PLOT_PX = 104;
const LEGEND_ROW_PX = 18;
export const TITLE_PX = 14;

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const TABULAR = { fontVariantNumeric: 'tabular-nums' } as const;
const rateText = (value: number): string => (value === 0 ? '0' : compact.format(value));

/** 1234567 ns → "1.23 ms": the unit the run's length calls for. */
export function formatTime(ns: number, endNs: number): string {
  if (endNs < 1e6) return `${round(ns / 1e3)} µs`;
  if (endNs < 1e9) return `${round(ns / 1e6)} ms`;
  return `${round(ns / 1e9)} s`;
}
const round = (n: number): string => String(Math.round(n * 100) / 100);

export function SmallMultiple({
  chart,
  width,
  endNs,
  cursorNs,
  hoverNs,
  valuesAtNs,
  onHover,
  onSeek,
}: {
  chart: Chart;
  width: number;
  endNs: number;
  /** The timeline's cursor: the current virtual time. */
  cursorNs: number;
  hoverNs: number | null;
  /** Where the numbers under the plot are read: the hover, else the cursor. */
  valuesAtNs: number;
  onHover(tNs: number | null): void;
  onSeek(tNs: number): void;
}) {
  const legendRows = Math.max(1, chart.series.length) + 1;
  const height = MARGIN.top + PLOT_PX + MARGIN.bottom + legendRows * LEGEND_ROW_PX + 6;
  const x = scaleLinear()
    .domain([0, Math.max(1, endNs)])
    .range([MARGIN.left, Math.max(MARGIN.left + 1, width - MARGIN.right)]);
  const max = Math.max(0, ...chart.series.flatMap((s) => s.points.map((p) => p.value)));
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(3)
    .range([MARGIN.top + PLOT_PX, MARGIN.top]);
  const isRate = chart.totalUnit !== null;
  // A rate holds through its bucket; a level is known only where the engine reported it (each batch's view), so
  // its samples are joined by a dashed line that claims nothing about what happened in between.
  const path = line<ChartPoint>()
    .x((p) => x(p.tNs))
    .y((p) => y(p.value))
    .curve(isRate ? curveStepAfter : curveLinear);
  const fill = area<ChartPoint>()
    .x((p) => x(p.tNs))
    .y0(y(0))
    .y1((p) => y(p.value))
    .curve(curveStepAfter);
  // Samples far apart (a Step runs a whole burst in one batch) are marked and joined by a dashed line; while
  // playing there is one per frame, and the line is the level.
  const sparse = (points: ChartPoint[]) => !isRate && points.length * 10 < width;
  // A step ends where the run does: its last value holds until now.
  const held = (points: ChartPoint[]) =>
    points.length === 0 ? [] : [...points, { tNs: endNs, value: (points.at(-1) as ChartPoint).value }];
  const timeAt = (event: MouseEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(endNs, x.invert(MARGIN.left + event.clientX - box.left)));
  };
  const legendTop = MARGIN.top + PLOT_PX + MARGIN.bottom + 8;
  const totalRight = width - LEGEND_LEFT;
  // A level has one number per series; a rate has its value at the cursor and the total so far.
  const valueRight = isRate ? totalRight - 104 : totalRight;
  const fg = vizVar('fg');
  const muted = vizVar('muted');

  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${chart.title}, ${chart.unit}`}
      data-chart={chart.id}
      className="block"
    >
      <text x={LEGEND_LEFT} y={20} fill={fg} fontSize={TITLE_PX} fontWeight={600}>
        {chart.title}
        <tspan fill={muted} fontWeight={400} dx={6}>
          {chart.unit}
        </tspan>
      </text>
      {y.ticks(3).map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={vizVar('grid')} />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fill={muted} fontSize={11}>
            {rateText(tick)}
          </text>
        </g>
      ))}
      {(endNs > 0 ? x.ticks(Math.max(2, Math.floor(width / 110))) : [0]).map((tick) => (
        <text key={tick} x={x(tick)} y={MARGIN.top + PLOT_PX + 16} textAnchor="middle" fill={muted} fontSize={11}>
          {formatTime(tick, endNs)}
        </text>
      ))}
      <line
        x1={MARGIN.left}
        x2={width - MARGIN.right}
        y1={MARGIN.top + PLOT_PX}
        y2={MARGIN.top + PLOT_PX}
        stroke={muted}
      />
      {chart.series.map((series) => (
        <g key={series.subject}>
          {/* A light fill under a rate reads as the histogram it is; a level is a line. */}
          {isRate && <path d={fill(held(series.points)) ?? ''} fill={vizVar(series.token)} fillOpacity={0.14} />}
          <path
            d={path(held(series.points)) ?? ''}
            fill="none"
            stroke={vizVar(series.token)}
            strokeWidth={2}
            strokeLinejoin="round"
            strokeDasharray={sparse(series.points) ? '4 3' : undefined}
          />
          {sparse(series.points) &&
            series.points.map((p) => (
              <circle key={p.tNs} cx={x(p.tNs)} cy={y(p.value)} r={2.5} fill={vizVar(series.token)} />
            ))}
        </g>
      ))}
      {hoverNs !== null && (
        <line
          x1={x(hoverNs)}
          x2={x(hoverNs)}
          y1={MARGIN.top}
          y2={MARGIN.top + PLOT_PX}
          stroke={muted}
          strokeDasharray="3 3"
        />
      )}
      <line
        x1={x(cursorNs)}
        x2={x(cursorNs)}
        y1={MARGIN.top - 4}
        y2={MARGIN.top + PLOT_PX}
        stroke={vizVar('playhead')}
        strokeWidth={2}
        data-testid="chart-cursor"
      />
      {/* Catches the pointer over the plot: hovering reads the values there, a click seeks to it. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the pointer's aid only; the timeline is the keyboard's way to seek. */}
      <rect
        x={MARGIN.left}
        y={MARGIN.top}
        width={Math.max(0, width - MARGIN.left - MARGIN.right)}
        height={PLOT_PX}
        fill="transparent"
        className="cursor-crosshair"
        data-testid="chart-plot"
        onPointerMove={(event) => onHover(timeAt(event))}
        onPointerLeave={() => onHover(null)}
        onClick={(event) => onSeek(timeAt(event))}
      />
      <g transform={`translate(0 ${legendTop})`} fill={muted} fontSize={11}>
        <text x={LEGEND_LEFT}>{chart.series.length === 0 ? 'Nothing counted yet.' : ''}</text>
        <text x={valueRight} textAnchor="end">
          at {formatTime(valuesAtNs, endNs)}
        </text>
        {chart.totalUnit && (
          <text x={totalRight} textAnchor="end">
            {chart.totalUnit}
          </text>
        )}
      </g>
      {chart.series.map((series, i) => (
        <g
          key={series.subject}
          transform={`translate(0 ${legendTop + (i + 1) * LEGEND_ROW_PX})`}
          fontSize={12}
          data-testid="chart-value"
          data-series={series.subject}
          data-at-cursor={series.atCursor}
          data-total={series.totalAtCursor ?? undefined}
        >
          <rect x={LEGEND_LEFT} y={-5} width={12} height={4} rx={1} fill={vizVar(series.token)} />
          <text x={LEGEND_LEFT + 18} fill={fg}>
            {series.label}
          </text>
          <text x={valueRight} textAnchor="end" fill={fg} style={TABULAR}>
            {series.totalAtCursor === null ? formatCount(series.atCursor) : rateText(series.atCursor)}
          </text>
          {series.totalAtCursor !== null && (
            <text x={totalRight} textAnchor="end" fill={fg} style={TABULAR}>
              {formatCount(series.totalAtCursor)}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
