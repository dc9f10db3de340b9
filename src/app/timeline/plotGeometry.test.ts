import { describe, expect, it } from 'vitest';
import type { DataPoint, Lanes, Mark } from './lanes.ts';
import { DATA_TOP, hitAt, LABEL_PX, ROW_PX, rowTop } from './plotGeometry.ts';

/** x is already in px here: the scale is the identity. */
const identity = (x: number) => x;
const marks: Mark[] = [
  { x: 200, seq: 1, row: 'oid', tone: 'success' },
  { x: 200, seq: 2, row: 'oid', tone: 'failure' },
  { x: 300, seq: 3, row: 'check', tone: 'note' },
];
const points: DataPoint[] = [{ x: 400, seq: 9, row: 'dropped', weight: 5 }];
const lanes: Lanes = {
  marks,
  points,
  maxX: 400,
  start: 0,
  oidMarks: 2,
  framesArrived: 0,
};
const middleOf = (row: Parameters<typeof rowTop>[0]) => rowTop(row) + ROW_PX / 2;

describe('timeline plot geometry', () => {
  it('stacks the control rows above the data rows', () => {
    expect(rowTop('oid')).toBeLessThan(rowTop('adapter'));
    expect(rowTop('check')).toBeLessThan(DATA_TOP);
    expect(rowTop('arrived')).toBe(DATA_TOP);
  });

  it('names every event at a control mark the pointer is near, in its row only', () => {
    expect(hitAt(lanes, identity, 800, 203, middleOf('oid'))?.seqs).toEqual([1, 2]);
    expect(hitAt(lanes, identity, 800, 203, middleOf('adapter'))).toBeNull();
    expect(hitAt(lanes, identity, 800, 230, middleOf('oid'))).toBeNull();
    expect(hitAt(lanes, identity, 800, 300, middleOf('check'))?.seqs).toEqual([3]);
  });

  it('finds a data bin within a few px, and nothing over the row labels or between rows', () => {
    expect(hitAt(lanes, identity, 800, 404, middleOf('dropped'))?.seqs).toEqual([9]);
    expect(hitAt(lanes, identity, 800, 404, middleOf('arrived'))).toBeNull();
    expect(hitAt(lanes, identity, 800, LABEL_PX - 20, middleOf('oid'))).toBeNull();
    expect(hitAt(lanes, identity, 800, 200, DATA_TOP - 2)).toBeNull();
  });
});
