/**
 * The trace as received: a bounded ring buffer of TraceEvents that lives outside React state.
 * Batches append once per frame; components read it when the store's `traceRevision` changes,
 * so React never re-renders per event and memory stays flat however long a scenario plays.
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { TraceFold } from '../trace/traceFold.ts';

/** Enough for every event of a built-in scenario with frame tracing on, small enough to stay a few MB. */
const DEFAULT_TRACE_CAPACITY = 20_000;

export class EventBuffer {
  readonly capacity: number;
  #slots: (TraceEvent | undefined)[];
  /** Index of the oldest event. */
  #head = 0;
  #length = 0;
  /** Events pushed out at the front since the last clear, so the UI can say "N earlier events not kept". */
  #evicted = 0;
  /** Changes whenever the contents change; the store mirrors it to trigger one render. */
  #revision = 0;
  #rewinds = 0;
  #folds = new Set<TraceFold>();

  constructor(capacity = DEFAULT_TRACE_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.#slots = new Array<TraceEvent | undefined>(capacity);
  }

  get length(): number {
    return this.#length;
  }
  get evicted(): number {
    return this.#evicted;
  }
  get revision(): number {
    return this.#revision;
  }
  /** Counts the times the trace went back (truncation or clear), so readers can tell a rewind from an append. */
  get rewinds(): number {
    return this.#rewinds;
  }

  /** The event at `index`, 0 = oldest kept. */
  at(index: number): TraceEvent | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#slots[(this.#head + index) % this.capacity];
  }

  /** Keeps `fold` up to date from now on, starting with the events kept now; returns the way to stop. */
  attach(fold: TraceFold): () => void {
    fold.reset();
    fold.append(this.toArray(), this.#evicted);
    this.#folds.add(fold);
    return () => this.#folds.delete(fold);
  }

  append(events: readonly TraceEvent[]): void {
    if (events.length === 0) return;
    const firstPos = this.#evicted + this.#length;
    const evictedBefore = this.#evicted;
    for (const event of events) {
      if (this.#length === this.capacity) {
        this.#slots[this.#head] = undefined;
        this.#head = (this.#head + 1) % this.capacity;
        this.#length--;
        this.#evicted++;
      }
      this.#slots[(this.#head + this.#length) % this.capacity] = event;
      this.#length++;
    }
    for (const fold of this.#folds) {
      fold.append(events, firstPos);
      if (this.#evicted !== evictedBefore) fold.evictBefore(this.#evicted);
    }
    this.#revision++;
  }

  /** Drops every event with `seq` above `lastSeq` (after the engine went back in time). */
  truncateAfter(lastSeq: number): void {
    const before = this.#length;
    while (this.#length > 0) {
      const lastIdx = (this.#head + this.#length - 1) % this.capacity;
      if ((this.#slots[lastIdx] as TraceEvent).seq <= lastSeq) break;
      this.#slots[lastIdx] = undefined;
      this.#length--;
    }
    if (this.#length !== before) {
      for (const fold of this.#folds) fold.truncateFrom(this.#evicted + this.#length);
      this.#revision++;
      this.#rewinds++;
    }
  }

  clear(): void {
    this.#slots.fill(undefined);
    this.#head = 0;
    this.#length = 0;
    this.#evicted = 0;
    for (const fold of this.#folds) fold.reset();
    this.#revision++;
    this.#rewinds++;
  }

  /** The kept events, oldest first (tests and searches; the table reads by index). */
  toArray(): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.#length; i++) out.push(this.at(i) as TraceEvent);
    return out;
  }
}
