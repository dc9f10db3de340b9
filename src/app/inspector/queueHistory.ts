/**
 * A queue's state history: its queue-state-changed events since its latest allocation. QueueIds are reused after
 * FREE_QUEUE (R26), so an earlier queue with the same id is not this queue's past.
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { TraceSource } from '../trace/traceSource.ts';

export type StateChange = Extract<TraceEvent, { kind: 'queue-state-changed' }>;

export function queueHistory(trace: TraceSource, queueId: number): StateChange[] {
  let history: StateChange[] = [];
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (event.kind !== 'queue-state-changed' || event.queueId !== queueId) continue;
    if (event.from === 'Undefined') history = [];
    history.push(event);
  }
  return history;
}
