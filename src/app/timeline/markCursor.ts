/**
 * The keyboard's place among the timeline's marks: one mark of one row. ← and → go to the mark before or after it in
 * its row, ↑ and ↓ to the nearest mark in time of the row above or below that has any, Home and End to the row's
 * first and last. The marks are the lanes' own (lanes.ts), so the keyboard reaches exactly what the pointer does.
 */
import { forEachItem } from '../trace/traceFold.ts';
import { CONTROL_ROWS, DATA_ROWS, type Lanes } from './lanes.ts';
import type { Row } from './plotGeometry.ts';

export interface MarkPlace {
  row: Row;
  seq: number;
  x: number;
}

const ROWS: readonly Row[] = [...CONTROL_ROWS, ...DATA_ROWS];

/** A row's marks (or data points) in axis order. */
export function rowMarks(lanes: Lanes, row: Row): MarkPlace[] {
  const found: MarkPlace[] = [];
  const items = (CONTROL_ROWS as readonly Row[]).includes(row) ? lanes.marks : lanes.points;
  forEachItem<{ row: Row; seq: number; x: number }>(items, (item) => {
    if (item.row === row) found.push({ row, seq: item.seq, x: item.x });
  });
  return found.sort((a, b) => a.x - b.x || a.seq - b.seq);
}

/** Every mark and data point, in one pass (no sorting: this runs on every render of the lanes). */
function eachPlace(lanes: Lanes, visit: (place: MarkPlace) => void): void {
  forEachItem(lanes.marks, (m) => visit({ row: m.row, seq: m.seq, x: m.x }));
  forEachItem(lanes.points, (p) => visit({ row: p.row, seq: p.seq, x: p.x }));
}

/** Whether the lanes still hold the mark at `place`. */
export function stillThere(lanes: Lanes, place: MarkPlace): boolean {
  let found = false;
  eachPlace(lanes, (m) => {
    found ||= m.seq === place.seq && m.row === place.row;
  });
  return found;
}

/** Where the cursor starts: the mark of `seq` (the selected event) if it has one, else the newest OID mark, else the
 * newest of any. */
export function startPlace(lanes: Lanes, seq: number | null): MarkPlace | null {
  let selected: MarkPlace | null = null;
  let newestOid: MarkPlace | null = null;
  let newest: MarkPlace | null = null;
  eachPlace(lanes, (m) => {
    if (m.seq === seq) selected ??= m;
    if (m.row === 'oid' && (!newestOid || m.x >= newestOid.x)) newestOid = m;
    if (!newest || m.x >= newest.x) newest = m;
  });
  return selected ?? newestOid ?? newest;
}

function nearest(marks: readonly MarkPlace[], x: number): MarkPlace | undefined {
  let best: MarkPlace | undefined;
  for (const m of marks) if (!best || Math.abs(m.x - x) < Math.abs(best.x - x)) best = m;
  return best;
}

/** Where `key` moves the cursor from `at`; `at` itself when there is nowhere to go that way. */
export function moveMark(lanes: Lanes, at: MarkPlace, key: string): MarkPlace {
  const marks = rowMarks(lanes, at.row);
  const here = marks.findIndex((m) => m.seq === at.seq);
  switch (key) {
    case 'ArrowLeft':
      return marks[here - 1] ?? at;
    case 'ArrowRight':
      return marks[here + 1] ?? at;
    case 'Home':
      return marks[0] ?? at;
    case 'End':
      return marks.at(-1) ?? at;
    case 'ArrowUp':
    case 'ArrowDown': {
      const step = key === 'ArrowUp' ? -1 : 1;
      for (let r = ROWS.indexOf(at.row) + step; r >= 0 && r < ROWS.length; r += step) {
        const next = nearest(rowMarks(lanes, ROWS[r] as Row), at.x);
        if (next) return next;
      }
      return at;
    }
    default:
      return at;
  }
}
