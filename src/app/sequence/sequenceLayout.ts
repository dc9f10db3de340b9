/**
 * Where a sequence chart's parts go: one column per lifeline, one row per message, the time in a gutter at the
 * left. The panel and the SVG export draw from the same layout, and the same colour and line style per message.
 */
import type { VizToken } from '../viz/theme.ts';
import type { SequenceChart } from './sequenceChart.ts';
import { NDIS, type LifelineKind, type SequenceMessage } from './sequenceModel.ts';

export const ROW_PX = 30;
export const HEADER_PX = 44;
export const GUTTER_PX = 92;
const MIN_COLUMN_PX = 190;
const EDGE_PX = 24;

export interface ChartLayout {
  width: number;
  /** The rows' height, without the header. */
  bodyHeight: number;
  /** The x of each lifeline's line, by id. */
  x: ReadonlyMap<string, number>;
  columnPx: number;
}

/** Columns share `widthPx` once each has its minimum; a chart with many lifelines is wider and scrolls. */
export function layoutChart(chart: SequenceChart, widthPx: number): ChartLayout {
  const count = Math.max(1, chart.lifelines.length);
  const columnPx = Math.max(MIN_COLUMN_PX, (widthPx - GUTTER_PX - EDGE_PX) / count);
  const x = new Map(chart.lifelines.map((l, i) => [l.id, GUTTER_PX + columnPx * (i + 0.5)] as const));
  return { width: GUTTER_PX + columnPx * count + EDGE_PX, bodyHeight: chart.messages.length * ROW_PX, x, columnPx };
}

/** The centre line of row `index`'s arrow, below its label. */
export const arrowY = (index: number): number => index * ROW_PX + ROW_PX - 8;

/** Where an arrow passes through NDIS (every call between a driver or a VM and the miniport does), the x of the
 * dot that says so; null for an arrow that starts or ends at NDIS, or does not cross it. */
export function ndisCrossing(layout: ChartLayout, m: SequenceMessage): number | null {
  const ndis = layout.x.get(NDIS.id);
  const [a, b] = [layout.x.get(m.from) as number, layout.x.get(m.to) as number].sort((p, q) => p - q) as [
    number,
    number,
  ];
  return ndis !== undefined && a < ndis && ndis < b ? ndis : null;
}

/** The chart's key, under it on screen and in the export. */
export const LEGEND = 'solid: a call · dashed: the status it returns · dot: through NDIS';

/** Answers (PENDING, completions) are dashed, as replies are in sequence charts; calls are solid. */
export const isReply = (m: SequenceMessage): boolean => m.kind === 'pending' || m.kind === 'completion';

export type MessageToken = Extract<
  VizToken,
  | 'actor-ndis'
  | 'warning'
  | 'indicate'
  | 'drop'
  | 'actor-overlying'
  | 'state-stopdma'
  | 'actor-miniport'
  | 'frame'
  | 'return'
  | 'mem-host'
>;

/** One colour per family of message, from the drawings' palette (viz/theme.ts). */
export function messageToken(m: SequenceMessage): MessageToken {
  switch (m.kind) {
    case 'request':
    case 'close':
      return 'actor-ndis';
    case 'pending':
      return 'warning';
    case 'completion':
      return m.status === 'NDIS_STATUS_SUCCESS' ? 'indicate' : 'drop';
    case 'status':
      return 'actor-overlying';
    case 'dma-stop':
      return 'state-stopdma';
    case 'filter':
    case 'queue-parameters':
      return 'actor-miniport';
    case 'receive':
      return 'frame';
    case 'return':
      return 'return';
    case 'memory-allocate':
    case 'memory-free':
      return 'mem-host';
  }
}

/** What each kind of lifeline is, under its name. */
export const LIFELINE_ROLE: Record<LifelineKind, string> = {
  vm: 'VM',
  driver: 'overlying driver',
  ndis: 'ndis.sys',
  miniport: 'VMQ miniport',
  nic: 'hardware',
};
