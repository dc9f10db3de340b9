/**
 * The queue OIDs (§3.4, §3.5, §3.9, §3.10): ALLOCATE_QUEUE, QUEUE_ALLOCATION_COMPLETE, FREE_QUEUE
 * and ENUM_QUEUES — NDIS's validation and caches, then the miniport. QUEUE_PARAMETERS has its own module.
 */
import { allocatedQueue, reportedState, setQueueState, type Ctx } from '../context.ts';
import { allocateReceiveBuffers, freeReceiveBuffers } from '../memory.ts';
import { readArray, readNumber, readQueueId, readString } from '../ndis/buffer.ts';
import {
  NDIS_DEFAULT_RECEIVE_QUEUE_ID,
  NDIS_OBJECT_TYPE_DEFAULT,
  NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
  NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
  NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
  NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
  NDIS_RECEIVE_QUEUE_TYPE,
  QUEUE_PARAMETER_FLAG_NAMES,
  type NdisStatusName,
} from '../ndis/constants.ts';
import { revisionFor, structSize } from '../ndis/structs.ts';
import type { QueueState } from '../state.ts';
import { asQueueId, type QueueId } from '../types.ts';
import type { OidDescriptor } from './descriptor.ts';
import { LATEST_QUEUE, NO_INPUT, vmQueues } from './form.ts';
import { fail, ok, WAIT, type OidCall, type Outcome } from './outcome.ts';
import {
  affinityProblem,
  interruptVectorOf,
  lowestCpu,
  nameProblem,
  queueFlagsOf,
  queueIdOf,
  queueParametersOut,
  queueParamsSize,
  queueTypeOf,
  readAffinity,
  readQueueFlags,
} from './queueParams.ts';

function newQueue(id: QueueId, owner: string, generation: number): QueueState {
  return {
    id,
    generation,
    state: 'Undefined',
    owner,
    params: {
      Flags: 0,
      QueueType: NDIS_RECEIVE_QUEUE_TYPE.NdisReceiveQueueTypeVMQueue,
      ProcessorAffinity: { Mask: 1, Group: 0 },
      NumSuggestedReceiveBuffers: 0,
      MSIXTableEntry: 0,
      LookaheadSize: 0,
      VmName: '',
      QueueName: '',
      PortId: 0,
      InterruptCoalescingDomainId: 0,
      QosSqId: 0,
    },
    cpu: 0,
    allocationComplete: false,
    filterIds: [],
    split: false,
    capacity: 0,
    dmaSeq: 0,
    indicatedSeq: 0,
    returnedSeq: 0,
    pendingFrameIds: [],
    heldFrameIds: [],
    blockIds: [],
    counters: { classified: 0, indicated: 0, returned: 0, dropped: {} },
    dpcQueued: false,
    freeRequestId: null,
  };
}

export function createDefaultQueue(): QueueState {
  const q = newQueue(NDIS_DEFAULT_RECEIVE_QUEUE_ID, '', 0);
  q.owner = null;
  q.state = 'Running';
  q.allocationComplete = true;
  q.params.QueueName = 'Default queue';
  return q;
}

/**
 * R4: the lowest QueueId in 1..NumQueues not in use. NDIS assigns it when it hands the request to the
 * miniport, and only one request is in the miniport at a time, so no reservation is needed.
 */
function freeQueueId(ctx: Ctx): QueueId | undefined {
  for (let id = 1; id <= ctx.caps!.current.NumQueues; id++) {
    const q = ctx.s.queues[id];
    if (!q || q.state === 'Undefined') return asQueueId(id);
  }
  return undefined;
}

/** Flags an ALLOCATE_QUEUE may carry (§3.4: the …_CHANGED ones are not used at allocation). */
const ALLOCATION_FLAGS = QUEUE_PARAMETER_FLAG_NAMES.filter(([name]) => !name.endsWith('_CHANGED'));

const allocateQueue: OidDescriptor = {
  value: 0x00010223,
  kinds: ['method'],
  struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS',
  section: '3.4',
  purpose: 'A new VM queue: NDIS assigns the QueueId, the miniport its MSIXTableEntry.',
  form: {
    fields: [
      { kind: 'enum', path: ['QueueType'], members: NDIS_RECEIVE_QUEUE_TYPE },
      { kind: 'flags', path: ['Flags'], flags: ALLOCATION_FLAGS },
      { kind: 'cpuMask', path: ['ProcessorAffinity', 'Mask'] },
      { kind: 'number', path: ['ProcessorAffinity', 'Group'] },
      { kind: 'number', path: ['NumSuggestedReceiveBuffers'], note: '0 = the miniport’s default' },
      { kind: 'number', path: ['LookaheadSize'], note: 'only with LOOKAHEAD_SPLIT_REQUIRED, on NDIS 6.20' },
      { kind: 'text', path: ['VmName'], vmNames: true },
      { kind: 'text', path: ['QueueName'] },
    ],
    defaults({ vms, cpus, view }) {
      // The first VM without a queue, on the next CPU round-robin (CPU 0 stays with the default queue when it can).
      const vm = vms.find((v) => !vmQueues(view).some((q) => q.VmName === v.name)) ?? vms[0];
      const cpu = cpus > 1 ? 1 + (vmQueues(view).length % (cpus - 1)) : 0;
      const name = vm?.name ?? 'VM';
      return {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 2 ** cpu, Group: 0 },
        NumSuggestedReceiveBuffers: 32,
        VmName: name,
        QueueName: `${name} queue`,
      };
    },
  },
  bytesNeeded: queueParamsSize,
  ndis(ctx, call) {
    const b = call.buffer;
    if ((ctx.caps!.current.EnabledQueueTypes & NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED) === 0) {
      return fail('NDIS_STATUS_NOT_SUPPORTED', 'NDIS', 'VM queues are not enabled on this adapter (*VMQ = 0)');
    }
    if (queueTypeOf(b) !== NDIS_RECEIVE_QUEUE_TYPE.NdisReceiveQueueTypeVMQueue) {
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', 'QueueType must be NdisReceiveQueueTypeVMQueue (R5)');
    }
    const affinity = affinityProblem(ctx, readAffinity(b)) ?? nameProblem(b);
    if (affinity) return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `${affinity} (R5)`);
    const flags = readQueueFlags(b);
    const lookahead = readNumber(b, 'LookaheadSize', 0);
    if (lookahead !== 0 && (flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) === 0) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `LookaheadSize ${lookahead} without NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED is invalid (R6)`,
      );
    }
    if (
      ctx.ndisVersion >= 630 &&
      (lookahead !== 0 || (flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0)
    ) {
      ctx.emit({
        kind: 'rule-violated',
        rule: 'R6',
        severity: 'warning',
        message:
          'on an NDIS 6.30+ adapter the stack must send LookaheadSize 0 and no split request; the miniport ignores them',
        requestId: call.requestId,
      });
    }
    const queueId = freeQueueId(ctx);
    if (queueId === undefined) {
      return fail(
        ctx.cfg.adapter.options.queuesExhaustedStatus,
        'NDIS',
        `all ${ctx.caps!.current.NumQueues} VM queues (NumQueues) are in use`,
      );
    }
    return { forward: { QueueId: queueId } };
  },
  miniport(ctx, call, prepared) {
    const b = call.buffer;
    const queueId = prepared['QueueId'] as QueueId;
    let flags = queueFlagsOf(readQueueFlags(b));
    let lookahead = readNumber(b, 'LookaheadSize', 0);
    let split = false;
    let raised = '';
    if (ctx.ndisVersion >= 630) {
      // §7.4: a 6.30+ miniport ignores the split request and reports LookaheadSize 0.
      flags &= ~NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED;
      lookahead = 0;
    } else if ((flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0 && lookahead > 0) {
      const caps = ctx.caps!.current;
      if ((caps.SupportedQueueProperties & NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED) === 0) {
        return fail(
          'NDIS_STATUS_NOT_SUPPORTED',
          'miniport',
          'lookahead split is not enabled on this adapter (*VMQLookaheadSplit = 0)',
        );
      }
      if (lookahead > caps.MaxLookaheadSplitSize) {
        return fail(
          'NDIS_STATUS_NOT_SUPPORTED',
          'miniport',
          `LookaheadSize ${lookahead} exceeds MaxLookaheadSplitSize ${caps.MaxLookaheadSplitSize}`,
        );
      }
      if (lookahead < caps.MinLookaheadSplitSize) {
        raised = ` (LookaheadSize raised from ${lookahead} to MinLookaheadSplitSize ${caps.MinLookaheadSplitSize})`;
        lookahead = caps.MinLookaheadSplitSize;
      }
      split = true;
    }
    const previous = ctx.s.queues[queueId];
    const q = newQueue(queueId, call.binding, (previous?.generation ?? 0) + 1);
    const affinity = readAffinity(b);
    const cpu = lowestCpu(affinity.Mask);
    const vector = interruptVectorOf(ctx, queueId, cpu);
    q.params = {
      ...q.params,
      Flags: flags,
      ProcessorAffinity: affinity,
      NumSuggestedReceiveBuffers: readNumber(b, 'NumSuggestedReceiveBuffers', 0),
      MSIXTableEntry: vector.msix,
      LookaheadSize: lookahead,
      VmName: readString(b, 'VmName'),
      QueueName: readString(b, 'QueueName'),
      PortId: ctx.ndisVersion >= 630 ? readNumber(b, 'PortId', 0) : 0,
      InterruptCoalescingDomainId: vector.domain,
    };
    q.cpu = cpu;
    q.split = split;
    ctx.s.queues[queueId] = q;
    setQueueState(ctx, q, 'Allocated', call.requestId);
    return ok(
      'miniport',
      `QueueId ${queueId} allocated on CPU ${cpu}, MSIXTableEntry ${q.params.MSIXTableEntry}${split ? `, lookahead split at ${lookahead} bytes` : ''}${raised}`,
      queueParametersOut(ctx, q),
    );
  },
};

const ELEMENT_SIZE = structSize('NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS', 1)!;
const ARRAY_SIZE = structSize('NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY', 1)!;

const completionLayout = (call: OidCall) => {
  const elements = readArray(call.buffer, 'Elements');
  return {
    elements,
    first: readNumber(call.buffer, 'FirstElementOffset', ARRAY_SIZE),
    count: readNumber(call.buffer, 'NumElements', elements.length),
    elementSize: readNumber(call.buffer, 'ElementSize', ELEMENT_SIZE),
  };
};

const allocationComplete: OidDescriptor = {
  value: 0x0001022b,
  kinds: ['method'],
  struct: 'NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY',
  section: '3.5',
  purpose: 'Ends an allocation batch: receive buffers are allocated, queues with filters start Running.',
  form: {
    fields: [{ kind: 'queueList' }],
    defaults: ({ view }) => {
      const batch = vmQueues(view).filter(
        (q) => !q.allocationComplete && (q.state === 'Allocated' || q.state === 'Set'),
      );
      return { Elements: batch.map((q) => ({ QueueId: q.QueueId })) };
    },
  },
  bytesNeeded(_ctx, call) {
    const { first, count, elementSize } = completionLayout(call);
    return count === 0 ? ARRAY_SIZE : Math.max(ARRAY_SIZE, first + count * elementSize);
  },
  ndis(_ctx, call) {
    const { elements, count, elementSize, first } = completionLayout(call);
    if (elementSize < ELEMENT_SIZE || (count > 0 && first < ARRAY_SIZE)) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `ElementSize must be at least ${ELEMENT_SIZE} and FirstElementOffset at least ${ARRAY_SIZE}`,
      );
    }
    if (count !== elements.length) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `NumElements is ${count} but ${elements.length} elements follow`,
      );
    }
    return { forward: {} };
  },
  miniport(ctx, call) {
    const { elements } = completionLayout(call);
    const results = elements.map((e) => {
      const queueId = readQueueId(e);
      const status = completeOne(ctx, call, queueId);
      return {
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 1, Size: ELEMENT_SIZE },
        Flags: 0,
        QueueId: queueId,
        CompletionStatus: status,
      };
    });
    const okCount = results.filter((r) => r.CompletionStatus === 'NDIS_STATUS_SUCCESS').length;
    return {
      ...ok(
        'miniport',
        `${okCount} of ${results.length} queue(s) completed; see each element's CompletionStatus (R27)`,
        { ...call.buffer, NumElements: results.length, Elements: results },
      ),
      bytesReadOrWritten: ARRAY_SIZE + results.length * ELEMENT_SIZE,
    };
  },
};

/**
 * The receive ring QUEUE_ALLOCATION_COMPLETE gives a queue (docs/decisions.md): NumSuggestedReceiveBuffers
 * is a hint (§4.1), 0 means the sample's default, and the miniport keeps it within a range it can serve.
 */
const DEFAULT_RECEIVE_BUFFERS = 64;
const MIN_RECEIVE_BUFFERS = 8;
const MAX_RECEIVE_BUFFERS = 4096;

/** R27: one element of QUEUE_ALLOCATION_COMPLETE. Allocated → Paused, Set → Running, buffers allocated. */
function completeOne(ctx: Ctx, call: OidCall, queueId: QueueId): NdisStatusName {
  const q = allocatedQueue(ctx, queueId);
  if (!q || queueId === 0 || q.owner !== call.binding || (q.state !== 'Allocated' && q.state !== 'Set'))
    return 'NDIS_STATUS_INVALID_PARAMETER';
  const suggested = q.params.NumSuggestedReceiveBuffers || DEFAULT_RECEIVE_BUFFERS;
  const buffers = Math.min(Math.max(suggested, MIN_RECEIVE_BUFFERS), MAX_RECEIVE_BUFFERS);
  // [SAMPLE] §3.5: a memory allocation failure fails this element, and the queue stays un-completed.
  const allocated = allocateReceiveBuffers(ctx, q, buffers);
  if (allocated !== 'NDIS_STATUS_SUCCESS') return allocated;
  q.allocationComplete = true;
  setQueueState(ctx, q, q.state === 'Set' ? 'Running' : 'Paused', call.requestId);
  return 'NDIS_STATUS_SUCCESS';
}

const freeQueue: OidDescriptor = {
  value: 0x00010224,
  kinds: ['set'],
  struct: 'NDIS_RECEIVE_QUEUE_FREE_PARAMETERS',
  section: '3.9',
  purpose:
    'Frees a queue whose filters are all cleared: DMA stops, DmaStopped is indicated, NBLs come back, memory is freed.',
  form: LATEST_QUEUE,
  bytesNeeded: () => structSize('NDIS_RECEIVE_QUEUE_FREE_PARAMETERS', 1)!,
  ndis(ctx, call) {
    const queueId = queueIdOf(call);
    if (queueId === 0)
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        'the default queue (NDIS_DEFAULT_RECEIVE_QUEUE_ID) can never be freed (R19)',
      );
    const q = allocatedQueue(ctx, queueId);
    if (!q) return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `QueueId ${queueId} is not allocated (R20)`);
    if (q.owner !== call.binding)
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `only ${q.owner}, which allocated queue ${queueId}, may free it`,
      );
    if (q.filterIds.length > 0) {
      ctx.emit({
        kind: 'rule-violated',
        rule: 'R21',
        severity: 'error',
        message: `FREE_QUEUE on queue ${queueId} while ${q.filterIds.length} filter(s) are still set; clear them first`,
        queueId,
        requestId: call.requestId,
      });
      return fail(
        ctx.cfg.adapter.options.freeWithFiltersStatus,
        'NDIS',
        `queue ${queueId} still has ${q.filterIds.length} filter(s) (${q.state}); clear every filter before FREE_QUEUE (R21)`,
      );
    }
    if ((q.state === 'StopDma' || q.state === 'Freeing') && q.freeRequestId !== null) {
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `a FREE_QUEUE for queue ${queueId} is already in progress`);
    }
    return { forward: {} };
  },
  miniport(ctx, call) {
    const q = ctx.s.queues[queueIdOf(call)]!;
    if (q.state !== 'StopDma' && q.state !== 'Freeing') {
      // §3.9 steps 1–2: stop DMA, then the one mandatory state indication (R22, R23).
      setQueueState(ctx, q, 'StopDma', call.requestId);
      ctx.emit({
        kind: 'status-indicated',
        code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
        queueId: q.id,
        queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
        causeRequestId: call.requestId,
        payload: {
          Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 1, Size: structSize('NDIS_RECEIVE_QUEUE_STATE', 1) },
          Flags: 0,
          QueueId: q.id,
          QueueState: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE.NdisReceiveQueueOperationalStateDmaStopped,
        },
      });
      setQueueState(ctx, q, 'Freeing', call.requestId);
    }
    q.freeRequestId = call.requestId;
    return finishFreeIfDrained(ctx, q) ?? WAIT;
  },
};

/** §3.9 steps 3–5: once every NBL is back, free the shared memory and the QueueId. */
export function finishFreeIfDrained(ctx: Ctx, q: QueueState): Outcome | undefined {
  if (q.indicatedSeq !== q.returnedSeq) return undefined;
  freeReceiveBuffers(ctx, q);
  q.freeRequestId = null;
  setQueueState(ctx, q, 'Undefined');
  q.owner = null;
  return ok(
    'miniport',
    `queue ${q.id} freed: DMA stopped, NBLs returned, shared memory released; QueueId ${q.id} may be reused`,
  );
}

const enumQueues: OidDescriptor = {
  value: 0x00010225,
  kinds: ['query'],
  struct: 'NDIS_RECEIVE_QUEUE_INFO_ARRAY',
  section: '3.10',
  purpose: 'Lists the binding’s queues (NdisRequestQueryStatistics: every queue, as user mode sees them).',
  form: NO_INPUT,
  bytesNeeded(ctx, call) {
    return structSize('NDIS_RECEIVE_QUEUE_INFO_ARRAY', 1)! + listedQueues(ctx, call).length * infoSize(ctx);
  },
  ndis(ctx, call) {
    const queues = listedQueues(ctx, call);
    const revision = revisionFor('NDIS_RECEIVE_QUEUE_INFO', ctx.ndisVersion);
    const elements = queues.map((q) => ({
      Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: revision, Size: infoSize(ctx) },
      Flags: 0,
      QueueType: q.params.QueueType,
      QueueId: q.id,
      QueueGroupId: 0,
      QueueState: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE[reportedState(q.state)],
      ProcessorAffinity: { ...q.params.ProcessorAffinity },
      NumSuggestedReceiveBuffers: q.params.NumSuggestedReceiveBuffers,
      MSIXTableEntry: q.params.MSIXTableEntry,
      LookaheadSize: q.params.LookaheadSize,
      VmName: q.params.VmName,
      QueueName: q.params.QueueName,
      ...(revision >= 2
        ? { NumFilters: q.filterIds.length, InterruptCoalescingDomainId: q.params.InterruptCoalescingDomainId }
        : {}),
    }));
    const arraySize = structSize('NDIS_RECEIVE_QUEUE_INFO_ARRAY', 1)!;
    const scope =
      call.requestType === 'NdisRequestQueryStatistics'
        ? 'all queues (user-mode query)'
        : `queues allocated by ${call.binding}`;
    return {
      ...ok('NDIS', `answered from NDIS's cache: ${elements.length} ${scope} (R30)`, {
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 1, Size: arraySize },
        FirstElementOffset: arraySize,
        NumElements: elements.length,
        ElementSize: infoSize(ctx),
        Elements: elements,
      }),
      bytesReadOrWritten: arraySize + elements.length * infoSize(ctx),
    };
  },
};

const infoSize = (ctx: Ctx): number =>
  structSize('NDIS_RECEIVE_QUEUE_INFO', revisionFor('NDIS_RECEIVE_QUEUE_INFO', ctx.ndisVersion))!;

/** R30: a protocol sees its own queues; a user-mode (statistics) query sees every queue, the default one included. */
function listedQueues(ctx: Ctx, call: OidCall): QueueState[] {
  const all = call.requestType === 'NdisRequestQueryStatistics';
  return ctx.s.queues.filter(
    (q): q is QueueState =>
      q !== undefined && q.state !== 'Undefined' && (all || (q.id !== 0 && q.owner === call.binding)),
  );
}

export const QUEUE_OIDS = {
  OID_RECEIVE_FILTER_ALLOCATE_QUEUE: allocateQueue,
  OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: allocationComplete,
  OID_RECEIVE_FILTER_FREE_QUEUE: freeQueue,
  OID_RECEIVE_FILTER_ENUM_QUEUES: enumQueues,
} satisfies Record<string, OidDescriptor>;
