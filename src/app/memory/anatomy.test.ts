import { describe, expect, it } from 'vitest';
import { asQueueId, type MemoryBlockView } from '../../engine/types.ts';
import { frameAnatomy } from './anatomy.ts';

const block = (
  blockId: number,
  usage: MemoryBlockView['usage'],
  space: string,
  bufferStride: number,
  backfill = 0,
): MemoryBlockView => ({
  blockId,
  queueId: asQueueId(1),
  usage,
  space,
  address: 0,
  length: bufferStride * 16,
  buffers: 16,
  bufferStride,
  backfill,
  why: 'test block',
});

const blocks2008 = [
  block(2, 'NdisSharedMemoryUsageReceiveLookahead', 'management-os', 128),
  block(3, 'NdisSharedMemoryUsageReceivePostLookahead', 'VM1', 2048, 128),
];

describe('frameAnatomy', () => {
  it('splits a 2008 R2 frame: lookahead bytes in host memory, the rest in the guest buffer behind its backfill', () => {
    const anatomy = frameAnatomy(
      [
        { blockId: 2, usage: 'NdisSharedMemoryUsageReceiveLookahead', offset: 0, length: 128 },
        { blockId: 3, usage: 'NdisSharedMemoryUsageReceivePostLookahead', offset: 128, length: 1390 },
      ],
      blocks2008,
      100,
      2048,
    );
    if (!anatomy) throw new Error('no anatomy');
    expect(anatomy.split).toBe(true);
    expect(anatomy.scale).toBe(1);
    const [wire, lookahead, post] = anatomy.rows;
    expect(wire?.bars.map((b) => [b.role, b.space, b.x, b.w])).toEqual([
      ['frame', 'management-os', 100, 128],
      ['frame', 'VM1', 228, 1390],
    ]);
    expect(lookahead?.bars.map((b) => [b.role, b.space])).toEqual([['frame', 'management-os']]);
    // The backfill sits under the frame's lookahead bytes; the guest's data sits under the rest: joined, one frame.
    expect(post?.bars.map((b) => [b.role, b.x, b.w])).toEqual([
      ['backfill', 100, 128],
      ['frame', 228, 1390],
      ['unused', 1618, 530],
    ]);
  });

  it("keeps a small frame entirely in the lookahead buffer, the guest buffer's backfill still reserved", () => {
    const anatomy = frameAnatomy(
      [
        { blockId: 2, usage: 'NdisSharedMemoryUsageReceiveLookahead', offset: 128, length: 64 },
        { blockId: 3, usage: 'NdisSharedMemoryUsageReceivePostLookahead', offset: 2176, length: 0 },
      ],
      blocks2008,
      0,
      1024,
    );
    expect(anatomy?.rows[2]?.bars.map((b) => b.role)).toEqual(['backfill', 'unused']);
    expect(anatomy?.frameBytes).toBe(64);
  });

  it('lands a 2012 frame whole in one host buffer', () => {
    const anatomy = frameAnatomy(
      [{ blockId: 5, usage: 'NdisSharedMemoryUsageReceive', offset: 0, length: 1518 }],
      [block(5, 'NdisSharedMemoryUsageReceive', 'management-os', 2048)],
      0,
      2048,
    );
    expect(anatomy?.split).toBe(false);
    expect(anatomy?.rows.map((r) => r.bars.map((b) => `${b.role} ${b.space}`))).toEqual([
      ['frame management-os'],
      ['frame management-os', 'unused management-os'],
    ]);
  });

  it("gives up when a segment's block has been freed", () => {
    expect(
      frameAnatomy([{ blockId: 9, usage: 'NdisSharedMemoryUsageReceive', offset: 0, length: 60 }], blocks2008, 0, 100),
    ).toBeNull();
  });
});
