/**
 * The side's announcements as a trace fold (trace/traceFold.ts): every event is looked at once as it arrives; what
 * must be heard waits in order, the traffic is counted, and the live region takes one message at most every
 * GAP_MS of wall time (a screen reader cut off mid-sentence by the next one hears nothing). A step back or a rewind
 * says where the run went instead of reading history again; a new scenario starts silent.
 */
import type { AdapterView, TraceEvent } from '../../engine/index.ts';
import { formatUs } from '../ui/format.ts';
import type { TraceFold } from '../trace/traceFold.ts';
import { compose, sentenceFor, Tally } from './announcements.ts';
import type { OidName } from '../../engine/index.ts';

/** The least time between two messages, in ms of wall time. */
export const GAP_MS = 1000;

export class AnnouncerFold implements TraceFold {
  version = 0;
  readonly #requests = new Map<number, OidName>();
  #sentences: string[] = [];
  readonly #tally = new Tally();
  #spokeAtMs = Number.NEGATIVE_INFINITY;
  #wentBack = false;
  /** A message the user asked for (describe this moment): it goes out first, at once. */
  #asked: string | null = null;

  append(events: readonly TraceEvent[]): void {
    for (const event of events) {
      if (event.kind === 'oid-requested') this.#requests.set(event.requestId, event.oid);
      const sentence = sentenceFor(event, this.#requests);
      if (sentence) this.#sentences.push(sentence);
      else this.#tally.count(event);
    }
    if (events.length) this.version++;
  }

  evictBefore(): void {}

  truncateFrom(): void {
    this.#forget();
    this.#wentBack = true;
  }

  /** After a step back or a rewind, the view says where the run now is. */
  observeView(view: AdapterView): void {
    if (!this.#wentBack) return;
    this.#wentBack = false;
    this.#sentences.push(view.nowNs === 0 ? 'Rewound to t = 0' : `Went back to t = ${formatUs(view.nowNs)} µs`);
    this.version++;
  }

  reset(): void {
    this.#forget();
    this.#wentBack = false;
    this.#requests.clear();
    this.version++;
  }

  /** Speaks `text` next, ahead of what waits and regardless of the gap: the user asked for it. */
  ask(text: string): void {
    this.#asked = text;
    this.version++;
  }

  /** Whether something waits to be said. */
  get waiting(): boolean {
    return this.#asked !== null || this.#sentences.length > 0 || !this.#tally.empty;
  }

  /** How long until the next message may go out (0: now). */
  waitMs(nowMs: number): number {
    return this.#asked !== null ? 0 : Math.max(0, this.#spokeAtMs + GAP_MS - nowMs);
  }

  /** The next message, if one may go out at `nowMs`; taking it empties what waited. */
  take(nowMs: number): string | null {
    if (!this.waiting || this.waitMs(nowMs) > 0) return null;
    this.#spokeAtMs = nowMs;
    if (this.#asked !== null) {
      const asked = this.#asked;
      this.#asked = null;
      return asked;
    }
    const message = compose(this.#sentences, this.#tally.summary());
    this.#forget();
    return message;
  }

  #forget(): void {
    this.#sentences = [];
    this.#tally.clear();
  }
}

export const announcerFold = () => new AnnouncerFold();
