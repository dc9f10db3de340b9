/**
 * How injected faults (faults.ts) bend the miniport's and the overlying driver's behaviour, read where that
 * behaviour happens: the OID pipeline, shared-memory allocation, the DPC and the NBL returns. Only reads and
 * one-shot consumption here; faultInjection.ts records the faults.
 */
import type { Ctx } from './context.ts';
import type { NdisStatusName, OidName } from './ndis/constants.ts';
import type { FaultState } from './state.ts';
import type { DurationNs, QueueId } from './types.ts';

export const noFaults = (): FaultState => ({
  refused: {},
  pended: {},
  sharedMemory: null,
  removed: false,
  dpcDelays: [],
  withheld: { every: false, queues: [] },
  migrations: [],
});

/** refuse-oid: the status the miniport refuses this request with, counting it, or undefined. */
export function takeRefusal(ctx: Ctx, oid: OidName): NdisStatusName | undefined {
  const refusal = ctx.s.faults.refused[oid];
  if (!refusal || refusal.remaining === 0) return undefined;
  if (refusal.remaining !== 'always') refusal.remaining--;
  return refusal.status;
}

/** How long the miniport pends `oid`: a pend-oid fault overrides `options.pendingOids`. */
export function pendDelay(ctx: Ctx, oid: OidName): DurationNs | undefined {
  const pended = ctx.s.faults.pended;
  return Object.hasOwn(pended, oid) ? (pended[oid] ?? undefined) : ctx.cfg.adapter.options.pendingOids[oid];
}

/** shared-memory-exhausted: the status NdisAllocateSharedMemory fails with now, counting a success, or undefined. */
export function takeSharedMemoryFailure(ctx: Ctx): 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE' | undefined {
  const budget = ctx.s.faults.sharedMemory;
  if (!budget) return undefined;
  if (budget.remaining > 0) {
    budget.remaining--;
    return undefined;
  }
  return budget.status;
}

/** surprise-removal: the miniport answers NOT_ACCEPTED until NDIS halts it (its cleanup during the halt succeeds). */
export const refusesAsRemoved = (ctx: Ctx): boolean => ctx.s.faults.removed && ctx.s.adapterState !== 'Halting';

/** delay-dpc: the extra latency for the DPC `queueId` is about to schedule, consumed. */
export function takeDpcDelay(ctx: Ctx, queueId: QueueId): DurationNs | 0 {
  const delays = ctx.s.faults.dpcDelays;
  const i = delays.findIndex((d) => d.queueId === null || d.queueId === queueId);
  if (i < 0) return 0;
  return delays.splice(i, 1)[0]!.delayNs;
}

/** withhold-nbls: the overlying driver keeps this queue's NBLs. */
export function isWithheld(ctx: Ctx, queueId: QueueId): boolean {
  const { every, queues } = ctx.s.faults.withheld;
  return every !== queues.includes(queueId);
}

/** The overlying driver's return latency: a return-latency fault overrides `options.returnLatencyNs`. */
export function returnLatency(ctx: Ctx): DurationNs | null {
  const latency = ctx.s.faults.returnLatencyNs;
  return latency === undefined ? ctx.cfg.adapter.options.returnLatencyNs : latency;
}
