/**
 * One per simulation side: reads the side's EventBuffer once per batch (when the store's traceRevision changes,
 * outside React) and fans the new events out to the trace digest and to whatever animates them.
 */
import type { SimStore } from '../store/simStore.ts';
import type { EventBuffer } from '../store/eventBuffer.ts';
import { EventCursor } from './eventCursor.ts';
import type { CursorRead } from './eventCursor.ts';
import { TraceDigest } from './traceDigest.ts';

/** A simulation as the drawings see it: its store and its trace. The page has one; compare mode has two. */
export interface SimSide {
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
  #digestListeners = new Set<() => void>();

  constructor({ store, buffer }: SimSide) {
    this.#buffer = buffer;
    this.#sessionId = store.getState().sessionId;
    this.#read(false);
    store.subscribe((state, previous) => {
      if (state.sessionId !== this.#sessionId) {
        this.#sessionId = state.sessionId;
        this.#read(true);
      } else if (state.traceRevision !== previous.traceRevision) {
        this.#read(false);
      }
    });
  }

  /** For useSyncExternalStore: notified when the digest changed. */
  subscribeDigest = (listener: () => void): (() => void) => {
    this.#digestListeners.add(listener);
    return () => this.#digestListeners.delete(listener);
  };

  digestRevision = (): number => this.digest.revision;

  onEvents(listener: EventsListener): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  #read(newSession: boolean): void {
    if (newSession) this.#cursor.reset();
    const read = this.#cursor.read(this.#buffer);
    if (read.restarted) this.digest.reset();
    const changed = this.digest.apply(read.events) || read.restarted;
    for (const listener of this.#eventListeners) listener(read);
    if (changed) for (const listener of this.#digestListeners) listener();
  }
}

const sessions = new WeakMap<SimStore, VizSession>();

/** The side's session, created on first use and kept as long as its store lives. */
export function vizSessionFor(side: SimSide): VizSession {
  let session = sessions.get(side.store);
  if (!session) {
    session = new VizSession(side);
    sessions.set(side.store, session);
  }
  return session;
}
