/**
 * Draws DMA writes on the memory map: each segment falls from above the map into its block's ring slot and
 * flashes the cell as it lands. Drops into a block that is gone (freed memory) are discarded.
 *
 * Under heavy traffic a thousand segments can be falling at once, so a frame is drawn in batches: the falling
 * segments of one colour become one path, and the landed cells' glows one path per fade step.
 */
import { CanvasAnimation, easeInOut, lingerAlpha } from '../viz/CanvasAnimation.ts';
import { vmToken } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import type { DmaDrop } from './dmaPlanner.ts';
import { slotCell } from './layout.ts';
import type { MemoryLayout } from './layout.ts';

/** A landed cell's glow fades in this many steps, so fading glows still share a few paths. */
const FADE_STEPS = 8;

/** x, y, w, h of each rectangle, flat. */
type Rects = number[];

export class DmaAnimator extends CanvasAnimation<DmaDrop, MemoryLayout> {
  /** Colour of each queue (its VM's), set by the map as queues come and go. */
  vmIndexOfQueue: (queueId: number) => number | null = () => null;
  #falling = new Map<VizToken, Rects>();
  #glowing = new Map<number, Rects>();

  protected override beginFrame(): void {
    for (const rects of [...this.#falling.values(), ...this.#glowing.values()]) rects.length = 0;
  }

  protected drawItem(_context: CanvasRenderingContext2D, drop: DmaDrop, t: number, layout: MemoryLayout): boolean {
    const block = layout.blocks.find((b) => b.blockId === drop.blockId);
    if (!block || drop.slot >= block.cols * block.rows) return false;
    const cell = slotCell(block, drop.slot);
    if (t <= 1) {
      // The packet falls from the band title (where the NIC's DMA engine "is") into the cell.
      const fromY = layout.bandTitleY;
      const y = fromY + (cell.y - fromY) * easeInOut(t);
      rectsOf(this.#falling, vmToken(this.vmIndexOfQueue(drop.queueId))).push(
        cell.x + 2,
        y,
        cell.w - 4,
        Math.min(cell.h - 4, 8),
      );
      return true;
    }
    // Landed: the cell glows for a moment.
    const step = Math.ceil(lingerAlpha(t) * FADE_STEPS) / FADE_STEPS;
    rectsOf(this.#glowing, step).push(cell.x + 1, cell.y + 1, cell.w - 2, cell.h - 2);
    return true;
  }

  protected override endFrame(context: CanvasRenderingContext2D): void {
    context.globalAlpha = 0.9;
    for (const [token, rects] of this.#falling) {
      if (rects.length === 0) continue;
      context.fillStyle = this.palette.color(token);
      context.fill(pathOf(rects));
    }
    context.strokeStyle = this.palette.color('selected');
    context.lineWidth = 2.5;
    for (const [alpha, rects] of this.#glowing) {
      if (rects.length === 0) continue;
      context.globalAlpha = alpha;
      context.stroke(pathOf(rects));
    }
    context.globalAlpha = 1;
  }
}

function rectsOf<K>(batches: Map<K, Rects>, key: K): Rects {
  let rects = batches.get(key);
  if (!rects) {
    rects = [];
    batches.set(key, rects);
  }
  return rects;
}

function pathOf(rects: Rects): Path2D {
  const path = new Path2D();
  for (let i = 0; i < rects.length; i += 4)
    path.rect(rects[i] as number, rects[i + 1] as number, rects[i + 2] as number, rects[i + 3] as number);
  return path;
}
