/**
 * The engine's complete mutable state as plain data. Everything here is structured-cloneable, which
 * is what makes snapshot/restore exact; lookup tables derived from it (the MAC table) live outside.
 */
import type { TimerHeap } from './core/scheduler.ts';
import type { NdisStatusName, OidName } from './ndis/constants.ts';
import type {
  AdapterView,
  AdapterState,
  DetailedQueueState,
  DurationNs,
  DropReason,
  FilterId,
  FilterSpec,
  MemoryBlockView,
  OidRequest,
  OidResult,
  QueueCounters,
  QueueId,
  ReceiveQueueParameters,
  TimeNs,
} from './types.ts';

export type QueueParams = ReceiveQueueParameters;

export interface QueueState {
  id: QueueId;
  /** Bumped at every allocation so late timers of a freed queue's previous life are ignored. */
  generation: number;
  state: DetailedQueueState;
  /** The binding that allocated it; null for the default queue, which nobody owns. */
  owner: string | null;
  params: QueueParams;
  /** Effective processor: lowest set bit of ProcessorAffinity.Mask (§9). */
  cpu: number;
  allocationComplete: boolean;
  filterIds: FilterId[];
  /** Lookahead split active for this queue (6.20 + LOOKAHEAD_SPLIT_REQUIRED + LookaheadSize > 0). */
  split: boolean;
  /** Receive-buffer ring: frames take slots in order and NBLs come back in order, so three
   *  sequence numbers describe it completely (slot = seq % capacity). */
  capacity: number;
  dmaSeq: number;
  indicatedSeq: number;
  returnedSeq: number;
  /** Frame ids waiting for the DPC, in arrival order (only kept while per-frame tracing is on). */
  pendingFrameIds: number[];
  /** Frame ids of the NBLs indicated and not yet returned, oldest first (only kept while per-frame tracing is on). */
  heldFrameIds: number[];
  blockIds: number[];
  counters: QueueCounters;
  /** Queued on its CPU's DPC list. */
  dpcQueued: boolean;
  /** The FREE_QUEUE request waiting for NBLs to come back, if any. */
  freeRequestId: number | null;
}

export interface FilterState {
  id: FilterId;
  queueId: QueueId;
  owner: string;
  spec: FilterSpec;
  vlanAgnostic: boolean;
  /** The NDIS_RECEIVE_FILTER_PARAMETERS as set, for OID_RECEIVE_FILTER_PARAMETERS answers. */
  parameters: Record<string, unknown>;
}

/** A shared-memory allocation; the view hands out copies of exactly these records. */
export type MemoryBlock = MemoryBlockView;

export interface FlowState {
  name: string;
  template: Uint8Array;
  remaining: number;
  sent: number;
  intervalNs: DurationNs;
  poisson: boolean;
  nextNs: TimeNs;
}

export interface PendingRequest {
  request: Required<Pick<OidRequest, 'oid' | 'requestType' | 'binding'>> & OidRequest;
  /** Its `issuedBy` tells NDIS's own requests (cleanup at halt or after an unclean close) from a binding's. */
  result: OidResult;
  /** What NDIS prepared when it handed the request to the miniport (assigned QueueId / FilterId). */
  prepared: Record<string, unknown>;
  /** The caller was already answered NDIS_STATUS_PENDING, so completion comes later. */
  announced: boolean;
  /** The size of the request's structure: what it reads (Set, Method) or writes (Query, Method) when it succeeds. */
  structureBytes: number;
}

export type TimerAction =
  | { kind: 'dpc'; cpu: number }
  | { kind: 'return'; queueId: QueueId; generation: number; count: number }
  | { kind: 'complete-oid'; requestId: number }
  | { kind: 'reset-done' };

export interface CpuState {
  dpcScheduled: boolean;
  queueIds: QueueId[];
}

export interface EngineState {
  nowNs: TimeNs;
  eventSeq: number;
  rng: number;
  adapterState: AdapterState;
  nextRequestId: number;
  nextFrameId: number;
  nextIndicationId: number;
  nextBlockId: number;
  /** Indexed by QueueId; index 0 is the default queue. */
  queues: (QueueState | undefined)[];
  /** Indexed by FilterId (1..MaxMacHeaderFilters). */
  filters: (FilterState | undefined)[];
  memory: MemoryBlock[];
  /** Next free address per address space (management OS and one per guest). */
  /** Keyed by user-chosen names (VM names), so a Map: "__proto__" or "constructor" is just another name. */
  spaceCursor: Map<string, number>;
  /** Bindings closed with NdisCloseAdapterEx; a Set for the same reason. */
  closedBindings: Set<string>;
  /** Requests not yet complete, by requestId: the one in the miniport and those NDIS holds back. */
  pending: Record<number, PendingRequest>;
  /** NDIS serializes OID requests to a miniport: the one it is processing, or null. */
  miniportBusy: number | null;
  /** Requests NDIS holds until the miniport is free, oldest first. */
  oidQueue: number[];
  results: Record<number, OidResult>;
  timers: TimerHeap<TimerAction>;
  flows: FlowState[];
  cpus: CpuState[];
  totals: { arrived: number; indicated: number; returned: number; dropped: Partial<Record<DropReason, number>> };
  violations: AdapterView['violations'];
  traceFrames: boolean;
  faults: FaultState;
}

/** What injected faults (faults.ts) changed, as plain data so snapshot/restore carry it. */
export interface FaultState {
  /** refuse-oid: the status and how many more requests to refuse. */
  refused: Partial<Record<OidName, { status: NdisStatusName; remaining: number | 'always' }>>;
  /** pend-oid: overrides `options.pendingOids` per OID; null answers at once. */
  pended: Partial<Record<OidName, DurationNs | null>>;
  /** shared-memory-exhausted: allocations that still succeed, then the failure status. */
  sharedMemory: { remaining: number; status: 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE' } | null;
  /** surprise-removal happened. */
  removed: boolean;
  /** delay-dpc: one-shot extra latency for the next DPC of a queue (null: of any queue). */
  dpcDelays: { queueId: QueueId | null; delayNs: DurationNs }[];
  /** withhold-nbls: with `every` false, `queues` are withheld; with `every` true, `queues` are the exceptions. */
  withheld: { every: boolean; queues: QueueId[] };
  /** live-migration: queues whose FREE_QUEUE waits for CLEAR_FILTER requests (`clears`) still `waiting`. */
  migrations: { queueId: QueueId; binding: string; clears: number[]; waiting: number[] }[];
  /** return-latency: overrides `options.returnLatencyNs` once set. */
  returnLatencyNs?: DurationNs | null;
}
