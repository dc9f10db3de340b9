/**
 * The invariants every history must keep, checked from outside the engine: a bookkeeping built from trace events
 * alone, held against every event as it comes and against the adapter view after each step. Each broken invariant
 * is a sentence in `problems`; the property tests and the soak both fail on the first one.
 */
import type { AdapterView, Engine, TraceEvent } from '../engine/index.ts';
import { totalDropped } from '../scenario/dropReasons.ts';
import { DRIVER_RULES } from './history.ts';

/** The default capabilities' NumQueues and MaxMacHeaderFilters (R33, R10). */
const MAX_QUEUE_ID = 8;
const MAX_FILTER_ID = 16;

export class Invariants {
  readonly problems: string[] = [];
  /** How many invariant checks ran (each comparison counts once). */
  checks = 0;
  private state: Record<number, string> = { 0: 'Running' };
  private outstanding: Record<number, number> = {};
  private requested = new Set<number>();
  private completions = new Map<number, number>();
  /** Traced frames: the queue that took each, and the queue whose NBL for it the overlying driver holds. */
  private classifiedTo = new Map<number, number>();
  private heldBy = new Map<number, number>();

  private check(ok: boolean, problem: () => string): void {
    this.checks++;
    if (!ok) this.problems.push(problem());
  }

  observeAll(events: readonly TraceEvent[]): void {
    for (const ev of events) this.observe(ev);
  }

  observe(ev: TraceEvent): void {
    switch (ev.kind) {
      case 'queue-state-changed':
        this.state[ev.queueId] = ev.to;
        break;
      case 'frame-classified': {
        const takers = ev.match.filter((m) => m.takes);
        this.check(
          takers.length === 1 && takers[0]!.queueId === ev.queueId && (takers[0]!.filterId ?? 0) === ev.filterId,
          () => `frame ${ev.frameId} went to queue ${ev.queueId}, but its explanation names ${JSON.stringify(takers)}`,
        );
        this.classifiedTo.set(ev.frameId, ev.queueId);
        break;
      }
      case 'nbls-indicated':
        for (const p of ev.parts) {
          const ids = p.frameIds ?? [];
          this.check(ids.length <= p.count, () => `an indication of ${p.count} NBLs names ${ids.length} frames`);
          for (const id of ids) {
            this.check(
              this.classifiedTo.get(id) === p.queueId,
              () => `frame ${id} indicated from queue ${p.queueId}, classified to ${this.classifiedTo.get(id)}`,
            );
            this.heldBy.set(id, p.queueId);
          }
          this.check(
            p.queueId === 0 || this.state[p.queueId] === 'Running',
            () => `indication on queue ${p.queueId} while ${this.state[p.queueId]}`,
          );
          this.outstanding[p.queueId] = (this.outstanding[p.queueId] ?? 0) + p.count;
        }
        break;
      case 'nbls-returned': {
        for (const id of ev.frameIds ?? []) {
          this.check(
            this.heldBy.get(id) === ev.queueId,
            () => `frame ${id} returned to queue ${ev.queueId}, held by ${this.heldBy.get(id)}`,
          );
          this.heldBy.delete(id);
        }
        const left = (this.outstanding[ev.queueId] ?? 0) - ev.count;
        this.outstanding[ev.queueId] = left;
        this.check(left >= 0, () => `queue ${ev.queueId} got back more NBLs than it indicated (${left})`);
        break;
      }
      case 'memory-freed':
        this.check(
          (this.outstanding[ev.queueId] ?? 0) === 0,
          () => `queue ${ev.queueId} memory freed with ${this.outstanding[ev.queueId]} NBLs out`,
        );
        break;
      case 'oid-requested':
        this.check(!this.requested.has(ev.requestId), () => `request id ${ev.requestId} issued twice`);
        this.requested.add(ev.requestId);
        break;
      case 'oid-completed': {
        const id = ev.result.requestId;
        this.check(this.requested.has(id), () => `request ${id} completed but never requested`);
        this.check(ev.result.status !== 'NDIS_STATUS_PENDING', () => `request ${id} completed with PENDING`);
        const n = (this.completions.get(id) ?? 0) + 1;
        this.check(n === 1, () => `request ${id} completed ${n}×`);
        this.completions.set(id, n);
        break;
      }
      case 'rule-violated':
        this.check(
          ev.severity !== 'error' || DRIVER_RULES.has(ev.rule),
          () => `engine-made error violation ${ev.rule}: ${ev.message}`,
        );
        break;
      case 'status-indicated':
        if (ev.code === 'NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS') {
          const flags = (ev.payload as { Flags: number }).Flags;
          this.check(flags === 0x00100000, () => `QUEUE_PARAMETERS status with Flags ${flags}`);
        }
        if (ev.code === 'NDIS_STATUS_RECEIVE_QUEUE_STATE')
          this.check(ev.queueId !== 0, () => 'a queue-state status for the default queue');
        break;
      default:
        break;
    }
  }

  /** A request that returned a final result at once must say so in the same step's events, and vice versa. */
  checkResults(e: Engine, events: readonly TraceEvent[]): void {
    for (const ev of events) {
      if (ev.kind !== 'oid-requested') continue;
      const r = e.result(ev.requestId);
      const done = events.some((x) => x.kind === 'oid-completed' && x.result.requestId === ev.requestId);
      this.check(
        done ? r?.completedAtNs !== undefined : r?.status === 'NDIS_STATUS_PENDING',
        () =>
          `request ${ev.requestId}: ${done ? 'completed without completedAtNs' : `not completed, yet ${r?.status}`}`,
      );
    }
  }

  checkView(v: AdapterView): void {
    this.check(
      v.totals.arrived === v.totals.indicated + totalDropped(v.totals.dropped) + v.totals.inFlight,
      () => `frames not conserved: ${JSON.stringify(v.totals)}`,
    );
    const q0 = v.queues.find((q) => q.QueueId === 0);
    this.check(q0?.state === 'Running', () => `the default queue is ${q0 ? q0.state : 'missing'}`);
    const queueIds = v.queues.map((q) => q.QueueId);
    this.check(new Set(queueIds).size === queueIds.length, () => `duplicate QueueIds ${queueIds}`);
    const filterIds = v.filters.map((f) => f.FilterId);
    this.check(new Set(filterIds).size === filterIds.length, () => `duplicate FilterIds ${filterIds}`);
    for (const id of queueIds) this.check(id >= 0 && id <= MAX_QUEUE_ID, () => `QueueId ${id} out of range`);
    for (const f of v.filters) {
      this.check(f.FilterId >= 1 && f.FilterId <= MAX_FILTER_ID, () => `FilterId ${f.FilterId} out of range`);
      this.check(queueIds.includes(f.QueueId), () => `filter ${f.FilterId} on missing queue ${f.QueueId}`);
    }
    for (const q of v.queues) {
      const own = v.filters.filter((f) => f.QueueId === q.QueueId).map((f) => f.FilterId);
      this.check(
        [...q.filterIds].sort().join() === own.sort().join(),
        () => `queue ${q.QueueId} lists filters ${q.filterIds}, the table ${own}`,
      );
      this.check(
        this.state[q.QueueId] === q.state,
        () => `queue ${q.QueueId} is ${q.state}, its events say ${this.state[q.QueueId]}`,
      );
      this.check(
        q.outstandingNbls === (this.outstanding[q.QueueId] ?? 0),
        () => `queue ${q.QueueId} has ${q.outstandingNbls} NBLs out, its events say ${this.outstanding[q.QueueId]}`,
      );
      this.check(
        q.counters.classified === q.counters.indicated + totalDropped(q.counters.dropped) + q.pending,
        () => `queue ${q.QueueId} frames not conserved: ${JSON.stringify(q.counters)}, ${q.pending} pending`,
      );
      const slots = (state: string) => q.ring.slots.filter((slot) => slot === state).length;
      this.check(
        q.ring.slots.length === q.buffers &&
          slots('dma-written') === q.pending &&
          slots('indicated') === q.outstandingNbls,
        () => `queue ${q.QueueId} ring ${JSON.stringify(q.ring)} disagrees with its counters`,
      );
      if (q.pending + q.outstandingNbls < q.buffers)
        this.check(q.ring.slots[q.ring.head] === 'free', () => `queue ${q.QueueId} ring head is not free`);
    }
    for (const m of v.memory)
      this.check(queueIds.includes(m.queueId), () => `shared memory of missing queue ${m.queueId}`);
  }

  /** Requests that did not complete exactly once (call when nothing can be pending any more). */
  unfinishedRequests(): number[] {
    return [...this.requested].filter((id) => this.completions.get(id) !== 1);
  }
}
