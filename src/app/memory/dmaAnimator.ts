/**
 * Draws DMA writes on the memory map: each segment falls from above the map into its block's ring slot and
 * flashes the cell as it lands. Drops into a block that is gone (freed memory) are discarded.
 */
import { CanvasAnimation, easeInOut, lingerAlpha } from '../viz/CanvasAnimation.ts';
import { vmToken } from '../viz/theme.ts';
import type { DmaDrop } from './dmaPlanner.ts';
import { slotCell } from './layout.ts';
import type { MemoryLayout } from './layout.ts';

export class DmaAnimator extends CanvasAnimation<DmaDrop, MemoryLayout> {
  /** Colour of each queue (its VM's), set by the map as queues come and go. */
  vmIndexOfQueue: (queueId: number) => number | null = () => null;

  protected drawItem(context: CanvasRenderingContext2D, drop: DmaDrop, t: number, layout: MemoryLayout): boolean {
    const block = layout.blocks.find((b) => b.blockId === drop.blockId);
    if (!block || drop.slot >= block.cols * block.rows) return false;
    const cell = slotCell(block, drop.slot);
    const colour = this.palette.color(vmToken(this.vmIndexOfQueue(drop.queueId)));
    if (t <= 1) {
      // The packet falls from the band title (where the NIC's DMA engine "is") into the cell.
      const fromY = layout.bandTitleY;
      const y = fromY + (cell.y - fromY) * easeInOut(t);
      context.fillStyle = colour;
      context.globalAlpha = 0.9;
      context.fillRect(cell.x + 2, y, cell.w - 4, Math.min(cell.h - 4, 8));
      return true;
    }
    // Landed: the cell glows for a moment.
    context.globalAlpha = lingerAlpha(t);
    context.strokeStyle = this.palette.color('selected');
    context.lineWidth = 2.5;
    context.strokeRect(cell.x + 1, cell.y + 1, cell.w - 2, cell.h - 2);
    return true;
  }
}
