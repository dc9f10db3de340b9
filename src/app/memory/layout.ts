/**
 * The memory map's geometry: one horizontal lane per address space (the management OS first, then each guest) and
 * one vertical band per queue. A queue's blocks sit in its band, in the lane of the space that served them, so a
 * 2008 R2 split queue has its lookahead block in the host lane directly above its post-lookahead block in the
 * guest's lane — slot k above slot k — and a 2012 queue has one block in the host lane and nothing below.
 *
 * Blocks are drawn as grids of their receive buffers (ring slots), not to byte scale: a 128-byte lookahead buffer
 * and its 2 KB post-lookahead partner get the same cell, because what matters is which slot pairs with which.
 */
import type { SharedMemoryUsageName } from '../../engine/index.ts';
import type { Rect } from '../viz/geometry.ts';

export interface MemoryInput {
  width: number;
  /** Address spaces in AdapterView order (management OS first). */
  spaces: readonly string[];
  /** Queues in QueueId order that have memory (their bands, left to right). */
  queueIds: readonly number[];
  blocks: readonly { blockId: number; queueId: number; usage: SharedMemoryUsageName; space: string; buffers: number }[];
}

export interface LaneBox {
  space: string;
  rect: Rect;
}
export interface BandBox {
  queueId: number;
  x: number;
  w: number;
}
export interface BlockBox {
  blockId: number;
  queueId: number;
  space: string;
  /** The whole block: its label line and its grid. */
  rect: Rect;
  /** The grid of slots. */
  grid: Rect;
  cols: number;
  rows: number;
  cell: { w: number; h: number };
}

export interface MemoryLayout {
  width: number;
  height: number;
  compact: boolean;
  /** Width of the lane labels at the left. */
  labelW: number;
  /** y of the band titles (queue names) above the lanes. */
  bandTitleY: number;
  lanes: LaneBox[];
  bands: BandBox[];
  blocks: BlockBox[];
}

/** At most this many slots per grid row: a 64-buffer default queue becomes 4 rows of 16. */
const MAX_COLS = 16;
const CELL_MAX_W = 30;
const CELL_MIN_W = 6;
const BAND_GAP = 22;
const LANE_GAP = 10;
/** Room in a block above its grid for its usage label. */
const BLOCK_LABEL = 18;
const LANE_PAD = 10;
/** Room for a lane's three-line label (name, kind of memory, who can touch it). */
const EMPTY_LANE = 54;
const TOP = 26;
export const COMPACT_BELOW_PX = 900;

export function layoutMemory(input: MemoryInput): MemoryLayout {
  const compact = input.width < COMPACT_BELOW_PX;
  const labelW = compact ? 118 : 176;
  const colsOf = (queueId: number) =>
    Math.min(MAX_COLS, Math.max(1, ...input.blocks.filter((b) => b.queueId === queueId).map((b) => b.buffers)));
  const totalCols = input.queueIds.reduce((sum, q) => sum + colsOf(q), 0);
  const free = input.width - labelW - BAND_GAP * input.queueIds.length - 8;
  const cellW = Math.max(CELL_MIN_W, Math.min(CELL_MAX_W, Math.floor(free / Math.max(totalCols, 1))));
  const cellH = Math.round(Math.min(18, Math.max(12, cellW * 0.7)));

  let x = labelW + BAND_GAP;
  const bands: BandBox[] = input.queueIds.map((queueId) => {
    const band = { queueId, x, w: colsOf(queueId) * cellW };
    x += band.w + BAND_GAP;
    return band;
  });

  const lanes: LaneBox[] = [];
  const blocks: BlockBox[] = [];
  let y = TOP;
  for (const space of input.spaces) {
    const inLane = input.blocks.filter((b) => b.space === space && bands.some((band) => band.queueId === b.queueId));
    // A queue could have two blocks in one space (a split queue whose post-lookahead buffers fell back to host
    // memory): they stack inside the band.
    const stackHeights = bands.map((band) =>
      inLane.filter((b) => b.queueId === band.queueId).reduce((h, b) => h + blockHeight(b.buffers, cellH), 0),
    );
    const laneH = Math.max(EMPTY_LANE, Math.max(0, ...stackHeights) + 2 * LANE_PAD);
    for (const band of bands) {
      let blockY = y + LANE_PAD;
      for (const block of inLane.filter((b) => b.queueId === band.queueId)) {
        const cols = Math.min(MAX_COLS, block.buffers);
        const rows = Math.ceil(block.buffers / cols);
        const h = blockHeight(block.buffers, cellH);
        blocks.push({
          blockId: block.blockId,
          queueId: block.queueId,
          space,
          rect: { x: band.x, y: blockY, w: band.w, h },
          grid: { x: band.x, y: blockY + BLOCK_LABEL, w: cols * cellW, h: rows * cellH },
          cols,
          rows,
          cell: { w: cellW, h: cellH },
        });
        blockY += h;
      }
    }
    lanes.push({ space, rect: { x: 0, y, w: input.width, h: laneH } });
    y += laneH + LANE_GAP;
  }
  return { width: input.width, height: y - LANE_GAP + 4, compact, labelW, bandTitleY: TOP - 10, lanes, bands, blocks };
}

function blockHeight(buffers: number, cellH: number): number {
  return BLOCK_LABEL + Math.ceil(buffers / Math.min(MAX_COLS, Math.max(buffers, 1))) * cellH + 6;
}

/** The cell of ring slot `slot` in a block's grid (row-major). */
export function slotCell(block: BlockBox, slot: number): Rect {
  const col = slot % block.cols;
  const row = Math.floor(slot / block.cols);
  return {
    x: block.grid.x + col * block.cell.w,
    y: block.grid.y + row * block.cell.h,
    w: block.cell.w,
    h: block.cell.h,
  };
}
