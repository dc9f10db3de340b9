import { describe, expect, it } from 'vitest';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { binPoints, laneData, marksAt } from './lanes.ts';

const run = runBuiltIn();
const trace = new EventBuffer();
trace.append(run.events);

describe('timeline lanes', () => {
  it('marks every request once where it ended, and the checker and narration', () => {
    const lanes = laneData(trace, 'time');
    const oids = lanes.marks.filter((m) => m.row === 'oid');
    expect(oids).toHaveLength(run.events.filter((e) => e.kind === 'oid-completed').length);
    expect(oids.every((m) => m.tone === 'success')).toBe(true);
    expect(lanes.marks.filter((m) => m.tone === 'note')).toHaveLength(
      run.events.filter((e) => e.kind === 'note').length,
    );
    expect(lanes.maxX).toBe(run.events.at(-1)?.t);
  });

  it('counts frames and NBLs in the data lane, and every one of them lands in a column', () => {
    const lanes = laneData(trace, 'time');
    const toPx = (x: number) => (x / lanes.maxX) * 199;
    const sum = (row: 'arrived' | 'indicated') =>
      binPoints(lanes.points, row, 200, toPx).reduce((n, b) => n + (b?.total ?? 0), 0);
    expect(sum('arrived')).toBe(48);
    expect(sum('indicated')).toBe(48);
  });

  it("spreads one instant's events out on the order axis", () => {
    const time = laneData(trace, 'time').marks.filter((m) => m.row === 'oid' && m.x === 0);
    const order = laneData(trace, 'order').marks.filter((m) => m.row === 'oid');
    expect(time.length).toBeGreaterThan(3);
    expect(new Set(order.map((m) => m.x)).size).toBe(order.length);
  });

  it('finds every mark at the spot nearest the pointer, within a radius', () => {
    const { marks } = laneData(trace, 'time');
    const atZero = marks.filter((m) => m.row === 'oid' && m.x === 0);
    expect(marksAt(marks, 'oid', 3, (x) => x, 4)).toEqual(atZero);
    expect(marksAt(marks, 'oid', -100, (x) => x, 4)).toEqual([]);
    const order = laneData(trace, 'order').marks;
    const first = order.find((m) => m.row === 'oid')!;
    expect(marksAt(order, 'oid', first.x + 2, (x) => x, 4)).toEqual([first]);
  });
});
