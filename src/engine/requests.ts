/**
 * The OID pipeline (§14): request-type check (R1) → buffer length (R2) → NDIS validation, ID
 * assignment and cache answers → the miniport, which may pend → completion. Each stage is traced with
 * the layer that decided, so users see where a status comes from.
 *
 * NDIS serializes OID requests to a miniport: while one is in the miniport (including a FREE_QUEUE
 * waiting for its NBLs), NDIS holds the next ones and hands them over, re-validated, one at a time.
 */
import { at, type Ctx } from './context.ts';
import { continueMigrations } from './faultInjection.ts';
import { pendDelay, refusesAsRemoved, takeRefusal } from './faultState.ts';
import { InvalidBufferData, readNumber, type InfoBuffer } from './ndis/buffer.ts';
import { fitsInteger, misfitNumber, STRUCT_LAYOUTS } from './ndis/fields.ts';
import { NDIS_OBJECT_TYPE_DEFAULT, type NdisStatusName, type OidName } from './ndis/constants.ts';
import { kindOf } from './ndis/requestTypes.ts';
import { revisionFor, structSize } from './ndis/structs.ts';
import { naturalRequestType, OID_INFO } from './oids/catalog.ts';
import { fail, isForward, WAIT, type OidCall, type OidHandler, type Outcome } from './oids/outcome.ts';
import type { PendingRequest } from './state.ts';
import type { OidRequest, OidResult } from './types.ts';

export const DEFAULT_BINDING = 'vmswitch';

/** Fills a set/method buffer's NDIS_OBJECT_HEADER with what a well-behaved caller would send. */
function withHeader(ctx: Ctx, oid: OidName, buffer: InfoBuffer | undefined, kind: string): InfoBuffer {
  const b: InfoBuffer = { ...(buffer ?? {}) };
  if (kind === 'query') return b;
  const struct = OID_INFO[oid].struct;
  const given = (b['Header'] ?? {}) as InfoBuffer;
  const revision = readableNumber(given, 'Revision', revisionFor(struct, ctx.ndisVersion));
  b['Header'] = {
    Type: NDIS_OBJECT_TYPE_DEFAULT,
    Size: (typeof revision === 'number' ? structSize(struct, revision) : undefined) ?? 0,
    ...given,
    Revision: revision,
  };
  return b;
}

/** A member as readNumber reads it, or as given when it cannot be read: preflight then refuses it (INVALID_DATA). */
function readableNumber(buf: InfoBuffer, field: string, fallback: number): unknown {
  try {
    return readNumber(buf, field, fallback);
  } catch (e) {
    if (!(e instanceof InvalidBufferData)) throw e;
    return buf[field];
  }
}

/** Checks NDIS makes before looking at the request's meaning. Returns the refusal, if any. */
function preflight(ctx: Ctx, call: OidCall, handler: OidHandler, internal: boolean): Outcome | undefined {
  const { s, cfg } = ctx;
  if (!internal) {
    if (s.closedBindings.has(call.binding))
      return fail('NDIS_STATUS_FAILURE', 'NDIS', `binding ${call.binding} was closed (NdisCloseAdapterEx)`);
    if (s.adapterState === 'Halted' || s.adapterState === 'Halting')
      return fail('NDIS_STATUS_ADAPTER_NOT_READY', 'NDIS', 'the adapter is halted');
  }
  if (!OID_INFO[call.oid].kinds.includes(kindOf(call.requestType))) {
    const allowed = OID_INFO[call.oid].kinds.join(' or ');
    return fail(
      cfg.adapter.options.invalidRequestTypeStatus,
      'NDIS',
      `${call.oid} is a ${allowed} request, not ${call.requestType} (R1)`,
    );
  }
  if (!ctx.caps)
    return fail(
      'NDIS_STATUS_NOT_SUPPORTED',
      'NDIS',
      `the miniport is NDIS ${ctx.ndisVersion / 100} and has no receive filtering; VMQ needs NDIS 6.20 (R3)`,
    );
  let base = 0;
  if (kindOf(call.requestType) !== 'query') {
    const struct = OID_INFO[call.oid].struct;
    const h = call.buffer['Header'] as InfoBuffer;
    const revision = readNumber(h, 'Revision', 0);
    const size = structSize(struct, revision);
    if (readNumber(h, 'Type', 0) !== NDIS_OBJECT_TYPE_DEFAULT)
      return fail('NDIS_STATUS_INVALID_PARAMETER', 'NDIS', `Header.Type must be NDIS_OBJECT_TYPE_DEFAULT (0x80)`);
    if (size === undefined) return fail('NDIS_STATUS_NOT_SUPPORTED', 'NDIS', `${struct} has no revision ${revision}`);
    if (readNumber(h, 'Size', 0) < size)
      return fail(
        'NDIS_STATUS_INVALID_PARAMETER',
        'NDIS',
        `Header.Size ${readNumber(h, 'Size', 0)} is smaller than NDIS_SIZEOF_${struct.replace(/^NDIS_/, '')}_REVISION_${revision} (${size})`,
      );
    base = size;
    const misfit = misfitNumber(STRUCT_LAYOUTS[struct], call.buffer);
    if (misfit !== undefined) return fail('NDIS_STATUS_INVALID_DATA', 'NDIS', misfit);
  }
  // A buffer too short for the structure itself cannot even be read for its element counts.
  const needed = call.bufferLength < base ? base : handler.bytesNeeded(ctx, call);
  if (call.bufferLength < needed) {
    return {
      ...fail(
        'NDIS_STATUS_INVALID_LENGTH',
        'NDIS',
        `the information buffer holds ${call.bufferLength} bytes; ${needed} are needed (R2)`,
      ),
      bytesNeeded: needed,
    };
  }
  return undefined;
}

/**
 * Issues a request now. `internal` marks NDIS's own cleanup requests (halt, unclean close): they
 * skip the binding checks and are validated only when the miniport takes them.
 */
export function handleRequest(ctx: Ctx, req: OidRequest, internal = false): OidResult {
  const s = ctx.s;
  const requestId = s.nextRequestId++;
  const requestType = req.requestType ?? naturalRequestType(req.oid);
  const binding = req.binding ?? DEFAULT_BINDING;
  const handler = OID_INFO[req.oid];
  const buffer = withHeader(ctx, req.oid, req.buffer, kindOf(requestType));
  const call: OidCall = { requestId, oid: req.oid, requestType, binding, buffer, bufferLength: 0 };
  let structureBytes = 0;
  try {
    structureBytes = ctx.caps ? handler.bytesNeeded(ctx, call) : 0;
    call.bufferLength = req.bufferLength ?? structureBytes;
  } catch (e) {
    if (!(e instanceof InvalidBufferData)) throw e;
    // Element counts that cannot be read: the buffer is what its Header declares, and NDIS refuses the
    // unreadable member (INVALID_DATA) rather than call the buffer short.
    const declared = (buffer['Header'] as InfoBuffer | undefined)?.['Size'];
    call.bufferLength = typeof declared === 'number' && fitsInteger(declared, 'USHORT') ? declared : 0;
  }
  // Absent for a binding's request, so traces without NDIS cleanup read as they always did.
  const issuer = internal ? ({ issuedBy: 'NDIS' } as const) : {};
  ctx.emit({
    kind: 'oid-requested',
    requestId,
    oid: req.oid,
    requestType,
    binding,
    ...issuer,
    buffer,
    bufferLength: call.bufferLength,
  });
  const result: OidResult = {
    requestId,
    oid: req.oid,
    requestType,
    binding,
    ...issuer,
    status: 'NDIS_STATUS_PENDING',
    layer: 'NDIS',
    bytesNeeded: 0,
    bytesReadOrWritten: 0,
    message: '',
    issuedAtNs: s.nowNs,
  };
  s.results[requestId] = result;
  const pending: PendingRequest = {
    request: { ...req, requestType, binding, buffer },
    result,
    prepared: {},
    announced: false,
    structureBytes,
  };

  const early = guard(
    () => preflight(ctx, call, handler, internal) ?? (internal ? { forward: {} } : handler.ndis(ctx, call)),
  );
  if (!isForward(early)) {
    complete(ctx, result, early, false, structureBytes);
    return { ...result };
  }
  s.pending[requestId] = pending;
  if (s.miniportBusy !== null || s.oidQueue.length > 0) {
    s.oidQueue.push(requestId);
    pending.announced = true;
    result.message = `NDIS holds the request until the miniport completes request ${s.miniportBusy ?? s.oidQueue[0]} (OID requests to a miniport are serialized)`;
    ctx.emit({ kind: 'oid-pended', requestId, oid: req.oid, layer: 'NDIS' });
    return { ...result };
  }
  dispatch(ctx, pending, internal ? undefined : early.forward);
  return { ...s.results[requestId]! };
}

/**
 * The miniport takes a request. NDIS validates it again unless it just did (the adapter may have
 * changed while the request waited); the miniport then completes it or keeps it pending.
 */
function dispatch(ctx: Ctx, pending: PendingRequest, validated: InfoBuffer | undefined): void {
  const s = ctx.s;
  const { request, result } = pending;
  const handler = OID_INFO[request.oid];
  const call = callOf(pending);
  s.miniportBusy = result.requestId;
  const outcome = guard(() => {
    const ndis = validated ? { forward: validated } : handler.ndis(ctx, call);
    if (!isForward(ndis)) return ndis;
    if (s.adapterState === 'Resetting') return resetRefusal(request.oid);
    if (refusesAsRemoved(ctx)) return removedRefusal;
    const refusal = takeRefusal(ctx, request.oid);
    if (refusal)
      return fail(refusal, 'miniport', `the miniport refused ${request.oid} with ${refusal} (injected fault)`);
    pending.prepared = ndis.forward;
    const delay = pendDelay(ctx, request.oid);
    if (delay !== undefined) {
      at(ctx, delay, { kind: 'complete-oid', requestId: result.requestId });
      return WAIT;
    }
    return handler.miniport!(ctx, call, ndis.forward);
  });
  if (outcome !== WAIT) return complete(ctx, result, outcome, pending.announced);
  pending.announced = true;
  result.layer = 'miniport';
  result.message = 'the miniport returned NDIS_STATUS_PENDING and will complete the request later';
  ctx.emit({ kind: 'oid-pended', requestId: result.requestId, oid: request.oid, layer: 'miniport' });
}

const callOf = ({ request, result }: PendingRequest): OidCall => ({
  requestId: result.requestId,
  oid: request.oid,
  requestType: request.requestType,
  binding: request.binding,
  buffer: request.buffer ?? {},
  bufferLength: 0,
});

/** Runs a stage, turning unreadable field values into NDIS_STATUS_INVALID_DATA. */
function guard<T>(stage: () => T): T | Outcome {
  try {
    return stage();
  } catch (e) {
    if (e instanceof InvalidBufferData) return fail('NDIS_STATUS_INVALID_DATA', 'NDIS', e.message);
    throw e;
  }
}

/** §3, §5.5: after surprise removal and until the halt, the miniport answers every request NOT_ACCEPTED. */
const removedRefusal: Outcome = fail('NDIS_STATUS_NOT_ACCEPTED', 'miniport', 'the adapter was surprise-removed');

/** §5.5: during a reset, FREE_QUEUE and CLEAR_FILTER may only fail with NOT_ACCEPTED (R25). */
const resetRefusal = (oid: OidName): Outcome =>
  oid === 'OID_RECEIVE_FILTER_FREE_QUEUE' || oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER'
    ? fail('NDIS_STATUS_NOT_ACCEPTED', 'miniport', 'the miniport is resetting')
    : fail('NDIS_STATUS_RESET_IN_PROGRESS', 'NDIS', 'the adapter is resetting');

/**
 * Completes a request; if it was the miniport's, NDIS hands the miniport the next one it holds. A request that
 * succeeds read (Set, Method) or wrote (Query, Method) its structure, unless the outcome says how much it wrote.
 */
export function complete(
  ctx: Ctx,
  result: OidResult,
  outcome: Outcome,
  pended: boolean,
  structureBytes = ctx.s.pending[result.requestId]?.structureBytes ?? 0,
): void {
  const s = ctx.s;
  result.status = outcome.status;
  result.layer = outcome.layer;
  result.message = outcome.message;
  result.bytesNeeded = outcome.bytesNeeded ?? 0;
  result.bytesReadOrWritten =
    outcome.bytesReadOrWritten ?? (outcome.status === 'NDIS_STATUS_SUCCESS' ? structureBytes : 0);
  if (outcome.output) result.output = outcome.output;
  result.completedAtNs = s.nowNs;
  delete s.pending[result.requestId];
  s.oidQueue = s.oidQueue.filter((id) => id !== result.requestId);
  ctx.emit({ kind: 'oid-completed', result: { ...result }, pended });
  if (s.miniportBusy === result.requestId) {
    s.miniportBusy = null;
    dispatchNext(ctx);
  }
  if (s.faults.migrations.length > 0) continueMigrations(ctx, result.requestId);
}

export function dispatchNext(ctx: Ctx): void {
  const s = ctx.s;
  while (s.miniportBusy === null && s.oidQueue.length > 0) {
    const next = s.pending[s.oidQueue.shift()!];
    if (next) dispatch(ctx, next, undefined);
  }
}

/** The `complete-oid` timer: the miniport finishes a request it had pended. */
export function completePended(ctx: Ctx, requestId: number): void {
  const pending = ctx.s.pending[requestId];
  if (!pending || ctx.s.miniportBusy !== requestId) return;
  if (refusesAsRemoved(ctx)) return complete(ctx, pending.result, removedRefusal, true);
  const outcome = guard(() => OID_INFO[pending.request.oid].miniport!(ctx, callOf(pending), pending.prepared));
  if (outcome !== WAIT) complete(ctx, pending.result, outcome, true);
}

/** Completes the pending requests `which` selects with `status` (reset, halt and closing bindings abort them). */
export function abortPending(
  ctx: Ctx,
  status: NdisStatusName,
  message: string,
  which: (p: PendingRequest) => boolean = () => true,
): void {
  const aborted = Object.values(ctx.s.pending).filter(which);
  // Take them all out of NDIS's hands first, so completing one does not hand the next to the miniport.
  ctx.s.oidQueue = ctx.s.oidQueue.filter((id) => !aborted.some((p) => p.result.requestId === id));
  for (const pending of aborted) {
    // Found by the request, not by reading its buffer: a held request's buffer may not even be readable.
    const q = ctx.s.queues.find((queue) => queue?.freeRequestId === pending.result.requestId);
    if (q) q.freeRequestId = null;
    const layer = ctx.s.miniportBusy === pending.result.requestId ? 'miniport' : 'NDIS';
    complete(ctx, pending.result, fail(status, layer, message), true);
  }
}
