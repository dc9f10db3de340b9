/**
 * Under heavy traffic the drawings animate one frame in N; the engine's counters stay exact. N is the smallest whole
 * number up to 10 (so sampling takes no more away than it must: from 2 on at least half the capacity is drawn), then a
 * "nice" number (20, 50, 100, …) so the on-screen "showing 1 in N frames" reads cleanly. It is chosen from the frame
 * rate over the last second of wall time, and comes down only after a whole second of lighter traffic.
 */

/** Dots the diagram draws at once (one canvas path per colour) before it samples; the bench's P3 holds at this. */
export const DOT_CAPACITY = 4000;
/** How long one frame stays on screen, from the wire through its queue to its partition, lingering included. */
const FRAME_ON_SCREEN_MS = 2750;
/** Frames a second the drawings animate before they sample: at this rate about DOT_CAPACITY dots are in flight. */
export const FRAMES_PER_SECOND_BUDGET = Math.floor((DOT_CAPACITY * 1000) / FRAME_ON_SCREEN_MS);
/** Events a viewer can follow one by one per second (a DPC's pulse): beyond it they would strobe. */
export const FOLLOWABLE_PER_SECOND = 24;
/** The window the rate is measured over; N comes down only after a whole window of lighter traffic. */
const WINDOW_MS = 1000;

/** The smallest N (see above) such that `framesPerSecond / N` fits `budgetPerSecond`. */
export function sampleEvery(framesPerSecond: number, budgetPerSecond: number): number {
  if (!(framesPerSecond > budgetPerSecond)) return 1;
  const needed = framesPerSecond / budgetPerSecond;
  if (needed <= 10) return Math.ceil(needed);
  let decade = 10;
  for (;;) {
    for (const step of [1, 2, 5]) if (step * decade >= needed) return step * decade;
    decade *= 10;
  }
}

export class FrameSampler {
  readonly #budgetPerSecond: number;
  /** Frames seen per batch in the window, as [wall ms, count]; a batch is one entry however many frames it has. */
  #seen: [number, number][] = [];
  #every = 1;

  /** @param budgetPerSecond frames a second it lets through before it samples */
  constructor(budgetPerSecond = FRAMES_PER_SECOND_BUDGET) {
    this.#budgetPerSecond = budgetPerSecond;
  }

  /** Current N: frames with `frameId % N === 0` are animated. */
  get every(): number {
    return this.#every;
  }

  /** Records `count` frames arriving at `nowMs` and returns the N that applies to them. */
  observe(count: number, nowMs: number): number {
    if (count > 0) this.#seen.push([nowMs, count]);
    while (this.#seen.length > 0 && (this.#seen[0] as [number, number])[0] <= nowMs - WINDOW_MS) this.#seen.shift();
    const inWindow = this.#seen.reduce((sum, [, n]) => sum + n, 0);
    this.#every = sampleEvery((inWindow * 1000) / WINDOW_MS, this.#budgetPerSecond);
    return this.#every;
  }

  isSampled(frameId: number): boolean {
    return frameId % this.#every === 0;
  }

  reset(): void {
    this.#seen = [];
    this.#every = 1;
  }
}
