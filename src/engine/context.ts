/**
 * What every engine module shares: the state, the configuration, the event sink and the scheduler,
 * plus the one place where a queue changes state (so every change is traced the same way).
 */
import { schedule } from './core/scheduler.ts';
import type { OperationalStateName } from './ndis/constants.ts';
import type { EngineState, QueueState, TimerAction } from './state.ts';
import {
  timeAfter,
  type AdapterCapabilities,
  type DetailedQueueState,
  type DurationNs,
  type EngineConfig,
  type QueueId,
  type ReceiveFilterCapabilities,
  type TraceEventBody,
} from './types.ts';

export interface Ctx {
  s: EngineState;
  cfg: EngineConfig;
  ndisVersion: number;
  caps: { hardware: ReceiveFilterCapabilities; current: ReceiveFilterCapabilities } | undefined;
  /** The same capabilities as named booleans (fixed for the engine's life; views hand out copies). */
  capabilities: AdapterCapabilities;
  emit(body: TraceEventBody): void;
  /** Called whenever filters or queue states change, so the classifier sees only Running queues. */
  filtersChanged(): void;
}

export const MANAGEMENT_OS = 'management-os';

export function at(ctx: Ctx, delayNs: DurationNs, action: TimerAction): void {
  schedule(ctx.s.timers, timeAfter(ctx.s.nowNs, delayNs), action);
}

/**
 * §5.1 — the reported NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE of a detailed state. Set maps to Running
 * because the enum says Running covers "has completed, or will complete" (docs/decisions.md).
 */
export function reportedState(state: DetailedQueueState): OperationalStateName {
  switch (state) {
    case 'Undefined':
      return 'NdisReceiveQueueOperationalStateUndefined';
    case 'Allocated':
    case 'Paused':
      return 'NdisReceiveQueueOperationalStatePaused';
    case 'Set':
    case 'Running':
      return 'NdisReceiveQueueOperationalStateRunning';
    case 'StopDma':
    case 'Freeing':
      return 'NdisReceiveQueueOperationalStateDmaStopped';
  }
}

export function setQueueState(ctx: Ctx, queue: QueueState, to: DetailedQueueState, causeRequestId?: number): void {
  const from = queue.state;
  if (from === to) return;
  queue.state = to;
  ctx.emit({
    kind: 'queue-state-changed',
    queueId: queue.id,
    from,
    to,
    reportedFrom: reportedState(from),
    reported: reportedState(to),
    ...(causeRequestId !== undefined ? { causeRequestId } : {}),
  });
  if (from === 'Running' || to === 'Running') ctx.filtersChanged();
}

/** The queue a request names, when it is allocated (any state but Undefined); the default queue always is. */
export function allocatedQueue(ctx: Ctx, queueId: QueueId): QueueState | undefined {
  const q = ctx.s.queues[queueId];
  return q && q.state !== 'Undefined' ? q : undefined;
}

export function countDrop(
  ctx: Ctx,
  queue: QueueState | undefined,
  reason: keyof EngineState['totals']['dropped'],
  count: number,
): void {
  if (count <= 0) return;
  const totals = ctx.s.totals.dropped;
  totals[reason] = (totals[reason] ?? 0) + count;
  if (queue) queue.counters.dropped[reason] = (queue.counters.dropped[reason] ?? 0) + count;
}
