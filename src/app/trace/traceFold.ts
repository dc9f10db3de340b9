/**
 * Digests of the trace kept up to date batch by batch, so no view re-reads the whole bounded trace (20,000 events)
 * per batch. The EventBuffer hands each fold every event once as it arrives, and tells it when events leave: the
 * oldest ones pushed out of the bounded buffer, or the newest ones cut by a rewind (step back, seek).
 *
 * Positions are absolute: 0 is the first event since the buffer was last cleared, evicted events included, so a
 * position names the same event for as long as it is kept.
 */
import type { AdapterView, TraceEvent } from '../../engine/index.ts';

export interface TraceFold {
  /** Events appended to the trace; `firstPos` is the position of `events[0]`. */
  append(events: readonly TraceEvent[], firstPos: number): void;
  /** Every event before position `pos` left the buffer (the oldest are not kept). */
  evictBefore(pos: number): void;
  /** Every event from position `pos` on was cut (the engine went back in time). */
  truncateFrom(pos: number): void;
  /** The trace was cleared: a new session starts at position 0. */
  reset(): void;
  /** For a fold that also keeps levels the engine reports (not events): the AdapterView at the end of each batch,
   * and once when the fold is attached. */
  observeView?(view: AdapterView): void;
  /** Changes whenever what the fold shows changes; a view re-renders on it, not on every batch. */
  readonly version: number;
}

/** Items readable by index, oldest first: an array, or a PositionedList (whose iterator is slow on hot loops). */
export interface IndexedItems<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** Each item of `items` in order, by index: the drawing loops use it instead of an iterator. */
export function forEachItem<T>(items: IndexedItems<T>, visit: (item: T) => void): void {
  for (let i = 0; i < items.length; i++) visit(items.at(i) as T);
}

/** A queue of items in position order with O(1) amortised drops at both ends; readable by index and iterable. */
export class PositionedList<T extends { pos: number }> implements Iterable<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  at(index: number): T | undefined {
    return index < 0 ? undefined : this.#items[this.#head + index];
  }

  last(): T | undefined {
    return this.length > 0 ? this.#items[this.#items.length - 1] : undefined;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Drops the items before `pos`, handing each to `dropped`; returns how many. */
  dropBefore(pos: number, dropped?: (item: T) => void): number {
    const start = this.#head;
    while (this.#head < this.#items.length && (this.#items[this.#head] as T).pos < pos) {
      dropped?.(this.#items[this.#head] as T);
      this.#head++;
    }
    const count = this.#head - start;
    // Compacts once the dropped prefix outweighs what is kept, so each item is moved O(1) times.
    if (this.#head > 64 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return count;
  }

  /** Drops the items at `pos` and after, handing each to `dropped`; returns how many. */
  dropFrom(pos: number, dropped?: (item: T) => void): number {
    let count = 0;
    while (this.length > 0 && (this.last() as T).pos >= pos) {
      const item = this.#items.pop() as T; // popped before the optional call, which skips its arguments
      dropped?.(item);
      count++;
    }
    return count;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
  }

  /** Index of the first item at `pos` or after (binary search); `length` if none. */
  indexAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.at(mid) as T).pos < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) yield this.#items[i] as T;
  }
}
