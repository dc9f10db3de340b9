/**
 * Seeded pseudo-random numbers (mulberry32). The whole generator state is one uint32 kept in the
 * engine state, so snapshots capture it and a restored engine draws the same numbers again.
 */

/** A uint32 divided by this lands in [0, 1). */
const UINT32_RANGE = 2 ** 32;

export function nextRandom(state: { rng: number }): number {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / UINT32_RANGE;
}

/** Exponentially distributed gap with the given mean, rounded to whole nanoseconds (at least 1). */
export function exponentialNs(state: { rng: number }, meanNs: number): number {
  return Math.max(1, Math.round(-Math.log(1 - nextRandom(state)) * meanNs));
}
