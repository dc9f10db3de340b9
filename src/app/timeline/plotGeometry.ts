/**
 * Where the timeline's rows sit (control rows above data rows, the axis below) and what the pointer is over. Pure,
 * so the canvas, the SVG overlay and the hit test agree to the pixel.
 */
import { binPoints, CONTROL_ROWS, DATA_ROWS, marksAt, type ControlRow, type DataRow, type Lanes } from './lanes.ts';

export type Row = ControlRow | DataRow;

/** Room for the row labels, left of the plot. */
export const LABEL_PX = 132;
export const RIGHT_PX = 16;
export const ROW_PX = 18;
const GAP_PX = 8;
export const AXIS_PX = 22;
export const CONTROL_TOP = 4;
export const DATA_TOP = CONTROL_TOP + CONTROL_ROWS.length * ROW_PX + GAP_PX;
export const HEIGHT_PX = DATA_TOP + DATA_ROWS.length * ROW_PX + AXIS_PX;
/** How close (px) the pointer must be to a mark to name or select it. */
const HIT_PX = 6;

export const ROW_LABEL: Record<Row, string> = {
  oid: 'OID requests',
  adapter: 'queues · filters',
  check: 'rules · notes',
  arrived: 'frames arrived',
  indicated: 'NBLs indicated',
  dropped: 'frames dropped',
};

const isControlRow = (row: Row): row is ControlRow => (CONTROL_ROWS as readonly string[]).includes(row);

/** The y of a row's top edge. */
export const rowTop = (row: Row): number =>
  isControlRow(row)
    ? CONTROL_TOP + CONTROL_ROWS.indexOf(row) * ROW_PX
    : DATA_TOP + DATA_ROWS.indexOf(row as DataRow) * ROW_PX;

function rowAt(y: number): Row | undefined {
  if (y >= CONTROL_TOP && y < CONTROL_TOP + CONTROL_ROWS.length * ROW_PX)
    return CONTROL_ROWS[Math.floor((y - CONTROL_TOP) / ROW_PX)];
  if (y >= DATA_TOP && y < DATA_TOP + DATA_ROWS.length * ROW_PX) return DATA_ROWS[Math.floor((y - DATA_TOP) / ROW_PX)];
  return undefined;
}

/** What the pointer is over: the events at that spot (a click selects the first), and where to put the tooltip. */
export interface Hit {
  seqs: number[];
  x: number;
  y: number;
}

/** The events under the point (px, py) of a plot `widthPx` wide, or null. */
export function hitAt(lanes: Lanes, scale: (x: number) => number, widthPx: number, px: number, py: number): Hit | null {
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
}
