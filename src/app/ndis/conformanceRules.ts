/**
 * The 47 rules of §12 of the reference (shared/spec/vmq-reference.md), verbatim, with the sections they come from
 * and how the playground keeps each one (docs/conformance.md). The conformance panel shows a rule-violated event
 * next to this text, so a reader sees the rule, not only the checker's one-line finding.
 * Generated once from those two documents; conformanceRules.test.ts checks it still agrees with docs/conformance.md.
 */

/** E = the emulator / NDIS side, M = the miniport, O = the overlying driver (§12). */
export type RuleSide = 'E' | 'M' | 'O' | 'E/M' | 'E/O';

export interface ConformanceRule {
  /** "R21". */
  id: string;
  side: RuleSide;
  /** The rule as §12 states it. */
  text: string;
  /** Where the reference explains it: ["3.9", "5.4"]. */
  sections: string[];
  /** How the playground keeps it (engine, checker, or not modelled), from docs/conformance.md. */
  kept: string;
}

/** Section number → title, for the sections rules cite. */
export const REFERENCE_SECTIONS: Readonly<Record<string, string>> = {
  '3': 'The OID family in detail',
  '3.4': 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE (0x00010223, method)',
  '3.5': 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE (0x0001022B, method)',
  '3.6': 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS (0x00010226, method = read, set = change)',
  '3.7': 'OID_RECEIVE_FILTER_SET_FILTER (0x00010227, method)',
  '3.8': 'OID_RECEIVE_FILTER_CLEAR_FILTER (0x00010228, set)',
  '3.9': 'OID_RECEIVE_FILTER_FREE_QUEUE (0x00010224, set)',
  '3.10': 'OID_RECEIVE_FILTER_ENUM_QUEUES (0x00010225, query)',
  '3.11': 'OID_RECEIVE_FILTER_ENUM_FILTERS (0x00010229, method)',
  '3.12': 'OID_RECEIVE_FILTER_PARAMETERS (0x0001022A, method)',
  '3.13': 'OID_RECEIVE_FILTER_MOVE_FILTER (0x00010230, set; NDIS 6.30+)',
  '4.5': 'NDIS_RECEIVE_FILTER_FIELD_PARAMETERS',
  '4.7': 'NDIS_RECEIVE_FILTER_CAPABILITIES',
  '4.16': 'NDIS_NET_BUFFER_LIST_FILTERING_INFO (ndis.h)',
  '4.18': 'NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES (ndis.h)',
  '4.19': 'Structure size summary',
  '5.1': 'Two views of the state',
  '5.2': 'State definitions',
  '5.4': 'Status indication NDIS_STATUS_RECEIVE_QUEUE_STATE (0x4002000D)',
  '5.5': 'Adapter-level lifecycle interactions',
  '6.1': 'Identity and ownership',
  '6.3': 'MAC + VLAN rules',
  '6.4': 'Clearing rules',
  '7.2': 'When the miniport allocates and frees',
  '7.3': 'Windows Server 2008 R2 / NDIS 6.20: lookahead split',
  '7.4': 'Windows Server 2012+ / NDIS 6.30+',
  '8.1': 'Receive indication[DDI]',
  '8.2': 'Return',
  '8.3': 'Transmit',
  '10.1': 'At MiniportInitializeEx',
  '11': 'Version history (relevant deltas)',
  '13': 'Known documentation inconsistencies (decide explicitly in the emulator)',
};

export const CONFORMANCE_RULES: readonly ConformanceRule[] = [
  {
    id: 'R1',
    side: 'E',
    text: '`OID_RECEIVE_FILTER_*` request type must match the header: ALLOCATE_QUEUE/SET_FILTER/ENUM_FILTERS/PARAMETERS/QUEUE_ALLOCATION_COMPLETE = method; FREE_QUEUE/CLEAR_FILTER/MOVE_FILTER = set; HW/CURRENT caps, GLOBAL_PARAMETERS, ENUM_QUEUES = query; QUEUE_PARAMETERS = method or set. `NdisRequestQueryStatistics` (user mode) is accepted wherever a query is allowed (ENUM_QUEUES relies on it, see R30). Anything else → `NDIS_STATUS_NOT_SUPPORTED` (or INVALID_OID; UNVERIFIED which).',
    sections: ['3', '13'],
    kept: 'engine: invalidRequestTypeStatus (NOT_SUPPORTED, or INVALID_OID)',
  },
  {
    id: 'R2',
    side: 'E',
    text: 'A too-short information buffer → `NDIS_STATUS_INVALID_LENGTH` (0xC0010014) with `BytesNeeded` = minimum size for that revision (e.g. 1084 x64 for queue params rev 1, 36 for filter params rev 1, 12 for free params, 16 for clear params); no state change.',
    sections: ['3', '4.19'],
    kept: 'engine: sizes from §4.19, per revision; no state change',
  },
  {
    id: 'R3',
    side: 'E',
    text: 'Miniport/adapter whose NDIS version < 6.20 → ALLOCATE_QUEUE, QUEUE_ALLOCATION_COMPLETE, SET_FILTER return `NDIS_STATUS_NOT_SUPPORTED`; capability queries on an adapter without receive filtering → `NDIS_STATUS_NOT_SUPPORTED`.',
    sections: ['3.4', '11'],
    kept: 'engine: the legacy-ndis61 profile',
  },
  {
    id: 'R4',
    side: 'E',
    text: 'ALLOCATE_QUEUE assigns a QueueId ≠ 0 that is not in use on that adapter; the caller-supplied QueueId is ignored/overwritten.',
    sections: ['3.4'],
    kept: 'engine (the lowest free id); checker: R4 if a live id is assigned again',
  },
  {
    id: 'R5',
    side: 'E/M',
    text: 'ALLOCATE_QUEUE with `QueueType ≠ NdisReceiveQueueTypeVMQueue`, or `ProcessorAffinity.Mask == 0` (forbidden by the DDI), or an affinity naming a nonexistent group/CPU → `NDIS_STATUS_INVALID_PARAMETER` (the code is the [SAMPLE]\'s choice and the documented generic "bad parameter" status).',
    sections: ['3.4'],
    kept: 'engine: INVALID_PARAMETER from NDIS (allocate) or the miniport (set)',
  },
  {
    id: 'R6',
    side: 'E',
    text: 'ALLOCATE_QUEUE with nonzero `LookaheadSize` but without `LOOKAHEAD_SPLIT_REQUIRED` is invalid per the DDI → reject (INVALID_PARAMETER suggested; exact code UNVERIFIED); on a 6.30+ adapter the stack must send LookaheadSize 0 and the miniport must ignore the split flag (checker: warn if not).',
    sections: ['3.4', '7.3'],
    kept: 'engine: INVALID_PARAMETER; on 6.30 the request is ignored and an R6 warning is recorded',
  },
  {
    id: 'R7',
    side: 'M',
    text: 'After a successful ALLOCATE_QUEUE the returned struct carries the MSIXTableEntry; the queue reports state Paused (enum) / Allocated (detailed); no indications for it yet.',
    sections: ['3.4', '5.1'],
    kept: 'engine',
  },
  {
    id: 'R8',
    side: 'M',
    text: 'No receive indication may carry a QueueId whose queue is not Running (the default queue 0 excepted). Indications on Allocated, Set, Paused, Stop DMA, Freeing or Undefined queues are violations.',
    sections: ['5.2', '8.1'],
    kept: "engine (only Running queues' filters are in the hardware table); checker: R8",
  },
  {
    id: 'R9',
    side: 'M',
    text: 'A queue with zero filters never produces indications; frames steered to it are dropped.',
    sections: ['6.4'],
    kept: 'engine (clearing the last filter flushes the queue); checker: R8',
  },
  {
    id: 'R10',
    side: 'E',
    text: 'SET_FILTER assigns a FilterId in 1..N unique across the whole adapter; FilterId 0 is never issued.',
    sections: ['3.7', '6.1'],
    kept: 'engine; checker: R10',
  },
  {
    id: 'R11',
    side: 'E',
    text: 'SET_FILTER on a nondefault queue by a driver other than its allocator → rejected (INVALID_PARAMETER suggested; UNVERIFIED code). Any bound driver may set filters on queue 0.',
    sections: ['3.7', '6.1'],
    kept: 'engine: INVALID_PARAMETER (code UNVERIFIED)',
  },
  {
    id: 'R12',
    side: 'E',
    text: 'SET_FILTER with `FilterType ≠ NdisReceiveFilterTypeVMQueue` (VMQ mode), `RequestedFilterIdBitCount ≠ 0`, FrameHeader ≠ Mac, test not advertised in SupportedFilterTests, or field not advertised in SupportedMacHeaderFields → INVALID_PARAMETER (codes UNVERIFIED; documented generic INVALID_PARAMETER).',
    sections: ['3.7', '4.5'],
    kept: 'engine: INVALID_PARAMETER against the *current* capabilities',
  },
  {
    id: 'R13',
    side: 'M',
    text: '6.20 adapter: SET_FILTER with a MAC test, no VLAN test and no UNTAGGED_OR_ZERO flag must fail (non-success status).',
    sections: ['6.3'],
    kept: 'engine (the 6.30 behaviour is the macOnlyFilter option)',
  },
  {
    id: 'R14',
    side: 'M',
    text: 'Filter with UNTAGGED_OR_ZERO: frames with matching MAC and VLAN ID ≠ 0 are never indicated on that queue; untagged and VID-0 frames are.',
    sections: ['6.3'],
    kept: 'engine: the classifier, pinned to a naive reference by a model test',
  },
  {
    id: 'R15',
    side: 'M',
    text: 'Filter with MAC+VLAN n (no flag): untagged or VID-0 frames with that MAC should not be indicated on that queue (the source says "should": report as a warning, not an error).',
    sections: ['6.3'],
    kept: 'engine (the classifier never steers them there)',
  },
  {
    id: 'R16',
    side: 'M',
    text: 'If an indication happened on a queue while its SET_FILTER was still pending, that SET_FILTER must complete with `NDIS_STATUS_SUCCESS`.',
    sections: ['3.7'],
    kept: 'engine, by construction: a pended SET_FILTER is programmed when it completes',
  },
  {
    id: 'R17',
    side: 'E',
    text: 'CLEAR_FILTER with an unknown FilterId (or 0) → `NDIS_STATUS_FILE_NOT_FOUND` (0xC001001B); by a driver other than the one that set it → rejected (code UNVERIFIED).',
    sections: ['3.8'],
    kept: 'engine',
  },
  {
    id: 'R18',
    side: 'M',
    text: 'After CLEAR_FILTER of the last filter completes, no further indications on that queue until a new SET_FILTER; the miniport must not send NDIS_STATUS_RECEIVE_QUEUE_STATE(DmaStopped) because of it.',
    sections: ['3.8', '6.4'],
    kept: 'engine; checker: R8 and R23',
  },
  {
    id: 'R19',
    side: 'E',
    text: 'FREE_QUEUE with QueueId = `NDIS_DEFAULT_RECEIVE_QUEUE_ID` → `NDIS_STATUS_INVALID_PARAMETER`; default queue stays.',
    sections: ['3.9'],
    kept: 'engine',
  },
  {
    id: 'R20',
    side: 'E',
    text: 'FREE_QUEUE with an unknown QueueId → `NDIS_STATUS_INVALID_PARAMETER`.',
    sections: ['3.9'],
    kept: 'engine',
  },
  {
    id: 'R21',
    side: 'E/O',
    text: 'FREE_QUEUE while the queue still has filters (state Set or Running) → violation; reject (INVALID_PARAMETER suggested, UNVERIFIED) and leave the queue unchanged.',
    sections: ['3.9'],
    kept: 'engine refuses (freeWithFiltersStatus); checker: R21 against the overlying driver',
  },
  {
    id: 'R22',
    side: 'M',
    text: 'On FREE_QUEUE the miniport emits exactly one `NDIS_STATUS_RECEIVE_QUEUE_STATE` (0x4002000D) for that queue with `QueueState = NdisReceiveQueueOperationalStateDmaStopped` (3), payload Header {0x80, 1, 16}, *before* the OID completes and before freeing shared memory.',
    sections: ['3.9', '5.4'],
    kept: 'engine (the §3.9 sequence); checker: R22',
  },
  {
    id: 'R23',
    side: 'M',
    text: 'DmaStopped indications are emitted only in response to FREE_QUEUE, never for any other reason, and never for queue 0.',
    sections: ['5.4'],
    kept: 'engine; checker: R23',
  },
  {
    id: 'R24',
    side: 'M',
    text: 'FREE_QUEUE completes only after every NBL indicated from that queue has been returned, and after every shared-memory allocation with that QueueId has been released with `NdisFreeSharedMemory`.',
    sections: ['3.9'],
    kept: 'engine (pends while NBLs are out); checker: R24',
  },
  {
    id: 'R25',
    side: 'M',
    text: 'FREE_QUEUE and CLEAR_FILTER final statuses ∈ {SUCCESS, NOT_ACCEPTED, REQUEST_ABORTED}; PENDING only as the immediate return; `NdisMOidRequestComplete(..., NDIS_STATUS_PENDING)` is a violation (Verifier 0xC4/0x00091001).',
    sections: ['3.8', '3.9'],
    kept: 'engine; checker: R25',
  },
  {
    id: 'R26',
    side: 'M',
    text: 'No indication on a queue after its FREE_QUEUE completed; a freed QueueId may be reassigned by a later ALLOCATE_QUEUE.',
    sections: ['3.9'],
    kept: 'engine; checker: R26',
  },
  {
    id: 'R27',
    side: 'E',
    text: 'QUEUE_ALLOCATION_COMPLETE: each array element gets its own CompletionStatus; an element naming a queue that is not in Allocated/Set (e.g. already complete, unknown, being freed) gets a failure status (INVALID_PARAMETER per [SAMPLE]); successful elements move Allocated→Paused, Set→Running.',
    sections: ['3.5'],
    kept: 'engine',
  },
  {
    id: 'R28',
    side: 'E',
    text: 'QUEUE_PARAMETERS set from a driver that did not allocate the queue → rejected (code UNVERIFIED); only members whose `…_CHANGED` bit is set are applied (the low 16 bits of Flags carry the new PER_QUEUE/LOOKAHEAD values when FLAGS_CHANGED is set); members without a change flag (QueueType, QueueId, VmName, LookaheadSize, PortId) never change after allocation; `(Flags & 0xFFFF0000) == 0` → success, no change.',
    sections: ['3.6'],
    kept: 'engine',
  },
  {
    id: 'R29',
    side: 'E',
    text: 'QUEUE_PARAMETERS (method/set), ENUM_FILTERS valid only in Allocated/Set/Running/Paused; OID_RECEIVE_FILTER_PARAMETERS valid only for an existing filter (else INVALID_PARAMETER); on a queue in Stop DMA/Freeing → reject (code UNVERIFIED).',
    sections: ['3.6', '3.11', '3.12'],
    kept: 'engine: INVALID_PARAMETER (code UNVERIFIED)',
  },
  {
    id: 'R30',
    side: 'E',
    text: "ENUM_QUEUES from a protocol lists only that protocol's queues; from user mode (QueryStatistics) lists all queues.",
    sections: ['3.10'],
    kept: 'engine',
  },
  {
    id: 'R31',
    side: 'E',
    text: 'Capability consistency for a VMQ-enabled adapter: `SupportedQueueProperties ⊇ {MSI_X_SUPPORTED, VM_QUEUE_SUPPORTED}`, `SupportedFilterTests ⊇ EQUAL`, `SupportedHeaders ⊇ MAC`, `SupportedMacHeaderFields ⊇ DEST_ADDR`, `EnabledFilterTypes ⊇ VMQ_FILTERS_ENABLED`, `EnabledQueueTypes ⊇ VM_QUEUES_ENABLED`, `NumQueues ≥ 1` (0 if SR-IOV), `MaxMacHeaderFilters ≥ NumQueues` (should); 6.30+: `⊇ DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED | INTERRUPT_VECTOR_COALESCING_SUPPORTED`, `LOOKAHEAD_SPLIT_SUPPORTED` clear, `Min/MaxLookaheadSplitSize == 0`, header revision 2 / size 84.',
    sections: ['4.7', '10.1'],
    kept: 'engine: the profiles (src/engine/profiles.ts), with tests per profile',
  },
  {
    id: 'R32',
    side: 'E',
    text: 'Current capabilities must be a subset of hardware capabilities; hardware and current pointers both NULL or both non-NULL.',
    sections: ['4.18'],
    kept: 'engine: a zeroed current structure when *VMQ = 0',
  },
  {
    id: 'R33',
    side: 'E',
    text: '(E, NDIS/allocator check) Number of allocated nondefault queues never exceeds `NumQueues`; number of filters never exceeds `MaxMacHeaderFilters`.',
    sections: ['3.4', '6.1'],
    kept: 'engine (queuesExhaustedStatus, filtersExhaustedStatus); checker: R33',
  },
  {
    id: 'R34',
    side: 'M',
    text: 'Every VMQ receive NBL has FilterId = 0 and QueueId = its queue in `NetBufferListFilteringInfo`; its NBs have `SharedMemoryInfo` set and the indication carries `NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID`.',
    sections: ['4.16', '8.1'],
    kept: 'engine; checker: R34',
  },
  {
    id: 'R35',
    side: 'M',
    text: "Queue allocated with `PER_QUEUE_RECEIVE_INDICATION`: every indication containing its NBLs contains only that queue's NBLs and sets `NDIS_RECEIVE_FLAGS_SINGLE_QUEUE`.",
    sections: ['8.1'],
    kept: 'engine; checker: R35',
  },
  {
    id: 'R36',
    side: 'O',
    text: '`NdisReturnNetBufferLists` with `NDIS_RETURN_FLAGS_SINGLE_QUEUE` must contain NBLs of a single queue only.',
    sections: ['8.2'],
    kept: 'engine, by construction (the emulated overlying driver returns per queue)',
  },
  {
    id: 'R37',
    side: 'M',
    text: 'Frames of one queue are indicated in arrival order.',
    sections: ['8.1'],
    kept: 'engine (a ring per queue); checker: R37 (with per-frame tracing on)',
  },
  {
    id: 'R38',
    side: 'M',
    text: "Lookahead split (6.20, flag set): every NB of the queue has 2 MDLs / 2 chained shared-memory descriptors, the first no shorter than LookaheadSize unless the frame is shorter, the post-lookahead buffer's backfill ≥ the length of the lookahead segment actually split off for that frame (the NIC may split later than LookaheadSize, never earlier), lookahead memory allocated with usage `NdisSharedMemoryUsageReceiveLookahead` (5) and post-lookahead with `…ReceivePostLookahead` (6).",
    sections: ['7.3'],
    kept: 'engine: two descriptors per frame, lookahead in …ReceiveLookahead host memory, post-lookahead in …ReceivePostLookahead with backfill = LookaheadSize',
  },
  {
    id: 'R39',
    side: 'M',
    text: 'Without split: 1 MDL / 1 descriptor per NB; memory usage `NdisSharedMemoryUsageReceive` (4); `NDIS_SHARED_MEMORY_PARAMETERS.VPortId == 0` and `QueueId` = owning queue.',
    sections: ['7.4'],
    kept: 'engine (VPortId is implicitly 0: SR-IOV is not modelled)',
  },
  {
    id: 'R40',
    side: 'M',
    text: '`NdisAllocateSharedMemory`/`NdisFreeSharedMemory` only at PASSIVE_LEVEL; nondefault-queue memory freed only inside FREE_QUEUE processing; default-queue memory freed only in MiniportHaltEx.',
    sections: ['7.2'],
    kept: 'engine; checker: R40. IRQL (PASSIVE_LEVEL) is not modelled',
  },
  {
    id: 'R41',
    side: 'O',
    text: 'Before `NdisCloseAdapterEx`: the binding has no remaining filters (any queue, including 0) and no allocated queues.',
    sections: ['5.5'],
    kept: "checker: R41, then NDIS cleans up in the driver's name",
  },
  {
    id: 'R42',
    side: 'E',
    text: 'Before `MiniportHaltEx` is called, NDIS has freed every nondefault queue (checker: no nondefault queue in a state other than Undefined at halt entry; the default queue is never Undefined).',
    sections: ['5.5'],
    kept: 'engine (halt frees through serialized OIDs first); checker: R42',
  },
  {
    id: 'R43',
    side: 'M',
    text: 'Send path: an NBL whose `NET_BUFFER_LIST_RECEIVE_QUEUE_ID` names a nonexistent queue is sent on queue 0, never failed for that reason.',
    sections: ['8.3'],
    kept: 'not modelled: the playground emulates the receive path only',
  },
  {
    id: 'R44',
    side: 'E',
    text: 'Extensions may fail only ALLOCATE_QUEUE and SET_FILTER; failing CLEAR_FILTER, FREE_QUEUE, QUEUE_ALLOCATION_COMPLETE (or MOVE_FILTER) is a violation.',
    sections: ['3'],
    kept: 'not modelled: no extensible-switch extensions',
  },
  {
    id: 'R45',
    side: 'E',
    text: '`OID_RECEIVE_FILTER_MOVE_FILTER` on a VMQ-only (non-SR-IOV) adapter → `NDIS_STATUS_NOT_SUPPORTED`; on SR-IOV, SourceQueueId and DestQueueId must both be 0.',
    sections: ['3.13'],
    kept: 'engine',
  },
  {
    id: 'R46',
    side: 'M',
    text: 'QueueId and FilterId placed in NBL OOB must fit in 16 bits (emulator: cap NumQueues and filter counts ≤ 65535).',
    sections: ['4.16'],
    kept: 'engine: NumQueues and MaxMacHeaderFilters are capped at 65535',
  },
  {
    id: 'R47',
    side: 'E',
    text: '`NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS` on a 6.30+ adapter may only carry `INTERRUPT_COALESCING_DOMAIN_ID_CHANGED`, payload rev 2.',
    sections: ['3.6'],
    kept: 'engine: emitted only on affinity moves, with only …INTERRUPT_COALESCING_DOMAIN_ID_CHANGED',
  },
];

const BY_ID = new Map(CONFORMANCE_RULES.map((rule) => [rule.id, rule]));

/** The rule a rule-violated event names ("R21"), or undefined for an id outside R1–R47. */
export const ruleById = (id: string): ConformanceRule | undefined => BY_ID.get(id);
