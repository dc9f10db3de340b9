/**
 * What a trace event is about: the queues, filter, frame, indication and request it names, and the MACs it
 * carries. The event log filters on it, and the inspector follows it from an event to the thing it concerns.
 */
import type { TraceEvent, TraceEventKind } from '../../engine/index.ts';

export interface EventRefs {
  queueIds: number[];
  filterId?: number;
  frameId?: number;
  indicationId?: number;
  requestId?: number;
  /** Destination MACs ("00-15-5D-00-00-01"), for relating wire events to a VM. */
  macs: string[];
}

const numberField = (buffer: Record<string, unknown> | undefined, key: string): number[] => {
  const value = buffer?.[key];
  return typeof value === 'number' ? [value] : [];
};

/** QueueIds an OID's buffer names: QueueId itself, or the elements of QUEUE_ALLOCATION_COMPLETE. */
function bufferQueueIds(buffer: Record<string, unknown> | undefined): number[] {
  const elements = buffer?.['Elements'];
  const fromElements = Array.isArray(elements)
    ? elements.flatMap((e) => numberField(e as Record<string, unknown>, 'QueueId'))
    : [];
  return [...numberField(buffer, 'QueueId'), ...fromElements];
}

const filterIdOf = (buffer: Record<string, unknown> | undefined): { filterId?: number } => {
  const [filterId] = numberField(buffer, 'FilterId');
  return filterId === undefined || filterId === 0 ? {} : { filterId };
};

/** The VmName a successful ALLOCATE_QUEUE gave its new QueueId, if this event is one. */
export function allocatedQueue(event: TraceEvent): { queueId: number; vmName: string } | undefined {
  if (
    event.kind !== 'oid-completed' ||
    event.result.oid !== 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' ||
    event.result.status !== 'NDIS_STATUS_SUCCESS'
  )
    return undefined;
  const { QueueId: queueId, VmName: vmName } = event.result.output ?? {};
  return typeof queueId === 'number' ? { queueId, vmName: typeof vmName === 'string' ? vmName : '' } : undefined;
}

export function refsOf(event: TraceEvent): EventRefs {
  switch (event.kind) {
    case 'oid-requested':
      return {
        queueIds: bufferQueueIds(event.buffer),
        ...filterIdOf(event.buffer),
        requestId: event.requestId,
        macs: [],
      };
    case 'oid-pended':
      return { queueIds: [], requestId: event.requestId, macs: [] };
    case 'oid-completed':
      return {
        queueIds: bufferQueueIds(event.result.output),
        ...filterIdOf(event.result.output),
        requestId: event.result.requestId,
        macs: [],
      };
    case 'status-indicated':
    case 'queue-state-changed':
    case 'queue-parameters-changed':
    case 'memory-allocated':
    case 'memory-freed':
    case 'nbls-returned':
      return { queueIds: [event.queueId], macs: [] };
    case 'filter-set':
    case 'filter-cleared':
      return { queueIds: [event.queueId], filterId: event.filterId, macs: [] };
    case 'frame-arrived':
      return { queueIds: [], frameId: event.frameId, macs: [event.dst] };
    case 'frame-classified':
      return {
        queueIds: [event.queueId],
        ...(event.filterId === 0 ? {} : { filterId: event.filterId }),
        frameId: event.frameId,
        macs: [event.dst],
      };
    case 'dma-written':
      return { queueIds: [event.queueId], frameId: event.frameId, macs: [] };
    case 'frame-dropped':
      return { queueIds: event.queueId === null ? [] : [event.queueId], frameId: event.frameId, macs: [] };
    case 'frames-dropped':
      return { queueIds: event.queueId === null ? [] : [event.queueId], macs: [] };
    case 'dpc-ran':
      return { queueIds: event.queueIds, macs: [] };
    case 'nbls-indicated':
      return { queueIds: event.parts.map((p) => p.queueId), indicationId: event.indicationId, macs: [] };
    case 'flow-started':
      return { queueIds: [], macs: [event.dst] };
    case 'rule-violated':
      return {
        queueIds: event.queueId === undefined ? [] : [event.queueId],
        ...(event.requestId === undefined ? {} : { requestId: event.requestId }),
        macs: [],
      };
    case 'adapter-state-changed':
    case 'binding-closed':
    case 'fault-injected':
    case 'flow-ended':
    case 'note':
      return { queueIds: [], macs: [] };
  }
}

/** The event log's kind filter: every kind in exactly one group, named for what a reader looks for. */
export const EVENT_GROUPS = [
  { id: 'oid', label: 'OIDs', kinds: ['oid-requested', 'oid-pended', 'oid-completed'] },
  {
    id: 'state',
    label: 'states',
    kinds: [
      'queue-state-changed',
      'queue-parameters-changed',
      'adapter-state-changed',
      'binding-closed',
      'fault-injected',
    ],
  },
  { id: 'indication', label: 'status indications', kinds: ['status-indicated'] },
  { id: 'filter', label: 'filters', kinds: ['filter-set', 'filter-cleared'] },
  { id: 'memory', label: 'shared memory', kinds: ['memory-allocated', 'memory-freed'] },
  {
    id: 'frame',
    label: 'frames',
    kinds: ['frame-arrived', 'frame-classified', 'dma-written', 'frame-dropped', 'frames-dropped'],
  },
  { id: 'nbl', label: 'DPCs and NBLs', kinds: ['dpc-ran', 'nbls-indicated', 'nbls-returned'] },
  { id: 'flow', label: 'flows', kinds: ['flow-started', 'flow-ended'] },
  { id: 'rule', label: 'rule checks', kinds: ['rule-violated'] },
  { id: 'note', label: 'notes', kinds: ['note'] },
] as const satisfies readonly { id: string; label: string; kinds: readonly TraceEventKind[] }[];

export type EventGroupId = (typeof EVENT_GROUPS)[number]['id'];

const GROUP_OF = new Map<TraceEventKind, EventGroupId>(
  EVENT_GROUPS.flatMap((g) => g.kinds.map((kind) => [kind, g.id] as const)),
);

export const groupOf = (kind: TraceEventKind): EventGroupId => GROUP_OF.get(kind) as EventGroupId;
