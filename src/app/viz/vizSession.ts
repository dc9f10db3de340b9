/**
 * One per simulation side (side/createSide.ts builds it): reads the side's EventBuffer once per batch (when the
 * store's traceRevision changes, outside React) and fans the new events out to the trace digest and to whatever
 * animates them.
 */
import type { SimStore } from '../store/simStore.ts';
import type { EventBuffer } from '../store/eventBuffer.ts';
import { EventCursor } from './eventCursor.ts';
import type { CursorRead } from './eventCursor.ts';
import { TraceDigest } from './traceDigest.ts';

/** What the session reads: a side's store and its trace. */
export interface VizSource {
  store: SimStore;
  buffer: EventBuffer;
}

/** Gets each batch's new events; `restarted` means the trace went back and anything in flight is stale. */
export type EventsListener = (read: CursorRead) => void;

export class VizSession {
  readonly digest = new TraceDigest();
  #buffer: EventBuffer;
  #cursor = new EventCursor();
  #sessionId: number | null;
  #eventListeners = new Set<EventsListener>();
  #unsubscribe: () => void;

  constructor({ store, buffer }: VizSource) {
    this.#buffer = buffer;
    this.#sessionId = store.getState().sessionId;
    this.#read(false);
    this.#unsubscribe = store.subscribe((state, previous) => {
      if (state.sessionId !== this.#sessionId) {
        this.#sessionId = state.sessionId;
        this.#read(true);
      } else if (state.traceRevision !== previous.traceRevision) {
        this.#read(false);
      }
    });
  }

  onEvents(listener: EventsListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** Stops reading the store and drops every listener. */
  dispose(): void {
    this.#unsubscribe();
    this.#eventListeners.clear();
  }

  #read(newSession: boolean): void {
    if (newSession) this.#cursor.reset();
    const read = this.#cursor.read(this.#buffer);
    if (read.restarted) this.digest.reset();
    this.digest.apply(read.events);
    for (const listener of this.#eventListeners) listener(read);
  }
}
