/**
 * Independent tests of the miniport-side faults of the `fault` step (docs/scenario-format.md "`fault`: inject a
 * fault"): refuseOid, pendOid, sharedMemoryExhausted and surpriseRemoval, with what the reference says follows
 * (docs/ndis-reference.md §3, §5.5, §7, R22–R27, R40, R42) and the decisions ("Fault injection"). Written from the
 * documents, not from the code: each scenario says what must hold, and what the checker must (not) report.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/index.ts';
import { CLEAR_F, FREE_Q, TRAFFIC_TO_VM1, docV2, refused, runDoc } from './checkLanguage.independent.testing.ts';
import type { ScenarioError } from './errors.ts';
import { parseScenario } from './parse.ts';
import { createScenarioSession } from './session.ts';
import { adapterWith, expectEveryCheckHolds, oidExpecting, rulesOf } from './faults.independent.testing.ts';
import { RUNNING_QUEUE, VM1, allocateBuffer, macTest, setFilterBuffer, vlanTest } from './independent.testing.ts';

const Q = '$q.QueueId';
const SUCCESS = 'NDIS_STATUS_SUCCESS';
const ALLOCATE = { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() };
const [ALLOCATE_Q, SET_F, COMPLETE] = RUNNING_QUEUE as [unknown, unknown, Record<string, unknown>];
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

describe('delayDpc: the next DPC of the queue runs `delay` later than options.dpcLatencyNs (§9)', () => {
  const ONE_FRAME = (name: string, dst: string) => ({
    traffic: { name, dst, frameBytes: 200, count: 1, interval: '1us' },
  });

  it('delays the next DPC of the queue by 2 ms; the DPC after it is on time, and the checker sees nothing wrong', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { delayDpc: { QueueId: Q, delay: '2ms' } } },
      ONE_FRAME('first', '$vm:VM1'),
      { advance: '1ms' },
      { expect: { queue: { QueueId: Q, pending: 1, indicated: 0 } }, comment: 'the DPC has not run yet' },
      { advance: '1010us' },
      { expect: { queue: { QueueId: Q, pending: 0, indicated: 1 } }, comment: 'it ran 2 ms + 2 µs after' },
      ONE_FRAME('second', '$vm:VM1'),
      { advance: '10us' },
      { expect: { queue: { QueueId: Q, indicated: 2 }, violations: [] }, comment: 'one-shot: on time again' },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('with a QueueId, only that queue’s DPC is late: the default queue’s frame is indicated on time', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { delayDpc: { QueueId: Q, delay: '1ms' } } },
      ONE_FRAME('to VM1', '$vm:VM1'),
      ONE_FRAME('stray', '00-15-5D-00-00-77'),
      { advance: '50us' },
      {
        expect: {
          queue: [
            { QueueId: Q, indicated: 0, pending: 1 },
            { QueueId: 0, indicated: 1 },
          ],
        },
      },
      { advance: '1ms' },
      { expect: { queue: { QueueId: Q, indicated: 1 } } },
    ]);
  });

  it('without a QueueId, the next DPC of any queue is late', () => {
    expectEveryCheckHolds([
      { fault: { delayDpc: { delay: '500us' } } },
      ONE_FRAME('stray', '00-15-5D-00-00-77'),
      { advance: '100us' },
      { expect: { queue: { QueueId: 0, indicated: 0, pending: 1 } } },
      { advance: '500us' },
      { expect: { queue: { QueueId: 0, indicated: 1 } } },
    ]);
  });

  it('fault-injected of a fault for every queue has QueueId null, which a pattern can select', () => {
    // docs/scenario-format.md, facts of fault-injected: "`QueueId` (`null` = every queue)"; a plain value in a
    // pattern "must be equal", as `frame-dropped` with `QueueId: null` already allows.
    expectEveryCheckHolds([
      { fault: { delayDpc: { delay: '500us' } } },
      { fault: { withholdNbls: {} } },
      { expect: { events: [faultEvents({ QueueId: null }, 2)] } },
    ]);
  });

  it('the delay adds to options.dpcLatencyNs', () => {
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        { fault: { delayDpc: { QueueId: Q, delay: '100us' } } },
        ONE_FRAME('to VM1', '$vm:VM1'),
        { advance: '140us' },
        { expect: { queue: { QueueId: Q, indicated: 0 } }, comment: '50 µs + 100 µs have not passed' },
        { advance: '20us' },
        { expect: { queue: { QueueId: Q, indicated: 1 } } },
      ],
      adapterWith({ dpcLatencyNs: '50us' }),
    );
  });
});

describe('withholdNbls / resumeNbls: a guest that does not return its buffers (§8.2)', () => {
  it('withheld NBLs stay outstanding past the return latency; resumeNbls returns them after the return latency', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: { QueueId: Q } } },
      ...TRAFFIC_TO_VM1(5, 200),
      { expect: { queue: { QueueId: Q, indicated: 5, outstandingNbls: 5, returned: 0 } } },
      { fault: { resumeNbls: { QueueId: Q } } },
      { advance: '10us' },
      { expect: { queue: { QueueId: Q, outstandingNbls: 5 } }, comment: 'the 20 µs return latency has not passed' },
      { advance: '20us' },
      { expect: { queue: { QueueId: Q, outstandingNbls: 0, returned: 5 }, violations: [] } },
      {
        expect: { events: [faultEvents({ fault: 'withhold-nbls', QueueId: Q }, 2)] },
        comment: 'resumeNbls is traced as withhold-nbls too',
      },
    ]);
  });

  it('only the named queue withholds: the default queue’s NBLs come back as usual', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: { QueueId: Q } } },
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
      { traffic: { name: 'stray', dst: '00-15-5D-00-00-77', frameBytes: 200, count: 3, interval: '1us' } },
      { advance: '200us' },
      {
        expect: {
          queue: [
            { QueueId: Q, outstandingNbls: 3 },
            { QueueId: 0, outstandingNbls: 0, returned: 3 },
          ],
        },
      },
    ]);
  });

  it('without a QueueId every queue withholds, and returnNbls steps still return them', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: {} } },
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
      { traffic: { name: 'stray', dst: '00-15-5D-00-00-77', frameBytes: 200, count: 2, interval: '1us' } },
      { advance: '200us' },
      { expect: { totals: { indicated: 5, returned: 0 } } },
      { returnNbls: { QueueId: Q, count: 2 } },
      {
        expect: {
          queue: [
            { QueueId: Q, returned: 2, outstandingNbls: 1 },
            { QueueId: 0, outstandingNbls: 2 },
          ],
        },
      },
      { returnNbls: {} },
      { expect: { totals: { returned: 5 } } },
    ]);
  });

  it('a queue whose guest withholds runs out of buffers: frames are dropped as no-free-buffer', () => {
    expectEveryCheckHolds([
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'q',
        buffer: allocateBuffer({ NumSuggestedReceiveBuffers: 8 }),
      },
      SET_F,
      { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: Q }] } },
      { fault: { withholdNbls: { QueueId: Q } } },
      ...TRAFFIC_TO_VM1(12, 200),
      { expect: { queue: { QueueId: Q, buffers: 8, outstandingNbls: 8, dropped: { 'no-free-buffer': 4 } } } },
    ]);
  });

  it('R24 FREE_QUEUE waits for the withheld NBLs: it pends and completes only after they are back', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: { QueueId: Q } } },
      ...TRAFFIC_TO_VM1(3, 200),
      CLEAR_F,
      { ...FREE_Q, expect: { status: SUCCESS, pended: true } },
      { advance: '500us' },
      { expect: { queue: { QueueId: Q, state: 'Freeing', outstandingNbls: 3 } } },
      { fault: { resumeNbls: { QueueId: Q } } },
      { advance: '100us' },
      {
        expect: {
          queue: { QueueId: Q, exists: false },
          order: [
            {
              sequence: [
                { event: 'nbls-returned', QueueId: Q },
                { event: 'memory-freed', QueueId: Q },
                { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: SUCCESS },
              ],
            },
          ],
          violations: [],
        },
      },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('R42 a halt still gets every withheld NBL back and completes', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: {} } },
      ...TRAFFIC_TO_VM1(4, 200),
      { adapter: 'halt' },
      { advance: '1ms' },
      { expect: { adapter: 'Halted', totals: { indicated: 4, returned: 4 }, violations: [] } },
    ]);
  });

  it('R41 an unclean close still gets every withheld NBL back', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { withholdNbls: {} } },
      ...TRAFFIC_TO_VM1(4, 200),
      { closeBinding: 'vmswitch' },
      { advance: '1ms' },
      { expect: { queue: { QueueId: Q, exists: false }, totals: { returned: 4 }, violations: ['R41'] } },
    ]);
  });
});

describe('returnLatency: how long the overlying driver holds NBLs', () => {
  it('a 1 ms latency holds NBLs for 1 ms', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { returnLatency: '1ms' } },
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 5, interval: '1us' } },
      { advance: '500us' },
      { expect: { queue: { QueueId: Q, indicated: 5, outstandingNbls: 5 } } },
      { advance: '600us' },
      { expect: { queue: { QueueId: Q, outstandingNbls: 0, returned: 5 } } },
      { expect: { events: [faultEvents({ fault: 'return-latency' }, 1)] } },
    ]);
  });

  it('null: NBLs come back only through returnNbls', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { returnLatency: null } },
      ...TRAFFIC_TO_VM1(5, 200),
      { advance: '10ms' },
      { expect: { queue: { QueueId: Q, outstandingNbls: 5 } } },
      { returnNbls: { QueueId: Q } },
      { expect: { queue: { QueueId: Q, outstandingNbls: 0, returned: 5 } } },
    ]);
  });

  it('a duration after null returns what was held', () => {
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        ...TRAFFIC_TO_VM1(5, 200),
        { expect: { queue: { QueueId: Q, outstandingNbls: 5 } } },
        { fault: { returnLatency: '10us' } },
        { advance: '50us' },
        { expect: { queue: { QueueId: Q, outstandingNbls: 0, returned: 5 } } },
      ],
      adapterWith({ returnLatencyNs: null }),
    );
  });
});

describe('liveMigration: the VM leaves this host (§5.5, §8.2, decisions "Live migration, source host")', () => {
  const HELD = adapterWith({ returnLatencyNs: null });
  const MIGRATE = { fault: { liveMigration: 'VM1' } };
  const driverRequest = (oid: string, extra: Record<string, unknown> = {}) => ({
    event: 'oid-requested',
    oid: `OID_RECEIVE_FILTER_${oid}`,
    issuedBy: 'driver',
    ...extra,
  });
  const completed = (oid: string, status = SUCCESS) => ({
    event: 'oid-completed',
    oid: `OID_RECEIVE_FILTER_${oid}`,
    status,
  });

  it('R24 R41 the VSP returns the VM’s NBLs, then the owner clears its filter, then frees its queue', () => {
    const run = expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        ...TRAFFIC_TO_VM1(5, 200),
        { expect: { queue: { QueueId: Q, outstandingNbls: 5 } }, comment: 'the guest holds five NBLs' },
        MIGRATE,
        { advance: '1ms' },
        {
          expect: {
            queue: { QueueId: Q, exists: false },
            totals: { returned: 5 },
            memory: [{ QueueId: Q, count: 0 }],
            order: [
              {
                sequence: [
                  { event: 'fault-injected', fault: 'live-migration', vm: 'VM1' },
                  { event: 'nbls-returned', QueueId: Q, count: 5 },
                  driverRequest('CLEAR_FILTER', { binding: 'vmswitch' }),
                  completed('CLEAR_FILTER'),
                  driverRequest('FREE_QUEUE', { binding: 'vmswitch' }),
                  { event: 'status-indicated', QueueId: Q, QueueState: 'NdisReceiveQueueOperationalStateDmaStopped' },
                  { event: 'memory-freed', QueueId: Q },
                  completed('FREE_QUEUE'),
                ],
              },
              { after: driverRequest('CLEAR_FILTER'), none: { event: 'nbls-returned', QueueId: Q } },
            ],
            events: [{ where: { event: 'oid-requested', issuedBy: 'NDIS' }, count: 0 }],
            violations: [],
          },
        },
      ],
      HELD,
    );
    expect(rulesOf(run)).toEqual([]);
  });

  it('frames for the VM that still arrive fall back to the default queue', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      MIGRATE,
      { advance: '1ms' },
      ...TRAFFIC_TO_VM1(4, 200),
      {
        expect: {
          queue: [
            { QueueId: Q, exists: false },
            { QueueId: 0, indicated: 4 },
          ],
          totals: { arrived: 4, indicated: 4 },
          violations: [],
        },
      },
    ]);
  });

  it('the binding that owns the VM’s queue issues the requests', () => {
    expectEveryCheckHolds([
      { ...(ALLOCATE_Q as object), binding: 'sw2' },
      { ...(SET_F as object), binding: 'sw2' },
      { ...COMPLETE, binding: 'sw2' },
      MIGRATE,
      { advance: '1ms' },
      {
        expect: {
          queue: { QueueId: Q, exists: false },
          events: [
            { where: driverRequest('CLEAR_FILTER'), count: 1, each: { binding: 'sw2' } },
            { where: driverRequest('FREE_QUEUE'), count: 1, each: { binding: 'sw2' } },
          ],
          violations: [],
        },
      },
    ]);
  });

  it('R21 FREE_QUEUE is issued only once the pended CLEAR_FILTER has completed', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: { pendOid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', delay: '100us' } },
      MIGRATE,
      { advance: '50us' },
      { expect: { queue: { QueueId: Q, exists: true }, events: [{ where: driverRequest('FREE_QUEUE'), count: 0 }] } },
      { advance: '1ms' },
      {
        expect: {
          queue: { QueueId: Q, exists: false },
          order: [{ sequence: [completed('CLEAR_FILTER'), driverRequest('FREE_QUEUE'), completed('FREE_QUEUE')] }],
          events: [{ where: { event: 'oid-pended', oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER' }, count: 1 }],
          violations: [],
        },
      },
    ]);
  });

  it('R21 a CLEAR_FILTER refused with NOT_ACCEPTED stops the VSP from sending FREE_QUEUE: the queue stays', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      refuse('CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED', 1),
      MIGRATE,
      { advance: '1ms' },
      {
        expect: {
          queue: { QueueId: Q, exists: true, filters: 1 },
          events: [
            { where: completed('CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED'), count: 1, each: { layer: 'miniport' } },
            { where: driverRequest('FREE_QUEUE'), count: 0 },
          ],
          violations: [],
        },
      },
      { adapter: 'halt' },
      { advance: '1ms' },
      { expect: { adapter: 'Halted', queue: { QueueId: Q, exists: false }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('R42 after a surprise removal the CLEAR_FILTER gets NOT_ACCEPTED, no FREE_QUEUE follows, and the halt frees it', () => {
    const run = expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      { fault: 'surpriseRemoval' },
      MIGRATE,
      { advance: '1ms' },
      {
        expect: {
          queue: { QueueId: Q, exists: true },
          events: [
            { where: completed('CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED'), count: 1 },
            { where: driverRequest('FREE_QUEUE'), count: 0 },
          ],
        },
      },
      { adapter: 'halt' },
      { advance: '1ms' },
      { expect: { adapter: 'Halted', queue: { QueueId: Q, exists: false }, violations: [] } },
    ]);
    expect(rulesOf(run)).toEqual([]);
  });

  it('R25 a refused FREE_QUEUE during migration with a status outside R25’s set is reported', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      refuse('FREE_QUEUE', 'NDIS_STATUS_FAILURE', 1),
      MIGRATE,
      { advance: '1ms' },
      {
        expect: {
          events: [{ where: completed('FREE_QUEUE', 'NDIS_STATUS_FAILURE'), count: 1, each: { issuedBy: 'driver' } }],
          violations: ['R25'],
        },
      },
    ]);
  });

  it('a VM without a queue only gets the event: no request, no violation', () => {
    const VM2 = { name: 'VM2', mac: '00-15-5D-00-00-02' };
    expectEveryCheckHolds(
      [
        ...RUNNING_QUEUE,
        { fault: { liveMigration: 'VM2' } },
        { advance: '1ms' },
        {
          expect: {
            queue: { QueueId: Q, state: 'Running', filters: 1 },
            events: [
              faultEvents({ fault: 'live-migration', vm: 'VM2' }, 1),
              { where: { event: 'oid-requested', oid: { not: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' } }, count: 2 },
            ],
            violations: [],
          },
        },
      ],
      { vms: [VM1, VM2] },
    );
  });

  it('a VM with two filters on its queue: both are cleared before FREE_QUEUE', () => {
    expectEveryCheckHolds([
      ...RUNNING_QUEUE,
      {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: setFilterBuffer({ FieldParameters: [macTest(), vlanTest({ FieldShortValue: 11 })] }),
        expect: { status: SUCCESS },
      },
      MIGRATE,
      { advance: '1ms' },
      {
        expect: {
          queue: { QueueId: Q, exists: false },
          events: [{ where: driverRequest('CLEAR_FILTER'), count: 2 }],
          order: [{ after: driverRequest('FREE_QUEUE'), none: driverRequest('CLEAR_FILTER') }],
          violations: [],
        },
      },
    ]);
  });
});

describe('loading fault steps', () => {
  /** Each documented example of docs/scenario-format.md "`fault`: inject a fault", after a queue saved as vm1q. */
  const DOCUMENTED = [
    { fault: { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES', count: 1 } },
    { fault: { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '500us' } },
    { fault: { sharedMemoryExhausted: { afterBlocks: 1 } } },
    { fault: 'surpriseRemoval' },
    { fault: { delayDpc: { QueueId: '$vm1q.QueueId', delay: '2ms' } } },
    { fault: { withholdNbls: { QueueId: '$vm1q.QueueId' } } },
    { fault: { resumeNbls: { QueueId: '$vm1q.QueueId' } } },
    { fault: { returnLatency: '1ms' } },
    { fault: { liveMigration: 'VM1' } },
  ];
  const VM1Q = { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'vm1q', buffer: allocateBuffer() };
  /** The problems of a document whose step 2 is `fault` (step 0 saves vm1q, step 1 is a note). */
  const problemsWith = (fault: unknown) => refused(docV2([VM1Q, { note: 'then' }, { fault }]));
  const namingStep2 = (errors: ScenarioError[]) => {
    expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
    for (const error of errors) expect(error.path, JSON.stringify(errors)).toMatch(/^steps\[2\]/);
  };

  it('every documented example loads and runs, each traced as one fault-injected event of its kind', () => {
    const kinds = [
      'refuse-oid',
      'pend-oid',
      'shared-memory-exhausted',
      'surprise-removal',
      'delay-dpc',
      'withhold-nbls',
      'return-latency',
      'live-migration',
    ];
    expectEveryCheckHolds([
      VM1Q,
      ...DOCUMENTED,
      {
        expect: {
          events: [
            faultEvents({}, DOCUMENTED.length),
            ...kinds.map((fault) => faultEvents({ fault }, fault === 'withhold-nbls' ? 2 : 1)),
          ],
        },
      },
    ]);
  });

  it.each([
    ['an unknown fault name', 'surpriseRemovel', 'surpriseRemoval'],
    [
      'an unknown fault key',
      { refuseOId: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_FAILURE' },
      'refuseOid',
    ],
    [
      'a misspelt status name',
      { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_RESOURCE' },
      'NDIS_STATUS_RESOURCES',
    ],
    [
      'an unknown OID',
      { refuseOid: 'OID_RECEIVE_FILTER_ALLOC_QUEUE', status: 'NDIS_STATUS_FAILURE' },
      'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    ],
    ['liveMigration naming an unknown VM', { liveMigration: 'VM9' }, 'VM9'],
    ['a QueueId reference to an unknown saveAs', { delayDpc: { QueueId: '$nope.QueueId', delay: '1ms' } }, 'nope'],
    ['a withholdNbls reference to an unknown saveAs', { withholdNbls: { QueueId: '$vm1.QueueId' } }, 'vm1q'],
  ])('%s is an error naming the step and what is wrong', (_what, fault, named) => {
    const errors = problemsWith(fault);
    namingStep2(errors);
    expect(errors.map((e) => e.message).join('\n')).toContain(named);
  });

  it.each([
    ['a negative count', { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_FAILURE', count: -1 }],
    ['a fractional count', { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_FAILURE', count: 1.5 }],
    [
      'a count word other than "always"',
      { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_FAILURE', count: 'forever' },
    ],
    [
      'a status that is not a status',
      { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NdisReceiveQueueTypeVMQueue' },
    ],
    ['refuseOid without a status', { refuseOid: 'OID_RECEIVE_FILTER_FREE_QUEUE' }],
    ['a negative afterBlocks', { sharedMemoryExhausted: { afterBlocks: -1 } }],
    [
      'an exhaustion status other than RESOURCES or FAILURE',
      { sharedMemoryExhausted: { status: 'NDIS_STATUS_SUCCESS' } },
    ],
    ['a delay that is not a duration', { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '0.5ns' }],
    ['delayDpc without a delay', { delayDpc: { QueueId: '$vm1q.QueueId' } }],
    ['a negative return latency', { returnLatency: -5 }],
    ['two faults in one step', { returnLatency: '1ms', liveMigration: 'VM1' }],
  ])('%s is an error at the step', (_what, fault) => {
    namingStep2(problemsWith(fault));
  });

  it('a reference to a saveAs of a later step is an error at the fault step', () => {
    const errors = refused(docV2([{ fault: { withholdNbls: { QueueId: '$vm1q.QueueId' } } }, VM1Q]));
    expect(
      errors.some((e) => e.path.startsWith('steps[0]')),
      JSON.stringify(errors),
    ).toBe(true);
  });
});

describe('determinism: the same file and seed give the same trace', () => {
  const EVERY_FAULT = [
    ...RUNNING_QUEUE,
    { fault: { delayDpc: { QueueId: Q, delay: '30us' } } },
    { fault: { withholdNbls: { QueueId: Q } } },
    { traffic: { name: 'poisson', dst: '$vm:VM1', frameBytes: 300, count: 40, ratePps: 200000, pattern: 'poisson' } },
    { advance: '300us' },
    { fault: { resumeNbls: { QueueId: Q } } },
    { fault: { returnLatency: '5us' } },
    { fault: { pendOid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', delay: '40us' } },
    { fault: { sharedMemoryExhausted: { afterBlocks: 0 } } },
    { fault: { liveMigration: 'VM1' } },
    { advance: '500us' },
    { fault: { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES' } },
    ALLOCATE,
    { fault: 'surpriseRemoval' },
    { traffic: { name: 'late', dst: '$vm:VM1', frameBytes: 200, count: 5, interval: '2us' } },
    { advance: '50us' },
    { adapter: 'halt' },
    { advance: '1ms' },
    { expect: { adapter: 'Halted' } },
  ];
  const traceOf = (seed: number) => JSON.stringify(runDoc(docV2(EVERY_FAULT, { seed })).events);

  it('two runs of a document with every fault give the same trace, byte for byte', () => {
    const run = runDoc(docV2(EVERY_FAULT, { seed: 7 }));
    expect(run.report.expectations.map((r) => r.detail)).toHaveLength(1);
    expect(run.report.ok, JSON.stringify(run.report.expectations)).toBe(true);
    const first = traceOf(7);
    expect(first).toContain('fault-injected');
    expect(traceOf(7)).toBe(first);
  });

  it('another seed changes the poisson traffic, so the trace is not the same by accident', () => {
    expect(traceOf(8)).not.toBe(traceOf(7));
  });

  it('restoring a checkpoint taken after the faults continues exactly as the straight run (fault state is in the snapshot)', () => {
    const parsed = parseScenario(docV2(EVERY_FAULT, { seed: 7 }));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const straight = runDoc(docV2(EVERY_FAULT, { seed: 7 }));
    // After the withholdNbls step (index 4) and before resumeNbls: the held NBLs must stay held after the restore.
    for (const k of [5, 7, 12]) {
      const before: TraceEvent[] = [];
      const first = createScenarioSession(parsed.scenario, { sink: (e) => before.push(e) });
      for (let i = 0; i < k; i++) first.runNextStep();
      const checkpoint = structuredClone(first.snapshot());
      const after: TraceEvent[] = [];
      let restored = false;
      const second = createScenarioSession(parsed.scenario, { sink: (e) => restored && after.push(e) });
      second.restore(checkpoint);
      restored = true;
      const report = second.runToEnd();
      expect([...before, ...after], `checkpoint after step ${k}`).toEqual(straight.events);
      expect(report).toEqual(straight.report);
    }
  });
});
