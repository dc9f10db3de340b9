/**
 * Finding the events the inspector shows: by seq, by frame, by indication, by filter and by request.
 * Ids the engine reuses (FilterId, requestId after a step-back) resolve to their latest use.
 */
import type { TraceSource } from './traceSource.ts';
import type { TraceEvent, TraceEventKind } from '../../engine/index.ts';

export type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;

/** The position of the first event with a sequence number above `seq` (trace.length if none). Seqs increase along
 * the trace, so it is a binary search. */
export function indexAfterSeq(trace: TraceSource, seq: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((trace.at(mid) as TraceEvent).seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of the event with sequence number `seq`, or -1. */
export function indexOfSeq(trace: TraceSource, seq: number): number {
  const index = indexAfterSeq(trace, seq - 1);
  return trace.at(index)?.seq === seq ? index : -1;
}

export const eventBySeq = (trace: TraceSource, seq: number): TraceEvent | undefined => trace.at(indexOfSeq(trace, seq));

/** The latest event of `kind` that `test` accepts. */
export function latestEvent<K extends TraceEventKind>(
  trace: TraceSource,
  kind: K,
  test: (event: EventOf<K>) => boolean,
): EventOf<K> | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const event = trace.at(i) as TraceEvent;
    if (event.kind === kind && test(event as EventOf<K>)) return event as EventOf<K>;
  }
  return undefined;
}

export interface FrameEvents {
  arrived?: EventOf<'frame-arrived'>;
  classified?: EventOf<'frame-classified'>;
  dma?: EventOf<'dma-written'>;
  dropped?: EventOf<'frame-dropped'>;
}

/** The per-frame events of one frame (frame ids are never reused within a session). */
export function frameEvents(trace: TraceSource, frameId: number): FrameEvents {
  const found: FrameEvents = {};
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (!('frameId' in event) || event.frameId !== frameId) continue;
    if (event.kind === 'frame-arrived') found.arrived = event;
    else if (event.kind === 'frame-classified') found.classified = event;
    else if (event.kind === 'dma-written') found.dma = event;
    else if (event.kind === 'frame-dropped') found.dropped = event;
  }
  return found;
}

/** The request and its completion, for a requestId (the latest one, should a step-back have reused it). */
export function requestEvents(
  trace: TraceSource,
  requestId: number,
): { requested?: EventOf<'oid-requested'>; completed?: EventOf<'oid-completed'> } {
  const requested = latestEvent(trace, 'oid-requested', (e) => e.requestId === requestId);
  const completed = latestEvent(trace, 'oid-completed', (e) => e.result.requestId === requestId);
  return {
    ...(requested ? { requested } : {}),
    ...(completed && (!requested || completed.seq > requested.seq) ? { completed } : {}),
  };
}
