/**
 * The OID pipeline (§14): request-type check (R1) → buffer length (R2) → NDIS validation, ID
 * assignment and cache answers → the miniport, which may pend → completion. Each stage is traced with
 * the layer that decided, so users see where a status comes from.
 */
import { at, type Ctx } from './context.ts';
import type { Datapath } from './datapath.ts';
import { InvalidBufferData, readNumber, type Buffer } from './ndis/buffer.ts';
import { NDIS_OBJECT_TYPE_DEFAULT, type NdisStatusName, type OidName } from './ndis/constants.ts';
import { kindOf, naturalRequestType, OID_INFO } from './ndis/oidTable.ts';
import { revisionFor, structSize } from './ndis/structs.ts';
import { CAPABILITY_OIDS } from './oids/capabilityOids.ts';
import { FILTER_OIDS } from './oids/filterOids.ts';
import { fail, isForward, WAIT, type OidCall, type OidHandler, type Outcome } from './oids/outcome.ts';
import { QUEUE_OIDS } from './oids/queueOids.ts';
import type { OidRequest, OidResult } from './types.ts';

export const HANDLERS: Record<OidName, OidHandler> = { ...CAPABILITY_OIDS, ...QUEUE_OIDS, ...FILTER_OIDS };

export const DEFAULT_BINDING = 'vmswitch';

/** Fills a set/method buffer's NDIS_OBJECT_HEADER with what a well-behaved caller would send. */
function withHeader(ctx: Ctx, oid: OidName, buffer: Buffer | undefined, kind: string): Buffer {
  const b: Buffer = { ...(buffer ?? {}) };
  if (kind === 'query') return b;
  const struct = OID_INFO[oid].struct;
  const given = (b['Header'] ?? {}) as Buffer;
  const revision = readNumber(given, 'Revision', revisionFor(struct, ctx.ndisVersion));
  b['Header'] = { Type: NDIS_OBJECT_TYPE_DEFAULT, Size: structSize(struct, revision) ?? 0, ...given, Revision: revision };
  return b;
}

/** Checks NDIS makes before looking at the request's meaning. Returns the refusal, if any. */
function preflight(ctx: Ctx, call: OidCall, handler: OidHandler): Outcome | undefined {
  const { s, cfg } = ctx;
  if (s.bindings[call.binding]?.closed) return fail('NDIS_STATUS_FAILURE', 'NDIS', `binding ${call.binding} was closed (NdisCloseAdapterEx)`);
  if (s.adapterState === 'Halted') return fail('NDIS_STATUS_ADAPTER_NOT_READY', 'NDIS', 'the adapter is halted');
  if (!OID_INFO[call.oid].kinds.includes(kindOf(call.requestType))) {
    const allowed = OID_INFO[call.oid].kinds.join(' or ');
    return fail(cfg.adapter.options.invalidRequestTypeStatus, 'NDIS', `${call.oid} is a ${allowed} request, not ${call.requestType} (R1)`);
  }
  if (!ctx.caps) return fail('NDIS_STATUS_NOT_SUPPORTED', 'NDIS', `the miniport is NDIS ${ctx.ndisVersion / 100} and has no receive filtering; VMQ needs NDIS 6.20 (R3)`);
  const kind = kindOf(call.requestType);
  if (kind !== 'query') {
    const struct = OID_INFO[call.oid].struct;
    const h = call.buffer['Header'] as Buffer;
    const revision = readNumber(h, 'Revision', 0);
    const size = structSize(struct, revision);
    if (readNumber(h, 'Type', 0) !== NDIS_OBJECT_TYPE_DEFAULT) return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `Header.Type must be NDIS_OBJECT_TYPE_DEFAULT (0x80)`);
    if (size === undefined) return fail('NDIS_STATUS_NOT_SUPPORTED', 'NDIS', `${struct} has no revision ${revision}`);
    if (readNumber(h, 'Size', 0) < size) return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `Header.Size ${readNumber(h, 'Size', 0)} is smaller than NDIS_SIZEOF_${struct.replace(/^NDIS_/, '')}_REVISION_${revision} (${size})`);
  }
  const needed = handler.bytesNeeded(ctx, call);
  if (call.bufferLength < needed) {
    return { ...fail('NDIS_STATUS_INVALID_LENGTH', 'NDIS', `the information buffer holds ${call.bufferLength} bytes; ${needed} are needed (R2)`), bytesNeeded: needed };
  }
  return undefined;
}

export function handleRequest(ctx: Ctx, dp: Datapath, req: OidRequest): OidResult {
  const s = ctx.s;
  const requestId = s.nextRequestId++;
  const requestType = req.requestType ?? naturalRequestType(req.oid);
  const binding = req.binding ?? DEFAULT_BINDING;
  s.bindings[binding] ??= { closed: false };
  const handler = HANDLERS[req.oid];
  const buffer = withHeader(ctx, req.oid, req.buffer, kindOf(requestType));
  const call: OidCall = { requestId, oid: req.oid, requestType, binding, buffer, bufferLength: 0 };
  try {
    call.bufferLength = req.bufferLength ?? (ctx.caps ? handler.bytesNeeded(ctx, call) : 0);
  } catch (e) {
    if (!(e instanceof InvalidBufferData)) throw e;
  }
  ctx.emit({ kind: 'oid-requested', requestId, oid: req.oid, requestType, binding, buffer, bufferLength: call.bufferLength });
  const result: OidResult = {
    requestId, oid: req.oid, requestType, binding, status: 'NDIS_STATUS_PENDING', layer: 'NDIS',
    bytesNeeded: 0, bytesReadOrWritten: 0, message: '', issuedAtNs: s.nowNs,
  };
  s.results[requestId] = result;

  const decided = guard(() => {
    const refusal = preflight(ctx, call, handler);
    if (refusal) return refusal;
    const ndis = handler.ndis(ctx, call);
    if (!isForward(ndis)) return ndis;
    if (s.adapterState === 'Resetting') return resetRefusal(call.oid);
    const delay = ctx.cfg.adapter.options.pendingOids[call.oid];
    if (delay !== undefined) {
      s.pending[requestId] = { request: { ...req, requestType, binding, buffer }, result, prepared: ndis.forward };
      at(ctx, delay, { kind: 'complete-oid', requestId });
      return WAIT;
    }
    return handler.miniport!(ctx, dp, call, ndis.forward);
  });
  if (decided === WAIT) {
    s.pending[requestId] ??= { request: { ...req, requestType, binding, buffer }, result, prepared: {} };
    result.layer = 'miniport';
    result.message = 'the miniport returned NDIS_STATUS_PENDING and will complete the request later';
    ctx.emit({ kind: 'oid-pended', requestId, oid: req.oid, layer: 'miniport' });
    return { ...result };
  }
  complete(ctx, result, decided, false);
  return { ...result };
}

/** Runs a stage, turning unreadable field values into NDIS_STATUS_INVALID_DATA. */
function guard(stage: () => Outcome | typeof WAIT): Outcome | typeof WAIT {
  try {
    return stage();
  } catch (e) {
    if (e instanceof InvalidBufferData) return fail('NDIS_STATUS_INVALID_DATA', 'NDIS', e.message);
    throw e;
  }
}

/** §5.5: during a reset, FREE_QUEUE and CLEAR_FILTER may only fail with NOT_ACCEPTED (R25). */
const resetRefusal = (oid: OidName): Outcome =>
  oid === 'OID_RECEIVE_FILTER_FREE_QUEUE' || oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER'
    ? fail('NDIS_STATUS_NOT_ACCEPTED', 'miniport', 'the miniport is resetting')
    : fail('NDIS_STATUS_RESET_IN_PROGRESS', 'NDIS', 'the adapter is resetting');

export function complete(ctx: Ctx, result: OidResult, outcome: Outcome, pended: boolean): void {
  result.status = outcome.status;
  result.layer = outcome.layer;
  result.message = outcome.message;
  result.bytesNeeded = outcome.bytesNeeded ?? 0;
  result.bytesReadOrWritten = outcome.bytesReadOrWritten ?? (outcome.status === 'NDIS_STATUS_SUCCESS' ? result.bytesReadOrWritten : 0);
  if (outcome.output) result.output = outcome.output;
  result.completedAtNs = ctx.s.nowNs;
  delete ctx.s.pending[result.requestId];
  ctx.emit({ kind: 'oid-completed', result: { ...result }, pended });
}

/** The `complete-oid` timer: a pended request reaches the miniport now. */
export function completePended(ctx: Ctx, dp: Datapath, requestId: number): void {
  const pending = ctx.s.pending[requestId];
  if (!pending) return;
  const { request, result, prepared } = pending;
  const call: OidCall = { requestId, oid: request.oid, requestType: request.requestType, binding: request.binding, buffer: request.buffer ?? {}, bufferLength: 0 };
  const outcome = guard(() => HANDLERS[request.oid].miniport!(ctx, dp, call, prepared));
  if (outcome !== WAIT) complete(ctx, result, outcome, true);
}

/** Completes every request still pending with `status` (reset and halt abort them). */
export function abortPending(ctx: Ctx, status: NdisStatusName, message: string): void {
  for (const pending of Object.values(ctx.s.pending)) {
    const q = ctx.s.queues[readNumber(pending.request.buffer, 'QueueId', -1)];
    if (q && q.freeRequestId === pending.result.requestId) q.freeRequestId = null;
    complete(ctx, pending.result, fail(status, 'miniport', message), true);
  }
}
