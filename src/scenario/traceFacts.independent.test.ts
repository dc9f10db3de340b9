/**
 * Independent tests of the documented facts of each trace-event kind that matters for VMQ (docs/scenario-format.md
 * "Trace events: `events`", the facts table), each grounded in docs/ndis-reference.md: one entry where the fact
 * holds and one where it does not.
 */
import { describe, expect, it } from 'vitest';
import {
  CLEAR_F,
  FREE_Q,
  RECEIVED,
  TRAFFIC_TO_VM1,
  expectFailureNaming,
  expectHolds,
  lastCheck,
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, VM1, allocateBuffer, macTest, setFilterBuffer, vlanTest } from './independent.testing.ts';

const Q = '$q.QueueId';
const events = (steps: unknown[], entries: unknown[], extra?: Record<string, unknown>) =>
  lastCheck(steps, { events: entries }, extra);
const FREED = [...RUNNING_QUEUE, CLEAR_F, FREE_Q];
const PER_QUEUE = 'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION';
const VM2 = { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 };
const TWO_VMS = { vms: [VM1, VM2] };

/** A Running queue for `vm` saved as `name` (its filter as `name`f), on the CPUs of `mask`, with `flags`. */
const runningQueueFor = (
  vm: { name: string; mac: string; vlan: number },
  name: string,
  mask: number,
  flags: string[] = [],
): unknown[] => [
  {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: name,
    buffer: allocateBuffer({ VmName: vm.name, ProcessorAffinity: { Mask: mask, Group: 0 }, Flags: flags }),
  },
  {
    oid: 'OID_RECEIVE_FILTER_SET_FILTER',
    saveAs: `${name}f`,
    buffer: setFilterBuffer({
      QueueId: `$${name}.QueueId`,
      FieldParameters: [macTest({ FieldByteArrayValue: vm.mac }), vlanTest({ FieldShortValue: vm.vlan })],
    }),
  },
  { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: `$${name}.QueueId` }] } },
];
/** Frames to VM1 and VM2, interleaved, then time for every DPC and return. */
const TRAFFIC_TO_BOTH = [
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 6, interval: '500ns' } },
  { traffic: { name: 'to VM2', dst: '$vm:VM2', frameBytes: 200, count: 6, interval: '500ns' } },
  { advance: '100us' },
];

describe('status-indicated (§4.12, §5.4)', () => {
  const dmaStopped = { event: 'status-indicated', code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE', QueueId: Q };

  it('R22 the DmaStopped indication carries QueueState 3 and the payload Header {0x80, 1, 16}', () => {
    const each = {
      QueueState: 'NdisReceiveQueueOperationalStateDmaStopped',
      payload: {
        Header: { Type: 128, Revision: 1, Size: 16 },
        QueueId: Q,
        QueueState: 'NdisReceiveQueueOperationalStateDmaStopped',
      },
    };
    expectHolds(events(FREED, [{ where: dmaStopped, count: 1, each }]));
  });

  it('R22 QueueState matches the name or its number (3), and not Paused', () => {
    expectHolds(events(FREED, [{ where: { ...dmaStopped, QueueState: 3 }, count: 1 }]));
    expectFailureNaming(
      events(FREED, [{ where: dmaStopped, each: { QueueState: 'NdisReceiveQueueOperationalStatePaused' } }]),
      'QueueState',
      'DmaStopped',
    );
  });

  it('R23 never for the default queue', () => {
    const halted = [...FREED, { adapter: 'halt' }];
    expectHolds(events(halted, [{ where: { event: 'status-indicated', QueueId: 0 }, count: 0 }]));
  });
});

describe('queue-parameters-changed and the QUEUE_PARAMETERS indication (§3.6, §9 dynamic VMQ, R47)', () => {
  const MOVE_TO_CPU_3 = {
    oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
    requestType: 'NdisRequestSetInformation',
    buffer: {
      QueueId: Q,
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: 8, Group: 0 },
    },
  };
  const moved = [...RUNNING_QUEUE, MOVE_TO_CPU_3];

  it('names the queue, its new CPU (lowest bit of Mask 8) and the member that changed', () => {
    const each = { cpu: 3, changed: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'] };
    expectHolds(events(moved, [{ where: { event: 'queue-parameters-changed', QueueId: Q }, count: 1, each }]));
  });

  it('its cpu is the new one, not the old', () => {
    expectFailureNaming(
      events(moved, [{ where: { event: 'queue-parameters-changed', QueueId: Q }, each: { cpu: 1 } }]),
      'cpu',
      '3',
    );
  });

  it('R47 a 6.30 QUEUE_PARAMETERS indication carries only INTERRUPT_COALESCING_DOMAIN_ID_CHANGED, revision 2', () => {
    const where = { event: 'status-indicated', code: 'NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS', QueueId: Q };
    const each = {
      QueueState: { absent: true },
      payload: {
        Header: { Revision: 2 },
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED'],
      },
    };
    expectHolds(events(moved, [{ where, each }]));
    expect(
      events(moved, [
        {
          where,
          each: { payload: { Flags: { flagsSet: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'] } } },
        },
      ]).ok,
    ).toBe(false);
  });
});

describe('nbls-indicated (§8.1, §9)', () => {
  const ofQ = { event: 'nbls-indicated', queues: { contains: [Q] } };

  it('§9 cpu is the lowest set bit of the queue’s Mask: 0x6 → CPU 1', () => {
    const steps = [...runningQueueFor(VM1, 'q', 6), ...TRAFFIC_TO_VM1(4)];
    expectHolds(events(steps, [{ where: ofQ, each: { cpu: 1 } }]));
    expect(events(steps, [{ where: ofQ, each: { cpu: 2 } }]).ok).toBe(false);
  });

  it('R34 every VMQ indication sets NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID', () => {
    const flags = { flagsSet: ['NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID'] };
    expectHolds(events(RECEIVED(5), [{ where: ofQ, each: { ReceiveFlags: flags } }]));
    expectFailureNaming(
      events(RECEIVED(5), [
        { where: ofQ, each: { ReceiveFlags: { flagsClear: ['NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID'] } } },
      ]),
      'ReceiveFlags',
    );
  });

  it('R34 each NBL’s out-of-band QueueId is its queue', () => {
    expectHolds(events(RECEIVED(5), [{ where: ofQ, each: { nbls: { every: { QueueId: Q } } } }]));
    expect(events(RECEIVED(5), [{ where: ofQ, each: { nbls: { every: { QueueId: 0 } } } }]).ok).toBe(false);
  });

  it('R34 each NBL’s out-of-band FilterId is 0 (§4.16: RequestedFilterIdBitCount is 0, no filter ID in the NBL)', () => {
    expectHolds(events(RECEIVED(5), [{ where: ofQ, each: { nbls: { every: { FilterId: 0 } } } }]));
  });

  it('R35 with PER_QUEUE_RECEIVE_INDICATION: SINGLE_QUEUE set, one queue, no mixing — even sharing a CPU', () => {
    const steps = [
      ...runningQueueFor(VM1, 'q', 2, [PER_QUEUE]),
      ...runningQueueFor(VM2, 'r', 2, [PER_QUEUE]),
      ...TRAFFIC_TO_BOTH,
    ];
    const each = { ReceiveFlags: { flagsSet: ['NDIS_RECEIVE_FLAGS_SINGLE_QUEUE'] }, mixesQueues: false, queues: [Q] };
    expectHolds(events(steps, [{ where: ofQ, each }], TWO_VMS));
    expectHolds(events(steps, [{ where: { event: 'nbls-indicated', mixesQueues: true }, count: 0 }], TWO_VMS));
  });

  it('mixesQueues† is true exactly for indications that carry more than one queue', () => {
    // §8.1: without PER_QUEUE_RECEIVE_INDICATION the miniport may chain NBLs of several queues in one call.
    const steps = [...runningQueueFor(VM1, 'q', 2), ...runningQueueFor(VM2, 'r', 2), ...TRAFFIC_TO_BOTH];
    const mixed = { event: 'nbls-indicated', mixesQueues: true };
    const single = { event: 'nbls-indicated', mixesQueues: false };
    expectHolds(
      events(
        steps,
        [
          { where: mixed, each: { queues: { length: { gte: 2 } } } },
          { where: single, count: { gte: 0 }, each: { queues: { length: 1 } } },
        ],
        TWO_VMS,
      ),
    );
  });

  it('R37 frames: each frame is indicated once, in arrival order (frame ids oldest first)', () => {
    const entries = [1, 2, 3, 4, 5].map((frameId) => ({
      where: { event: 'nbls-indicated', frames: { contains: [frameId] } },
      count: 1,
    }));
    expectHolds(events(RECEIVED(5), entries));
    expect(events(RECEIVED(5), [{ where: { event: 'nbls-indicated', frames: { contains: [6] } } }]).ok).toBe(false);
  });

  it('count† is the number of NBLs: one frame, one NBL', () => {
    const steps = [...RUNNING_QUEUE, ...TRAFFIC_TO_VM1(1)];
    expectHolds(events(steps, [{ where: ofQ, count: 1, each: { count: 1, frames: [1], mixesQueues: false } }]));
    expectFailureNaming(events(steps, [{ where: ofQ, each: { count: 2 } }]), 'count', '2', '1');
  });
});

describe('dma-written (§7.3 lookahead split, R38, R39)', () => {
  const splitQueue = [
    {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      saveAs: 'q',
      buffer: allocateBuffer({ Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED'], LookaheadSize: 128 }),
    },
    ...RUNNING_QUEUE.slice(1),
  ];
  const r2 = { adapter: { profile: 'ws2008r2' } };
  const written = { event: 'dma-written', QueueId: Q };
  const LOOKAHEAD = 'NdisSharedMemoryUsageReceiveLookahead';
  const POST = 'NdisSharedMemoryUsageReceivePostLookahead';

  it('R38 a full-size frame: lookahead first in management-OS memory (≥ LookaheadSize), the rest in VM1’s', () => {
    const steps = [...splitQueue, ...TRAFFIC_TO_VM1(4, 1518)];
    const each = {
      segments: [
        { usage: LOOKAHEAD, space: 'management-os', bytes: { gte: 128 } },
        { usage: POST, space: 'VM1', bytes: { gt: 0 } },
      ],
      spaces: { set: ['management-os', 'VM1'] },
    };
    expectHolds(events(steps, [{ where: written, count: 4, each }], r2));
  });

  it('R38 the order of segments matters in a plain array, not in a set', () => {
    const steps = [...splitQueue, ...TRAFFIC_TO_VM1(2, 1518)];
    const reversed = [{ usage: POST }, { usage: LOOKAHEAD }];
    expect(events(steps, [{ where: written, each: { segments: reversed } }], r2).ok).toBe(false);
    expectHolds(events(steps, [{ where: written, each: { segments: { set: reversed } } }], r2));
  });

  it('R38 a frame shorter than LookaheadSize is all lookahead, and still has two segments', () => {
    const steps = [...splitQueue, ...TRAFFIC_TO_VM1(3, 64)];
    const each = { segments: { length: 2, contains: [{ usage: LOOKAHEAD, space: 'management-os', bytes: 64 }] } };
    expectHolds(events(steps, [{ where: written, each }], r2));
    expectFailureNaming(
      events(steps, [{ where: written, each: { segments: { contains: [{ usage: LOOKAHEAD, bytes: 128 }] } } }], r2),
      'segments',
    );
  });

  it('R39 without the split (2012): one Receive segment in management-OS memory (§7.4)', () => {
    const each = {
      segments: { length: 1, every: { usage: 'NdisSharedMemoryUsageReceive', space: 'management-os' } },
      spaces: ['management-os'],
    };
    expectHolds(events(RECEIVED(3), [{ where: written, count: 3, each }]));
    expect(events(RECEIVED(3), [{ where: written, each: { spaces: { contains: ['VM1'] } } }]).ok).toBe(false);
  });
});

describe('memory-allocated and memory-freed (§7.2, R24, R40)', () => {
  it('R24 FREE_QUEUE frees the queue’s NdisSharedMemoryUsageReceive blocks from management-OS space', () => {
    const where = { event: 'memory-freed', QueueId: Q };
    expectHolds(events(FREED, [{ where, each: { usage: 'NdisSharedMemoryUsageReceive', space: 'management-os' } }]));
    expect(events(FREED, [{ where, each: { space: 'VM1' } }]).ok).toBe(false);
  });

  it('R24 on 2008 R2 both halves of the split are freed, each from its own space', () => {
    const splitFreed = [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'q',
        buffer: allocateBuffer({
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED'],
          LookaheadSize: 128,
        }),
      },
      ...FREED.slice(1),
    ];
    const freed = (usage: string, space: string) => ({
      where: { event: 'memory-freed', QueueId: Q, usage, space },
      count: { gte: 1 },
    });
    const result = events(
      splitFreed,
      [
        freed('NdisSharedMemoryUsageReceiveLookahead', 'management-os'),
        freed('NdisSharedMemoryUsageReceivePostLookahead', 'VM1'),
      ],
      { adapter: { profile: 'ws2008r2' } },
    );
    expectHolds(result);
  });

  it('memory-allocated names the queue’s blocks with their buffers and backfill', () => {
    const where = { event: 'memory-allocated', QueueId: Q };
    expectHolds(
      events(RUNNING_QUEUE, [
        {
          where,
          each: {
            usage: 'NdisSharedMemoryUsageReceive',
            space: 'management-os',
            backfill: 0,
            bufferSize: 2048,
            length: { gt: 0 },
          },
        },
      ]),
    );
  });

  it('R40 the default queue’s memory is freed only at halt', () => {
    const defaultFreed = { where: { event: 'memory-freed', QueueId: 0 } };
    expectHolds(events(FREED, [{ ...defaultFreed, count: 0 }]));
    expectHolds(events([...FREED, { adapter: 'halt' }], [{ ...defaultFreed, count: { gte: 1 } }]));
  });
});

describe('requests NDIS issues itself: issuedBy (R41, R42)', () => {
  const byNdis = (oid: string) => ({ event: 'oid-requested', issuedBy: 'NDIS', oid: `OID_RECEIVE_FILTER_${oid}` });

  it('R42 at halt NDIS clears the filter and frees the queue itself, for the binding that owned them', () => {
    const halted = [...RUNNING_QUEUE, { adapter: 'halt' }];
    const result = events(halted, [
      { where: byNdis('CLEAR_FILTER'), count: 1, each: { binding: 'vmswitch' } },
      { where: byNdis('FREE_QUEUE'), count: 1, each: { binding: 'vmswitch' } },
      {
        where: { event: 'oid-completed', issuedBy: 'NDIS', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE' },
        count: 1,
        each: { status: 'NDIS_STATUS_SUCCESS', requestType: 'NdisRequestSetInformation' },
      },
    ]);
    expectHolds(result);
  });

  it('R42 the driver’s own requests are issuedBy "driver", and there is no NDIS cleanup before the halt', () => {
    expectHolds(
      events(RUNNING_QUEUE, [
        { where: { event: 'oid-requested', issuedBy: 'driver' }, count: 3 },
        { where: { event: 'oid-completed', issuedBy: 'driver' }, count: 3 },
        { where: { event: 'oid-requested', issuedBy: 'NDIS' }, count: 0 },
      ]),
    );
    expect(events(RUNNING_QUEUE, [{ where: byNdis('FREE_QUEUE') }]).ok).toBe(false);
  });

  it('R42 at a clean halt (everything already freed) NDIS issues nothing', () => {
    const halted = [...FREED, { adapter: 'halt' }];
    expectHolds(events(halted, [{ where: { event: 'oid-requested', issuedBy: 'NDIS' }, count: 0 }]));
  });

  it('R41 an unclean closeBinding: NDIS cleans up the binding’s filter and queue', () => {
    const closed = [...RUNNING_QUEUE, { closeBinding: 'vmswitch' }];
    const result = events(closed, [
      { where: { event: 'binding-closed', binding: 'vmswitch' }, count: 1 },
      { where: byNdis('CLEAR_FILTER'), count: 1, each: { binding: 'vmswitch' } },
      { where: byNdis('FREE_QUEUE'), count: 1, each: { binding: 'vmswitch' } },
      { where: { event: 'rule-violated', rule: 'R41' }, count: { gte: 1 } },
    ]);
    expectHolds(result);
  });

  it('R41 a clean closeBinding: no NDIS requests and no violation', () => {
    const closed = [...FREED, { closeBinding: 'vmswitch' }];
    const result = events(closed, [
      { where: { event: 'oid-requested', issuedBy: 'NDIS' }, count: 0 },
      { where: { event: 'rule-violated', rule: 'R41' }, count: 0 },
    ]);
    expectHolds(result);
  });
});

describe('oid-completed and oid-requested facts', () => {
  it('R2 oid-completed carries status and BytesNeeded under their NDIS names', () => {
    const short = [...RUNNING_QUEUE.slice(0, 1), { ...FREE_Q, bufferLength: 8 }];
    const where = { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE' };
    expectHolds(events(short, [{ where, count: 1, each: { status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: 12 } }]));
    expectFailureNaming(events(short, [{ where, each: { BytesNeeded: 16 } }]), 'BytesNeeded', '16', '12');
  });

  it('oid-requested carries the request type, binding and buffer as issued', () => {
    const where = { event: 'oid-requested', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' };
    const each = {
      requestType: 'NdisRequestMethod',
      binding: 'vmswitch',
      buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue' },
    };
    expectHolds(events(RUNNING_QUEUE, [{ where, count: 1, each }]));
  });

  it('§3.10 oid-completed layer: NDIS answers ENUM_QUEUES', () => {
    const steps = [...RUNNING_QUEUE, { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' }];
    const where = { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' };
    expectHolds(events(steps, [{ where, each: { layer: 'NDIS', pended: false } }]));
    expect(events(steps, [{ where, each: { layer: 'miniport' } }]).ok).toBe(false);
  });
});

describe('frame drops: frames-dropped and frame-dropped', () => {
  /** Ten frames 100 ns apart, DMA'd before the 2 µs DPC latency lets any be indicated. */
  const PENDING_FRAMES = [
    ...RUNNING_QUEUE,
    { traffic: { name: 'burst', dst: '$vm:VM1', frameBytes: 200, count: 10, interval: '100ns' } },
    { advance: '1500ns' },
  ];

  it('§6.4 clearing the last filter discards the queued frames: frames-dropped, reason filters-cleared', () => {
    const steps = [...PENDING_FRAMES, CLEAR_F, { advance: '50us' }];
    const where = { event: 'frames-dropped', QueueId: Q, reason: 'filters-cleared' };
    expectHolds(events(steps, [{ where, count: 1, each: { count: { gte: 1 }, frames: { length: { gte: 1 } } } }]));
    expect(events(steps, [{ where: { ...where, reason: 'adapter-paused' } }]).ok).toBe(false);
  });

  it('§5.5 pausing the adapter discards them with reason adapter-paused', () => {
    const steps = [...PENDING_FRAMES, { adapter: 'pause' }, { advance: '50us' }];
    expectHolds(
      events(steps, [{ where: { event: 'frames-dropped', reason: 'adapter-paused' }, each: { QueueId: Q } }]),
    );
  });

  it('§1.3 a frame no filter takes and the packet filter refuses is dropped before any queue (QueueId null)', () => {
    const steps = [
      { traffic: { name: 'stray', dst: '00-15-5D-00-00-77', frameBytes: 128, count: 4, interval: '1us' } },
      { advance: '50us' },
    ];
    const filtered = { adapter: { profile: 'ws2012', options: { packetFilter: 'directed-broadcast-multicast' } } };
    const where = { event: 'frame-dropped', reason: 'packet-filter' };
    expectHolds(events(steps, [{ where, count: 4, each: { QueueId: null, count: 1 } }], filtered));
    expect(events(steps, [{ where, each: { QueueId: 0 } }], filtered).ok).toBe(false);
  });

  it('a queue out of free buffers drops with reason no-free-buffer on that queue', () => {
    const small = [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'q',
        buffer: allocateBuffer({ NumSuggestedReceiveBuffers: 8 }),
      },
      ...RUNNING_QUEUE.slice(1),
      ...TRAFFIC_TO_VM1(12),
    ];
    const held = { adapter: { profile: 'ws2012', options: { returnLatencyNs: null } } };
    expectHolds(
      events(small, [{ where: { event: 'frame-dropped', reason: 'no-free-buffer' }, each: { QueueId: Q } }], held),
    );
  });
});

describe('filters and queue states', () => {
  it('filter-set: MACs match in any spelling; the VLAN, queue, binding and FilterId are facts', () => {
    const each = {
      mac: '00:15:5d:00:00:01',
      vlanId: 10,
      QueueId: Q,
      FilterId: '$f.FilterId',
      binding: 'vmswitch',
      vlanAgnostic: false,
    };
    expectHolds(events(RUNNING_QUEUE, [{ where: { event: 'filter-set' }, count: 1, each }]));
    expectFailureNaming(
      events(RUNNING_QUEUE, [{ where: { event: 'filter-set' }, each: { vlanId: 20 } }]),
      'vlanId',
      '20',
      '10',
    );
  });

  it('§6.3 rule 1: a MAC filter with UNTAGGED_OR_ZERO has no VLAN test (vlanId null)', () => {
    const steps = [
      RUNNING_QUEUE[0],
      {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        saveAs: 'f',
        buffer: setFilterBuffer({
          FieldParameters: [macTest({ Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'] })],
        }),
      },
    ];
    expectHolds(
      events(steps, [
        { where: { event: 'filter-set', FilterId: '$f.FilterId' }, each: { vlanId: null, vlanAgnostic: false } },
      ]),
    );
  });

  it('§6.3 rule 3: on 6.30 a MAC-only filter without the flag is VLAN-agnostic (accept-strip-tag)', () => {
    const steps = [
      RUNNING_QUEUE[0],
      { oid: 'OID_RECEIVE_FILTER_SET_FILTER', saveAs: 'f', buffer: setFilterBuffer({ FieldParameters: [macTest()] }) },
    ];
    expectHolds(events(steps, [{ where: { event: 'filter-set' }, each: { vlanAgnostic: true, vlanId: null } }]));
  });

  it('§5.3 clearing the last filter: filter-cleared, and the queue goes Running → Paused', () => {
    const steps = [...RUNNING_QUEUE, CLEAR_F];
    expectHolds(
      events(steps, [
        { where: { event: 'filter-cleared', FilterId: '$f.FilterId' }, count: 1, each: { QueueId: Q } },
        {
          where: { event: 'queue-state-changed', QueueId: Q, from: 'Running' },
          count: 1,
          each: { to: 'Paused', reported: 'NdisReceiveQueueOperationalStatePaused' },
        },
      ]),
    );
  });

  it('§3.9 FREE_QUEUE: Stop DMA, then Freeing, then Undefined, reported DmaStopped on the way', () => {
    const transition = (from: string, to: string) => ({
      where: { event: 'queue-state-changed', QueueId: Q, from, to },
      count: 1,
    });
    expectHolds(
      events(FREED, [
        transition('Paused', 'StopDma'),
        transition('StopDma', 'Freeing'),
        transition('Freeing', 'Undefined'),
      ]),
    );
    expectHolds(
      events(FREED, [
        {
          where: { event: 'queue-state-changed', QueueId: Q, to: 'Freeing' },
          each: { reported: 'NdisReceiveQueueOperationalStateDmaStopped' },
        },
      ]),
    );
  });
});

describe('other kinds', () => {
  it('R21 rule-violated names the rule, its severity and the queue', () => {
    const steps = [...RUNNING_QUEUE, FREE_Q];
    expectHolds(
      events(steps, [
        { where: { event: 'rule-violated', rule: 'R21' }, count: 1, each: { severity: 'error', QueueId: Q } },
      ]),
    );
  });

  it('flow-started and flow-ended: the flow sent every frame', () => {
    expectHolds(
      events(RECEIVED(7), [
        {
          where: { event: 'flow-started', flow: 'to VM1' },
          count: 1,
          each: { count: 7, frameBytes: 1518, vlanId: 10, intervalNs: 1000 },
        },
        { where: { event: 'flow-ended', flow: 'to VM1' }, count: 1, each: { sent: 7 } },
      ]),
    );
  });

  it('dpc-ran on the queue’s CPU lists the queue; nbls-returned gives them back', () => {
    expectHolds(
      events(RECEIVED(3), [
        { where: { event: 'dpc-ran', queues: { contains: [Q] } }, each: { cpu: 1 } },
        { where: { event: 'nbls-returned', QueueId: Q }, each: { count: { gte: 1 } } },
      ]),
    );
  });

  it('adapter-state-changed: halt goes Running → Halting → Halted', () => {
    const halted = [...FREED, { adapter: 'halt' }];
    expectHolds(
      events(halted, [
        { where: { event: 'adapter-state-changed', from: 'Running', to: 'Halting' }, count: 1 },
        { where: { event: 'adapter-state-changed', from: 'Halting', to: 'Halted' }, count: 1 },
      ]),
    );
  });

  it('note carries its text; every event has t', () => {
    const steps = [{ advance: '3us' }, { note: 'hello' }];
    expectHolds(events(steps, [{ where: { event: 'note', text: 'hello' }, count: 1, each: { t: 3000 } }]));
    expectFailureNaming(events(steps, [{ where: { event: 'note' }, each: { t: { lt: 3000 } } }]), 't', '3000');
  });
});
