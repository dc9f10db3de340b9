/**
 * §12 rules decided on the OID path: request types, buffer lengths, validation, ID assignment,
 * capabilities and the queue-parameter OIDs. Each test name starts with the rule it checks.
 */
import { describe, expect, test } from 'vitest';
import { NDIS_DEFAULT_RECEIVE_QUEUE_ID, type OidName, type RequestTypeName } from '../ndis/constants.ts';
import {
  completionStatuses,
  filterIdOf,
  queueIdOf,
  macFilterBuffer,
  STRANGER_MAC,
  VM1,
  VM2,
  VM3,
  vmqAdapter,
} from '../testing.ts';
import type { ProfileName } from '../types.ts';

const ALL_TYPES: RequestTypeName[] = [
  'NdisRequestQueryInformation',
  'NdisRequestSetInformation',
  'NdisRequestQueryStatistics',
  'NdisRequestMethod',
];
const QUERY: RequestTypeName[] = ['NdisRequestQueryInformation', 'NdisRequestQueryStatistics'];
/** R1, straight from the rule text (not from the engine's own table). */
const ALLOWED: Record<OidName, RequestTypeName[]> = {
  OID_RECEIVE_FILTER_ALLOCATE_QUEUE: ['NdisRequestMethod'],
  OID_RECEIVE_FILTER_SET_FILTER: ['NdisRequestMethod'],
  OID_RECEIVE_FILTER_ENUM_FILTERS: ['NdisRequestMethod'],
  OID_RECEIVE_FILTER_PARAMETERS: ['NdisRequestMethod'],
  OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: ['NdisRequestMethod'],
  OID_RECEIVE_FILTER_FREE_QUEUE: ['NdisRequestSetInformation'],
  OID_RECEIVE_FILTER_CLEAR_FILTER: ['NdisRequestSetInformation'],
  OID_RECEIVE_FILTER_MOVE_FILTER: ['NdisRequestSetInformation'],
  OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: QUERY,
  OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: QUERY,
  OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: QUERY,
  OID_RECEIVE_FILTER_ENUM_QUEUES: QUERY,
  OID_RECEIVE_FILTER_QUEUE_PARAMETERS: ['NdisRequestMethod', 'NdisRequestSetInformation'],
};
const OIDS = Object.keys(ALLOWED) as OidName[];

/** The parts of the view an OID may change (time and counters aside). */
const configOf = (a: ReturnType<typeof vmqAdapter>) => {
  const v = a.e.view();
  return { queues: v.queues.map((q) => ({ ...q, counters: undefined })), filters: v.filters, memory: v.memory };
};

/** VM1's queue after FREE_QUEUE, stuck in Freeing because the VM still holds the NBLs it received. */
function queueFreeingWithHeldNbls() {
  const a = vmqAdapter('ws2012', (c) => {
    c.adapter.options.returnLatencyNs = null;
  });
  const { queueId, filterId } = a.vmQueue(VM1);
  a.traffic(VM1.mac, { vlanId: 10 });
  a.settle();
  a.clearFilter(queueId, filterId);
  expect(a.free(queueId).status).toBe('NDIS_STATUS_PENDING');
  return { a, queueId };
}

describe('R1 request type must match the OID', () => {
  test.each(OIDS)(
    'R1 %s: every request type the header does not allow → NDIS_STATUS_NOT_SUPPORTED (default)',
    (oid) => {
      const a = vmqAdapter('ws2012');
      for (const requestType of ALL_TYPES) {
        const r = a.request({ oid, requestType, buffer: { QueueId: 0 } });
        // MOVE_FILTER is NOT_SUPPORTED on VMQ-only adapters whatever the type (R45).
        if (ALLOWED[oid].includes(requestType)) {
          if (oid !== 'OID_RECEIVE_FILTER_MOVE_FILTER')
            expect([requestType, r.status]).not.toEqual([requestType, 'NDIS_STATUS_NOT_SUPPORTED']);
        } else expect([requestType, r.status]).toEqual([requestType, 'NDIS_STATUS_NOT_SUPPORTED']);
      }
    },
  );

  test.each(OIDS)(
    'R1 %s: with invalidRequestTypeStatus INVALID_OID, exactly the disallowed types get NDIS_STATUS_INVALID_OID',
    (oid) => {
      const a = vmqAdapter('ws2008r2', (c) => {
        c.adapter.options.invalidRequestTypeStatus = 'NDIS_STATUS_INVALID_OID';
      });
      const refused = ALL_TYPES.filter(
        (requestType) => a.request({ oid, requestType, buffer: { QueueId: 0 } }).status === 'NDIS_STATUS_INVALID_OID',
      );
      expect(refused).toEqual(ALL_TYPES.filter((t) => !ALLOWED[oid].includes(t)));
    },
  );

  test('R1 a refused request type changes nothing (ALLOCATE_QUEUE sent as a set allocates no queue)', () => {
    const a = vmqAdapter('ws2012');
    const r = a.request({
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      requestType: 'NdisRequestSetInformation',
      buffer: { ProcessorAffinity: { Mask: 1 } },
    });
    expect(r.status).toBe('NDIS_STATUS_NOT_SUPPORTED');
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });
});

describe('R2 short information buffers', () => {
  test.each<[ProfileName, number]>([
    ['ws2008r2', 1084],
    ['ws2012', 1092],
  ])('R2 %s ALLOCATE_QUEUE with a short buffer → INVALID_LENGTH, BytesNeeded %i, no queue', (profile, needed) => {
    const a = vmqAdapter(profile);
    const before = configOf(a);
    const r = a.request({
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: { ProcessorAffinity: { Mask: 2 } },
      bufferLength: needed - 1,
    });
    expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', needed]);
    expect(configOf(a)).toEqual(before);
    expect(a.of('queue-state-changed')).toEqual([]);
  });

  test.each<[ProfileName, number]>([
    ['ws2008r2', 36],
    ['ws2012', 44],
  ])(
    'R2 %s SET_FILTER (header-only buffer) shorter than NDIS_RECEIVE_FILTER_PARAMETERS → INVALID_LENGTH, BytesNeeded %i',
    (profile, needed) => {
      const a = vmqAdapter(profile);
      const q = a.allocate();
      const before = configOf(a);
      const r = a.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: { QueueId: q }, bufferLength: needed - 1 });
      expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', needed]);
      expect(configOf(a)).toEqual(before);
    },
  );

  test.each<[ProfileName, number]>([
    ['ws2008r2', 36],
    ['ws2012', 44],
  ])(
    'R2 %s SET_FILTER whose buffer does not even hold NDIS_RECEIVE_FILTER_PARAMETERS → BytesNeeded is the struct size %i (the field count lies beyond the buffer)',
    (profile, needed) => {
      const a = vmqAdapter(profile);
      const q = a.allocate();
      const r = a.request({
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: macFilterBuffer(q, VM1.mac, 10),
        bufferLength: 20,
      });
      expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', needed]);
      expect(a.e.view().filters).toEqual([]);
    },
  );

  test('R2 SET_FILTER whose buffer holds the header but not the field array → BytesNeeded = offset + NumElements × 56 (SAL annotation)', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate();
    const r = a.request({
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      buffer: macFilterBuffer(q, VM1.mac, 10),
      bufferLength: 40,
    });
    expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', 36 + 2 * 56]);
    expect(a.e.view().filters).toEqual([]);
  });

  test('R2 FREE_QUEUE with a short buffer → INVALID_LENGTH, BytesNeeded 12, queue stays', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const before = configOf(a);
    const r = a.request({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: q }, bufferLength: 11 });
    expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', 12]);
    expect(configOf(a)).toEqual(before);
    expect(a.of('status-indicated')).toEqual([]);
  });

  test('R2 CLEAR_FILTER with a short buffer → INVALID_LENGTH, BytesNeeded 16, filter stays', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    const before = configOf(a);
    const r = a.request({
      oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
      buffer: { QueueId: queueId, FilterId: filterId },
      bufferLength: 15,
    });
    expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', 16]);
    expect(configOf(a)).toEqual(before);
  });

  test('R2 ENUM_QUEUES (query) with a short buffer → INVALID_LENGTH, BytesNeeded = array header 16 + one 1092-byte info per listed queue', () => {
    const a = vmqAdapter('ws2012');
    a.allocate();
    a.allocate();
    const r = a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', bufferLength: 16 });
    expect([r.status, r.bytesNeeded]).toEqual(['NDIS_STATUS_INVALID_LENGTH', 16 + 2 * 1092]);
  });
});

describe('R3 adapters without VMQ', () => {
  test.each<OidName>([
    'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    'OID_RECEIVE_FILTER_SET_FILTER',
  ])('R3 legacy-ndis61 (NDIS 6.1): %s → NDIS_STATUS_NOT_SUPPORTED', (oid) => {
    const a = vmqAdapter('legacy-ndis61');
    const buffers: Partial<Record<OidName, Record<string, unknown>>> = {
      OID_RECEIVE_FILTER_ALLOCATE_QUEUE: { ProcessorAffinity: { Mask: 1 } },
      OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: { Elements: [{ QueueId: 1 }] },
      OID_RECEIVE_FILTER_SET_FILTER: macFilterBuffer(0, VM1.mac, 'untagged-or-zero'),
    };
    expect(a.request({ oid, buffer: buffers[oid] }).status).toBe('NDIS_STATUS_NOT_SUPPORTED');
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });

  test.each<OidName>(['OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES'])(
    'R3 legacy-ndis61: capability query %s → NDIS_STATUS_NOT_SUPPORTED',
    (oid) => {
      expect(vmqAdapter('legacy-ndis61').request({ oid }).status).toBe('NDIS_STATUS_NOT_SUPPORTED');
    },
  );

  test('R3 legacy-ndis61: without VMQ the adapter still receives — frames are indicated on the default path, not dropped', () => {
    const a = vmqAdapter('legacy-ndis61');
    a.traffic(VM1.mac, { count: 5 });
    a.settle();
    const totals = a.e.view().totals;
    expect(totals.arrived).toBe(5);
    expect(totals.dropped).toEqual({});
    expect(totals.indicated).toBe(5);
  });

  test('R3 *VMQ = 0 on a 6.30 adapter: ALLOCATE_QUEUE → NOT_SUPPORTED, and the current capabilities are zeroed (no NULL pointer, §4.18)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.vmqEnabled = false;
    });
    expect(a.tryAllocate().status).toBe('NDIS_STATUS_NOT_SUPPORTED');
    const cur = a.request({ oid: 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' });
    expect(cur.status).toBe('NDIS_STATUS_SUCCESS');
    expect(cur.output).toMatchObject({ EnabledFilterTypes: 0, EnabledQueueTypes: 0, NumQueues: 0 });
  });
});

describe('R4–R7 ALLOCATE_QUEUE', () => {
  test('R4 QueueIds are nonzero, distinct, and the caller-supplied QueueId is overwritten', () => {
    const a = vmqAdapter('ws2012');
    const ids = [1, 2, 3].map(() => a.allocate({ extra: { QueueId: 5 } }));
    expect(ids).not.toContain(0);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain(5);
  });

  test.each<[string, Record<string, unknown>]>([
    ['QueueType Unspecified', { QueueType: 'NdisReceiveQueueTypeUnspecified' }],
    ['ProcessorAffinity.Mask 0', { ProcessorAffinity: { Mask: 0, Group: 0 } }],
    ['a nonexistent group', { ProcessorAffinity: { Mask: 1, Group: 1 } }],
    ['a processor beyond the 4 CPUs', { ProcessorAffinity: { Mask: 0x10, Group: 0 } }],
  ])('R5 ALLOCATE_QUEUE with %s → NDIS_STATUS_INVALID_PARAMETER and no queue', (_what, extra) => {
    const a = vmqAdapter('ws2012');
    expect(a.tryAllocate({ extra }).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R6 %s: nonzero LookaheadSize without LOOKAHEAD_SPLIT_REQUIRED → INVALID_PARAMETER (UNVERIFIED code)',
    (profile) => {
      const a = vmqAdapter(profile);
      expect(a.tryAllocate({ extra: { LookaheadSize: 128 } }).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
      expect(a.e.view().queues).toHaveLength(1);
    },
  );

  test('R6 ws2012: a split request is ignored by the 6.30 miniport (LookaheadSize 0, flag cleared) and the checker warns', () => {
    const a = vmqAdapter('ws2012');
    const r = a.tryAllocate({ lookahead: 128 });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(r.output).toMatchObject({ LookaheadSize: 0 });
    expect((r.output!['Flags'] as number) & 0x2).toBe(0);
    expect(a.violations().map((v) => [v.rule, v.severity])).toEqual([['R6', 'warning']]);
  });

  test('R7 a freshly allocated queue carries an MSIXTableEntry, is Allocated (reported Paused) and indicates nothing', () => {
    const a = vmqAdapter('ws2008r2');
    const r = a.tryAllocate();
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(typeof r.output!['MSIXTableEntry']).toBe('number');
    const q = a.e.queue(queueIdOf(r))!;
    expect([q.state, q.reported]).toEqual(['Allocated', 'NdisReceiveQueueOperationalStatePaused']);
    const e = a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' });
    expect(
      (e.output!['Elements'] as { QueueId: number; QueueState: number }[]).map((el) => [el.QueueId, el.QueueState]),
    ).toEqual([[q.QueueId, 2]]);
    a.traffic(VM1.mac, { count: 3 });
    a.settle();
    expect(a.indicatedOn(q.QueueId)).toBe(0);
  });
});

describe('R10–R13 SET_FILTER', () => {
  test('R10 FilterIds are in 1..MaxMacHeaderFilters, unique across queues, never 0 — also after a clear', () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.allocate();
    const q2 = a.allocate({ vm: VM2.name });
    const ids = [
      a.filter(q1, VM1.mac, 10),
      a.filter(q2, VM2.mac, 20),
      a.filter(0, VM3.mac, 30),
      a.filter(q1, VM1.mac, 11),
    ];
    expect(a.clearFilter(q1, ids[0]!).status).toBe('NDIS_STATUS_SUCCESS');
    ids.push(a.filter(q2, VM2.mac, 21));
    const live = a.e.view().filters.map((f) => f.FilterId);
    expect(new Set(live).size).toBe(live.length);
    for (const id of ids) expect(id >= 1 && id <= 16).toBe(true);
  });

  test("R11 SET_FILTER on another driver's queue is rejected (INVALID_PARAMETER, UNVERIFIED code); any binding may filter on queue 0", () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate({ binding: 'vmswitch' });
    const foreign = a.setMacFilter(q, VM1.mac, 10, 'other');
    expect(foreign.status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(a.e.queue(q)!.filterIds).toEqual([]);
    expect(a.setMacFilter(0, VM2.mac, 20, 'other').status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.setMacFilter(0, VM3.mac, 30, 'vmswitch').status).toBe('NDIS_STATUS_SUCCESS');
  });

  test.each<[string, (b: Record<string, unknown>) => void, ((c: import('../types.ts').EngineConfig) => void)?]>([
    [
      'FilterType PacketCoalescing',
      (b) => {
        b['FilterType'] = 'NdisReceiveFilterTypePacketCoalescing';
      },
    ],
    [
      'RequestedFilterIdBitCount 2',
      (b) => {
        b['RequestedFilterIdBitCount'] = 2;
      },
    ],
    [
      'FrameHeader IPv4',
      (b) => {
        (b['FieldParameters'] as Record<string, unknown>[])[0]!['FrameHeader'] = 'NdisFrameHeaderIPv4';
      },
    ],
    [
      'a MaskEqual test (not in SupportedFilterTests)',
      (b) => {
        (b['FieldParameters'] as Record<string, unknown>[])[1]!['ReceiveFilterTest'] = 'NdisReceiveFilterTestMaskEqual';
      },
    ],
    [
      'a source-address test (not in SupportedMacHeaderFields)',
      (b) => {
        (b['FieldParameters'] as Record<string, unknown>[])[1]!['MacHeaderField'] = 'NdisMacHeaderFieldSourceAddress';
      },
    ],
    [
      'a VLAN test while *VMQVlanFiltering = 0',
      () => {},
      (c) => {
        c.adapter.vlanFiltering = false;
      },
    ],
  ])('R12 SET_FILTER with %s → NDIS_STATUS_INVALID_PARAMETER, no filter', (_what, edit, tweak) => {
    const a = vmqAdapter('ws2012', tweak);
    const q = a.allocate();
    const buffer = macFilterBuffer(q, VM1.mac, 10);
    edit(buffer);
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer }).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(a.of('filter-set')).toEqual([]);
    expect(a.e.queue(q)!.state).toBe('Allocated');
  });

  test('R13 ws2008r2 (6.20): a MAC-only filter without VLAN test or UNTAGGED_OR_ZERO fails', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate();
    expect(a.setMacFilter(q, VM1.mac, 'mac-only').status).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.view().filters).toEqual([]);
    expect(a.e.queue(q)!.state).toBe('Allocated');
  });

  test('R13 ws2012 (6.30, macOnlyFilter accept-strip-tag): a MAC-only filter is VLAN-agnostic — tagged and untagged frames reach the queue, tags stripped', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const r = a.setMacFilter(q, VM1.mac, 'mac-only');
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    a.complete([q]);
    expect(a.e.view().filters.find((f) => f.FilterId === filterIdOf(r))!.vlanAgnostic).toBe(true);
    const mark = a.mark();
    for (const vlanId of [null, 0, 10, 20]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
    a.settle();
    const classified = a.of('frame-classified', mark);
    expect(classified.map((c) => c.queueId)).toEqual([q, q, q, q]);
    expect(classified.map((c) => c.vlanStripped)).toEqual([false, true, true, true]);
  });

  test('R13 ws2012 with macOnlyFilter "reject": the 6.30 miniport fails a MAC-only filter', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.macOnlyFilter = 'reject';
    });
    const q = a.allocate();
    expect(a.setMacFilter(q, VM1.mac, 'mac-only').status).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.view().filters).toEqual([]);
  });
});

describe('R17, R19–R21 CLEAR_FILTER and FREE_QUEUE validation', () => {
  test('R17 CLEAR_FILTER with an unknown FilterId or FilterId 0 → NDIS_STATUS_FILE_NOT_FOUND', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1);
    expect(a.clearFilter(queueId, 9).status).toBe('NDIS_STATUS_FILE_NOT_FOUND');
    expect(a.clearFilter(queueId, 0).status).toBe('NDIS_STATUS_FILE_NOT_FOUND');
    expect(a.e.queue(queueId)!.filterIds).toHaveLength(1);
  });

  test('R17 CLEAR_FILTER naming the wrong queue for a real FilterId → FILE_NOT_FOUND (engine choice)', () => {
    const a = vmqAdapter('ws2012');
    const { filterId } = a.vmQueue(VM1);
    expect(a.clearFilter(0, filterId).status).toBe('NDIS_STATUS_FILE_NOT_FOUND');
  });

  test('R17 CLEAR_FILTER by a driver that did not set the filter is rejected (INVALID_PARAMETER, UNVERIFIED code); the filter stays', () => {
    const a = vmqAdapter('ws2012');
    const filterId = a.filter(0, VM1.mac, 10, 'vmswitch');
    expect(a.clearFilter(0, filterId, 'other').status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(a.e.view().filters.map((f) => f.FilterId)).toEqual([filterId]);
  });

  test('R19 FREE_QUEUE of the default queue → INVALID_PARAMETER; queue 0 stays Running', () => {
    const a = vmqAdapter('ws2012');
    expect(a.free(0).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(a.e.queue(NDIS_DEFAULT_RECEIVE_QUEUE_ID)!.state).toBe('Running');
    expect(a.of('status-indicated')).toEqual([]);
  });

  test('R20 FREE_QUEUE of an unknown QueueId → INVALID_PARAMETER', () => {
    const a = vmqAdapter('ws2012');
    expect(a.free(3).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    const q = a.allocate();
    expect(a.free(q).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.free(q).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
  });

  test.each<['NDIS_STATUS_INVALID_PARAMETER' | 'NDIS_STATUS_INVALID_STATE', 'Set' | 'Running']>([
    ['NDIS_STATUS_INVALID_PARAMETER', 'Set'],
    ['NDIS_STATUS_INVALID_PARAMETER', 'Running'],
    ['NDIS_STATUS_INVALID_STATE', 'Running'],
  ])(
    'R21 FREE_QUEUE with filters still set is refused with %s (freeWithFiltersStatus), flagged R21, and the %s queue is unchanged',
    (status, state) => {
      const a = vmqAdapter('ws2012', (c) => {
        c.adapter.options.freeWithFiltersStatus = status;
      });
      const q = a.allocate();
      a.filter(q, VM1.mac, 10);
      if (state === 'Running') a.complete([q]);
      const before = configOf(a);
      const mark = a.mark();
      const r = a.free(q);
      expect(r.status).toBe(status);
      expect(a.violations(mark).map((v) => [v.rule, v.severity, v.requestId])).toEqual([['R21', 'error', r.requestId]]);
      expect(configOf(a)).toEqual(before);
      expect(a.e.queue(q)!.state).toBe(state);
      expect(a.of('status-indicated', mark)).toEqual([]);
    },
  );
});

describe('R27 QUEUE_ALLOCATION_COMPLETE', () => {
  test('R27 every element gets its own CompletionStatus: Set → Running, Allocated → Paused, unknown or already complete → INVALID_PARAMETER; the OID itself succeeds', () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.allocate();
    const q2 = a.allocate({ vm: VM2.name });
    a.filter(q1, VM1.mac, 10);
    const r = a.complete([q1, 7, q2, 0]);
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(completionStatuses(r)).toEqual([
      'NDIS_STATUS_SUCCESS',
      'NDIS_STATUS_INVALID_PARAMETER',
      'NDIS_STATUS_SUCCESS',
      'NDIS_STATUS_INVALID_PARAMETER',
    ]);
    expect([a.e.queue(q1)!.state, a.e.queue(q2)!.state]).toEqual(['Running', 'Paused']);
    expect(completionStatuses(a.complete([q2, q1]))).toEqual([
      'NDIS_STATUS_INVALID_PARAMETER',
      'NDIS_STATUS_INVALID_PARAMETER',
    ]);
  });

  test('R27 an element naming a queue being freed: NDIS holds the request behind the pending FREE_QUEUE, then the element gets INVALID_PARAMETER', () => {
    const { a, queueId } = queueFreeingWithHeldNbls();
    const held = a.complete([queueId]);
    expect(held.status).toBe('NDIS_STATUS_PENDING');
    a.e.returnNbls(queueId, 'all');
    expect(completionStatuses(a.e.result(held.requestId)!)).toEqual(['NDIS_STATUS_INVALID_PARAMETER']);
  });

  test("R27 completing another driver's queue gets INVALID_PARAMETER for that element (engine choice) and the queue stays Allocated", () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate({ binding: 'vmswitch' });
    expect(completionStatuses(a.complete([q], 'other'))).toEqual(['NDIS_STATUS_INVALID_PARAMETER']);
    expect(a.e.queue(q)!.state).toBe('Allocated');
  });
});

describe('R28–R30 QUEUE_PARAMETERS and ENUM_QUEUES', () => {
  test('R28 QUEUE_PARAMETERS set from a driver that did not allocate the queue is rejected (UNVERIFIED code) and changes nothing', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate({ binding: 'vmswitch' });
    const before = a.e.queue(q);
    const r = a.setQueueParameters(
      q,
      { Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'], QueueName: 'hijacked' },
      'other',
    );
    expect(r.status).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(q)).toEqual(before);
  });

  test('R28 (Flags & CHANGE_MASK) == 0 → success and nothing changes', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const before = a.e.queue(q);
    const mark = a.mark();
    const r = a.setQueueParameters(q, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION'],
      QueueName: 'x',
      NumSuggestedReceiveBuffers: 999,
      ProcessorAffinity: { Mask: 8 },
    });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(q)).toEqual(before);
    expect(a.of('queue-parameters-changed', mark)).toEqual([]);
  });

  test('R28 only members with a …_CHANGED bit change; VmName, LookaheadSize, QueueType and PortId never do', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate({ buffers: 32 });
    const r = a.setQueueParameters(q, {
      Flags: [
        'NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
      ],
      QueueName: 'renamed',
      VmName: 'VM2',
      NumSuggestedReceiveBuffers: 64,
      LookaheadSize: 64,
      PortId: 7,
      QueueType: 'NdisReceiveQueueTypeUnspecified',
      ProcessorAffinity: { Mask: 8 },
    });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    const after = a.e.queue(q)!;
    expect(after).toMatchObject({
      QueueName: 'renamed',
      VmName: 'VM1',
      NumSuggestedReceiveBuffers: 32,
      LookaheadSize: 0,
      PortId: 0,
      cpu: 1,
    });
    expect(after.Flags & 0x1).toBe(1);
    const read = a.request({ oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS', buffer: { QueueId: q } });
    expect(read.output).toMatchObject({ QueueType: 1, QueueName: 'renamed', VmName: 'VM1' });
    expect(
      a.setQueueParameters(q, {
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED'],
        NumSuggestedReceiveBuffers: 64,
      }).status,
    ).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(q)!.NumSuggestedReceiveBuffers).toBe(64);
  });

  test('R28 ws2008r2: clearing LOOKAHEAD_SPLIT_REQUIRED with FLAGS_CHANGED before completion is either refused or honoured — the reported Flags always match whether the buffers are split', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate({ lookahead: 128 });
    a.setQueueParameters(q, { Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED'] });
    a.filter(q, VM1.mac, 10);
    a.complete([q]);
    const flagged = (a.e.queue(q)!.Flags & 0x2) !== 0;
    const split = a.e.view().memory.some((m) => m.queueId === q && m.usage === 'NdisSharedMemoryUsageReceiveLookahead');
    expect({ flagged, split }).toEqual({ flagged: split, split });
  });

  test('R29 QUEUE_PARAMETERS (method and set) and ENUM_FILTERS on a queue in Freeing are rejected (UNVERIFIED code)', () => {
    const { a, queueId } = queueFreeingWithHeldNbls();
    expect(a.e.queue(queueId)!.state).toBe('Freeing');
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS', buffer: { QueueId: queueId } }).status).not.toBe(
      'NDIS_STATUS_SUCCESS',
    );
    expect(
      a.setQueueParameters(queueId, { Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'], QueueName: 'late' })
        .status,
    ).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_FILTERS', buffer: { QueueId: queueId } }).status).not.toBe(
      'NDIS_STATUS_SUCCESS',
    );
  });

  test("R29 ENUM_FILTERS answers in Allocated, Set, Running and Paused with the queue's FilterIds", () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const ids = (): number[] => {
      const r = a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_FILTERS', buffer: { QueueId: q } });
      expect(r.status).toBe('NDIS_STATUS_SUCCESS');
      return (r.output!['Elements'] as { FilterId: number }[]).map((el) => el.FilterId);
    };
    expect(ids()).toEqual([]);
    const f1 = a.filter(q, VM1.mac, 10);
    expect(ids()).toEqual([f1]);
    a.complete([q]);
    const f2 = a.filter(q, VM1.mac, 11);
    expect(ids()).toEqual([f1, f2]);
    a.clearFilter(q, f1);
    a.clearFilter(q, f2);
    expect(a.e.queue(q)!.state).toBe('Paused');
    expect(ids()).toEqual([]);
  });

  test('R29 OID_RECEIVE_FILTER_PARAMETERS: FilterId 0 or unknown → INVALID_PARAMETER; a live filter → its parameters', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_PARAMETERS', buffer: { FilterId: 0 } }).status).toBe(
      'NDIS_STATUS_INVALID_PARAMETER',
    );
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_PARAMETERS', buffer: { FilterId: filterId + 5 } }).status).toBe(
      'NDIS_STATUS_INVALID_PARAMETER',
    );
    const r = a.request({ oid: 'OID_RECEIVE_FILTER_PARAMETERS', buffer: { FilterId: filterId } });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(r.output).toMatchObject({ FilterId: filterId, QueueId: queueId });
    a.clearFilter(queueId, filterId);
    expect(a.request({ oid: 'OID_RECEIVE_FILTER_PARAMETERS', buffer: { FilterId: filterId } }).status).toBe(
      'NDIS_STATUS_INVALID_PARAMETER',
    );
  });

  test("R30 ENUM_QUEUES as QueryInformation lists only the caller's queues; as QueryStatistics it lists all, the default queue included (UNVERIFIED choice)", () => {
    const a = vmqAdapter('ws2012');
    const mine = a.allocate({ binding: 'A' });
    const theirs = a.allocate({ binding: 'B', vm: VM2.name });
    const listed = (binding: string, requestType: RequestTypeName) => {
      const r = a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', binding, requestType });
      expect(r.status).toBe('NDIS_STATUS_SUCCESS');
      return (r.output!['Elements'] as { QueueId: number }[]).map((el) => el.QueueId);
    };
    expect(listed('A', 'NdisRequestQueryInformation')).toEqual([mine]);
    expect(listed('B', 'NdisRequestQueryInformation')).toEqual([theirs]);
    expect(listed('C', 'NdisRequestQueryInformation')).toEqual([]);
    expect(listed('C', 'NdisRequestQueryStatistics')).toEqual([0, mine, theirs]);
  });
});

describe('R31/R32 capabilities', () => {
  type Caps = Record<string, number>;
  const caps = (
    a: ReturnType<typeof vmqAdapter>,
    which: 'HARDWARE' | 'CURRENT',
  ): Caps & { Header: { Revision: number; Size: number } } => {
    const r = a.request({ oid: `OID_RECEIVE_FILTER_${which}_CAPABILITIES` });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    return r.output as Caps & { Header: { Revision: number; Size: number } };
  };
  const has = (word: number, bits: number) => (word & bits) === bits;
  const FLAG_WORDS = [
    'EnabledFilterTypes',
    'EnabledQueueTypes',
    'SupportedQueueProperties',
    'SupportedFilterTests',
    'SupportedHeaders',
    'SupportedMacHeaderFields',
  ];
  const COUNTS = ['NumQueues', 'MaxMacHeaderFilters', 'MinLookaheadSplitSize', 'MaxLookaheadSplitSize'];

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R31 %s: the current capabilities of a VMQ adapter carry every mandatory bit',
    (profile) => {
      const c = caps(vmqAdapter(profile), 'CURRENT');
      expect(has(c['SupportedQueueProperties']!, 0x1 | 0x2)).toBe(true);
      expect(has(c['SupportedFilterTests']!, 0x1)).toBe(true);
      expect(has(c['SupportedHeaders']!, 0x1)).toBe(true);
      expect(has(c['SupportedMacHeaderFields']!, 0x1)).toBe(true);
      expect(has(c['EnabledFilterTypes']!, 0x1)).toBe(true);
      expect(has(c['EnabledQueueTypes']!, 0x1)).toBe(true);
      expect(c['NumQueues']).toBeGreaterThanOrEqual(1);
      expect(c['MaxMacHeaderFilters']).toBeGreaterThanOrEqual(c['NumQueues']!);
    },
  );

  test('R31 ws2012 (6.30): dynamic affinity + vector coalescing set, no lookahead split, split sizes 0, revision 2 / 84 bytes', () => {
    for (const which of ['HARDWARE', 'CURRENT'] as const) {
      const c = caps(vmqAdapter('ws2012'), which);
      expect(has(c['SupportedQueueProperties']!, 0x8 | 0x10)).toBe(true);
      expect(c['SupportedQueueProperties']! & 0x4).toBe(0);
      expect([c['MinLookaheadSplitSize'], c['MaxLookaheadSplitSize']]).toEqual([0, 0]);
      expect([c.Header.Revision, c.Header.Size]).toEqual([2, 84]);
    }
  });

  test('R31 ws2008r2 (6.20): revision 1 / 56 bytes, lookahead split advertised with Min/Max 64/128 (netvmini values)', () => {
    const c = caps(vmqAdapter('ws2008r2'), 'CURRENT');
    expect([c.Header.Revision, c.Header.Size]).toEqual([1, 56]);
    expect(has(c['SupportedQueueProperties']!, 0x4)).toBe(true);
    expect([c['MinLookaheadSplitSize'], c['MaxLookaheadSplitSize']]).toEqual([64, 128]);
  });

  test.each<[string, ProfileName, (c: import('../types.ts').EngineConfig) => void]>([
    ['ws2008r2 defaults', 'ws2008r2', () => {}],
    ['ws2012 defaults', 'ws2012', () => {}],
    [
      '*VMQVlanFiltering = 0',
      'ws2012',
      (c) => {
        c.adapter.vlanFiltering = false;
      },
    ],
    [
      '*VMQLookaheadSplit = 0',
      'ws2008r2',
      (c) => {
        c.adapter.lookaheadSplit = false;
      },
    ],
    [
      '*VMQ = 0',
      'ws2012',
      (c) => {
        c.adapter.vmqEnabled = false;
      },
    ],
  ])('R32 %s: current capabilities ⊆ hardware capabilities', (_name, profile, tweak) => {
    const a = vmqAdapter(profile, tweak);
    const hw = caps(a, 'HARDWARE');
    const cur = caps(a, 'CURRENT');
    for (const w of FLAG_WORDS) expect([w, cur[w]! & ~hw[w]!]).toEqual([w, 0]);
    for (const n of COUNTS) expect(cur[n]!).toBeLessThanOrEqual(hw[n]!);
  });

  test('R32 *VMQVlanFiltering = 0 removes MAC_HEADER_VLAN_ID_SUPPORTED from the current capabilities only', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.vlanFiltering = false;
    });
    expect(caps(a, 'HARDWARE')['SupportedMacHeaderFields']! & 0x8).toBe(0x8);
    expect(caps(a, 'CURRENT')['SupportedMacHeaderFields']! & 0x8).toBe(0);
  });

  test('R32 *VMQLookaheadSplit = 0 on ws2008r2: split gone from the current capabilities and a split request is refused with NOT_SUPPORTED', () => {
    const a = vmqAdapter('ws2008r2', (c) => {
      c.adapter.lookaheadSplit = false;
    });
    const cur = caps(a, 'CURRENT');
    expect(cur['SupportedQueueProperties']! & 0x4).toBe(0);
    expect([cur['MinLookaheadSplitSize'], cur['MaxLookaheadSplitSize']]).toEqual([0, 0]);
    expect(a.tryAllocate({ lookahead: 128 }).status).toBe('NDIS_STATUS_NOT_SUPPORTED');
  });

  test('R31 GLOBAL_PARAMETERS reports the enabled filter and queue types of the current capabilities', () => {
    const r = vmqAdapter('ws2012').request({ oid: 'OID_RECEIVE_FILTER_GLOBAL_PARAMETERS' });
    expect(r.output).toMatchObject({ EnabledFilterTypes: 1, EnabledQueueTypes: 1 });
  });
});

describe('R33 resource limits', () => {
  test.each<'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE'>(['NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE'])(
    'R33 allocating beyond NumQueues → %s (queuesExhaustedStatus, UNVERIFIED); a freed slot can be used again',
    (status) => {
      const a = vmqAdapter('ws2012', (c) => {
        c.adapter.capabilities = { NumQueues: 2 };
        c.adapter.options.queuesExhaustedStatus = status;
      });
      const q1 = a.allocate();
      a.allocate();
      expect(a.tryAllocate().status).toBe(status);
      expect(a.e.view().queues).toHaveLength(3);
      a.free(q1);
      expect(a.tryAllocate().status).toBe('NDIS_STATUS_SUCCESS');
    },
  );

  test('R33 while an ALLOCATE_QUEUE is pended in the miniport, NDIS holds a second one and refuses it once the only queue is taken', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.capabilities = { NumQueues: 1 };
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_ALLOCATE_QUEUE: 5_000 };
    });
    const first = a.tryAllocate();
    expect(first.status).toBe('NDIS_STATUS_PENDING');
    const second = a.tryAllocate();
    expect([second.status, second.layer]).toEqual(['NDIS_STATUS_PENDING', 'NDIS']);
    a.settle();
    expect(a.e.result(first.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.result(second.requestId)!.status).toBe('NDIS_STATUS_RESOURCES');
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0, 1]);
  });

  test('R33 setting more filters than MaxMacHeaderFilters → filtersExhaustedStatus (RESOURCES by default)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.capabilities = { MaxMacHeaderFilters: 2 };
    });
    a.filter(0, VM1.mac, 10);
    a.filter(0, VM2.mac, 20);
    expect(a.setMacFilter(0, VM3.mac, 30).status).toBe('NDIS_STATUS_RESOURCES');
    expect(a.e.view().filters).toHaveLength(2);
  });
});

describe('R45–R47', () => {
  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R45 %s: MOVE_FILTER on a VMQ-only adapter → NDIS_STATUS_NOT_SUPPORTED, filter unmoved',
    (profile) => {
      const a = vmqAdapter(profile);
      const { queueId, filterId } = a.vmQueue(VM1);
      const r = a.request({
        oid: 'OID_RECEIVE_FILTER_MOVE_FILTER',
        buffer: { FilterId: filterId, SourceQueueId: queueId, DestQueueId: 0 },
      });
      expect(r.status).toBe('NDIS_STATUS_NOT_SUPPORTED');
      expect(a.e.view().filters[0]!.QueueId).toBe(queueId);
    },
  );

  test('R46 NumQueues and MaxMacHeaderFilters above 65535 are capped at 65535 (16-bit NBL fields)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.capabilities = { NumQueues: 100_000, MaxMacHeaderFilters: 70_000 };
    });
    for (const which of ['HARDWARE', 'CURRENT']) {
      const r = a.request({ oid: `OID_RECEIVE_FILTER_${which}_CAPABILITIES` as OidName });
      expect(r.output).toMatchObject({ NumQueues: 65535, MaxMacHeaderFilters: 65535 });
    }
  });

  test('R47 ws2012: an affinity change emits NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS carrying only INTERRUPT_COALESCING_DOMAIN_ID_CHANGED, payload rev 2', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { mask: 2 });
    const mark = a.mark();
    expect(
      a.setQueueParameters(queueId, {
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
        ProcessorAffinity: { Mask: 4, Group: 0 },
      }).status,
    ).toBe('NDIS_STATUS_SUCCESS');
    const ind = a.of('status-indicated', mark);
    expect(ind.map((s) => s.code)).toEqual(['NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS']);
    const payload = ind[0]!.payload as {
      Header: { Type: number; Revision: number; Size: number };
      Flags: number;
      QueueId: number;
      InterruptCoalescingDomainId: number;
    };
    expect(payload.Flags).toBe(0x00100000);
    expect(payload.Header).toEqual({ Type: 0x80, Revision: 2, Size: 1092 });
    expect(payload.QueueId).toBe(queueId);
    expect(payload.InterruptCoalescingDomainId).toBe(a.e.queue(queueId)!.InterruptCoalescingDomainId);
    expect(a.violations(mark)).toEqual([]);
  });

  test('R47 ws2008r2 (6.20): an affinity change before completion succeeds and emits no NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS (6.30-only indication)', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate({ mask: 2 });
    const r = a.setQueueParameters(q, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: 8, Group: 0 },
    });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(q)!.cpu).toBe(3);
    expect(a.of('status-indicated')).toEqual([]);
  });
});

describe('processor affinity: static VMQ (6.20) vs dynamic VMQ (6.30)', () => {
  test('ws2008r2: an affinity change after allocation completed → NOT_SUPPORTED (static VMQ); the queue keeps its CPU', () => {
    const a = vmqAdapter('ws2008r2');
    const { queueId } = a.vmQueue(VM1, { mask: 2 });
    const r = a.setQueueParameters(queueId, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: 4, Group: 0 },
    });
    expect(r.status).toBe('NDIS_STATUS_NOT_SUPPORTED');
    expect(a.e.queue(queueId)!.cpu).toBe(1);
  });

  test("ws2012: an affinity change succeeds and the queue's DPC and indications move to the new CPU", () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { mask: 2 });
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(
      a
        .indicated()
        .filter((p) => p.queueId === queueId)
        .map((p) => p.cpu),
    ).toEqual([1]);
    expect(
      a.setQueueParameters(queueId, {
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
        ProcessorAffinity: { Mask: 0b1100, Group: 0 },
      }).status,
    ).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(queueId)!.cpu).toBe(2);
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.settle();
    expect(new Set(a.of('dpc-ran', mark).map((d) => d.cpu))).toEqual(new Set([2]));
    expect(new Set(a.indicated(mark).map((p) => p.cpu))).toEqual(new Set([2]));
    expect(a.indicatedOn(queueId, mark)).toBe(3);
  });

  test("ws2012: frames waiting for the old CPU's DPC are indicated on the new CPU after a move, none lost", () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { mask: 2 });
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 100 });
    a.e.advanceBy(500); // DMA'd, DPC (2 µs latency) not yet run
    expect(a.e.queue(queueId)!.pending).toBe(3);
    a.setQueueParameters(queueId, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: 8, Group: 0 },
    });
    a.settle();
    expect(
      a
        .indicated()
        .filter((p) => p.queueId === queueId)
        .map((p) => [p.cpu, p.count]),
    ).toEqual([[3, 3]]);
  });
});

describe('pended OIDs', () => {
  test('a miniport pending SET_FILTER returns NDIS_STATUS_PENDING, then completes once with an oid-completed event after the configured delay', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 5_000 };
    });
    const q = a.allocate();
    const r = a.setMacFilter(q, VM1.mac, 10);
    expect([r.status, r.layer, r.completedAtNs]).toEqual(['NDIS_STATUS_PENDING', 'miniport', undefined]);
    expect(a.of('oid-pended').map((p) => p.requestId)).toEqual([r.requestId]);
    a.e.advanceBy(4_999);
    expect(a.of('oid-completed').filter((c) => c.result.requestId === r.requestId)).toEqual([]);
    a.settle();
    const done = a.of('oid-completed').filter((c) => c.result.requestId === r.requestId);
    expect(done).toHaveLength(1);
    expect([done[0]!.pended, done[0]!.result.status, done[0]!.result.completedAtNs]).toEqual([
      true,
      'NDIS_STATUS_SUCCESS',
      5_000,
    ]);
    expect(a.e.result(r.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(q)!.filterIds).toEqual([filterIdOf(a.e.result(r.requestId)!)]);
  });

  test('NDIS answers cache OIDs itself: pendingOids for ENUM_QUEUES has no effect (the miniport never sees it)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_ENUM_QUEUES: 5_000 };
    });
    const r = a.request({ oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' });
    expect([r.status, r.layer]).toEqual(['NDIS_STATUS_SUCCESS', 'NDIS']);
  });

  test('a FilterId reserved by a pended SET_FILTER is not handed out to another SET_FILTER', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 5_000 };
    });
    a.setMacFilter(0, VM1.mac, 10);
    a.setMacFilter(0, VM2.mac, 20);
    a.settle();
    const ids = a
      .of('oid-completed')
      .filter((c) => c.result.oid === 'OID_RECEIVE_FILTER_SET_FILTER')
      .map((c) => filterIdOf(c.result));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  test('R21 a FREE_QUEUE issued while a SET_FILTER is pended in the miniport waits behind it, then is refused: the filter never ends up on a freed queue', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 5_000 };
    });
    const q = a.allocate({ binding: 'vmswitch' });
    const set = a.setMacFilter(q, VM1.mac, 10);
    expect(set.status).toBe('NDIS_STATUS_PENDING');
    const free = a.free(q);
    expect([free.status, free.layer]).toEqual(['NDIS_STATUS_PENDING', 'NDIS']);
    a.settle();
    expect(a.e.result(set.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.result(free.requestId)!.status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    const view = a.e.view();
    const live = new Set(view.queues.map((x) => x.QueueId));
    expect(view.filters.filter((f) => !live.has(f.QueueId))).toEqual([]);
    expect(a.e.queue(q)!.filterIds).toHaveLength(1);
    expect(a.of('rule-violated').map((v) => v.rule)).toEqual(['R21']);
  });
});

describe('pended OIDs racing each other (the miniport runs them later, on the state of that moment)', () => {
  test('R22/R26 two FREE_QUEUEs of one queue both pended: exactly one DmaStopped; the second must not bring the freed queue back', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_FREE_QUEUE: 1_000 };
    });
    const q = a.allocate();
    a.complete([q]);
    const first = a.free(q);
    const second = a.free(q);
    a.settle();
    expect(a.e.result(first.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.result(second.requestId)!.status).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.of('status-indicated').filter((s) => s.queueId === q)).toHaveLength(1);
    expect(a.of('queue-state-changed').filter((s) => s.queueId === q && s.from === 'Undefined')).toHaveLength(1);
    expect(a.errors()).toEqual([]);
  });

  test('R17 two CLEAR_FILTERs of one filter both pended: the first clears it, the second completes with a failure (no crash)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_CLEAR_FILTER: 1_000 };
    });
    const f = a.filter(0, VM1.mac, 10);
    const first = a.clearFilter(0, f);
    const second = a.clearFilter(0, f);
    expect(() => a.settle()).not.toThrow();
    expect(a.e.result(first.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.result(second.requestId)!.completedAtNs).toBeDefined();
    expect(a.e.result(second.requestId)!.status).not.toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.view().filters).toEqual([]);
  });

  test('R41 a binding closed while its CLEAR_FILTER is pended: NDIS cleans up, the pended request completes once (no crash)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_CLEAR_FILTER: 1_000 };
    });
    const f = a.filter(0, VM1.mac, 10, 'ext');
    const clear = a.clearFilter(0, f, 'ext');
    a.e.closeBinding('ext');
    expect(() => a.settle()).not.toThrow();
    expect(a.of('oid-completed').filter((c) => c.result.requestId === clear.requestId)).toHaveLength(1);
    expect(a.e.view().filters).toEqual([]);
  });
});

describe('reset', () => {
  test('R25 MiniportResetEx aborts a FREE_QUEUE waiting for NBLs with NDIS_STATUS_REQUEST_ABORTED; a later FREE_QUEUE finishes with no second DmaStopped', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.returnLatencyNs = null;
    });
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    a.clearFilter(queueId, filterId);
    const free = a.free(queueId);
    expect(free.status).toBe('NDIS_STATUS_PENDING');
    a.e.adapterAction('reset');
    expect(a.e.result(free.requestId)!.status).toBe('NDIS_STATUS_REQUEST_ABORTED');
    expect(a.of('oid-completed').filter((c) => c.result.requestId === free.requestId)).toHaveLength(1);
    a.settle();
    expect(a.e.view().state).toBe('Running');
    const again = a.free(queueId);
    expect(again.status).toBe('NDIS_STATUS_PENDING');
    a.e.returnNbls(queueId, 'all');
    expect(a.e.result(again.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(queueId)).toBeUndefined();
    expect(a.of('status-indicated').filter((s) => s.code === 'NDIS_STATUS_RECEIVE_QUEUE_STATE')).toHaveLength(1);
    expect(a.errors()).toEqual([]);
  });

  test('R25 while the miniport resets, FREE_QUEUE and CLEAR_FILTER fail only with NDIS_STATUS_NOT_ACCEPTED; after the reset they work', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    const spare = a.allocate({ vm: VM2.name });
    a.complete([spare]);
    a.e.adapterAction('reset');
    expect(a.e.view().state).toBe('Resetting');
    expect(a.clearFilter(queueId, filterId).status).toBe('NDIS_STATUS_NOT_ACCEPTED');
    expect(a.free(spare).status).toBe('NDIS_STATUS_NOT_ACCEPTED');
    a.settle();
    expect(a.clearFilter(queueId, filterId).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.free(spare).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.errors()).toEqual([]);
  });

  test('reset aborts every pended request with REQUEST_ABORTED and frames during the reset are dropped as adapter-resetting', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_ALLOCATE_QUEUE: 5_000 };
    });
    const r = a.tryAllocate();
    a.e.adapterAction('reset');
    expect(a.e.result(r.requestId)!.status).toBe('NDIS_STATUS_REQUEST_ABORTED');
    a.traffic(STRANGER_MAC, { count: 2, intervalNs: 100 });
    a.e.advanceBy(1_000);
    expect(a.e.view().totals.dropped).toEqual({ 'adapter-resetting': 2 });
    a.settle();
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });
});
