/**
 * The vocabulary a new reader meets on screen, each term in one to three plain sentences restated from
 * docs/ndis-reference.md, with the section that explains it and, where the reference viewer offers one, Microsoft's
 * page for it. `code` spans are NDIS identifiers, written exactly as the reference writes them (terms.test.ts checks
 * each one is there). The text loads only with the first tooltip or the glossary list (bench P4): on-screen code
 * imports the `TermId` type alone.
 */
import type { RefTarget } from '../reference/citations.ts';
import { LEARN_PAGES, type LearnPage } from '../reference/learnPages.ts';

export interface GlossaryTerm {
  /** How the glossary lists it. */
  name: string;
  /** Other names for it, on screen or in NDIS: the glossary shows them and its search finds them. */
  aka: readonly string[];
  /** One to three sentences. */
  definition: string;
  /** The section of the reference that explains it. */
  section: RefTarget;
  /** Microsoft's page for it: one the reference viewer offers for a section (reference/learnPages.ts). */
  learn?: LearnPage;
}

/** The page the viewer offers for `section`: the one named `name`, or its first. */
function learnPage(section: RefTarget, name?: string): LearnPage {
  const pages = LEARN_PAGES[section] ?? [];
  const found = name === undefined ? pages[0] : pages.find((page) => page.name === name);
  if (!found) throw new Error(`no Microsoft Learn page for §${section}${name === undefined ? '' : ` named ${name}`}`);
  return found;
}

export const TERMS = {
  vmq: {
    name: 'VMQ (Virtual Machine Queue)',
    aka: [],
    definition:
      'The NIC sorts incoming frames in hardware, by destination MAC address and optionally VLAN ID, into several receive queues; each nondefault queue normally serves one VM network adapter. Frames that match no filter land in the default queue, which the Hyper-V switch handles in software. VMQ was introduced in NDIS 6.20 (Windows 7 / Windows Server 2008 R2).',
    section: '1.1',
    learn: learnPage('1.1'),
  },
  'vm-queue': {
    name: 'VM queue',
    aka: ['receive queue', 'nondefault queue'],
    definition:
      'A hardware receive queue of the NIC, normally serving one VM network adapter. It has a QueueId, a processor affinity for its interrupts and DPCs, zero or more filters, and receive buffers in shared memory. A queue with no filter receives nothing.',
    section: '1.2',
    learn: learnPage('1.2'),
  },
  'default-queue': {
    name: 'Default queue',
    aka: ['queue 0', 'NDIS_DEFAULT_RECEIVE_QUEUE_ID'],
    definition:
      'QueueId 0 (`NDIS_DEFAULT_RECEIVE_QUEUE_ID`): it always exists, is never allocated or freed, and receives every frame that passes no other queue’s filters. Nobody owns it: any protocol bound to the adapter may set filters on it. `NumQueues` never counts it.',
    section: '1.3',
    learn: learnPage('1.2'),
  },
  'queue-id': {
    name: 'QueueId',
    aka: ['NDIS_RECEIVE_QUEUE_ID'],
    definition:
      'The queue’s number (`NDIS_RECEIVE_QUEUE_ID`), unique on the adapter. NDIS assigns it when `OID_RECEIVE_FILTER_ALLOCATE_QUEUE` succeeds, never the caller or the miniport; 0 is the default queue. Every received NBL carries it, in 16 bits.',
    section: '1.2',
    learn: learnPage('4.1'),
  },
  filter: {
    name: 'Filter (VMQ filter)',
    aka: ['receive filter', 'filters'],
    definition:
      'A list of header field tests that steers frames into a queue: a filter matches when all its tests pass, and a queue takes a frame when any of its filters matches. VMQ filters test only the MAC header (destination MAC address and, optionally, VLAN ID) for equality. A frame no filter matches goes to the default queue.',
    section: '1.5',
    learn: learnPage('6.2'),
  },
  'filter-id': {
    name: 'FilterId',
    aka: ['NDIS_DEFAULT_RECEIVE_FILTER_ID'],
    definition:
      'The filter’s number, assigned by NDIS when `OID_RECEIVE_FILTER_SET_FILTER` succeeds: unique across all queues of the adapter, from 1 to the number of filters the NIC supports. 0 (`NDIS_DEFAULT_RECEIVE_FILTER_ID`) is never a valid filter. `OID_RECEIVE_FILTER_CLEAR_FILTER` names the filter by it.',
    section: '6.1',
    learn: learnPage('4.4'),
  },
  'mac-filter': {
    name: 'MAC address filter',
    aka: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO', 'destination MAC'],
    definition:
      'A filter on the destination MAC address. With `NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO` and no VLAN test it takes only untagged or VLAN-0 frames to that MAC; the Hyper-V switch always sets this flag when it programs a MAC filter without a VLAN. An NDIS 6.20 miniport must fail a MAC-only filter that has neither the flag nor a VLAN test.',
    section: '6.3',
    learn: learnPage('6.3'),
  },
  'vlan-filter': {
    name: 'VLAN filter',
    aka: ['VLAN ID', '802.1Q tag'],
    definition:
      'A filter with a destination-MAC test and a VLAN ID test for VLAN n: it takes only frames to that MAC tagged with VLAN n, never untagged or VLAN-0 frames. The NIC must filter on the VLAN before it DMAs a frame, so that a VM cannot read frames of a VLAN its port does not belong to.',
    section: '6.3',
    learn: learnPage('6.3'),
  },
  oid: {
    name: 'OID',
    aka: ['OID_RECEIVE_FILTER_*'],
    definition:
      'A numbered request an overlying driver sends the adapter through NDIS, to query, set or run a method, with an information buffer. VMQ is driven by the `OID_RECEIVE_FILTER_*` family: NDIS answers some of them from its cache and passes the others to the miniport.',
    section: '3',
    learn: learnPage('3'),
  },
  'oid-request': {
    name: 'OID request',
    aka: ['NDIS_OID_REQUEST', 'RequestType', 'NdisRequestMethod'],
    definition:
      'One `NDIS_OID_REQUEST`: the OID, its request type (`NdisRequestQueryInformation`, `NdisRequestSetInformation` or `NdisRequestMethod`) and an information buffer; a method request uses one buffer for input and output. A buffer that is too short gets `NDIS_STATUS_INVALID_LENGTH`, with the size needed in `BytesNeeded`.',
    section: '2.1',
    learn: learnPage('3'),
  },
  pending: {
    name: 'NDIS_STATUS_PENDING',
    aka: ['PENDING', 'pended', 'completes later'],
    definition:
      'The status of a request that will complete later: the caller learns its final status through its OID-completion handler. A miniport completes a pended request with `NdisMOidRequestComplete`, and must never pass PENDING as the final status there.',
    section: '3',
    learn: learnPage('3'),
  },
  ndis: {
    name: 'NDIS',
    aka: ['NDIS library', 'NDIS version'],
    definition:
      'The NDIS library, sitting between the overlying drivers and the miniport: it validates requests, assigns queue and filter IDs, caches state and answers several OIDs itself. VMQ arrived in NDIS 6.20, and NDIS 6.30 (Windows Server 2012) changed it: no more lookahead split, and queues may move between CPUs.',
    section: '0',
  },
  miniport: {
    name: 'Miniport',
    aka: ['miniport driver', 'NIC driver', 'network adapter'],
    definition:
      'The driver of the physical NIC. For VMQ it programs the hardware queues and filters, allocates the queues’ receive buffers in shared memory, and indicates received frames, usually from each queue’s DPC.',
    section: '0',
  },
  'overlying-driver': {
    name: 'Overlying driver',
    aka: ['protocol driver', 'filter driver'],
    definition:
      'A protocol or filter driver above the miniport; for VMQ, in practice the Hyper-V extensible switch (the network VSP) in the management OS. It allocates and frees queues, sets and clears filters, and returns the NBLs indicated to it.',
    section: '0',
  },
  binding: {
    name: 'Binding',
    aka: ['open', 'NdisCloseAdapterEx'],
    definition:
      'One overlying driver’s open of the adapter, which issues its OID requests. Ownership is per binding: only a queue’s allocator may set filters on it (anyone may on the default queue), and only the setter may clear a filter. Before `NdisCloseAdapterEx` a binding must clear its filters and free its queues.',
    section: '6.1',
  },
  nbl: {
    name: 'NBL (NET_BUFFER_LIST)',
    aka: ['NET_BUFFER_LIST', 'NBLs', 'NetBufferListFilteringInfo'],
    definition:
      'The structure that carries a received frame up the stack. A VMQ receive NBL names its queue in `NetBufferListFilteringInfo` (the QueueId, with FilterId 0), and its data lies in the queue’s shared memory. The overlying driver holds it until it returns it.',
    section: '8.1',
    learn: learnPage('8.1', 'VMQ Receive Path'),
  },
  'receive-indication': {
    name: 'Receive indication',
    aka: ['NdisMIndicateReceiveNetBufferLists', 'indicated', 'indication'],
    definition:
      'The miniport hands received NBLs up with `NdisMIndicateReceiveNetBufferLists`, usually from the queue’s DPC on its CPU. Only a Running queue (or the default queue) may be indicated on. A queue allocated with `NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION` gets indications of its own NBLs only, flagged `NDIS_RECEIVE_FLAGS_SINGLE_QUEUE`.',
    section: '8.1',
    learn: learnPage('8.1', 'NdisMIndicateReceiveNetBufferLists'),
  },
  return: {
    name: 'Return (NdisReturnNetBufferLists)',
    aka: ['returned', 'NdisReturnNetBufferLists', 'held'],
    definition:
      'The overlying driver gives indicated NBLs back with `NdisReturnNetBufferLists`: any subset of an indication, possibly together with NBLs of other indications. Until then it holds them, and a queue being freed waits until every NBL it indicated has come back.',
    section: '8.2',
    learn: learnPage('8.1', 'VMQ Receive Path'),
  },
  dpc: {
    name: 'DPC',
    aka: ['pending DPC', 'waiting for the DPC'],
    definition:
      'Each queue’s DPC runs on the CPU its processor affinity names, and the miniport usually indicates the queue’s frames from it. On screen, frames “waiting for the DPC” are already DMA’d into the queue’s buffers but not yet indicated.',
    section: '9',
    learn: learnPage('9'),
  },
  'processor-affinity': {
    name: 'ProcessorAffinity (CPU affinity)',
    aka: ['CPU', 'GROUP_AFFINITY', 'DPC on'],
    definition:
      'The processors for a queue’s interrupts and DPCs: a `GROUP_AFFINITY` (a group and a CPU bitmap) with at least one bit set. A VM queue is serviced on one CPU, the lowest-numbered set bit; queues on different CPUs receive concurrently.',
    section: '9',
    learn: learnPage('4.1'),
  },
  'msi-x': {
    name: 'MSI-X',
    aka: ['MSIXTableEntry', 'NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED', 'interrupt'],
    definition:
      'The interrupts VMQ requires (`NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED`): each queue gets an MSI-X table entry of its own, which the miniport reports in `MSIXTableEntry` when the queue is allocated. The miniport allocates about one vector per processor it may use.',
    section: '9',
    learn: learnPage('9'),
  },
  vsp: {
    name: 'VSP / Hyper-V extensible switch',
    aka: ['vmswitch', 'NetVSP', 'Hyper-V switch', 'extensible switch'],
    definition:
      'The Hyper-V extensible switch (the binding named vmswitch here) provides the network VSP (NetVSP) in the management OS: it is the overlying driver that allocates VM queues and sets their filters, and it passes each VM’s frames over a VMBus channel to NetVSC in the guest. From Windows Server 2012 the VSP copies every received frame into the VM.',
    section: '1.6',
    learn: learnPage('1.6'),
  },
  'management-os': {
    name: 'Management OS',
    aka: ['parent partition', 'host', 'host memory'],
    definition:
      'The parent partition, where the Hyper-V extensible switch and the network VSP run. Its address space is host memory: what host filter drivers and the switch inspect must live there, out of any VM’s reach.',
    section: '7.5',
    learn: learnPage('7.5'),
  },
  guest: {
    name: 'Guest VM (child partition)',
    aka: ['VM', 'guest', 'child partition', 'guest memory', 'partition'],
    definition:
      'A virtual machine, also called a child partition or guest. VMs are untrusted: anything DMA’d into a VM’s memory can be read and modified by that VM, which is why VLAN filtering happens before DMA and why 2008 R2 keeps the frame headers in host memory.',
    section: '7.5',
    learn: learnPage('7.5'),
  },
  'shared-memory': {
    name: 'Shared memory',
    aka: ['receive buffer', 'receive buffers', 'NdisAllocateSharedMemory'],
    definition:
      'The receive buffers a miniport allocates for a queue with `NdisAllocateSharedMemory`, naming the queue and a usage; NDIS hands the request to the provider the switch registered, so the memory may come from host or guest address space. A nondefault queue’s memory is typically allocated at QUEUE_ALLOCATION_COMPLETE and freed inside FREE_QUEUE.',
    section: '7.2',
    learn: learnPage('7.2'),
  },
  'lookahead-split': {
    name: 'Lookahead split',
    aka: ['split', 'lookahead buffer', 'post-lookahead'],
    definition:
      'On Windows Server 2008 R2 (NDIS 6.20) a queue may ask the NIC to split every frame: the headers the management OS inspects (at least `LookaheadSize` bytes) go to a lookahead buffer in host memory and the rest to a post-lookahead buffer in guest memory. NDIS 6.30 (Windows Server 2012) removed it: every receive buffer is host memory, and the VSP copies.',
    section: '7.3',
    learn: learnPage('1.2'),
  },
  'lookahead-size': {
    name: 'LookaheadSize',
    aka: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED', 'lookahead size'],
    definition:
      'Where to split, in bytes, asked for in `OID_RECEIVE_FILTER_ALLOCATE_QUEUE` together with `NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED`; 0 means no split. The NIC may split later (at a network-header boundary), never earlier. From NDIS 6.30 it must be 0.',
    section: '7.3',
    learn: learnPage('4.1'),
  },
  backfill: {
    name: 'Backfill',
    aka: [],
    definition:
      'Space in front of the data of each post-lookahead buffer, big enough for a copy of the lookahead bytes, so that the frame can be delivered to the VM as one contiguous buffer. It must be there even when the whole frame fits in the lookahead buffer.',
    section: '7.3',
    learn: learnPage('8.1', 'VMQ Receive Path'),
  },
  'state-undefined': {
    name: 'Undefined (queue state)',
    aka: ['NdisReceiveQueueOperationalStateUndefined'],
    definition:
      'Not allocated: a nondefault queue before `OID_RECEIVE_FILTER_ALLOCATE_QUEUE` and after its free completes, when its QueueId may be reused. The default queue is never Undefined.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-allocated': {
    name: 'Allocated (queue state)',
    aka: [],
    definition:
      'ALLOCATE_QUEUE succeeded, but the queue has no filter yet and its allocation is not complete. Nothing is indicated on it; it is reported as Paused.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-set': {
    name: 'Set (queue state)',
    aka: [],
    definition:
      'The queue has at least one filter, but its allocation is not complete yet. Nothing is indicated on it and it cannot be freed. The playground reports it as Running, the mapping §5.1 suggests.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-running': {
    name: 'Running (queue state)',
    aka: ['NdisReceiveQueueOperationalStateRunning'],
    definition:
      'Filters set and allocation complete: the adapter indicates received frames on the queue. It cannot be freed; clearing its last filter makes it Paused.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-paused': {
    name: 'Paused (queue state)',
    aka: ['NdisReceiveQueueOperationalStatePaused'],
    definition:
      'Allocation complete but no filter: it never had one, or all were cleared. Nothing is indicated and frames must not be held; a new filter makes it Running. Not to be confused with a paused adapter.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-stop-dma': {
    name: 'Stop DMA / DmaStopped',
    aka: ['StopDma', 'DmaStopped', 'NdisReceiveQueueOperationalStateDmaStopped'],
    definition:
      'FREE_QUEUE arrived: the miniport stops DMA into the queue’s buffers and indicates `NDIS_STATUS_RECEIVE_QUEUE_STATE` with `NdisReceiveQueueOperationalStateDmaStopped`. That indication is sent only on a free, never because the last filter was cleared.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'state-freeing': {
    name: 'Freeing (queue state)',
    aka: [],
    definition:
      'After the DmaStopped indication: the miniport waits until every NBL the queue indicated has been returned and frees its shared memory; then FREE_QUEUE completes and the queue is Undefined.',
    section: '5.2',
    learn: learnPage('5.2'),
  },
  'reported-state': {
    name: 'Reported state',
    aka: ['NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE', 'QueueState', 'operational state'],
    definition:
      'What NDIS structures report, an `NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE`, knows only Undefined, Running, Paused and DmaStopped. The playground maps the seven detailed states onto it as §5.1 suggests: Allocated as Paused, Set as Running, Stop DMA and Freeing as DmaStopped.',
    section: '5.1',
    learn: learnPage('5.1'),
  },
  'queue-state-indication': {
    name: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
    aka: ['status indication', 'DmaStopped indication'],
    definition:
      'The status indication (0x4002000D) a miniport issues with `NdisMIndicateStatusEx` when a queue’s state changes. The only mandatory one is DmaStopped: exactly once per FREE_QUEUE, after DMA has stopped and before the request completes.',
    section: '5.4',
    learn: learnPage('5.4'),
  },
  'allocation-complete': {
    name: 'Allocation complete',
    aka: ['OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', 'QUEUE_ALLOCATION_COMPLETE'],
    definition:
      '`OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE`, sent by the allocating driver after a batch of queues (and, optionally, their first filters). It lets the miniport balance resources across the batch and allocate the queues’ shared memory; each queue moves from Allocated to Paused, or from Set to Running.',
    section: '3.5',
    learn: learnPage('3.5'),
  },
  'dynamic-vmq': {
    name: 'Dynamic VMQ',
    aka: ['PROCESSOR_AFFINITY_CHANGED', 'was CPU'],
    definition:
      'From Windows Server 2012 (NDIS 6.30) the stack may move a live queue to another CPU with `OID_RECEIVE_FILTER_QUEUE_PARAMETERS` (a set with `PROCESSOR_AFFINITY_CHANGED`); VMQ miniports must advertise `NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED`. Before, a queue kept its CPU for its whole life.',
    section: '9',
    learn: learnPage('3.6'),
  },
  discard: {
    name: 'Discard bin (drop reasons)',
    aka: ['dropped', 'drop', 'flushed'],
    definition:
      'The frames the NIC dropped, counted by reason. Some drops are rules at work: a queue without filters discards what reaches it, a queue whose last filter is cleared flushes what it holds, and an unmatched frame the adapter’s packet filter rejects is not indicated on the default queue. Others, such as no free receive buffer, are the hardware running short.',
    section: '6.2',
  },
  'conformance-rule': {
    name: 'Conformance rule (R1–R47)',
    aka: ['rule', 'checker', 'conformance'],
    definition:
      'One of the 47 rules of §12 a conformance checker can enforce: each names an observable event and its expected outcome, for NDIS (E), the miniport (M) or the overlying driver (O). The app’s checker tests every event against them and lists each break.',
    section: '12',
  },
} satisfies Record<string, GlossaryTerm>;

export type TermId = keyof typeof TERMS;
