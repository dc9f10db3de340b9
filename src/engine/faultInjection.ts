/**
 * Engine.injectFault: records a fault (faults.ts) in the engine state, so snapshot/restore and replay carry it,
 * traces it as `fault-injected`, and does what the fault does at once (a surprise removal discards what was DMA'd;
 * a live migration returns the VM's NBLs and frees its queue). What the fault changes later is read where it
 * happens (faultState.ts).
 */
import { at, type Ctx } from './context.ts';
import { flushPending } from './datapath.ts';
import { isWithheld, returnLatency } from './faultState.ts';
import type { Fault } from './faults.ts';
import { giveBack } from './lifecycle.ts';
import { handleRequest } from './requests.ts';
import type { QueueState } from './state.ts';
import type { QueueId } from './types.ts';

export function injectFault(ctx: Ctx, fault: Fault): void {
  const f = ctx.s.faults;
  switch (fault.kind) {
    case 'refuse-oid':
      f.refused[fault.oid] = { status: fault.status, remaining: fault.count };
      return traced(
        ctx,
        fault,
        fault.count === 0
          ? `the miniport no longer refuses ${fault.oid}`
          : `the miniport refuses ${refused(fault.count)} ${fault.oid} with ${fault.status}`,
      );
    case 'pend-oid':
      f.pended[fault.oid] = fault.delayNs;
      return traced(
        ctx,
        fault,
        fault.delayNs === null
          ? `the miniport answers ${fault.oid} at once`
          : `the miniport pends every ${fault.oid} and completes it ${formatDuration(fault.delayNs)} later`,
      );
    case 'shared-memory-exhausted':
      f.sharedMemory = { remaining: fault.afterBlocks, status: fault.status };
      return traced(
        ctx,
        fault,
        `NdisAllocateSharedMemory succeeds ${fault.afterBlocks} more time(s), then fails with ${fault.status} until the adapter halts`,
      );
    case 'surprise-removal':
      f.removed = true;
      traced(
        ctx,
        fault,
        'the NIC is gone: no frame arrives any more, and the miniport answers NDIS_STATUS_NOT_ACCEPTED until NDIS halts it',
      );
      // What was DMA'd but not indicated is lost with the hardware.
      for (const q of ctx.s.queues) if (q && q.state !== 'Undefined') flushPending(ctx, q, 'adapter-removed');
      return;
    case 'delay-dpc':
      f.dpcDelays.push({ queueId: fault.queueId, delayNs: fault.delayNs });
      return traced(
        ctx,
        fault,
        `the next DPC of ${fault.queueId === null ? 'any queue' : `queue ${fault.queueId}`} runs ${formatDuration(fault.delayNs)} late`,
      );
    case 'withhold-nbls':
      return withhold(ctx, fault);
    case 'return-latency': {
      const before = returnLatency(ctx);
      f.returnLatencyNs = fault.latencyNs;
      traced(
        ctx,
        fault,
        fault.latencyNs === null
          ? 'the overlying driver returns NBLs only when asked (returnNbls)'
          : `the overlying driver returns each NBL ${formatDuration(fault.latencyNs)} after its indication`,
      );
      // NBLs indicated while nothing returned them on its own come back after the new latency.
      if (before === null) resumeReturns(ctx, liveQueues(ctx));
      return;
    }
    case 'live-migration':
      return migrate(ctx, fault);
  }
}

function traced(ctx: Ctx, fault: Fault, effect: string): void {
  ctx.emit({ kind: 'fault-injected', fault: { ...fault }, effect });
}

const liveQueues = (ctx: Ctx): QueueState[] =>
  ctx.s.queues.filter((q): q is QueueState => q !== undefined && q.state !== 'Undefined');

/** The outstanding NBLs of `queues` that nothing will return on its own come back after the return latency. */
function resumeReturns(ctx: Ctx, queues: QueueState[]): void {
  const latency = returnLatency(ctx);
  if (latency === null) return;
  for (const q of queues) {
    const count = q.indicatedSeq - q.returnedSeq;
    if (count > 0 && !isWithheld(ctx, q.id))
      at(ctx, latency, { kind: 'return', queueId: q.id, generation: q.generation, count });
  }
}

function withhold(ctx: Ctx, fault: Extract<Fault, { kind: 'withhold-nbls' }>): void {
  const w = ctx.s.faults.withheld;
  const which = fault.queueId === null ? 'every queue' : `queue ${fault.queueId}`;
  if (fault.queueId === null) {
    w.every = fault.on;
    w.queues = [];
  } else {
    // With `every` set, `queues` lists the exceptions: withholding removes one, resuming adds one.
    const listed = fault.on !== w.every;
    const others = w.queues.filter((id) => id !== fault.queueId);
    w.queues = listed ? [...others, fault.queueId] : others;
  }
  traced(
    ctx,
    fault,
    fault.on
      ? `the overlying driver keeps the NBLs of ${which}: their receive buffers do not come back`
      : `the overlying driver returns the NBLs of ${which} again`,
  );
  if (!fault.on) {
    const queues = liveQueues(ctx).filter((q) => fault.queueId === null || q.id === fault.queueId);
    resumeReturns(ctx, queues);
  }
}

/**
 * §5.5 live migration, on the source host: the VM pauses mid-I/O, the VSP returns every NBL the VM held, then the
 * binding that owns the VM's queue clears its filters and frees it through the normal request path (so pend-oid
 * and refuse-oid faults apply and the checker judges). Once the filters are gone, the VM's frames that still
 * arrive are classified to the default queue.
 */
function migrate(ctx: Ctx, fault: Extract<Fault, { kind: 'live-migration' }>): void {
  const queues = liveQueues(ctx).filter((q) => q.id !== 0 && q.owner !== null && q.params.VmName === fault.vm);
  const ids = queues.map((q) => q.id);
  traced(
    ctx,
    fault,
    queues.length === 0
      ? `${fault.vm} migrates away; it has no VM queue here, so its traffic was already on the default queue`
      : `${fault.vm} migrates away: the VSP returns its NBLs, then ${queues[0]!.owner} clears the filters of and frees ${plainList(ids)}`,
  );
  for (const q of queues) giveBack(ctx, q, Infinity);
  for (const q of queues) {
    const binding = q.owner!;
    const clears = [...q.filterIds].map(
      (filterId) =>
        handleRequest(ctx, {
          oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
          binding,
          buffer: { QueueId: q.id, FilterId: filterId },
        }).requestId,
    );
    const waiting = clears.filter((id) => ctx.s.results[id]?.completedAtNs === undefined);
    if (waiting.length === 0) freeMigrated(ctx, q.id, binding, clears);
    else ctx.s.faults.migrations.push({ queueId: q.id, binding, clears, waiting });
  }
}

/**
 * Like any driver, the VSP frees the queue once its CLEAR_FILTERs have completed, and only when they all
 * succeeded: FREE_QUEUE with a filter left would be its own bug (R21). A refused clear leaves the queue allocated.
 */
function freeMigrated(ctx: Ctx, queueId: QueueId, binding: string, clears: number[]): void {
  if (clears.some((id) => ctx.s.results[id]?.status !== 'NDIS_STATUS_SUCCESS')) return;
  handleRequest(ctx, { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding, buffer: { QueueId: queueId } });
}

/** A request completed: a migration waiting for its CLEAR_FILTERs frees the queue once the last one is done. */
export function continueMigrations(ctx: Ctx, requestId: number): void {
  const migrations = ctx.s.faults.migrations;
  for (const m of [...migrations]) {
    if (!m.waiting.includes(requestId)) continue;
    m.waiting = m.waiting.filter((id) => id !== requestId);
    if (m.waiting.length > 0) continue;
    migrations.splice(migrations.indexOf(m), 1);
    freeMigrated(ctx, m.queueId, m.binding, m.clears);
  }
}

const refused = (count: number | 'always'): string =>
  count === 'always' ? 'every' : count === 1 ? 'the next' : `the next ${count} requests of`;

/** Durations in the effect text in µs, the unit of the engine's timings. */
const formatDuration = (ns: number): string => `${ns / 1000} µs`;

const plainList = (ids: QueueId[]): string => (ids.length === 1 ? `queue ${ids[0]}` : `queues ${ids.join(', ')}`);
