import { describe, expect, it } from 'vitest';
import type { Rect } from '../viz/geometry.ts';
import { MANAGEMENT_OS } from '../../engine/context.ts';
import { anchorPoint, COMPACT_BELOW_PX, layoutDiagram, MIN_DIAGRAM_PX, NO_MATCH_FILTER_ID } from './layout.ts';
import { textWidth } from '../viz/textFit.ts';
import type { DiagramInput } from './layout.ts';

const input = (width: number, overrides: Partial<DiagramInput> = {}): DiagramInput => ({
  width,
  queues: [
    { queueId: 0, cpu: 0, vmName: '' },
    { queueId: 1, cpu: 1, vmName: 'VM1' },
    { queueId: 2, cpu: 1, vmName: 'VM2' },
    { queueId: 3, cpu: 3, vmName: 'VM3' },
  ],
  filters: [
    { filterId: 1, queueId: 1 },
    { filterId: 2, queueId: 2 },
    { filterId: 3, queueId: 3 },
  ],
  vmNames: ['VM1', 'VM2', 'VM3', 'VM4'],
  dropReasons: ['no-free-buffer', 'packet-filter'],
  indicatedQueueIds: [],
  oidCount: 3,
  ...overrides,
});

const right = (r: Rect) => r.x + r.w;
const bottom = (r: Rect) => r.y + r.h;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && right(inner) <= right(outer) && bottom(inner) <= bottom(outer);
const disjointVertically = (rects: Rect[]) => rects.every((r, i) => i === 0 || r.y >= bottom(rects[i - 1] as Rect));

describe('layoutDiagram', () => {
  for (const width of [1400, 1100, 740]) {
    it(`keeps the receive path in left-to-right order within ${width} px`, () => {
      const layout = layoutDiagram(input(width));
      expect(layout.compact).toBe(width < COMPACT_BELOW_PX);
      expect(right(layout.wire)).toBeLessThanOrEqual(layout.nic.x);
      expect(inside(layout.classifier, layout.nic)).toBe(true);
      for (const q of layout.queues) {
        expect(q.rect.x).toBeGreaterThan(right(layout.classifier));
        expect(inside(q.rect, layout.nic)).toBe(true);
        expect(inside(q.strip, q.rect)).toBe(true);
      }
      expect(inside(layout.bin, layout.nic)).toBe(true);
      for (const c of layout.cpus) expect(c.rect.x).toBeGreaterThanOrEqual(right(layout.nic));
      expect(layout.vswitch.x).toBeGreaterThanOrEqual(right((layout.cpus[0] as { rect: Rect }).rect));
      for (const h of layout.hosts) expect(h.rect.x).toBeGreaterThanOrEqual(right(layout.vswitch));
      expect(Math.max(...layout.hosts.map((h) => right(h.rect)))).toBeLessThanOrEqual(width);
      expect(bottom(layout.nic)).toBeLessThanOrEqual(layout.height);
    });
  }

  it('stacks queues, CPUs and partitions without overlap, each lined up with what it serves when there is room', () => {
    const layout = layoutDiagram(input(1400));
    expect(disjointVertically(layout.queues.map((q) => q.rect))).toBe(true);
    expect(disjointVertically(layout.cpus.map((c) => c.rect))).toBe(true);
    expect(disjointVertically(layout.hosts.map((h) => h.rect))).toBe(true);
    const centre = (r: Rect) => r.y + r.h / 2;
    const queue = (id: number) => layout.queues.find((q) => q.queueId === id)?.rect as Rect;
    // CPU 1 serves queues 1 and 2: it sits between them.
    const cpu1 = layout.cpus.find((c) => c.cpu === 1)?.rect as Rect;
    expect(centre(cpu1)).toBeCloseTo((centre(queue(1)) + centre(queue(2))) / 2);
    expect(layout.hosts.map((h) => h.name)).toEqual([MANAGEMENT_OS, 'VM1', 'VM2', 'VM3', 'VM4']);
    expect(centre(layout.hosts[0]?.rect as Rect)).toBeCloseTo(centre(queue(0)));
    expect(centre(layout.hosts[1]?.rect as Rect)).toBeCloseTo(centre(queue(1)));
  });

  it('ends the filter table with the no-match row that feeds the default queue', () => {
    const layout = layoutDiagram(input(1400));
    expect(layout.filterRows.map((r) => [r.filterId, r.queueId])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [NO_MATCH_FILTER_ID, 0],
    ]);
    expect(disjointVertically(layout.filterRows.map((r) => r.rect))).toBe(true);
  });

  it('gives each drop reason a compartment of the bin, side by side', () => {
    const layout = layoutDiagram(input(1400));
    const [a, b] = layout.compartments;
    expect(a?.reason).toBe('no-free-buffer');
    expect(right(a?.rect as Rect)).toBeLessThanOrEqual(b!.rect.x);
    expect(inside(b?.rect as Rect, layout.bin)).toBe(true);
  });

  it('grows a row that shows a status indication, pushing the rows below it down', () => {
    const plain = layoutDiagram(input(1400));
    const layout = layoutDiagram(input(1400, { indicatedQueueIds: [1] }));
    const [q0, q1, q2] = layout.queues;
    expect(q0?.banner).toBeNull();
    expect(q1?.rect.h).toBeGreaterThan((plain.queues[1] as { rect: Rect }).rect.h);
    expect(inside(q1?.banner as Rect, q1?.rect as Rect)).toBe(true);
    expect((q1!.banner as Rect).y).toBeGreaterThanOrEqual(bottom(q1?.strip as Rect));
    expect(q2!.rect.y).toBeGreaterThanOrEqual(bottom(q1?.rect as Rect));
  });

  it("lists the switch's OID requests inside the switch, one under the other", () => {
    const layout = layoutDiagram(input(1400, { oidCount: 5 }));
    expect(layout.oidRows).toHaveLength(5);
    expect(disjointVertically(layout.oidRows)).toBe(true);
    for (const row of layout.oidRows) expect(inside(row, layout.vswitch)).toBe(true);
  });
});

describe('anchorPoint', () => {
  it('puts ring slot k in the k-th cell of its queue strip, and nowhere once the queue is gone', () => {
    const layout = layoutDiagram(input(1400));
    const strip = layout.queues[1]?.strip as Rect;
    const first = anchorPoint(layout, { at: 'slot', queueId: 1, slot: 0, buffers: 16 });
    const last = anchorPoint(layout, { at: 'slot', queueId: 1, slot: 15, buffers: 16 });
    expect(first?.x).toBeCloseTo(strip.x + strip.w / 32);
    expect(last?.x).toBeCloseTo(right(strip) - strip.w / 32);
    expect(anchorPoint(layout, { at: 'slot', queueId: 9, slot: 0, buffers: 16 })).toBeNull();
    expect(anchorPoint(layout, { at: 'filter', filterId: 42 })).toBeNull();
  });

  it("enters the switch at the height of the DPC's CPU and leaves it at the height of the partition", () => {
    const layout = layoutDiagram(input(1400));
    const cpu3 = layout.cpus.find((c) => c.cpu === 3)?.rect as Rect;
    const vm2 = layout.hosts.find((h) => h.name === 'VM2')?.rect as Rect;
    expect(anchorPoint(layout, { at: 'switch-in', cpu: 3 })).toEqual({ x: layout.vswitch.x, y: cpu3.y + cpu3.h / 2 });
    expect(anchorPoint(layout, { at: 'switch-out', host: 'VM2' })).toEqual({
      x: right(layout.vswitch),
      y: vm2.y + vm2.h / 2,
    });
  });
});

describe('MIN_DIAGRAM_PX', () => {
  it('leaves the filter table room for a whole MAC on its own line', () => {
    const row = layoutDiagram(input(MIN_DIAGRAM_PX)).filterRows[0];
    // ClassifierTable gives a row's text its width less 22 px.
    expect((row?.rect.w ?? 0) - 22).toBeGreaterThanOrEqual(textWidth('00-15-5D-00-00-01', 11, true));
  });
});
