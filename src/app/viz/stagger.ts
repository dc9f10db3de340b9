/**
 * When a batch of events plays on screen. While playing, a batch is one animation frame's worth of virtual time
 * and plays at once. A step can release many instants of virtual time at once; they are spread over a second or so,
 * in proportion to their virtual times, so their order (and the gaps between them) can be read.
 */
import type { TimeNs, TraceEvent } from '../../engine/index.ts';

/** How long a frame takes on screen from the wire to its queue: the diagram's dot flies that long, and the memory
 * map's DMA write lands as it arrives. */
export const ARRIVAL_MS = 1100;

/** A stepped batch is spread over at most this long, about this much per distinct instant of virtual time. */
const STEP_SPREAD_MAX_MS = 1400;
const STEP_SPREAD_PER_INSTANT_MS = 90;

/** Wall-time offset (ms from now) at which an event of virtual time `tNs` in this batch should show. */
export function staggering(events: readonly TraceEvent[], playing: boolean): (tNs: TimeNs) => number {
  if (playing || events.length === 0) return () => 0;
  const first = (events[0] as TraceEvent).t;
  const last = (events.at(-1) as TraceEvent).t;
  if (last === first) return () => 0;
  const instants = new Set(events.map((e) => e.t)).size;
  const spreadMs = Math.min(STEP_SPREAD_MAX_MS, (instants - 1) * STEP_SPREAD_PER_INSTANT_MS);
  return (tNs) => (spreadMs * (tNs - first)) / (last - first);
}
