/**
 * A digest of the few events of some kinds (notes, rule violations, flows, queue changes): it keeps those of the
 * kept trace, in order, and derives what a view shows from them only when one came or went.
 */
import type { TraceEvent } from '../../engine/index.ts';
import { PositionedList, type TraceFold } from './traceFold.ts';

export class EventSubset<E extends TraceEvent, T> implements TraceFold {
  #events = new PositionedList<{ pos: number; event: E }>();
  #keep: (event: TraceEvent) => event is E;
  #derive: (events: readonly E[]) => T;
  #version = 0;
  #derived: { version: number; value: T } | null = null;

  constructor(keep: (event: TraceEvent) => event is E, derive: (events: readonly E[]) => T) {
    this.#keep = keep;
    this.#derive = derive;
  }

  get version(): number {
    return this.#version;
  }

  /** What the view shows, derived once per change. */
  value(): T {
    if (this.#derived?.version !== this.#version) {
      const events = Array.from(this.#events, (item) => item.event);
      this.#derived = { version: this.#version, value: this.#derive(events) };
    }
    return this.#derived.value;
  }

  append(events: readonly TraceEvent[], firstPos: number): void {
    events.forEach((event, i) => {
      if (!this.#keep(event)) return;
      this.#events.push({ pos: firstPos + i, event });
      this.#version++;
    });
  }

  evictBefore(pos: number): void {
    if (this.#events.dropBefore(pos) > 0) this.#version++;
  }

  truncateFrom(pos: number): void {
    if (this.#events.dropFrom(pos) > 0) this.#version++;
  }

  reset(): void {
    this.#events.clear();
    this.#version++;
  }
}
