import { describe, expect, it } from 'vitest';
import type { Rect } from '../viz/geometry.ts';
import { layoutMemory, slotCell } from './layout.ts';
import type { MemoryInput } from './layout.ts';

/** The 2008 R2 split scenario: the default queue's 64 buffers, queue 1 split between the host and VM1. */
const split: MemoryInput = {
  width: 1400,
  spaces: ['management-os', 'VM1', 'VM2'],
  queueIds: [0, 1],
  blocks: [
    { blockId: 1, queueId: 0, usage: 'NdisSharedMemoryUsageReceive', space: 'management-os', buffers: 64 },
    { blockId: 2, queueId: 1, usage: 'NdisSharedMemoryUsageReceiveLookahead', space: 'management-os', buffers: 16 },
    { blockId: 3, queueId: 1, usage: 'NdisSharedMemoryUsageReceivePostLookahead', space: 'VM1', buffers: 16 },
  ],
};

const right = (r: Rect) => r.x + r.w;
const bottom = (r: Rect) => r.y + r.h;

describe('layoutMemory', () => {
  it("puts each block in its queue's band and its space's lane", () => {
    const layout = layoutMemory(split);
    for (const block of layout.blocks) {
      const lane = layout.lanes.find((l) => l.space === block.space)?.rect as Rect;
      const band = layout.bands.find((b) => b.queueId === block.queueId);
      expect(block.rect.y).toBeGreaterThanOrEqual(lane.y);
      expect(bottom(block.rect)).toBeLessThanOrEqual(bottom(lane));
      expect(block.rect.x).toBe(band?.x);
      expect(right(block.grid)).toBeLessThanOrEqual(right(block.rect) + 0.001);
    }
    expect(layout.lanes.map((l) => l.space)).toEqual(['management-os', 'VM1', 'VM2']);
    expect(Math.max(...layout.bands.map((b) => b.x + b.w))).toBeLessThanOrEqual(1400);
  });

  it('lines slot k of the lookahead block up above slot k of its post-lookahead block', () => {
    const layout = layoutMemory(split);
    const lookahead = layout.blocks.find((b) => b.blockId === 2);
    const post = layout.blocks.find((b) => b.blockId === 3);
    if (!lookahead || !post) throw new Error('blocks missing');
    for (const slot of [0, 7, 15]) {
      expect(slotCell(lookahead, slot).x).toBe(slotCell(post, slot).x);
      expect(bottom(slotCell(lookahead, slot))).toBeLessThan(slotCell(post, slot).y);
    }
  });

  it('wraps a 64-buffer block into rows of 16, row-major', () => {
    const block = layoutMemory(split).blocks.find((b) => b.blockId === 1);
    if (!block) throw new Error('block missing');
    expect([block.cols, block.rows]).toEqual([16, 4]);
    expect(slotCell(block, 17)).toEqual({
      x: block.grid.x + block.cell.w,
      y: block.grid.y + block.cell.h,
      w: block.cell.w,
      h: block.cell.h,
    });
  });

  it('shrinks cells to fit a half-width (compare) map, and keeps empty lanes visible', () => {
    const layout = layoutMemory({ ...split, width: 700 });
    expect(layout.compact).toBe(true);
    expect(Math.max(...layout.bands.map((b) => b.x + b.w))).toBeLessThanOrEqual(700);
    const vm2 = layout.lanes.find((l) => l.space === 'VM2')?.rect as Rect;
    expect(vm2.h).toBeGreaterThan(30);
  });
});
