import { describe, expect, it } from 'vitest';
import type { Lanes, Mark, DataPoint } from './lanes.ts';
import { moveMark, rowMarks, startPlace } from './markCursor.ts';

const list = <T>(items: T[]) => ({ length: items.length, at: (i: number) => items[i] });
const mark = (seq: number, x: number, row: Mark['row']): Mark => ({ seq, x, row, tone: 'success' });
const point = (seq: number, x: number, row: DataPoint['row']): DataPoint => ({ seq, x, row, weight: 1 });
const lanes = {
  marks: list([mark(1, 10, 'oid'), mark(5, 50, 'oid'), mark(3, 30, 'adapter'), mark(9, 90, 'oid')]),
  points: list([point(4, 40, 'arrived'), point(6, 60, 'arrived'), point(7, 70, 'indicated')]),
  maxX: 90,
  start: 0,
  oidMarks: 3,
  framesArrived: 2,
} as unknown as Lanes;

describe('the keyboard among the timeline marks', () => {
  it('starts on the selected event’s mark, or else on the newest OID answer', () => {
    expect(startPlace(lanes, 3)).toMatchObject({ row: 'adapter', seq: 3 });
    expect(startPlace(lanes, null)).toMatchObject({ row: 'oid', seq: 9 });
  });

  it('← and → walk a row in time, Home and End go to its ends, and the ends stay put', () => {
    const first = rowMarks(lanes, 'oid')[0] as NonNullable<ReturnType<typeof startPlace>>;
    expect(moveMark(lanes, first, 'ArrowRight').seq).toBe(5);
    expect(moveMark(lanes, first, 'ArrowLeft')).toBe(first);
    expect(moveMark(lanes, first, 'End').seq).toBe(9);
    expect(moveMark(lanes, moveMark(lanes, first, 'End'), 'Home').seq).toBe(1);
  });

  it('↑ and ↓ go to the nearest mark in time of the next row that has any, skipping empty rows', () => {
    const at = { row: 'oid' as const, seq: 5, x: 50 };
    const down = moveMark(lanes, at, 'ArrowDown');
    expect(down).toMatchObject({ row: 'adapter', seq: 3 });
    // The check row is empty: ↓ from the adapter row lands on the frames that arrived nearest in time.
    expect(moveMark(lanes, down, 'ArrowDown')).toMatchObject({ row: 'arrived', seq: 4 });
    expect(moveMark(lanes, at, 'ArrowUp')).toBe(at);
  });
});
