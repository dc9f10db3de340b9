/**
 * The trace budget: how many events one unpaced command (a Step, a seek, a user action) may hand to the UI.
 * Such a command runs the engine through however much virtual time it covers in one go — one Step over
 * `{"advance":"1s"}` of 100 ns traffic is 10 M frames — so keeping every event would grow the worker by the
 * frame count. A run keeps its first `head` and its last `tail` events, and between them up to `landmarks` events
 * that are not per-frame datapath detail (an OID completing, a queue changing state, a rule finding, a flow
 * ending), so the conformance panel and the log still show what mattered; it counts the rest. The counters in the
 * AdapterView and the report come from the engine, so they stay exact whatever the log leaves out.
 *
 * What is kept depends only on the run's own events, never on a random draw or a clock, so the same steps keep
 * the same events (the trace stays deterministic).
 */
import type { TraceEvent, TraceEventKind } from '../engine/index.ts';

export interface TraceBudget {
  head: number;
  landmarks: number;
  tail: number;
}

/** The per-frame and per-DPC events: what a long run has millions of, and what the budget samples. */
const DATAPATH_DETAIL: ReadonlySet<TraceEventKind> = new Set<TraceEventKind>([
  'frame-arrived',
  'frame-classified',
  'dma-written',
  'frame-dropped',
  'frames-dropped',
  'dpc-ran',
  'nbls-indicated',
  'nbls-returned',
]);

/** 5,000 at the start: a quarter of the page's log (EventBuffer keeps 20,000), so a sampled Step never pushes all
 * earlier history out of it. 2,000 at the end: the tail is a ring, so every event of a long run lives until 2,000
 * later ones replace it; beyond about 2,000 (measured: 5,000) those events outlive V8's young generation and a
 * 100,000-frame Step runs 3× slower. 1,000 landmarks: more OID completions, state changes and findings than any
 * scenario makes in one step. Together 16 batches of the page's 500 and a few MB of worker memory. */
export const TRACE_BUDGET: TraceBudget = { head: 5_000, landmarks: 1_000, tail: 2_000 };

/** A run's kept events, and the gap it left when it had more than the budget. */
export interface RunTrace {
  events: TraceEvent[];
  /** Null when every event was kept. Events were left out after `afterSeq` (the head's last event) and before the
   * tail; landmarks kept between them lie there too. */
  gap: { afterSeq: number; omitted: number } | null;
}

export class SampledRun {
  readonly #budget: TraceBudget;
  readonly #head: TraceEvent[] = [];
  /** Landmarks pushed out of the tail, oldest first. */
  readonly #landmarks: TraceEvent[] = [];
  /** The newest `tail` events after the head filled, as a ring starting at #tailStart. */
  readonly #tail: TraceEvent[] = [];
  #tailStart = 0;
  #omitted = 0;

  constructor(budget: TraceBudget = TRACE_BUDGET) {
    if (![budget.head, budget.tail].every((n) => Number.isInteger(n) && n >= 1) || !(budget.landmarks >= 0))
      throw new RangeError(`a trace budget keeps at least one event at each end, got ${JSON.stringify(budget)}`);
    this.#budget = budget;
  }

  accept(event: TraceEvent): void {
    if (this.#head.length < this.#budget.head) this.#head.push(event);
    else if (this.#tail.length < this.#budget.tail) this.#tail.push(event);
    else {
      const leaving = this.#tail[this.#tailStart] as TraceEvent;
      if (!DATAPATH_DETAIL.has(leaving.kind) && this.#landmarks.length < this.#budget.landmarks)
        this.#landmarks.push(leaving);
      else this.#omitted++;
      this.#tail[this.#tailStart] = event;
      this.#tailStart = (this.#tailStart + 1) % this.#budget.tail;
    }
  }

  /** The kept events in engine order. */
  finish(): RunTrace {
    const tail = [...this.#tail.slice(this.#tailStart), ...this.#tail.slice(0, this.#tailStart)];
    const lastHead = this.#head.at(-1);
    return {
      events: this.#head.concat(this.#landmarks, tail),
      gap: this.#omitted > 0 && lastHead ? { afterSeq: lastHead.seq, omitted: this.#omitted } : null,
    };
  }
}
