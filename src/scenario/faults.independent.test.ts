/**
 * Independent tests of the miniport-side faults of the `fault` step (docs/scenario-format.md "`fault`: inject a
 * fault"): refuseOid, pendOid, sharedMemoryExhausted and surpriseRemoval, with what the reference says follows
 * (docs/ndis-reference.md §3, §5.5, §7, R22–R27, R40, R42) and the decisions ("Fault injection"). Written from the
 * documents, not from the code: each scenario says what must hold, and what the checker must (not) report.
 */
import { describe, expect, it } from 'vitest';
import { CLEAR_F, FREE_Q, TRAFFIC_TO_VM1 } from './checkLanguage.independent.testing.ts';
import { adapterWith, expectEveryCheckHolds, oidExpecting, rulesOf } from './faults.independent.testing.ts';
import { RUNNING_QUEUE, VM1, allocateBuffer, macTest, setFilterBuffer, vlanTest } from './independent.testing.ts';

const Q = '$q.QueueId';
const SUCCESS = 'NDIS_STATUS_SUCCESS';
const ALLOCATE = { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() };
const [ALLOCATE_Q, SET_F] = RUNNING_QUEUE as [unknown, unknown];
const SET_F_UNSAVED = { oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: setFilterBuffer() };
const refuse = (oid: string, status: string, count?: number | 'always') => ({
  fault: { refuseOid: `OID_RECEIVE_FILTER_${oid}`, status, ...(count === undefined ? {} : { count }) },
});
const atMiniport = (status: string, pended = false) => ({ status, layer: 'miniport', pended });
const byNdis = (status: string) => ({ status, layer: 'NDIS', pended: false });
const faultEvents = (where: Record<string, unknown>, count: number) => ({
  where: { event: 'fault-injected', ...where },
  count,
});

describe('refuseOid: the miniport refuses the next `count` requests that reach it', () => {
  it('refuses the next ALLOCATE_QUEUE with the status, layer miniport; the one after succeeds', () => {
    const run = expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 1),
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      { ...ALLOCATE, saveAs: 'q', expect: atMiniport(SUCCESS) },
      { expect: { queue: { QueueId: Q, state: 'Allocated' }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('count defaults to 1', () => {
    expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_FAILURE'),
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_FAILURE') },
      { ...ALLOCATE, expect: atMiniport(SUCCESS) },
    ]);
  });

  it('"always" keeps refusing, and count 0 stops refusing', () => {
    expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 'always'),
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 0),
      { ...ALLOCATE, expect: atMiniport(SUCCESS) },
    ]);
  });

  it('a refused ALLOCATE_QUEUE leaves no queue behind (§3.4: the queue exists only after SUCCESS)', () => {
    expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 2),
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      {
        expect: {
          queue: [
            { QueueId: 1, exists: false },
            { QueueId: 2, exists: false },
          ],
          violations: [],
        },
      },
    ]);
  });

  it('R2 NDIS validates first: a too-short buffer gets INVALID_LENGTH from NDIS and does not use up the refusal', () => {
    expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 1),
      { ...ALLOCATE, bufferLength: 8, expect: { ...byNdis('NDIS_STATUS_INVALID_LENGTH'), BytesNeeded: { gt: 8 } } },
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_RESOURCES') },
      { ...ALLOCATE, expect: atMiniport(SUCCESS) },
    ]);
  });

  it('§3.1 requests NDIS answers from its cache never reach the miniport, so they are not refused', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      refuse('HARDWARE_CAPABILITIES', 'NDIS_STATUS_FAILURE', 'always'),
      refuse('ENUM_QUEUES', 'NDIS_STATUS_FAILURE', 'always'),
      oidExpecting('HARDWARE_CAPABILITIES', undefined, byNdis(SUCCESS)),
      oidExpecting('ENUM_QUEUES', undefined, byNdis(SUCCESS)),
      oidExpecting('QUEUE_PARAMETERS', { QueueId: Q }, byNdis(SUCCESS)),
    ]);
  });

  it('a refused SET_FILTER programs nothing: the queue completes Paused and its frames go to the default queue', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      refuse('SET_FILTER', 'NDIS_STATUS_INVALID_PARAMETER', 1),
      { ...SET_F_UNSAVED, expect: atMiniport('NDIS_STATUS_INVALID_PARAMETER') },
      { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: Q }] } },
      ...TRAFFIC_TO_VM1(4, 200),
      {
        expect: {
          queue: [
            { QueueId: Q, state: 'Paused', filters: 0, indicated: 0 },
            { QueueId: 0, indicated: 4 },
          ],
          violations: [],
        },
      },
    ]);
  });

  it('a refused QUEUE_ALLOCATION_COMPLETE leaves the queue un-completed (Set), so it never runs', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      SET_F,
      refuse('QUEUE_ALLOCATION_COMPLETE', 'NDIS_STATUS_RESOURCES', 1),
      {
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: [{ QueueId: Q }] },
        expect: atMiniport('NDIS_STATUS_RESOURCES'),
      },
      ...TRAFFIC_TO_VM1(3, 200),
      {
        expect: {
          queue: [
            { QueueId: Q, state: 'Set', indicated: 0 },
            { QueueId: 0, indicated: 3 },
          ],
        },
      },
    ]);
  });

  it('a CLEAR_FILTER refused with NOT_ACCEPTED keeps the filter, and R25 allows that status', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      refuse('CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED', 1),
      { ...CLEAR_F, expect: atMiniport('NDIS_STATUS_NOT_ACCEPTED') },
      ...TRAFFIC_TO_VM1(2, 200),
      { expect: { queue: { QueueId: Q, state: 'Running', filters: 1, indicated: 2 }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it.each(['NDIS_STATUS_NOT_ACCEPTED', 'NDIS_STATUS_REQUEST_ABORTED'])(
    'R25 a FREE_QUEUE refused with %s is legal: no violation, the queue is not freed',
    (status) => {
      const run = expectEveryCheckHolds([
        ...RUNNING_QUEUE,
        CLEAR_F,
        refuse('FREE_QUEUE', status, 1),
        { ...FREE_Q, expect: atMiniport(status) },
        { expect: { queue: { QueueId: Q, exists: true }, violations: [] } },
      ]);
      expect(rulesOf(run)).toEqual([]);
    },
  );

  it.each([
    ['FREE_QUEUE', 'NDIS_STATUS_FAILURE'],
    ['FREE_QUEUE', 'NDIS_STATUS_RESOURCES'],
    ['CLEAR_FILTER', 'NDIS_STATUS_FAILURE'],
    ['CLEAR_FILTER', 'NDIS_STATUS_INVALID_PARAMETER'],
  ])('R25 refusing %s with %s is a miniport bug the checker reports', (oid, status) => {
    const steps = [
      ...RUNNING_QUEUE,
      ...(oid === 'FREE_QUEUE' ? [CLEAR_F] : []),
      refuse(oid, status, 1),
      { ...(oid === 'FREE_QUEUE' ? FREE_Q : CLEAR_F), expect: atMiniport(status) },
      { expect: { violations: ['R25'] } },
    ];
    const run = expectEveryCheckHolds(steps);
    expect(rulesOf(run)).toEqual(['R25']);
    expect(run.report.violations.every((v) => v.rule !== 'R25' || v.severity === 'error')).toBe(true);
  });

  it('the fault is traced as fault-injected with its kind, OID and status, and an effect in words', () => {
    expectEveryCheckHolds([
      refuse('ALLOCATE_QUEUE', 'NDIS_STATUS_RESOURCES', 1),
      {
        expect: {
          events: [
            {
              ...faultEvents(
                { fault: 'refuse-oid', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES' },
                1,
              ),
              each: { effect: { not: '' }, t: 0 },
            },
          ],
        },
      },
    ]);
  });
});

describe('pendOid: the miniport pends every request of the OID and completes it after the delay', () => {
  const completedAt = (oid: string, t: Record<string, number>) => ({
    where: { event: 'oid-completed', oid: `OID_RECEIVE_FILTER_${oid}` },
    count: 1,
    each: { t },
  });

  it('R25 a FREE_QUEUE pended for 500 µs returns PENDING first and completes with SUCCESS at 500 µs', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      CLEAR_F,
      { fault: { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '500us' } },
      { ...FREE_Q, expect: atMiniport(SUCCESS, true) },
      { advance: '400us' },
      { expect: { queue: { QueueId: Q, exists: true } } },
      { advance: '200us' },
      {
        expect: {
          queue: { QueueId: Q, exists: false },
          events: [completedAt('FREE_QUEUE', { gte: 500_000, lte: 510_000 })],
          violations: [],
        },
      },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('the fault replaces the options.pendingOids entry: 200 µs instead of 50 µs', () => {
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        CLEAR_F,
        { fault: { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '200us' } },
        { ...FREE_Q, expect: atMiniport(SUCCESS, true) },
        { advance: '1ms' },
        { expect: { events: [completedAt('FREE_QUEUE', { gte: 200_000 })] } },
      ],
      adapterWith({ pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' } }),
    );
  });

  it('"delay": null answers at once again, even over an options.pendingOids entry', () => {
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        CLEAR_F,
        { fault: { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: null } },
        { ...FREE_Q, expect: atMiniport(SUCCESS, false) },
        { expect: { queue: { QueueId: Q, exists: false } } },
      ],
      adapterWith({ pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' } }),
    );
  });

  it('pends every request of the OID, not just the next one', () => {
    expectEveryCheckHolds([
      { fault: { pendOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', delay: '10us' } },
      { ...ALLOCATE, expect: atMiniport(SUCCESS, true) },
      { advance: '50us' },
      { ...ALLOCATE, expect: atMiniport(SUCCESS, true) },
      { advance: '50us' },
      { expect: { events: [{ where: { event: 'oid-pended', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' }, count: 2 }] } },
    ]);
  });

  it('a pended ALLOCATE_QUEUE has no output until it completes; its saved QueueId works after', () => {
    expectEveryCheckHolds([
      { fault: { pendOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', delay: '20us' } },
      { ...(ALLOCATE_Q as object), expect: atMiniport(SUCCESS, true) },
      { advance: '30us' },
      { expect: { queue: { QueueId: Q, state: 'Allocated' } } },
    ]);
  });

  it('requests NDIS answers from its cache are not pended', () => {
    expectEveryCheckHolds([
      { fault: { pendOid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', delay: '100us' } },
      oidExpecting('HARDWARE_CAPABILITIES', undefined, byNdis(SUCCESS)),
    ]);
  });

  it('R25 a pended CLEAR_FILTER completes with SUCCESS; the queue is Paused once it has', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { pendOid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', delay: '100us' } },
      { ...CLEAR_F, expect: atMiniport(SUCCESS, true) },
      { advance: '150us' },
      { expect: { queue: { QueueId: Q, state: 'Paused', filters: 0 }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });
});

describe('sharedMemoryExhausted: NdisAllocateSharedMemory fails after `afterBlocks` more blocks (§7.1, §7.2)', () => {
  const exhausted = (afterBlocks?: number, status?: string) => ({
    fault: {
      sharedMemoryExhausted: {
        ...(afterBlocks === undefined ? {} : { afterBlocks }),
        ...(status === undefined ? {} : { status }),
      },
    },
  });
  const completeExpecting = (completionStatus: string) => ({
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: [{ QueueId: Q }] },
    expect: { status: SUCCESS, output: { Elements: [{ QueueId: Q, CompletionStatus: completionStatus }] } },
  });

  it('§3.5 the failure goes into the queue’s CompletionStatus (default RESOURCES); the queue stays Set and never runs', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      SET_F,
      exhausted(),
      completeExpecting('NDIS_STATUS_RESOURCES'),
      ...TRAFFIC_TO_VM1(3, 200),
      {
        expect: {
          queue: [
            { QueueId: Q, state: 'Set', indicated: 0 },
            { QueueId: 0, indicated: 3 },
          ],
          memory: [{ QueueId: Q, count: 0 }],
          violations: [],
        },
      },
    ]);
  });

  it('status NDIS_STATUS_FAILURE is given to the element instead', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      SET_F,
      exhausted(0, 'NDIS_STATUS_FAILURE'),
      completeExpecting('NDIS_STATUS_FAILURE'),
    ]);
  });

  it('R27 each element gets its own CompletionStatus: with one block left, one of two queues completes', () => {
    const VM2 = { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 };
    expectEveryCheckHolds(
      [
        ALLOCATE_Q,
        SET_F,
        { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'r', buffer: allocateBuffer({ VmName: 'VM2' }) },
        {
          oid: 'OID_RECEIVE_FILTER_SET_FILTER',
          buffer: setFilterBuffer({
            QueueId: '$r.QueueId',
            FieldParameters: [macTest({ FieldByteArrayValue: VM2.mac }), vlanTest({ FieldShortValue: VM2.vlan })],
          }),
        },
        exhausted(1),
        {
          oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
          buffer: { Elements: [{ QueueId: Q }, { QueueId: '$r.QueueId' }] },
          expect: {
            status: SUCCESS,
            output: {
              Elements: {
                set: [{ CompletionStatus: SUCCESS }, { CompletionStatus: 'NDIS_STATUS_RESOURCES' }],
              },
            },
          },
        },
        { expect: { violations: [] } },
      ],
      { vms: [VM1, VM2] },
    );
  });

  describe('a queue whose buffers need two blocks (2008 R2 lookahead split, §7.3) fails part-way', () => {
    const SPLIT = [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'q',
        buffer: allocateBuffer({
          NumSuggestedReceiveBuffers: 16,
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED'],
          LookaheadSize: 128,
        }),
      },
      SET_F,
    ];
    const r2 = { adapter: { profile: 'ws2008r2' } };
    const PART_WAY = [
      ...SPLIT,
      exhausted(1),
      completeExpecting('NDIS_STATUS_RESOURCES'),
      {
        expect: { queue: { QueueId: Q, state: 'Set' }, memory: [{ QueueId: Q, count: 1 }] },
        comment: 'the block allocated before the failure stays with the queue',
      },
    ];
    const freedOf = { event: 'memory-freed', QueueId: Q };

    it('R40 the block already allocated stays with the queue until FREE_QUEUE frees it inside its sequence', () => {
      const run = expectEveryCheckHolds(
        [
          ...PART_WAY,
          { advance: '100us' },
          { expect: { memory: [{ QueueId: Q, count: 1 }], events: [{ where: freedOf, count: 0 }] } },
          CLEAR_F,
          { ...FREE_Q, expect: { status: SUCCESS } },
          { advance: '100us' },
          {
            expect: {
              queue: { QueueId: Q, exists: false },
              memory: [{ QueueId: Q, count: 0 }],
              events: [{ where: freedOf, count: 1 }],
              order: [
                {
                  sequence: [
                    { event: 'status-indicated', QueueId: Q, QueueState: 'NdisReceiveQueueOperationalStateDmaStopped' },
                    freedOf,
                    { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: SUCCESS },
                  ],
                },
              ],
              violations: [],
            },
          },
        ],
        r2,
      );
      expect(rulesOf(run)).toEqual([]);
    });

    it('a repeated QUEUE_ALLOCATION_COMPLETE, once memory is available again, allocates only the missing block', () => {
      expectEveryCheckHolds(
        [
          ...PART_WAY,
          exhausted(5),
          completeExpecting(SUCCESS),
          {
            expect: {
              queue: { QueueId: Q, state: 'Running' },
              memory: [{ QueueId: Q, count: 2 }],
              events: [{ where: { event: 'memory-allocated', QueueId: Q }, count: 2 }],
              violations: [],
            },
          },
        ],
        r2,
      );
    });

    it('R42 R40 a halt after the part-way failure frees the queue and its block, and completes', () => {
      const run = expectEveryCheckHolds(
        [
          ...PART_WAY,
          { adapter: 'halt' },
          { advance: '1ms' },
          {
            expect: {
              adapter: 'Halted',
              queue: { QueueId: Q, exists: false },
              memory: [
                { QueueId: Q, count: 0 },
                { space: 'management-os', count: 0 },
                { space: 'VM1', count: 0 },
              ],
              violations: [],
            },
          },
        ],
        r2,
      );
      expect(rulesOf(run)).toEqual([]);
    });
  });

  it('blocks already allocated before the fault are untouched: a Running queue keeps receiving', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      exhausted(0),
      ...TRAFFIC_TO_VM1(5, 200),
      { expect: { queue: { QueueId: Q, state: 'Running', indicated: 5 }, memory: [{ QueueId: Q, count: 1 }] } },
    ]);
  });
});

describe('surpriseRemoval: the NIC is gone until NDIS halts it (§3, §5.5)', () => {
  const REMOVED = { fault: 'surpriseRemoval' };

  it('frames that still reach the wire are dropped as adapter-removed and never indicated', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      REMOVED,
      ...TRAFFIC_TO_VM1(6, 200),
      {
        expect: {
          totals: { indicated: 0, dropped: { 'adapter-removed': 6 } },
          queue: { QueueId: Q, indicated: 0, pending: 0 },
          violations: [],
        },
      },
    ]);
  });

  it('frames DMA’d but not yet indicated are dropped as adapter-removed too', () => {
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
        { advance: '10us' },
        { expect: { queue: { QueueId: Q, pending: 3, indicated: 0 } }, comment: 'waiting for the 50 µs DPC' },
        REMOVED,
        { advance: '200us' },
        {
          expect: {
            queue: { QueueId: Q, pending: 0, indicated: 0 },
            totals: { indicated: 0, inFlight: 0, dropped: { 'adapter-removed': 3 } },
          },
        },
      ],
      adapterWith({ dpcLatencyNs: '50us' }),
    );
  });

  it('R25 requests that reach the miniport get NOT_ACCEPTED from it, which is legal for CLEAR_FILTER and FREE_QUEUE', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      REMOVED,
      { ...ALLOCATE, expect: atMiniport('NDIS_STATUS_NOT_ACCEPTED') },
      { ...SET_F_UNSAVED, expect: atMiniport('NDIS_STATUS_NOT_ACCEPTED') },
      { ...CLEAR_F, expect: atMiniport('NDIS_STATUS_NOT_ACCEPTED') },
      { expect: { queue: { QueueId: Q, filters: 1 }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('requests NDIS answers from its cache still succeed', () => {
    expectEveryCheckHolds([
      ALLOCATE_Q,
      REMOVED,
      oidExpecting('HARDWARE_CAPABILITIES', undefined, byNdis(SUCCESS)),
      oidExpecting('QUEUE_PARAMETERS', { QueueId: Q }, byNdis(SUCCESS)),
    ]);
  });

  it('R25 a request pended before the removal completes with NOT_ACCEPTED', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      CLEAR_F,
      { fault: { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '100us' } },
      { ...FREE_Q, expect: atMiniport('NDIS_STATUS_NOT_ACCEPTED', true) },
      REMOVED,
      { advance: '200us' },
      { expect: { violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('R42 a halt after the removal completes: NDIS’s CLEAR_FILTER and FREE_QUEUE succeed and free the memory', () => {
    const ndisRequest = (oid: string) => ({
      where: { event: 'oid-completed', oid: `OID_RECEIVE_FILTER_${oid}`, issuedBy: 'NDIS' },
      count: 1,
      each: { status: SUCCESS },
    });
    const run = expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        ...TRAFFIC_TO_VM1(4, 200),
        { expect: { queue: { QueueId: Q, outstandingNbls: 4 } } },
        REMOVED,
        { adapter: 'halt' },
        { advance: '1ms' },
        {
          expect: {
            adapter: 'Halted',
            queue: { QueueId: Q, exists: false },
            totals: { returned: 4 },
            memory: [{ space: 'management-os', count: 0 }],
            events: [ndisRequest('CLEAR_FILTER'), ndisRequest('FREE_QUEUE')],
            violations: [],
          },
        },
      ],
      adapterWith({ returnLatencyNs: null }),
    );
    expect(rulesOf(run)).toEqual([]);
  });

  it('a halt after the removal also completes with no queue allocated', () => {
    expectEveryCheckHolds([
      REMOVED,
      { adapter: 'halt' },
      { advance: '1ms' },
      { expect: { adapter: 'Halted', violations: [] } },
    ]);
  });

  it('is traced as fault-injected with fault surprise-removal', () => {
    expectEveryCheckHolds([REMOVED, { expect: { events: [faultEvents({ fault: 'surprise-removal' }, 1)] } }]);
  });
});
