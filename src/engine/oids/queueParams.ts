/** NDIS_RECEIVE_QUEUE_PARAMETERS ⇄ the queue model, and the checks shared by the queue and filter OIDs. */
import { readNumber, readObject, readQueueId, readString, type InfoBuffer } from '../ndis/buffer.ts';
import {
  NDIS_OBJECT_TYPE_DEFAULT,
  NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
  NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK,
  NDIS_RECEIVE_QUEUE_TYPE,
  QUEUE_PARAMETER_FLAG_NAMES,
} from '../ndis/constants.ts';
import { fitsInteger, IF_MAX_STRING_SIZE, integerTypeText } from '../ndis/fields.ts';
import { revisionFor, structSize } from '../ndis/structs.ts';
import { allocatedQueue, type Ctx } from '../context.ts';
import { fail, type OidCall, type Outcome } from './outcome.ts';
import type { QueueState } from '../state.ts';
import type { QueueId } from '../types.ts';

const FLAG_NAMES: Record<string, number> = Object.fromEntries(QUEUE_PARAMETER_FLAG_NAMES);

/** The buffer's Flags word, given as a number or as NDIS_RECEIVE_QUEUE_PARAMETERS_* names. */
export const readQueueFlags = (buf: InfoBuffer): number => readNumber(buf, 'Flags', 0, FLAG_NAMES);

/**
 * The queue's own flags in a Flags word: the low 16 bits (PER_QUEUE_RECEIVE_INDICATION,
 * LOOKAHEAD_SPLIT_REQUIRED). The high bits, NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK, only say what a
 * QUEUE_PARAMETERS set changes (R28).
 */
export const queueFlagsOf = (flags: number): number => flags & ~NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK;

export interface Affinity {
  Mask: number;
  Group: number;
}

export function readAffinity(buf: InfoBuffer): Affinity {
  const a = readObject(buf, 'ProcessorAffinity');
  return { Mask: readNumber(a, 'Mask', 0), Group: readNumber(a, 'Group', 0) };
}

/**
 * R5: a nonzero mask, group 0 (the only group), processors that exist. Returns why not, or null.
 * An affinity that is not a GROUP_AFFINITY at all (a fractional or negative mask) is refused here too, whoever
 * built it, because lowestCpu and the DPC model rely on a mask of whole bits.
 */
export function affinityProblem(ctx: Ctx, a: Affinity): string | null {
  if (!fitsInteger(a.Mask, 'KAFFINITY'))
    return `ProcessorAffinity.Mask ${a.Mask} is not ${integerTypeText('KAFFINITY')}`;
  if (!fitsInteger(a.Group, 'USHORT')) return `ProcessorAffinity.Group ${a.Group} is not ${integerTypeText('USHORT')}`;
  if (a.Mask === 0) return 'ProcessorAffinity.Mask is 0; it must name at least one processor';
  if (a.Group !== 0) return `ProcessorAffinity.Group ${a.Group} does not exist (one group, 0)`;
  if (a.Mask >= 2 ** ctx.cfg.adapter.cpus)
    return `ProcessorAffinity.Mask 0x${a.Mask.toString(16)} names a processor beyond the ${ctx.cfg.adapter.cpus} of group 0`;
  return null;
}

/**
 * §9: the MSI-X vector and interrupt-coalescing domain of a queue on `cpu`. A miniport that reports
 * INTERRUPT_VECTOR_COALESCING_SUPPORTED (the 6.30 profile) gives queues that share a processor one vector, the
 * processor's; without it every queue has a vector of its own, numbered by its QueueId (docs/decisions.md, 13.7).
 */
export function interruptVectorOf(ctx: Ctx, queueId: QueueId, cpu: number): { msix: number; domain: number } {
  const coalesced =
    ((ctx.caps?.current.SupportedQueueProperties ?? 0) & NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED) !==
    0;
  return coalesced ? { msix: cpu, domain: cpu } : { msix: queueId, domain: 0 };
}

/** A processor group holds at most 64 processors (KAFFINITY has 64 bits). */
const MAX_GROUP_PROCESSORS = 64;

/**
 * §9: a queue is serviced on the lowest-numbered processor of its mask. Callers pass a mask affinityProblem
 * accepted; for any other number the search still ends, at processor 0, so no input can hang the engine.
 */
export function lowestCpu(mask: number): number {
  for (let cpu = 0; cpu < MAX_GROUP_PROCESSORS; cpu++) if (Math.floor(mask / 2 ** cpu) % 2 === 1) return cpu;
  return 0;
}

export function nameProblem(buf: InfoBuffer): string | null {
  for (const field of ['VmName', 'QueueName']) {
    if (readString(buf, field).length > IF_MAX_STRING_SIZE)
      return `${field} is longer than IF_MAX_STRING_SIZE (${IF_MAX_STRING_SIZE} characters)`;
  }
  return null;
}

export const queueTypeOf = (buf: InfoBuffer): number =>
  readNumber(buf, 'QueueType', NDIS_RECEIVE_QUEUE_TYPE.NdisReceiveQueueTypeVMQueue, NDIS_RECEIVE_QUEUE_TYPE);

/** The queue as NDIS_RECEIVE_QUEUE_PARAMETERS, at the adapter's revision. */
export function queueParametersOut(ctx: Ctx, q: QueueState): InfoBuffer {
  const revision = revisionFor('NDIS_RECEIVE_QUEUE_PARAMETERS', ctx.ndisVersion);
  const p = q.params;
  return {
    Header: {
      Type: NDIS_OBJECT_TYPE_DEFAULT,
      Revision: revision,
      Size: structSize('NDIS_RECEIVE_QUEUE_PARAMETERS', revision),
    },
    Flags: p.Flags,
    QueueType: p.QueueType,
    QueueId: q.id,
    QueueGroupId: 0,
    ProcessorAffinity: { ...p.ProcessorAffinity },
    NumSuggestedReceiveBuffers: p.NumSuggestedReceiveBuffers,
    MSIXTableEntry: p.MSIXTableEntry,
    LookaheadSize: p.LookaheadSize,
    VmName: p.VmName,
    QueueName: p.QueueName,
    ...(revision >= 2 ? { PortId: p.PortId, InterruptCoalescingDomainId: p.InterruptCoalescingDomainId } : {}),
  };
}

export const queueParamsSize = (ctx: Ctx, call: OidCall): number =>
  structSize('NDIS_RECEIVE_QUEUE_PARAMETERS', readNumber(call.buffer['Header'] as InfoBuffer, 'Revision', 1)) ??
  structSize('NDIS_RECEIVE_QUEUE_PARAMETERS', revisionFor('NDIS_RECEIVE_QUEUE_PARAMETERS', ctx.ndisVersion))!;

export const queueIdOf = (call: OidCall): QueueId => readQueueId(call.buffer);

/** States in which a VM queue takes QUEUE_PARAMETERS, SET_FILTER and ENUM_FILTERS (§5.3, R29). */
const CONFIGURABLE: ReadonlySet<string> = new Set(['Allocated', 'Set', 'Running', 'Paused']);

/**
 * The queue a QUEUE_PARAMETERS, SET_FILTER or ENUM_FILTERS names, or NDIS's refusal: it must be allocated
 * and, unless it is the default queue, not on its way out. `why` ends the refusal's message.
 */
export function configurableQueue(ctx: Ctx, queueId: QueueId, why: string): QueueState | Outcome {
  const q = allocatedQueue(ctx, queueId);
  if (!q) return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `QueueId ${queueId} is not allocated`);
  if (q.id !== 0 && !CONFIGURABLE.has(q.state))
    return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `queue ${queueId} is ${q.state}; ${why}`);
  return q;
}
