/**
 * Turns dma-written events into the memory map's DMA drops: one per non-empty segment, falling into its block's
 * ring slot. A split frame makes two drops at once, one into the host's lookahead block and one into the guest's
 * post-lookahead block. Timed to land when the diagram's dot for the same frame lands in its queue, and sampled
 * exactly like the diagram (same FrameSampler rule), so both views animate the same frames.
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { TimedItem } from '../viz/CanvasAnimation.ts';
import { FrameSampler } from '../viz/sampling.ts';
import { ARRIVAL_MS, staggering } from '../viz/stagger.ts';
import type { AnimationPlanner, PlanContext } from '../viz/useAnimationFeed.ts';

export interface DmaDrop extends TimedItem {
  blockId: number;
  slot: number;
  queueId: number;
  lengthBytes: number;
}

/** How long a segment takes to fall into its slot. */
export const DMA_MS = 550;

export class DmaPlanner implements AnimationPlanner<DmaDrop> {
  #sampler = new FrameSampler();

  get sampleEvery(): number {
    return this.#sampler.every;
  }

  reset(): void {
    this.#sampler.reset();
  }

  plan(events: readonly TraceEvent[], { nowMs, playing }: PlanContext): DmaDrop[] {
    this.#sampler.observe(
      events.reduce((n, e) => n + (e.kind === 'frame-arrived' ? 1 : 0), 0),
      nowMs,
    );
    const delayOf = staggering(events, playing);
    const drops: DmaDrop[] = [];
    for (const event of events) {
      if (event.kind !== 'dma-written' || !this.#sampler.isSampled(event.frameId)) continue;
      const startMs = nowMs + delayOf(event.t) + ARRIVAL_MS - DMA_MS;
      for (const segment of event.segments) {
        // An empty post-lookahead segment (a frame that fit the lookahead) writes nothing to guest memory.
        if (segment.length === 0) continue;
        drops.push({
          blockId: segment.blockId,
          slot: event.slot,
          queueId: event.queueId,
          lengthBytes: segment.length,
          startMs,
          durationMs: DMA_MS,
        });
      }
    }
    return drops;
  }
}
