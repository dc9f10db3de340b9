/**
 * OID_RECEIVE_FILTER_QUEUE_PARAMETERS (§3.6): a method reads a queue's parameters from NDIS's cache;
 * a set changes the members its …_CHANGED flags name, in the miniport.
 */
import type { Ctx } from '../context.ts';
import { queueDpc } from '../datapath.ts';
import { readNumber, readString, type InfoBuffer } from '../ndis/buffer.ts';
import {
  NDIS_OBJECT_TYPE_DEFAULT,
  NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK,
  NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
  QUEUE_PARAMETER_FLAG_NAMES,
} from '../ndis/constants.ts';
import { structSize } from '../ndis/structs.ts';
import type { QueueParams, QueueState } from '../state.ts';
import type { OidDescriptor } from './descriptor.ts';
import { LATEST_QUEUE, QUEUE_ID } from './form.ts';
import { fail, ok, type Outcome } from './outcome.ts';
import {
  affinityProblem,
  configurableQueue,
  interruptVectorOf,
  lowestCpu,
  nameProblem,
  queueFlagsOf,
  queueIdOf,
  queueParametersOut,
  queueParamsSize,
  readAffinity,
  readQueueFlags,
} from './queueParams.ts';

const queueParameters: OidDescriptor = {
  value: 0x00010226,
  kinds: ['method', 'set'],
  struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS',
  section: '3.6',
  purpose: 'Method: read a queue’s parameters from NDIS’s cache. Set: change the members named by …_CHANGED flags.',
  form: {
    fields: [
      QUEUE_ID,
      { kind: 'flags', path: ['Flags'], flags: QUEUE_PARAMETER_FLAG_NAMES, only: 'set' },
      { kind: 'cpuMask', path: ['ProcessorAffinity', 'Mask'], only: 'set' },
      { kind: 'number', path: ['NumSuggestedReceiveBuffers'], only: 'set' },
      { kind: 'text', path: ['QueueName'], only: 'set' },
    ],
    defaults: LATEST_QUEUE.defaults,
  },
  bytesNeeded: queueParamsSize,
  ndis(ctx, call) {
    const queueId = queueIdOf(call);
    const q = configurableQueue(
      ctx,
      queueId,
      'QUEUE_PARAMETERS is valid only in Allocated, Set, Running or Paused (R29)',
    );
    if ('status' in q) return q;
    if (call.requestType === 'NdisRequestMethod') {
      return ok('NDIS', `answered from NDIS's cache of queue ${queueId}`, queueParametersOut(ctx, q));
    }
    if (q.id === 0 || q.owner !== call.binding) {
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `only the driver that allocated queue ${queueId} may change it (R28)`,
      );
    }
    return { forward: {} };
  },
  miniport(ctx, call) {
    const q = ctx.s.queues[queueIdOf(call)]!;
    const b = call.buffer;
    const flags = readQueueFlags(b);
    if ((flags & NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK) === 0)
      return ok('miniport', 'no …_CHANGED flag set: nothing changes (R28)');
    if ((flags & NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK & ~CHANGEABLE) !== 0) {
      return fail(
        'NDIS_STATUS_NOT_SUPPORTED',
        'miniport',
        'only FLAGS, PROCESSOR_AFFINITY, SUGGESTED_RECV_BUFFER_NUMBERS and NAME can be changed on this adapter',
      );
    }
    const change: QueueChange = { flags, next: { ...q.params }, cpu: q.cpu };
    for (const [bit, apply] of CHANGES) {
      if ((flags & bit) === 0) continue;
      const refused = apply(ctx, q, b, change);
      if (refused) return refused;
    }
    const { next, cpu } = change;
    q.params = next;
    const changed = QUEUE_PARAMETER_FLAG_NAMES.filter(
      ([, bit]) => (bit & NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK) !== 0 && (flags & bit) !== 0,
    ).map(([name]) => name);
    if (cpu !== q.cpu) moveQueue(ctx, q, cpu, call.requestId);
    ctx.emit({ kind: 'queue-parameters-changed', queueId: q.id, changed, cpu, causeRequestId: call.requestId });
    return ok('miniport', `queue ${q.id} updated: ${changed.join(', ')}`);
  },
};

/** A QUEUE_PARAMETERS set being worked out: the request's Flags, the parameters to be, the processor to be. */
interface QueueChange {
  flags: number;
  next: QueueParams;
  cpu: number;
}

/** Applies one …_CHANGED member to the change, or refuses the request. */
type ApplyChange = (ctx: Ctx, q: QueueState, b: InfoBuffer, change: QueueChange) => Outcome | undefined;

const changeFlags: ApplyChange = (ctx, q, _b, change) => {
  const wanted = queueFlagsOf(change.flags);
  if (
    q.allocationComplete &&
    ((wanted ^ q.params.Flags) & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0 &&
    ctx.ndisVersion < 630
  ) {
    return fail(
      'NDIS_STATUS_NOT_SUPPORTED',
      'miniport',
      "the lookahead split cannot change once the queue's buffers are allocated",
    );
  }
  const next = change.next;
  next.Flags = ctx.ndisVersion >= 630 ? wanted & ~NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED : wanted;
  // Before completion no buffer exists yet: the flag decides how they will be laid out (LookaheadSize itself is immutable).
  if (!q.allocationComplete)
    q.split = (next.Flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED) !== 0 && q.params.LookaheadSize > 0;
  return undefined;
};

const changeAffinity: ApplyChange = (ctx, q, b, change) => {
  const affinity = readAffinity(b);
  const problem = affinityProblem(ctx, affinity);
  if (problem) return fail('NDIS_STATUS_INVALID_PARAMETER', 'miniport', `${problem} (R5)`);
  const dynamic =
    (ctx.caps!.current.SupportedQueueProperties & NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED) !==
    0;
  if (!dynamic && q.allocationComplete) {
    return fail(
      'NDIS_STATUS_NOT_SUPPORTED',
      'miniport',
      'static VMQ (before Windows Server 2012): a queue keeps its processor once allocation is complete',
    );
  }
  const next = change.next;
  next.ProcessorAffinity = affinity;
  change.cpu = lowestCpu(affinity.Mask);
  const vector = interruptVectorOf(ctx, q.id, change.cpu);
  next.MSIXTableEntry = vector.msix;
  next.InterruptCoalescingDomainId = vector.domain;
  return undefined;
};

const changeSuggestedBuffers: ApplyChange = (_ctx, _q, b, change) => {
  change.next.NumSuggestedReceiveBuffers = readNumber(b, 'NumSuggestedReceiveBuffers', 0);
  return undefined;
};

const changeName: ApplyChange = (_ctx, _q, b, change) => {
  const problem = nameProblem(b);
  if (problem) return fail('NDIS_STATUS_INVALID_PARAMETER', 'miniport', problem);
  change.next.QueueName = readString(b, 'QueueName');
  return undefined;
};

/** The …_CHANGED flags this miniport honours, each with the member it changes, in the order they are applied. */
const CHANGES: ReadonlyArray<readonly [number, ApplyChange]> = [
  [NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED, changeFlags],
  [NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED, changeAffinity],
  [NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED, changeSuggestedBuffers],
  [NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED, changeName],
];
const CHANGEABLE = CHANGES.reduce((mask, [bit]) => mask | bit, 0);

/**
 * Dynamic VMQ: the queue's DPC moves to the new processor; frames already waiting are serviced
 * there (the sample kicks the new DPC so nothing is lost). On 6.30 the interrupt coalescing domain
 * changes with it, which only NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS may report (R47).
 */
function moveQueue(ctx: Ctx, q: QueueState, cpu: number, causeRequestId: number): void {
  const old = ctx.s.cpus[q.cpu]!;
  const wasQueued = q.dpcQueued;
  old.queueIds = old.queueIds.filter((id) => id !== q.id);
  q.dpcQueued = false;
  q.cpu = cpu;
  if (wasQueued) queueDpc(ctx, q);
  if (ctx.ndisVersion >= 630) {
    ctx.emit({
      kind: 'status-indicated',
      code: 'NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS',
      queueId: q.id,
      causeRequestId,
      payload: {
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 2, Size: structSize('NDIS_RECEIVE_QUEUE_PARAMETERS', 2) },
        QueueId: q.id,
        Flags: NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
        InterruptCoalescingDomainId: q.params.InterruptCoalescingDomainId,
      },
    });
  }
}

export const QUEUE_PARAMETERS_OIDS = {
  OID_RECEIVE_FILTER_QUEUE_PARAMETERS: queueParameters,
} satisfies Record<string, OidDescriptor>;
