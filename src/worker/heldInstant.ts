/**
 * One instant shown a piece at a time. The engine runs an instant whole — virtual time does not move inside it — so
 * a FREE_QUEUE's Stop DMA → DmaStopped indication → Freeing → freed lands in one batch, and a view taken after the
 * batch only ever shows the end. The host records the instant's events with the engine's own view right after each
 * one, and lets the UI see them in pieces: one event per "Step event", one queue state per beat while playing.
 */
import type { AdapterView, TraceEvent } from '../engine/index.ts';
import type { ScenarioReport } from '../scenario/session.ts';

/** What the host shows with a held event: the engine's view right after it, and the report from before the instant
 * (its expectations are checked when the instant's last events run, so the report waits with them). */
export interface Shown {
  view(): AdapterView;
  report(): ScenarioReport;
}

/** Events one instant may hold back. Past it (a burst of traffic) the instant is shown whole, as before. */
export const HOLD_LIMIT = 256;

/**
 * Where recording starts. 'start': with the instant's first event (Step event walks every event). 'first state change':
 * with its first queue-state-changed event, since only a later change of the same queue hides a state (playback
 * pauses on each hidden state, not on each event, and most instants change no state at all).
 */
export type RecordFrom = 'start' | 'first state change';

/** The queue whose state `event` changes, or null. */
const changedQueue = (event: TraceEvent): number | null =>
  event.kind === 'queue-state-changed' ? event.queueId : null;

/** Taps the event stream for the span of one engine call. */
export class InstantRecorder {
  readonly #from: RecordFrom;
  readonly #shown: Shown;
  #events: TraceEvent[] = [];
  #views: AdapterView[] = [];
  #report: ScenarioReport | null = null;

  constructor(from: RecordFrom, shown: Shown) {
    this.#from = from;
    this.#shown = shown;
    if (from === 'start') this.#report = shown.report();
  }

  /** Takes `event` when it is recording (true), else leaves it to be delivered as usual (false). */
  accept(event: TraceEvent): boolean {
    if (!this.#report) {
      if (changedQueue(event) === null) return false;
      this.#report = this.#shown.report();
    }
    this.#events.push(event);
    // Past the limit nothing will be held, so the views are no longer worth their copies.
    if (this.#events.length <= HOLD_LIMIT) this.#views.push(this.#shown.view());
    return true;
  }

  /**
   * What to deliver now, and what to hold: Step event shows the first event; playback shows everything up to the
   * next change of a queue that already changed. Nothing is held when there is nothing to hide, or too much to hold.
   */
  finish(): { now: TraceEvent[]; held: HeldInstant | null } {
    const events = this.#events;
    // Most play slices change no state and record nothing: no instant to build.
    if (events.length === 0 || events.length > HOLD_LIMIT) return { now: events, held: null };
    const held = new HeldInstant(events, this.#views, this.#report as ScenarioReport);
    const now = this.#from === 'start' ? held.release(1) : held.releaseToHiddenState();
    return { now, held: held.done ? null : held };
  }
}

/** The recorded instant: events 0 … shown − 1 are delivered, the rest wait. */
export class HeldInstant {
  readonly #events: readonly TraceEvent[];
  readonly #views: readonly AdapterView[];
  /** The report from before the instant, shown until all of it is. */
  readonly report: ScenarioReport;
  #shown = 0;

  constructor(events: readonly TraceEvent[], views: readonly AdapterView[], report: ScenarioReport) {
    this.#events = events;
    this.#views = views;
    this.report = report;
  }

  get done(): boolean {
    return this.#shown >= this.#events.length;
  }
  /** Events the instant has. */
  get size(): number {
    return this.#events.length;
  }
  /** Events that ran in the engine but are not shown yet. */
  get waiting(): number {
    return this.#events.length - this.#shown;
  }
  /** Delivered events; the first one cannot be taken back (Step back restores the checkpoint before the instant). */
  get shown(): number {
    return this.#shown;
  }
  /** The engine's view right after the last shown event. */
  get view(): AdapterView | undefined {
    return this.#views[this.#shown - 1];
  }
  get lastShown(): TraceEvent | undefined {
    return this.#events[this.#shown - 1];
  }

  /** The next `count` events. */
  release(count: number): TraceEvent[] {
    const from = this.#shown;
    this.#shown = Math.min(this.#events.length, from + Math.max(0, count));
    return this.#events.slice(from, this.#shown);
  }

  /**
   * Everything up to (not including) the next state change of a queue that already changed in this piece: that
   * change would hide the state before it. Queues that each change once (QUEUE_ALLOCATION_COMPLETE turning many
   * queues Running) are shown together.
   */
  releaseToHiddenState(): TraceEvent[] {
    const changed = new Set<number>();
    let end = this.#shown;
    for (; end < this.#events.length; end++) {
      const queueId = changedQueue(this.#events[end] as TraceEvent);
      if (queueId === null) continue;
      if (changed.has(queueId)) break;
      changed.add(queueId);
    }
    return this.release(end - this.#shown);
  }

  releaseAll(): TraceEvent[] {
    return this.release(this.waiting);
  }

  /** Takes shown events back until `shown` are left (they wait again). At least one stays: the first event is
   * taken back by restoring the checkpoint before the instant. */
  showOnly(shown: number): void {
    if (shown < 1 || shown > this.#shown) throw new RangeError(`cannot go back to ${shown} of ${this.#shown} shown`);
    this.#shown = shown;
  }
}
