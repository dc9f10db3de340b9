import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import type { IndexedItems } from '../trace/traceFold.ts';
import { binPoints, laneDigest, marksAt, type Axis, type DataPoint, type Mark } from './lanes.ts';

const run = runBuiltIn();
const trace = new EventBuffer();
const digest = laneDigest();
trace.attach(digest);
trace.append(run.events);

const listOf = <T>(items: IndexedItems<T>): T[] => Array.from({ length: items.length }, (_, i) => items.at(i) as T);

const laneData = (_: EventBuffer, axis: Axis) => {
  const lanes = digest.lanes(axis);
  return { ...lanes, marks: listOf(lanes.marks), points: listOf(lanes.points) };
};

describe('timeline lanes', () => {
  it('marks every request once where it ended, and the checker and narration', () => {
    const lanes = laneData(trace, 'time');
    const oids = lanes.marks.filter((m) => m.row === 'oid');
    expect(oids).toHaveLength(run.events.filter((e) => e.kind === 'oid-completed').length);
    expect(oids.every((m) => m.tone === 'success')).toBe(true);
    expect(lanes.marks.filter((m) => m.tone === 'note')).toHaveLength(
      run.events.filter((e) => e.kind === 'note').length,
    );
    expect(lanes.maxX).toBe(Math.max(...[...lanes.marks, ...lanes.points].map((m) => m.x)));
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

  it('folded batch by batch, through rewinds, clears and eviction, equal a full scan on either axis', () => {
    const body = fc.oneof(
      fc.constant({ kind: 'frame-arrived', frameId: 1, dst: '00-15-5D-00-00-01' }),
      fc.nat(3).map((count) => ({ kind: 'frames-dropped', queueId: 0, reason: 'no-free-buffer', count })),
      fc.constant({ kind: 'note', text: 'between' }),
      fc.constant({ kind: 'oid-completed', pended: false, result: { status: 'NDIS_STATUS_SUCCESS' } }),
      fc.constant({ kind: 'dpc-ran', queueIds: [0] }),
    ) as unknown as fc.Arbitrary<EventBody>;
    const strip = <T extends object>(item: T) => {
      const { pos: _, ...rest } = item as T & { pos?: number };
      return rest;
    };
    for (const axis of ['time', 'order'] as const)
      fc.assert(
        fc.property(traceOps(body), (ops) =>
          expectFoldMatchesScan({
            ops,
            create: laneDigest,
            read: (d) => {
              const { marks, points, oidMarks, framesArrived } = d.lanes(axis);
              return { marks: listOf(marks).map(strip), points: listOf(points).map(strip), oidMarks, framesArrived };
            },
            scan: (kept) => fullScan(kept, axis),
            expectEqual: (a, b) => expect(a).toEqual(b),
          }),
        ),
      );
  });
});

/** The lanes by a full scan of the kept trace, as the timeline computed them on every batch before the digest. */
function fullScan(kept: EventBuffer, axis: Axis) {
  const marks: Mark[] = [];
  const points: DataPoint[] = [];
  const probe = laneDigest();
  kept.toArray().forEach((event: TraceEvent, i) => {
    const x = axis === 'time' ? event.t : kept.evicted + i;
    // What one event stands for, read off a fresh digest of that event alone.
    probe.reset();
    probe.append([event], 0);
    const one = probe.lanes(axis);
    for (const mark of listOf(one.marks)) marks.push({ x, seq: event.seq, row: mark.row, tone: mark.tone });
    for (const point of listOf(one.points)) points.push({ x, seq: event.seq, row: point.row, weight: point.weight });
  });
  const oidMarks = marks.filter((m) => m.row === 'oid').length;
  const framesArrived = points.filter((p) => p.row === 'arrived').reduce((n, p) => n + p.weight, 0);
  return { marks, points, oidMarks, framesArrived };
}
