/**
 * The live conformance checker (§12). It watches the event stream the way Driver Verifier watches a
 * real stack: it keeps its own shadow of queue states, NBLs and memory built from events, and
 * reports a rule the miniport or overlying driver breaks. One thing it reads from the engine state
 * instead: a queue's current Flags, for R35, because no event carries the Flags a QUEUE_PARAMETERS set
 * leaves. The engine is written to keep these rules; the checker is the independent witness (and
 * catches any regression in the engine).
 */
import {
  NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID,
  NDIS_RECEIVE_FLAGS_SINGLE_QUEUE,
  NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
} from './ndis/constants.ts';
import { InvalidBufferData, readQueueId, type InfoBuffer } from './ndis/buffer.ts';
import type { EngineState } from './state.ts';
import type { DetailedQueueState, QueueId, RuleId, TraceEvent, TraceEventKind } from './types.ts';

export interface Violation {
  rule: RuleId;
  severity: 'error' | 'warning';
  message: string;
  queueId?: QueueId;
  requestId?: number;
}

interface Shadow {
  state: Record<number, DetailedQueueState>;
  /** NBLs indicated and not returned, per queue. */
  outstanding: Record<number, number>;
  /** Live shared-memory blocks per queue. */
  blocks: Record<number, number>;
  /** FREE_QUEUE requests seen and not yet completed: requestId → QueueId. */
  freeing: Record<number, QueueId>;
  /** DmaStopped indications per queue since its last allocation. */
  dmaStopped: Record<number, number>;
  liveFilters: Record<number, number>;
  lastFrameId: Record<number, number>;
  halted: boolean;
}

const FINAL_FREE_OR_CLEAR = new Set(['NDIS_STATUS_SUCCESS', 'NDIS_STATUS_NOT_ACCEPTED', 'NDIS_STATUS_REQUEST_ABORTED']);

type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;

/** What a watcher works with: the shadow it keeps up to date, R33's bounds, the engine state, and how to report. */
interface Watch {
  sh: Shadow;
  limits: { queues: number; filters: number };
  s: EngineState;
  flag(rule: RuleId, message: string, extra?: Partial<Violation>): void;
}

function queueStateChanged(e: EventOf<'queue-state-changed'>, { sh, limits, flag }: Watch): void {
  if (e.from === 'Undefined' && e.queueId !== 0 && (sh.state[e.queueId] ?? 'Undefined') !== 'Undefined') {
    flag('R4', `QueueId ${e.queueId} was assigned while still in use`, { queueId: e.queueId });
  }
  sh.state[e.queueId] = e.to;
  if (e.to === 'Undefined') delete sh.dmaStopped[e.queueId];
  if (e.to === 'Allocated' && e.from === 'Undefined') {
    const live = Object.entries(sh.state).filter(([id, st]) => id !== '0' && st !== 'Undefined').length;
    if (live > limits.queues) flag('R33', `${live} queues allocated, more than NumQueues (${limits.queues})`);
  }
}

function filterSet(e: EventOf<'filter-set'>, { sh, limits, flag }: Watch): void {
  if (sh.liveFilters[e.filterId] !== undefined) flag('R10', `FilterId ${e.filterId} was issued twice`);
  if (e.filterId === 0) flag('R10', 'FilterId 0 was issued');
  sh.liveFilters[e.filterId] = e.queueId;
  if (Object.keys(sh.liveFilters).length > limits.filters)
    flag('R33', `more filters than MaxMacHeaderFilters (${limits.filters})`);
}

function filterCleared(e: EventOf<'filter-cleared'>, { sh }: Watch): void {
  delete sh.liveFilters[e.filterId];
}

function oidRequested(e: EventOf<'oid-requested'>, { sh }: Watch): void {
  if (e.oid !== 'OID_RECEIVE_FILTER_FREE_QUEUE') return;
  const queueId = freedQueueId(e.buffer);
  if (queueId !== undefined) sh.freeing[e.requestId] = queueId;
}

/** The queue a FREE_QUEUE names, read as NDIS reads it; none when it cannot be read (NDIS refuses the request). */
function freedQueueId(buffer: InfoBuffer | undefined): QueueId | undefined {
  try {
    return readQueueId(buffer);
  } catch (e) {
    if (e instanceof InvalidBufferData) return undefined;
    throw e;
  }
}

function statusIndicated(e: EventOf<'status-indicated'>, { sh, flag }: Watch): void {
  if (e.code === 'NDIS_STATUS_RECEIVE_QUEUE_STATE' && e.queueState === 'NdisReceiveQueueOperationalStateDmaStopped') {
    const byFree = Object.values(sh.freeing).includes(e.queueId);
    if (e.queueId === 0 || !byFree)
      flag('R23', `DmaStopped indicated for queue ${e.queueId} without a FREE_QUEUE for it`, {
        queueId: e.queueId,
      });
    sh.dmaStopped[e.queueId] = (sh.dmaStopped[e.queueId] ?? 0) + 1;
    if (sh.dmaStopped[e.queueId]! > 1)
      flag('R22', `more than one DmaStopped indication for queue ${e.queueId}`, { queueId: e.queueId });
  }
}

function oidCompleted(e: EventOf<'oid-completed'>, { sh, flag }: Watch): void {
  const r = e.result;
  if (
    (r.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE' || r.oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER') &&
    r.layer === 'miniport' &&
    !FINAL_FREE_OR_CLEAR.has(r.status)
  ) {
    flag('R25', `${r.oid} completed by the miniport with ${r.status}`, { requestId: r.requestId });
  }
  if (r.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE') {
    const queueId = sh.freeing[r.requestId];
    delete sh.freeing[r.requestId];
    if (r.status === 'NDIS_STATUS_SUCCESS' && queueId !== undefined) {
      if ((sh.outstanding[queueId] ?? 0) > 0)
        flag(
          'R24',
          `FREE_QUEUE of queue ${queueId} completed with ${sh.outstanding[queueId]} NBL(s) still outstanding`,
          { queueId },
        );
      if ((sh.blocks[queueId] ?? 0) > 0)
        flag('R24', `FREE_QUEUE of queue ${queueId} completed before its shared memory was freed`, { queueId });
      if ((sh.state[queueId] ?? 'Undefined') !== 'Undefined')
        flag('R26', `queue ${queueId} is still ${sh.state[queueId]} after FREE_QUEUE completed`, { queueId });
    }
  }
}

function nblsIndicated(e: EventOf<'nbls-indicated'>, { sh, s, flag }: Watch): void {
  if ((e.receiveFlags & NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID) === 0)
    flag('R34', `indication ${e.indicationId} lacks NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID`);
  for (const part of e.parts) {
    const st = sh.state[part.queueId] ?? 'Undefined';
    if (part.queueId !== 0 && st !== 'Running')
      flag(st === 'Undefined' ? 'R26' : 'R8', `NBLs indicated on queue ${part.queueId} while it is ${st}`, {
        queueId: part.queueId,
      });
    const perQueue =
      ((s.queues[part.queueId]?.params.Flags ?? 0) & NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION) !== 0;
    if (perQueue && (e.parts.length > 1 || (e.receiveFlags & NDIS_RECEIVE_FLAGS_SINGLE_QUEUE) === 0)) {
      flag(
        'R35',
        `queue ${part.queueId} asked for PER_QUEUE_RECEIVE_INDICATION but indication ${e.indicationId} mixes queues or lacks NDIS_RECEIVE_FLAGS_SINGLE_QUEUE`,
        { queueId: part.queueId },
      );
    }
    if (part.firstFrameId !== null) {
      if (part.firstFrameId <= (sh.lastFrameId[part.queueId] ?? 0))
        flag('R37', `queue ${part.queueId} indicated frame ${part.firstFrameId} out of arrival order`, {
          queueId: part.queueId,
        });
      sh.lastFrameId[part.queueId] = part.firstFrameId;
    }
    sh.outstanding[part.queueId] = (sh.outstanding[part.queueId] ?? 0) + part.count;
  }
}

function nblsReturned(e: EventOf<'nbls-returned'>, { sh }: Watch): void {
  sh.outstanding[e.queueId] = (sh.outstanding[e.queueId] ?? 0) - e.count;
}

function memoryAllocated(e: EventOf<'memory-allocated'>, { sh }: Watch): void {
  sh.blocks[e.queueId] = (sh.blocks[e.queueId] ?? 0) + 1;
}

function memoryFreed(e: EventOf<'memory-freed'>, { sh, flag }: Watch): void {
  sh.blocks[e.queueId] = (sh.blocks[e.queueId] ?? 0) - 1;
  const inFree = Object.values(sh.freeing).includes(e.queueId);
  if (e.queueId === 0 ? !sh.halted : !inFree)
    flag(
      'R40',
      `shared memory of queue ${e.queueId} freed outside ${e.queueId === 0 ? 'MiniportHaltEx' : 'FREE_QUEUE processing'}`,
      { queueId: e.queueId },
    );
  if ((sh.outstanding[e.queueId] ?? 0) > 0)
    flag('R24', `shared memory of queue ${e.queueId} freed while ${sh.outstanding[e.queueId]} NBL(s) are outstanding`, {
      queueId: e.queueId,
    });
  if (e.queueId !== 0 && !sh.dmaStopped[e.queueId])
    flag('R22', `shared memory of queue ${e.queueId} freed before the DmaStopped indication`, {
      queueId: e.queueId,
    });
}

function adapterStateChanged(e: EventOf<'adapter-state-changed'>, { sh, flag }: Watch): void {
  if (e.to === 'Halted') {
    sh.halted = true;
    const left = Object.entries(sh.state)
      .filter(([id, st]) => id !== '0' && st !== 'Undefined')
      .map(([id]) => id);
    if (left.length > 0) flag('R42', `MiniportHaltEx entered with queue(s) ${left.join(', ')} still allocated`);
  }
}

/** One watcher per event kind the rules speak of; the other kinds change nothing the checker keeps. */
const WATCHERS: { [K in TraceEventKind]?: (e: EventOf<K>, watch: Watch) => void } = {
  'queue-state-changed': queueStateChanged,
  'filter-set': filterSet,
  'filter-cleared': filterCleared,
  'oid-requested': oidRequested,
  'status-indicated': statusIndicated,
  'oid-completed': oidCompleted,
  'nbls-indicated': nblsIndicated,
  'nbls-returned': nblsReturned,
  'memory-allocated': memoryAllocated,
  'memory-freed': memoryFreed,
  'adapter-state-changed': adapterStateChanged,
};

/** What observe returns for an event that breaks nothing: shared, so the common case allocates nothing. */
const NONE: readonly Violation[] = Object.freeze([]);

export class Checker {
  /** One Watch for every event: observe points it at the engine state and collects what the watcher flags. */
  readonly #watch: Watch & { found: readonly Violation[] };

  /** @param limits R33's bounds: NumQueues and MaxMacHeaderFilters of the current capabilities. */
  constructor(limits: { queues: number; filters: number }) {
    const watch: Watch & { found: readonly Violation[] } = {
      sh: {
        state: { 0: 'Running' },
        outstanding: {},
        blocks: {},
        freeing: {},
        dmaStopped: {},
        liveFilters: {},
        lastFrameId: {},
        halted: false,
      },
      limits,
      s: undefined as unknown as EngineState,
      found: NONE,
      flag(rule, message, extra = {}) {
        watch.found = [...watch.found, { rule, severity: 'error', message, ...extra }];
      },
    };
    this.#watch = watch;
  }

  save(): unknown {
    return structuredClone(this.#watch.sh);
  }

  load(saved: unknown): void {
    this.#watch.sh = structuredClone(saved as Shadow);
  }

  observe(e: TraceEvent, s: EngineState): readonly Violation[] {
    const watcher = WATCHERS[e.kind] as ((e: TraceEvent, watch: Watch) => void) | undefined;
    if (watcher === undefined) return NONE;
    const watch = this.#watch;
    watch.s = s;
    watch.found = NONE;
    watcher(e, watch);
    return watch.found;
  }
}
