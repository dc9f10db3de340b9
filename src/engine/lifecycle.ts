/**
 * The adapter's lifecycle (§5.5) and NDIS's cleanup: MiniportPause / Restart / ResetEx / HaltEx,
 * NdisCloseAdapterEx, and the NBL returns that let a waiting FREE_QUEUE finish.
 */
import { at, type Ctx } from './context.ts';
import { flushPending, returnNbls } from './datapath.ts';
import { freeReceiveBuffers } from './memory.ts';
import { finishFreeIfDrained } from './oids/queueOids.ts';
import { abortPending, complete, handleRequest } from './requests.ts';
import type { QueueState } from './state.ts';
import type { AdapterState } from './types.ts';

/** MiniportResetEx takes this long in virtual time. */
const RESET_DURATION_NS = 50_000;

/** NBLs come back; a queue waiting in FREE_QUEUE may now finish (§3.9 step 3). */
export function giveBack(ctx: Ctx, q: QueueState, count: number): number {
  const s = ctx.s;
  const n = returnNbls(ctx, q, count);
  if (n > 0 && q.freeRequestId !== null) {
    const requestId = q.freeRequestId;
    const outcome = finishFreeIfDrained(ctx, q);
    if (outcome) complete(ctx, s.results[requestId]!, outcome, true);
  }
  return n;
}

export function setAdapterState(ctx: Ctx, to: AdapterState): void {
  const s = ctx.s;
  const from = s.adapterState;
  if (from === to) return;
  s.adapterState = to;
  ctx.emit({ kind: 'adapter-state-changed', from, to });
}

function flushAll(ctx: Ctx, reason: 'adapter-paused' | 'adapter-resetting' | 'adapter-halted'): void {
  const s = ctx.s;
  for (const q of s.queues) if (q && q.state !== 'Undefined') flushPending(ctx, q, reason);
}

/** The nondefault queues in any state but Undefined: what NDIS must free before a halt or close completes. */
const allocatedVmQueues = (ctx: Ctx): QueueState[] =>
  ctx.s.queues.filter((q): q is QueueState => q !== undefined && q.id !== 0 && q.state !== 'Undefined');

/**
 * NDIS cleans up for `binding` (or for everyone at halt): the overlying driver's NBLs come back,
 * then NDIS issues CLEAR_FILTER for each filter and FREE_QUEUE for each queue in its own name,
 * serialized like any OID, so the miniport sees the documented sequence.
 */
function cleanUp(ctx: Ctx, binding: string | null): void {
  const s = ctx.s;
  for (const q of s.queues) if (q && (binding === null || q.owner === binding)) giveBack(ctx, q, Infinity);
  for (const f of s.filters) {
    if (f && (binding === null || f.owner === binding)) {
      handleRequest(
        ctx,
        { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', binding: f.owner, buffer: { QueueId: f.queueId, FilterId: f.id } },
        true,
      );
    }
  }
  for (const q of allocatedVmQueues(ctx)) {
    if (binding === null || q.owner === binding) {
      handleRequest(
        ctx,
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding: q.owner ?? undefined, buffer: { QueueId: q.id } },
        true,
      );
    }
  }
}

/** MiniportHaltEx runs once NDIS has freed every nondefault queue (R42); it frees the default queue's memory. */
export function finishHaltWhenFreed(ctx: Ctx): void {
  const s = ctx.s;
  if (s.adapterState !== 'Halting' || allocatedVmQueues(ctx).length > 0 || s.miniportBusy !== null) return;
  setAdapterState(ctx, 'Halted');
  giveBack(ctx, s.queues[0]!, Infinity);
  freeReceiveBuffers(ctx, s.queues[0]!);
}

export function adapterAction(ctx: Ctx, action: 'pause' | 'restart' | 'reset' | 'halt'): void {
  const s = ctx.s;
  switch (action) {
    case 'pause':
      if (s.adapterState !== 'Running') return;
      setAdapterState(ctx, 'Paused');
      return flushAll(ctx, 'adapter-paused');
    case 'restart':
      if (s.adapterState === 'Paused') setAdapterState(ctx, 'Running');
      return;
    case 'reset':
      if (s.adapterState === 'Halting' || s.adapterState === 'Halted') return;
      setAdapterState(ctx, 'Resetting');
      flushAll(ctx, 'adapter-resetting');
      abortPending(ctx, 'NDIS_STATUS_REQUEST_ABORTED', 'MiniportResetEx aborted the request');
      return at(ctx, RESET_DURATION_NS, { kind: 'reset-done' });
    case 'halt':
      if (s.adapterState === 'Halting' || s.adapterState === 'Halted') return;
      abortPending(ctx, 'NDIS_STATUS_REQUEST_ABORTED', 'the adapter is halting');
      // A shared-memory-exhausted fault lasts until the halt; the halt itself only frees.
      s.faults.sharedMemory = null;
      // NDIS does not halt a miniport in the middle of a reset: the reset is over first.
      setAdapterState(ctx, 'Halting');
      flushAll(ctx, 'adapter-halted');
      cleanUp(ctx, null);
      return finishHaltWhenFreed(ctx);
  }
}

export function closeBinding(ctx: Ctx, binding: string): void {
  const s = ctx.s;
  const queues = allocatedVmQueues(ctx).filter((q) => q.owner === binding).length;
  const filters = s.filters.filter((f) => f?.owner === binding).length;
  abortPending(
    ctx,
    'NDIS_STATUS_REQUEST_ABORTED',
    `binding ${binding} is closing`,
    (p) => p.request.binding === binding && p.result.issuedBy !== 'NDIS',
  );
  if (queues + filters > 0) {
    ctx.emit({
      kind: 'rule-violated',
      rule: 'R41',
      severity: 'error',
      message: `${binding} closed its binding with ${filters} filter(s) and ${queues} queue(s) left; NDIS cleans them up`,
    });
    cleanUp(ctx, binding);
  }
  s.closedBindings.add(binding);
  ctx.emit({ kind: 'binding-closed', binding });
}
