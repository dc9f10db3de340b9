/**
 * The anatomy of one DMA write, to byte scale: the frame as it came off the wire, and the buffers it landed in.
 * For a 2008 R2 split the post-lookahead buffer is drawn under the frame so that its backfill sits exactly under
 * the lookahead bytes: once the host copies them in, the guest buffer *is* the contiguous frame (§7.3 rule 3).
 * Pure, so the proportions are tested without a DOM.
 */
import type { SharedMemoryUsageName, MemoryBlockView, SharedMemorySegment } from '../../engine/index.ts';

export interface AnatomyBar {
  /** What the bar is: bytes of the frame, a buffer's backfill, or the unused tail of a buffer. */
  role: 'frame' | 'backfill' | 'unused';
  /** The address space holding these bytes. */
  space: string;
  x: number;
  w: number;
  bytes: number;
}

export interface AnatomyRow {
  /** 'wire' is the frame itself; the others are the buffers that received it. */
  kind: 'wire' | SharedMemoryUsageName;
  space: string | null;
  blockId: number | null;
  bars: AnatomyBar[];
}

export interface Anatomy {
  frameBytes: number;
  split: boolean;
  rows: AnatomyRow[];
  /** Pixels per byte. */
  scale: number;
}

/**
 * @param x0 where byte 0 of the frame and of every buffer is drawn
 * @param width pixels available from x0 for the largest buffer
 */
export function frameAnatomy(
  segments: readonly SharedMemorySegment[],
  blocks: readonly MemoryBlockView[],
  x0: number,
  width: number,
): Anatomy | null {
  const placed = segments.map((segment) => ({ segment, block: blocks.find((b) => b.blockId === segment.blockId) }));
  if (placed.length === 0 || placed.some((p) => p.block === undefined)) return null;
  const frameBytes = segments.reduce((sum, s) => sum + s.length, 0);
  const largest = Math.max(...placed.map((p) => (p.block as MemoryBlockView).bufferStride), frameBytes);
  const scale = width / largest;
  const px = (bytes: number) => bytes * scale;
  const split = segments.length > 1;

  // The wire: each byte range coloured by where DMA put it.
  let offset = 0;
  const wireBars: AnatomyBar[] = placed
    .filter(({ segment }) => segment.length > 0)
    .map(({ segment, block }) => {
      const bar: AnatomyBar = {
        role: 'frame',
        space: (block as MemoryBlockView).space,
        x: x0 + px(offset),
        w: px(segment.length),
        bytes: segment.length,
      };
      offset += segment.length;
      return bar;
    });
  const rows: AnatomyRow[] = [{ kind: 'wire', space: null, blockId: null, bars: wireBars }];

  for (const { segment, block } of placed) {
    const b = block as MemoryBlockView;
    const bars: AnatomyBar[] = [];
    // The post-lookahead buffer starts with the backfill; its data follows, aligned under the frame's later bytes.
    if (b.backfill > 0) bars.push({ role: 'backfill', space: b.space, x: x0, w: px(b.backfill), bytes: b.backfill });
    const dataStart = b.backfill;
    if (segment.length > 0)
      bars.push({ role: 'frame', space: b.space, x: x0 + px(dataStart), w: px(segment.length), bytes: segment.length });
    const used = dataStart + segment.length;
    if (used < b.bufferStride)
      bars.push({
        role: 'unused',
        space: b.space,
        x: x0 + px(used),
        w: px(b.bufferStride - used),
        bytes: b.bufferStride - used,
      });
    rows.push({ kind: segment.usage, space: b.space, blockId: b.blockId, bars });
  }
  return { frameBytes, split, rows, scale };
}
