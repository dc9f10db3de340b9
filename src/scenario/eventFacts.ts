/**
 * The facts of a trace event that `events` and `order` checks name (docs/scenario-format.md, "Trace events"):
 * the event's own fields, NDIS members under their NDIS names, and a few derived facts (a DMA segment's address
 * space, a freed block's usage) read off earlier events, so a check needs no arithmetic.
 */
import {
  formatMac,
  type QueueId,
  type SharedMemoryUsageName,
  type TraceEvent,
  type TraceEventKind,
} from '../engine/index.ts';

export type Facts = { event: TraceEventKind; t: number } & Record<string, unknown>;

/** The facts each kind of event has, besides `event` and `t`; the schema refuses any other. */
export const EVENT_FACTS = {
  'oid-requested': ['requestId', 'oid', 'requestType', 'binding', 'issuedBy', 'bufferLength', 'buffer'],
  'oid-pended': ['requestId', 'oid', 'layer'],
  'oid-completed': [
    'requestId',
    'oid',
    'requestType',
    'binding',
    'issuedBy',
    'status',
    'layer',
    'pended',
    'BytesNeeded',
    'BytesRead',
    'BytesWritten',
    'output',
  ],
  'status-indicated': ['code', 'QueueId', 'QueueState', 'payload', 'causeRequestId'],
  'queue-state-changed': ['QueueId', 'from', 'to', 'reported', 'causeRequestId'],
  'queue-parameters-changed': ['QueueId', 'changed', 'cpu', 'causeRequestId'],
  'filter-set': ['FilterId', 'QueueId', 'binding', 'mac', 'vlanId', 'vlanAgnostic'],
  'filter-cleared': ['FilterId', 'QueueId'],
  'memory-allocated': ['blockId', 'QueueId', 'space', 'usage', 'length', 'buffers', 'bufferSize', 'backfill'],
  'memory-freed': ['blockId', 'QueueId', 'space', 'usage'],
  'frame-arrived': ['frameId', 'length', 'dst', 'vlanId', 'flow'],
  'frame-classified': ['frameId', 'QueueId', 'FilterId', 'dst', 'vlanId', 'vlanStripped'],
  'dma-written': ['frameId', 'QueueId', 'segments', 'spaces'],
  'frame-dropped': ['frameId', 'QueueId', 'reason', 'count'],
  'frames-dropped': ['QueueId', 'reason', 'count', 'frames'],
  'dpc-ran': ['cpu', 'queues'],
  'nbls-indicated': ['indicationId', 'cpu', 'ReceiveFlags', 'queues', 'mixesQueues', 'count', 'frames', 'nbls'],
  'nbls-returned': ['QueueId', 'count', 'ReturnFlags', 'frames'],
  'adapter-state-changed': ['from', 'to'],
  'binding-closed': ['binding'],
  'fault-injected': ['fault', 'oid', 'status', 'QueueId', 'vm', 'effect'],
  'flow-started': ['flow', 'dst', 'vlanId', 'frameBytes', 'count', 'intervalNs'],
  'flow-ended': ['flow', 'sent'],
  'rule-violated': ['rule', 'severity', 'QueueId', 'requestId'],
  note: ['text'],
} as const satisfies Record<TraceEventKind, readonly string[]>;

export const EVENT_KINDS = Object.keys(EVENT_FACTS) as TraceEventKind[];

/** Events about single frames, and facts of other events about single frames: traced only with per-frame tracing. */
export const PER_FRAME_KINDS: ReadonlySet<TraceEventKind> = new Set<TraceEventKind>([
  'frame-arrived',
  'frame-classified',
  'dma-written',
  'frame-dropped',
]);
export const PER_FRAME_FACTS: ReadonlySet<string> = new Set(['frames', 'frameId']);

/** What a fact needs from earlier events: the blocks' spaces and usages. */
export interface FactContext {
  block(blockId: number): { space: string; usage: SharedMemoryUsageName } | undefined;
}

/** The event's facts, without undefined members. */
export function factsOf(event: TraceEvent, context: FactContext): Facts {
  return { event: event.kind, t: event.t, ...definedOnly(bodyFacts(event, context)) };
}

const definedOnly = (facts: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined));

function bodyFacts(e: TraceEvent, context: FactContext): Record<string, unknown> {
  switch (e.kind) {
    case 'oid-requested':
      return {
        requestId: e.requestId,
        oid: e.oid,
        requestType: e.requestType,
        binding: e.binding,
        issuedBy: issuer(e),
        bufferLength: e.bufferLength,
        buffer: e.buffer,
      };
    case 'oid-pended':
      return { requestId: e.requestId, oid: e.oid, layer: e.layer };
    case 'oid-completed': {
      const r = e.result;
      return {
        requestId: r.requestId,
        oid: r.oid,
        requestType: r.requestType,
        binding: r.binding,
        issuedBy: issuer(r),
        status: r.status,
        layer: r.layer,
        pended: e.pended,
        BytesNeeded: r.bytesNeeded,
        ...bytesReadAndWritten(r),
        output: r.output,
      };
    }
    case 'status-indicated':
      return {
        code: e.code,
        QueueId: e.queueId,
        QueueState: e.queueState,
        payload: e.payload,
        causeRequestId: e.causeRequestId,
      };
    case 'queue-state-changed':
      return { QueueId: e.queueId, from: e.from, to: e.to, reported: e.reported, causeRequestId: e.causeRequestId };
    case 'queue-parameters-changed':
      return { QueueId: e.queueId, changed: e.changed, cpu: e.cpu, causeRequestId: e.causeRequestId };
    case 'filter-set':
      return {
        FilterId: e.filterId,
        QueueId: e.queueId,
        binding: e.binding,
        mac: formatMac(e.filter.mac),
        vlanId: e.filter.vlanId,
        vlanAgnostic: e.vlanAgnostic,
      };
    case 'filter-cleared':
      return { FilterId: e.filterId, QueueId: e.queueId };
    case 'memory-allocated':
      return {
        blockId: e.blockId,
        QueueId: e.queueId,
        space: e.space,
        usage: e.usage,
        length: e.length,
        buffers: e.buffers,
        bufferSize: e.bufferStride,
        backfill: e.backfill,
      };
    case 'memory-freed':
      return { blockId: e.blockId, QueueId: e.queueId, space: e.space, usage: context.block(e.blockId)?.usage };
    case 'frame-arrived':
      return { frameId: e.frameId, length: e.length, dst: e.dst, vlanId: e.vlanId, flow: e.flow };
    case 'frame-classified':
      return {
        frameId: e.frameId,
        QueueId: e.queueId,
        FilterId: e.filterId,
        dst: e.dst,
        vlanId: e.vlanId,
        vlanStripped: e.vlanStripped,
      };
    case 'dma-written': {
      const segments = e.segments.map((s) => ({
        blockId: s.blockId,
        usage: s.usage,
        space: context.block(s.blockId)?.space,
        offset: s.offset,
        bytes: s.length,
      }));
      return {
        frameId: e.frameId,
        QueueId: e.queueId,
        segments,
        spaces: [...new Set(segments.map((s) => s.space))],
      };
    }
    case 'frame-dropped':
      return { frameId: e.frameId, QueueId: e.queueId, reason: e.reason, count: 1 };
    case 'frames-dropped':
      return { QueueId: e.queueId, reason: e.reason, count: e.count, frames: e.frameIds };
    case 'dpc-ran':
      return { cpu: e.cpu, queues: e.queueIds };
    case 'nbls-indicated':
      return indicationFacts(e);
    case 'nbls-returned':
      return { QueueId: e.queueId, count: e.count, ReturnFlags: e.returnFlags, frames: e.frameIds };
    case 'adapter-state-changed':
      return { from: e.from, to: e.to };
    case 'binding-closed':
      return { binding: e.binding };
    case 'fault-injected':
      return faultFacts(e);
    case 'flow-started':
      return {
        flow: e.flow,
        dst: e.dst,
        vlanId: e.vlanId,
        frameBytes: e.frameBytes,
        count: e.count,
        intervalNs: e.intervalNs,
      };
    case 'flow-ended':
      return { flow: e.flow, sent: e.sent };
    case 'rule-violated':
      return { rule: e.rule, severity: e.severity, QueueId: e.queueId, requestId: e.requestId };
    case 'note':
      return { text: e.text };
  }
}

/** A fault's kind under `fault`, and the OID, status, queue or VM it names. */
function faultFacts({ fault, effect }: Extract<TraceEvent, { kind: 'fault-injected' }>) {
  return {
    fault: fault.kind,
    oid: 'oid' in fault ? fault.oid : undefined,
    status: 'status' in fault ? fault.status : undefined,
    QueueId: 'queueId' in fault ? fault.queueId : undefined,
    vm: 'vm' in fault ? fault.vm : undefined,
    effect,
  };
}

function indicationFacts(e: Extract<TraceEvent, { kind: 'nbls-indicated' }>) {
  const queues: QueueId[] = e.parts.map((p) => p.queueId);
  const perFrame = e.parts.every((p) => p.frameIds !== undefined);
  const nbls = e.parts.flatMap((p) =>
    perFrame
      ? (p.frameIds ?? []).map((frameId) => ({ ...p.filteringInfo, frameId }))
      : Array.from({ length: p.count }, () => ({ ...p.filteringInfo })),
  );
  return {
    indicationId: e.indicationId,
    cpu: e.cpu,
    ReceiveFlags: e.receiveFlags,
    queues,
    mixesQueues: new Set(queues).size > 1,
    count: e.parts.reduce((sum, p) => sum + p.count, 0),
    frames: perFrame ? e.parts.flatMap((p) => p.frameIds ?? []) : undefined,
    nbls,
  };
}

/** NDIS's own cleanup requests are marked in the trace; every other request comes from an overlying driver. */
const issuer = (request: { issuedBy?: 'NDIS' }) => request.issuedBy ?? 'driver';

/**
 * BytesRead and BytesWritten (§3, NDIS_OID_REQUEST.DATA): a Set reads, a Query writes, and a Method reads and
 * writes its one buffer in place, so in this model both are the size of the structure it used.
 */
export function bytesReadAndWritten(r: { requestType: string; bytesReadOrWritten: number }) {
  const reads = r.requestType !== 'NdisRequestQueryInformation' && r.requestType !== 'NdisRequestQueryStatistics';
  const writes = r.requestType !== 'NdisRequestSetInformation';
  return { BytesRead: reads ? r.bytesReadOrWritten : 0, BytesWritten: writes ? r.bytesReadOrWritten : 0 };
}
