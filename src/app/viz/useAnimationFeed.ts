/**
 * Feeds a side's new trace events to a planner and the planned items to a canvas animation, outside React. Only
 * the sampling rate reaches React state (it changes rarely), so a view can say "showing 1 in N frames".
 */
import { useEffect, useState } from 'react';
import type { QueueView, TraceEvent, VmConfig } from '../../engine/index.ts';
import type { SimStore } from '../store/simStore.ts';
import type { AnimationSink, TimedItem } from './CanvasAnimation.ts';
import { prefersReducedMotion } from './useReducedMotion.ts';
import type { VizSession } from './vizSession.ts';

export interface PlanContext {
  /** Wall time now, on the frame loop's clock. */
  nowMs: number;
  /** While playing a batch plays at once; a step is spread out so it can be read (viz/stagger.ts). */
  playing: boolean;
  vms: readonly VmConfig[];
  queues: readonly QueueView[];
}

export interface AnimationPlanner<Item> {
  plan(events: readonly TraceEvent[], ctx: PlanContext): Item[];
  /** Forgets everything in progress (the trace went back, or a new scenario). */
  reset(): void;
  /** One in how many frames is animated right now. */
  readonly sampleEvery: number;
}

/**
 * @param side the side drawn: its store and its view session
 * @returns the planner's current sampling rate
 */
export function useAnimationFeed<Item extends TimedItem>(
  { store, viz: session }: { store: SimStore; viz: VizSession },
  animation: AnimationSink<Item>,
  planner: AnimationPlanner<Item>,
): number {
  const [sampleEvery, setSampleEvery] = useState(1);

  useEffect(() => {
    // Told to React only when it changes: a state update per batch, even an equal one, costs React a render pass.
    let shownSampleEvery = planner.sampleEvery;
    setSampleEvery(shownSampleEvery);
    const unsubscribe = session.onEvents(({ events, restarted }) => {
      if (restarted) {
        // Whatever was in flight belongs to a future that no longer exists.
        planner.reset();
        animation.clear();
        return;
      }
      const { playing, view, scenario } = store.getState();
      const items = planner.plan(events, {
        nowMs: performance.now(),
        playing,
        vms: scenario?.vms ?? [],
        queues: view?.queues ?? [],
      });
      // With reduced motion nothing moves; the planner still runs so its bookkeeping stays right if that changes.
      if (!prefersReducedMotion()) animation.add(items);
      if (planner.sampleEvery !== shownSampleEvery) {
        shownSampleEvery = planner.sampleEvery;
        setSampleEvery(shownSampleEvery);
      }
    });
    return () => {
      unsubscribe();
      planner.reset();
      animation.clear();
    };
  }, [session, store, animation, planner]);

  return sampleEvery;
}
