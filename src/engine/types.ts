/**
 * The engine's public contract: configuration, OID requests and results, trace events and views.
 * The worker, the CLI, the scenario runner and the tests all speak these types.
 */
import type {
  NdisStatusName,
  OidName,
  OperationalStateName,
  RequestTypeName,
  SharedMemoryUsageName,
  StatusIndicationName,
} from './ndis/constants.ts';
import type { Fault } from './faults.ts';

/**
 * An instant of virtual time: integer nanoseconds on the engine's clock, from 0 at creation. Branded so
 * that a duration, a count or a wall-clock time is not taken for one.
 */
export type TimeNs = number & { readonly __brand: 'TimeNs' };
/** A span of virtual time in integer nanoseconds (a latency, an interval, how far to advance). */
export type DurationNs = number;

/** The instant a number of nanoseconds stands for, where one enters the engine (a scenario, a protocol message). */
export const asTimeNs = (ns: number): TimeNs => ns as TimeNs;
/** The instant `durationNs` after `t`. */
export const timeAfter = (t: TimeNs, durationNs: DurationNs): TimeNs => (t + durationNs) as TimeNs;
export const earliestOf = (...ts: TimeNs[]): TimeNs => Math.min(...ts) as TimeNs;
export const latestOf = (...ts: TimeNs[]): TimeNs => Math.max(...ts) as TimeNs;

/**
 * A receive queue's QueueId (§1.2): 0 is the default queue, NDIS assigns the others (R4). Branded so
 * that a FilterId, a CPU or a count cannot be passed where a QueueId is meant.
 */
export type QueueId = number & { readonly __brand: 'QueueId' };
/** A filter's FilterId (§6.1): 1..MaxMacHeaderFilters, assigned by NDIS (R10); 0 means "no filter". */
export type FilterId = number & { readonly __brand: 'FilterId' };

/** The QueueId a number stands for, where one enters the engine (a buffer, a scenario, a protocol message). */
export const asQueueId = (n: number): QueueId => n as QueueId;
export const asFilterId = (n: number): FilterId => n as FilterId;

export type ProfileName = 'ws2008r2' | 'ws2012' | 'legacy-ndis61';

/** §5.1 — the seven driver-internal queue states (StopDma = "Stop DMA"). */
export type DetailedQueueState = 'Undefined' | 'Allocated' | 'Set' | 'Running' | 'Paused' | 'StopDma' | 'Freeing';

/** The whole numbers 0 to N, counted by growing a tuple (tail-recursive, so TypeScript goes that deep). */
type UpTo<N extends number, Counted extends unknown[] = [], Seen = never> = Counted['length'] extends N
  ? Seen | N
  : UpTo<N, [...Counted, unknown], Seen | Counted['length']>;
/** A rule of §12, "R1" to "R47", as tests, checker findings and the conformance panel cite it. */
export type RuleId = `R${Exclude<UpTo<47>, 0>}`;

/** Which side of the NDIS/miniport boundary decided a request's outcome. */
export type Layer = 'NDIS' | 'miniport';

/** Halting: NDIS is freeing every queue before it calls MiniportHaltEx. */
export type AdapterState = 'Running' | 'Paused' | 'Resetting' | 'Halting' | 'Halted';

/** Why a frame ended without being indicated. */
export type DropReason =
  | 'no-free-buffer' // the queue's receive buffers are all DMA'd-into or held by the overlying driver
  | 'filters-cleared' // flushed: the queue's last filter was cleared before its DPC ran (§6.4); FREE_QUEUE
  //   needs a filterless queue, so its DMA stop (§3.9) never finds a frame left to discard
  | 'packet-filter' // matched no queue filter and the adapter packet filter rejects it
  | 'malformed-frame' // shorter than an Ethernet header
  | 'adapter-paused'
  | 'adapter-resetting'
  | 'adapter-halted'
  | 'adapter-removed'; // the NIC was surprise-removed: nothing arrives or is DMA'd any more

export const DROP_REASONS: readonly DropReason[] = [
  'no-free-buffer',
  'filters-cleared',
  'packet-filter',
  'malformed-frame',
  'adapter-paused',
  'adapter-resetting',
  'adapter-halted',
  'adapter-removed',
];

/** The capability structure, as NDIS_RECEIVE_FILTER_CAPABILITIES fields (§4.7). */
export interface ReceiveFilterCapabilities {
  EnabledFilterTypes: number;
  EnabledQueueTypes: number;
  NumQueues: number;
  SupportedQueueProperties: number;
  SupportedFilterTests: number;
  SupportedHeaders: number;
  SupportedMacHeaderFields: number;
  MaxMacHeaderFilters: number;
  MaxQueueGroups: number;
  MaxQueuesPerQueueGroup: number;
  MinLookaheadSplitSize: number;
  MaxLookaheadSplitSize: number;
}

/** Behaviour choices where the reference is UNVERIFIED or leaves room (see docs/decisions.md). */
export interface MiniportOptions {
  /** OIDs the miniport answers with NDIS_STATUS_PENDING, and after how many ns it completes them. */
  pendingOids: Partial<Record<OidName, DurationNs>>;
  /** Interrupt → DPC latency. */
  dpcLatencyNs: DurationNs;
  /** Most NBLs one DPC indicates per queue (like a NIC's receive budget); the rest wait for the next DPC. */
  maxNblsPerDpc: number;
  /** How long the overlying driver holds indicated NBLs; null = only explicit `return-nbls` steps return them. */
  returnLatencyNs: DurationNs | null;
  /** Receive buffers of the default queue, allocated at initialization. */
  defaultQueueBuffers: number;
  /** Bytes of one receive buffer (a full frame fits). */
  receiveBufferBytes: number;
  /** R1: status for a request type the OID does not allow. */
  invalidRequestTypeStatus: 'NDIS_STATUS_NOT_SUPPORTED' | 'NDIS_STATUS_INVALID_OID';
  /** §3.4 UNVERIFIED: status when every one of NumQueues is in use. */
  queuesExhaustedStatus: 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE';
  /** §6.1 UNVERIFIED: status when every one of MaxMacHeaderFilters is in use. */
  filtersExhaustedStatus: 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE';
  /** R21 UNVERIFIED: status for FREE_QUEUE while filters are still set. */
  freeWithFiltersStatus: 'NDIS_STATUS_INVALID_PARAMETER' | 'NDIS_STATUS_INVALID_STATE';
  /** §6.3 rule 3: what a 6.30+ miniport does with a MAC-only filter without the UNTAGGED_OR_ZERO flag. */
  macOnlyFilter: 'accept-strip-tag' | 'reject';
  /** Adapter packet filter applied to frames that fall to the default queue (the vSwitch runs promiscuous). */
  packetFilter: 'promiscuous' | 'directed-broadcast-multicast';
  /** Emit per-frame events (arrived, classified, DMA written, dropped). Counters stay exact either way. */
  traceFrames: boolean;
}

export interface AdapterConfig {
  profile: ProfileName;
  /** Processors in group 0 (ProcessorAffinity masks are checked against it). */
  cpus: number;
  /** *VMQ keyword. */
  vmqEnabled: boolean;
  /** *VMQVlanFiltering keyword. */
  vlanFiltering: boolean;
  /** *VMQLookaheadSplit keyword (6.20 only). */
  lookaheadSplit: boolean;
  /** The adapter's own permanent MAC, as "00-15-5D-00-00-FF". */
  macAddress: string;
  /** Overrides merged into the profile's hardware capabilities. */
  capabilities: Partial<ReceiveFilterCapabilities>;
  options: MiniportOptions;
}

export interface VmConfig {
  /** Guest name; also the name of its address space. */
  name: string;
  /** MAC of its VM network adapter (for traffic and colouring). */
  mac: string;
  /** VLAN of its switch port, if any. */
  vlan?: number;
}

export interface EngineConfig {
  seed: number;
  adapter: AdapterConfig;
  vms: VmConfig[];
}

/** One NDIS_OID_REQUEST. `buffer` is the information buffer as JSON with NDIS field names. */
export interface OidRequest {
  oid: OidName;
  /** Defaults to the OID's natural request type (method/set/query). */
  requestType?: RequestTypeName;
  /** The open (protocol/filter binding) that issues it; default "vmswitch". */
  binding?: string;
  buffer?: Record<string, unknown>;
  /** InformationBufferLength / InputBufferLength; defaults to the size the buffer's Header declares. */
  bufferLength?: number;
}

export interface OidResult {
  requestId: number;
  oid: OidName;
  requestType: RequestTypeName;
  /** The open the request is for: for NDIS's own requests, the binding whose queue or filter NDIS cleans up. */
  binding: string;
  /** 'NDIS' when NDIS issued the request itself (its cleanup at halt or after an unclean close); absent when a binding did. */
  issuedBy?: 'NDIS';
  status: NdisStatusName;
  /** Who decided: NDIS (validation, caches) or the miniport. */
  layer: Layer;
  bytesNeeded: number;
  bytesReadOrWritten: number;
  /** The information buffer after the request (method/query outputs). */
  output?: Record<string, unknown>;
  /** One human sentence on why this status. */
  message: string;
  issuedAtNs: TimeNs;
  /** Set once the request has completed (immediately, or later after NDIS_STATUS_PENDING). */
  completedAtNs?: TimeNs;
}

export interface FilterSpec {
  /** Destination MAC as 48-bit integer. */
  mac: number;
  /** VLAN ID tested for equality, or null for no VLAN test. */
  vlanId: number | null;
  /** NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO on the MAC test. */
  untaggedOrZero: boolean;
}

export interface SharedMemorySegment {
  blockId: number;
  usage: SharedMemoryUsageName;
  offset: number;
  length: number;
}

/**
 * One reason in the explanation of where a frame went (explainMatch): per filter, whether it steers the frame to
 * its queue and, if not, why not; per queue, that it has no filter or how the default queue's fallback applied.
 */
export type MatchReason =
  /** The filter matches and its queue takes the frame. */
  | { kind: 'matches'; filterId: FilterId }
  /** The filter wants another destination MAC (`mac`, 48-bit). */
  | { kind: 'wrong-mac'; filterId: FilterId; mac: number }
  /** The filter tests for VLAN `vlanId` and the frame is not on it. */
  | { kind: 'wrong-vlan'; filterId: FilterId; vlanId: number }
  /** The filter takes only untagged or VLAN-0 frames (…VLAN_UNTAGGED_OR_ZERO), and the frame is on another VLAN. */
  | { kind: 'untagged-or-zero-only'; filterId: FilterId }
  /** The filter matches, but its queue is not Running, so the filter is not in the hardware table. */
  | { kind: 'not-in-hardware-table'; filterId: FilterId; queueState: DetailedQueueState }
  /** The filter matches too, but an earlier queue in the match order took the frame. */
  | { kind: 'taken-earlier'; filterId: FilterId }
  /** A VM queue without any filter. */
  | { kind: 'no-filter' }
  /** No filter in the hardware table matched: the default queue takes the frame. */
  | { kind: 'default-fallback' }
  /** A filter matched, so the default queue, which takes only unmatched frames, does not. */
  | { kind: 'only-unmatched' };

/** One live queue's part in a frame's classification, in match order. Exactly one queue of a frame `takes` it. */
export interface QueueMatch {
  queueId: QueueId;
  /** The queue's VmName ('' for the default queue). */
  vmName: string;
  takes: boolean;
  /** The filter that steers the frame here; absent for the default queue's fallback. */
  filterId?: FilterId;
  reasons: MatchReason[];
}

/** Trace events: what the engine did, in past tense, each stamped with its virtual time and order. */
export type TraceEvent = { t: TimeNs; seq: number } & TraceEventBody;

export type TraceEventBody =
  | {
      kind: 'oid-requested';
      requestId: number;
      oid: OidName;
      requestType: RequestTypeName;
      binding: string;
      /** As OidResult.issuedBy: 'NDIS' for NDIS's own cleanup requests, absent for a binding's. */
      issuedBy?: 'NDIS';
      buffer?: Record<string, unknown>;
      bufferLength: number;
    }
  | { kind: 'oid-pended'; requestId: number; oid: OidName; layer: Layer }
  | { kind: 'oid-completed'; result: OidResult; pended: boolean }
  | {
      kind: 'status-indicated';
      code: StatusIndicationName;
      queueId: QueueId;
      queueState?: OperationalStateName;
      payload: Record<string, unknown>;
      causeRequestId?: number;
    }
  | {
      kind: 'queue-state-changed';
      queueId: QueueId;
      from: DetailedQueueState;
      to: DetailedQueueState;
      reportedFrom: OperationalStateName;
      reported: OperationalStateName;
      causeRequestId?: number;
    }
  | { kind: 'queue-parameters-changed'; queueId: QueueId; changed: string[]; cpu: number; causeRequestId: number }
  | {
      kind: 'filter-set';
      filterId: FilterId;
      queueId: QueueId;
      binding: string;
      filter: FilterSpec;
      /** 6.30 VLAN-agnostic MAC filter: matches any VLAN, the tag goes to Ieee8021QNetBufferListInfo. */
      vlanAgnostic: boolean;
      causeRequestId: number;
    }
  | { kind: 'filter-cleared'; filterId: FilterId; queueId: QueueId; causeRequestId?: number }
  | ({ kind: 'memory-allocated' } & MemoryBlockView)
  | { kind: 'memory-freed'; blockId: number; queueId: QueueId; space: string }
  /** `headerHex`: the first bytes of the frame (up to 64) as hex, so views can link header fields to bytes. */
  | {
      kind: 'frame-arrived';
      frameId: number;
      length: number;
      dst: string;
      vlanId: number | null;
      headerHex: string;
      flow?: string;
    }
  | {
      kind: 'frame-classified';
      frameId: number;
      queueId: QueueId;
      filterId: FilterId;
      dst: string;
      vlanId: number | null;
      vlanStripped: boolean;
      /** Why this queue: the filter table as the NIC had it when the frame arrived (explainMatch). */
      match: QueueMatch[];
    }
  | { kind: 'dma-written'; frameId: number; queueId: QueueId; slot: number; segments: SharedMemorySegment[] }
  /** `match`: for a packet-filter drop, the classification that found no filter (explainMatch). */
  | { kind: 'frame-dropped'; frameId: number; queueId: QueueId | null; reason: DropReason; match?: QueueMatch[] }
  /** `frameIds`: the frames flushed, oldest first, as far as per-frame tracing saw them DMA'd. */
  | { kind: 'frames-dropped'; queueId: QueueId | null; reason: DropReason; count: number; frameIds?: number[] }
  | { kind: 'dpc-ran'; cpu: number; queueIds: QueueId[] }
  | {
      kind: 'nbls-indicated';
      indicationId: number;
      cpu: number;
      receiveFlags: number;
      /** `frameIds`: the frames whose NBLs this part carries, oldest first, as far as per-frame tracing saw them. */
      parts: {
        queueId: QueueId;
        count: number;
        firstFrameId: number | null;
        frameIds?: number[];
        /** What every NBL of the part carries in NetBufferListFilteringInfo (its out-of-band data, §8.1). */
        filteringInfo: { QueueId: QueueId; FilterId: FilterId };
      }[];
    }
  /** `frameIds`: the frames whose NBLs came back, oldest first, as far as per-frame tracing saw them indicated. */
  | { kind: 'nbls-returned'; queueId: QueueId; count: number; returnFlags: number; frameIds?: number[] }
  | { kind: 'adapter-state-changed'; from: AdapterState; to: AdapterState }
  | { kind: 'binding-closed'; binding: string }
  /** A fault was injected (faults.ts); `effect` says, in words, what it changes from now on. */
  | { kind: 'fault-injected'; fault: Fault; effect: string }
  | {
      kind: 'flow-started';
      flow: string;
      dst: string;
      vlanId: number | null;
      frameBytes: number;
      count: number;
      intervalNs: DurationNs;
    }
  | { kind: 'flow-ended'; flow: string; sent: number }
  | {
      kind: 'rule-violated';
      rule: RuleId;
      severity: 'error' | 'warning';
      message: string;
      queueId?: QueueId;
      requestId?: number;
    }
  | { kind: 'note'; text: string };

export type TraceEventKind = TraceEventBody['kind'];

/** Per-queue counters; every frame that reaches a queue ends in exactly one of these buckets. */
export interface QueueCounters {
  classified: number;
  indicated: number;
  returned: number;
  dropped: Partial<Record<DropReason, number>>;
}

/** The members of NDIS_RECEIVE_QUEUE_PARAMETERS a queue keeps (§4.1), under their NDIS names. */
export interface ReceiveQueueParameters {
  Flags: number;
  QueueType: number;
  ProcessorAffinity: { Mask: number; Group: number };
  NumSuggestedReceiveBuffers: number;
  MSIXTableEntry: number;
  LookaheadSize: number;
  VmName: string;
  QueueName: string;
  PortId: number;
  InterruptCoalescingDomainId: number;
  QosSqId: number;
}

/**
 * What one receive buffer of a queue's ring holds: nothing, a frame DMA'd and waiting for the DPC, or an NBL
 * indicated and still held by the overlying driver.
 */
export type RingSlotState = 'free' | 'dma-written' | 'indicated';

/** A queue's receive-buffer ring, exact whether or not per-frame events are traced. */
export interface RingView {
  /** The slot the NIC writes the next frame into. */
  head: number;
  /** Every slot's state, by slot number. */
  slots: RingSlotState[];
}

/** A read-only picture of one queue, for views and expectations. */
export interface QueueView extends Omit<ReceiveQueueParameters, 'QueueType' | 'QosSqId'> {
  QueueId: QueueId;
  state: DetailedQueueState;
  reported: OperationalStateName;
  owner: string | null;
  cpu: number;
  allocationComplete: boolean;
  filterIds: FilterId[];
  buffers: number;
  /** Frames DMA'd and waiting for the DPC. */
  pending: number;
  /** NBLs indicated and not yet returned. */
  outstandingNbls: number;
  ring: RingView;
  counters: QueueCounters;
}

export interface FilterView {
  FilterId: FilterId;
  QueueId: QueueId;
  owner: string;
  filter: FilterSpec;
  /** 6.30 VLAN-agnostic MAC filter: matches any VLAN, the tag goes to Ieee8021QNetBufferListInfo. */
  vlanAgnostic: boolean;
  /** Whether the NIC's hardware table holds it: its queue is the default queue or Running. */
  inHardwareTable: boolean;
}

export interface MemoryBlockView {
  blockId: number;
  queueId: QueueId;
  usage: SharedMemoryUsageName;
  space: string;
  address: number;
  length: number;
  buffers: number;
  bufferStride: number;
  backfill: number;
  /** Why the block lives in this address space (the security reason, §7.5), as the miniport traced it. */
  why: string;
}

/** What an adapter does now, from its CURRENT capabilities (all off with *VMQ = 0), named so no view infers it from the NDIS version. */
export interface AdapterCapabilities {
  /** VM queues are on: the current capabilities offer queues (*VMQ = 1 on an NDIS 6.20+ adapter). */
  vmq: boolean;
  /** The hardware can split frames at the lookahead size (LOOKAHEAD_SPLIT_SUPPORTED, NDIS 6.20 only). */
  lookaheadSplitSupported: boolean;
  /** …and the current capabilities offer it (*VMQLookaheadSplit). */
  lookaheadSplitEnabled: boolean;
  /** A queue's processor can change after allocation (DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED). */
  dynamicAffinity: boolean;
  /** Queues on one processor share an interrupt vector (INTERRUPT_VECTOR_COALESCING_SUPPORTED). */
  interruptVectorCoalescing: boolean;
  /** A MAC-only filter is accepted and matches any VLAN, stripping the tag (NDIS 6.30, decisions 13.14). */
  vlanAgnosticMacFilters: boolean;
  /** Every VM queue's receive buffers are in management-OS memory and the VSP copies into the guest (2012+). */
  receiveBuffersInHostMemory: boolean;
}

export interface AdapterView {
  nowNs: TimeNs;
  profile: ProfileName;
  /** For display ("6.30"); decide nothing from it: `capabilities` names what the adapter does. */
  ndisVersion: number;
  capabilities: AdapterCapabilities;
  state: AdapterState;
  queues: QueueView[];
  filters: FilterView[];
  memory: MemoryBlockView[];
  addressSpaces: string[];
  totals: {
    arrived: number;
    indicated: number;
    returned: number;
    dropped: Partial<Record<DropReason, number>>;
    inFlight: number;
  };
  /** Rules broken so far, with the queue and the request each finding is about (when it names one). */
  violations: { rule: RuleId; severity: 'error' | 'warning'; message: string; queueId?: QueueId; requestId?: number }[];
}
