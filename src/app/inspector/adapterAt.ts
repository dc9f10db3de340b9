/**
 * The adapter's queues and filters as they were at one point of the trace, rebuilt from the events before it.
 * The inspector explains a frame against the filter table the NIC had when the frame arrived, not today's.
 */
import type { AdapterState, DetailedQueueState, FilterSpec, TraceEvent } from '../../engine/types.ts';
import { allocatedQueue } from '../trace/eventRefs.ts';
import type { TraceSource } from '../trace/traceSource.ts';

export interface QueueAt {
  queueId: number;
  state: DetailedQueueState;
  vmName: string;
}

export interface FilterAt {
  filterId: number;
  queueId: number;
  spec: FilterSpec;
  /** A 6.30 MAC-only filter (neither a VLAN test nor UNTAGGED_OR_ZERO): matches any VLAN and strips the tag. */
  vlanAgnostic: boolean;
}

export interface AdapterAt {
  adapterState: AdapterState;
  /** Live queues by QueueId; the default queue 0 is always there. */
  queues: Map<number, QueueAt>;
  filters: Map<number, FilterAt>;
}

/** Folds `event` into `adapter` (mutating it: the caller owns the copy). */
export function applyEvent(adapter: AdapterAt, event: TraceEvent): void {
  const allocated = allocatedQueue(event);
  if (allocated) {
    const queue = adapter.queues.get(allocated.queueId);
    if (queue) queue.vmName = allocated.vmName;
  }
  switch (event.kind) {
    case 'queue-state-changed':
      if (event.to === 'Undefined') adapter.queues.delete(event.queueId);
      else
        adapter.queues.set(event.queueId, {
          queueId: event.queueId,
          state: event.to,
          vmName: adapter.queues.get(event.queueId)?.vmName ?? '',
        });
      return;
    case 'filter-set':
      adapter.filters.set(event.filterId, {
        filterId: event.filterId,
        queueId: event.queueId,
        spec: event.filter,
        vlanAgnostic: event.filter.vlanId === null && !event.filter.untaggedOrZero,
      });
      return;
    case 'filter-cleared':
      adapter.filters.delete(event.filterId);
      return;
    case 'adapter-state-changed':
      adapter.adapterState = event.to;
      return;
    default:
      return;
  }
}

export const initialAdapter = (): AdapterAt => ({
  adapterState: 'Running',
  queues: new Map([[0, { queueId: 0, state: 'Running', vmName: '' }]]),
  filters: new Map(),
});

/** The adapter just before the event with sequence number `seq` (or after the whole trace if none has it). */
export function adapterBefore(trace: TraceSource, seq: number): AdapterAt {
  const adapter = initialAdapter();
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (event.seq >= seq) break;
    applyEvent(adapter, event);
  }
  return adapter;
}
