/**
 * Reads the EventBuffer incrementally: each call returns only the events appended since the previous one.
 * Each side's view session keeps one, so the trace digest and the drawings' animations get each batch's new events
 * without re-scanning the trace.
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { EventBuffer } from '../store/eventBuffer.ts';
import { indexAfterSeq } from '../trace/traceLookup.ts';

export interface CursorRead {
  /** Events after the previous read, oldest first. After a restart: every event the buffer keeps. */
  events: TraceEvent[];
  /** The trace went back (step-back, seek, a new scenario): what was read before no longer holds. */
  restarted: boolean;
}

const NOTHING: CursorRead = { events: [], restarted: false };

export class EventCursor {
  /** Seq of the newest event read; -1 before the first. */
  #lastSeq = -1;
  /** The buffer revision at the last read: an unchanged revision means nothing to do. */
  #revision = -1;
  /** The buffer's rewind count at the last read: a change means the trace went back, even if it has since grown past where it was. */
  #rewinds = 0;

  read(buffer: EventBuffer): CursorRead {
    if (buffer.revision === this.#revision) return NOTHING;
    this.#revision = buffer.revision;
    const newest = buffer.at(buffer.length - 1)?.seq ?? -1;
    const restarted = newest < this.#lastSeq || buffer.rewinds !== this.#rewinds;
    this.#rewinds = buffer.rewinds;
    const from = restarted ? 0 : indexAfterSeq(buffer, this.#lastSeq);
    const events: TraceEvent[] = [];
    for (let i = from; i < buffer.length; i++) events.push(buffer.at(i) as TraceEvent);
    this.#lastSeq = newest;
    return { events, restarted };
  }

  /** Forgets everything (a new session): the next read returns the whole buffer as a restart. */
  reset(): void {
    this.#lastSeq = Number.POSITIVE_INFINITY;
    this.#revision = -1;
    this.#rewinds = -1;
  }
}
