/**
 * Independent tests of hostile OID requests sent straight to the engine through its public API (issue 7:
 * the OID console's raw JSON reaches the engine without the loader). Every value a real information buffer
 * could not hold must get an NDIS status, change nothing, and leave the engine working. Written from
 * docs/ndis-reference.md §4 and §12, not from the implementation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  defaultEngineConfig,
  type AdapterView,
  type Engine,
  type NdisStatusName,
  type OidName,
  type OidRequest,
  type QueueId,
  type TraceEvent,
} from './index.ts';

const VM1 = { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 };

/** Values no field of an NDIS structure can hold: fractions, negatives, beyond 64 bits, not numbers at all. */
const NOT_AN_INTEGER = [0.5, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const NEGATIVE = [-1, -16, -(2 ** 31), -(2 ** 53)];
const OVER_ULONG = [2 ** 32, 2 ** 32 + 1, 2 ** 53, 2 ** 64];
const OVER_USHORT = [2 ** 16, 2 ** 16 + 10];
const HOSTILE_ULONG = [...NOT_AN_INTEGER, ...NEGATIVE, ...OVER_ULONG];
/** KAFFINITY is 64 bits wide, so only fractions, negatives and values past 2^64 are out of its type. */
const HOSTILE_MASK = [...NOT_AN_INTEGER, ...NEGATIVE, 2 ** 64, 2 ** 70, 1.5e300];
const HOSTILE_USHORT = [...NOT_AN_INTEGER, ...NEGATIVE, ...OVER_USHORT];

/** The statuses NDIS documents for a buffer whose contents are bad (§3 common conventions, R5, R12, R17, R20). */
const BAD_BUFFER: NdisStatusName[] = ['NDIS_STATUS_INVALID_PARAMETER', 'NDIS_STATUS_INVALID_DATA'];

/** Every (field, value) pair, so each hostile value is its own test case. */
const pairs = (fields: string[], values: number[]): [string, number][] =>
  fields.flatMap((f) => values.map((v): [string, number] => [f, v]));

/** OIDs the miniport may pend in the soak, so "completes exactly once" also covers late completions. */
const PENDABLE: OidName[] = [
  'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  'OID_RECEIVE_FILTER_CLEAR_FILTER',
  'OID_RECEIVE_FILTER_FREE_QUEUE',
  'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
];

function newEngine(pended: OidName[] = []): Engine {
  const cfg = defaultEngineConfig('ws2012');
  cfg.vms = [VM1];
  cfg.adapter.options.returnLatencyNs = 20_000;
  cfg.adapter.options.pendingOids = Object.fromEntries(pended.map((oid) => [oid, 5_000]));
  return createEngine(cfg);
}

const allocateBuffer = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  QueueType: 'NdisReceiveQueueTypeVMQueue',
  ProcessorAffinity: { Mask: 2, Group: 0 },
  NumSuggestedReceiveBuffers: 32,
  VmName: 'VM1',
  QueueName: 'VM1 queue',
  ...over,
});
const macTest = (over: Record<string, unknown> = {}) => ({
  FrameHeader: 'NdisFrameHeaderMac',
  ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
  MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
  FieldByteArrayValue: VM1.mac,
  ...over,
});
const vlanTest = (over: Record<string, unknown> = {}) => ({
  FrameHeader: 'NdisFrameHeaderMac',
  ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
  MacHeaderField: 'NdisMacHeaderFieldVlanId',
  FieldShortValue: VM1.vlan,
  ...over,
});
const filterBuffer = (queueId: number, over: Record<string, unknown> = {}) => ({
  FilterType: 'NdisReceiveFilterTypeVMQueue',
  QueueId: queueId,
  FieldParameters: [macTest(), vlanTest()],
  ...over,
});

interface Live {
  engine: Engine;
  queueId: QueueId;
  filterId: number;
}

/** An engine with VM1's queue allocated, filtered and complete (Running), every request checked. */
function withRunningQueue(): Live {
  const engine = newEngine();
  const alloc = engine.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() });
  expect(alloc.status).toBe('NDIS_STATUS_SUCCESS');
  const queueId = alloc.output?.QueueId as QueueId;
  const filter = engine.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: filterBuffer(queueId) });
  expect(filter.status).toBe('NDIS_STATUS_SUCCESS');
  const done = engine.request({
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: [{ QueueId: queueId }] },
  });
  expect(done.status).toBe('NDIS_STATUS_SUCCESS');
  expect(engine.queue(queueId)?.state).toBe('Running');
  return { engine, queueId, filterId: filter.output?.FilterId as number };
}

/** What a rejected request must leave as it was. */
const shape = (v: AdapterView) => ({
  queues: v.queues.map((q) => [
    q.QueueId,
    q.state,
    q.cpu,
    q.ProcessorAffinity,
    q.buffers,
    q.QueueName,
    q.Flags,
    q.filterIds,
  ]),
  filters: v.filters.map((f) => [f.FilterId, f.QueueId, f.filter]),
  memory: v.memory.map((m) => [m.blockId, m.queueId, m.length]),
});

/** Sends `req`, expects one of `statuses` with nothing changed, then proves the engine still works. */
function expectRejected(live: Live, req: OidRequest, statuses: NdisStatusName[] = BAD_BUFFER): void {
  const { engine } = live;
  const before = shape(engine.view());
  let status: NdisStatusName | undefined;
  expect(() => {
    status = engine.request(req).status;
  }).not.toThrow();
  expect(statuses).toContain(status);
  expect(shape(engine.view())).toEqual(before);
  // Still alive: VM1's traffic is received on its queue and time moves.
  engine.startFlow({ name: 'probe', dst: VM1.mac, vlanId: VM1.vlan, frameBytes: 200, count: 3, intervalNs: 1_000 });
  expect(() => engine.advanceBy(100_000)).not.toThrow();
  expect(engine.queue(live.queueId)?.counters.indicated).toBe(3);
}

describe('ALLOCATE_QUEUE: NDIS_RECEIVE_QUEUE_PARAMETERS typed fields (§4.1)', () => {
  it.each(HOSTILE_MASK)('R5 ProcessorAffinity.Mask %s is refused and allocates no queue', (Mask) => {
    expectRejected(withRunningQueue(), {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: allocateBuffer({ ProcessorAffinity: { Mask, Group: 0 } }),
    });
  });

  it.each(HOSTILE_USHORT)('R5 ProcessorAffinity.Group (USHORT) %s is refused', (Group) => {
    expectRejected(withRunningQueue(), {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: allocateBuffer({ ProcessorAffinity: { Mask: 2, Group } }),
    });
  });

  it.each(pairs(['Flags', 'NumSuggestedReceiveBuffers', 'LookaheadSize', 'PortId'], HOSTILE_ULONG))(
    'the ULONG %s = %s is refused',
    (field, value) => {
      expectRejected(withRunningQueue(), {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer({ [field]: value }),
      });
    },
  );

  it('R5 QueueType 99 (a ULONG naming no NDIS_RECEIVE_QUEUE_TYPE) gets INVALID_PARAMETER', () => {
    expectRejected(
      withRunningQueue(),
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ QueueType: 99 }) },
      ['NDIS_STATUS_INVALID_PARAMETER'],
    );
  });

  // docs/decisions.md: a value the member's C type cannot hold is INVALID_DATA, before its meaning is looked at.
  it.each([-1, 1.5, 2 ** 32])('QueueType %s (no ULONG holds it) gets INVALID_DATA', (QueueType) => {
    expectRejected(
      withRunningQueue(),
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ QueueType }) },
      ['NDIS_STATUS_INVALID_DATA'],
    );
  });

  it.each([{ Mask: '0.5' }, { Mask: {} }, { Mask: [] }, { Mask: null }, 'CPU 1', 7])(
    'R5 a ProcessorAffinity of %j is rejected',
    (ProcessorAffinity) => {
      expectRejected(withRunningQueue(), {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer({ ProcessorAffinity }),
      });
    },
  );
});

describe('QUEUE_PARAMETERS set: the changed members keep their NDIS types (§3.6)', () => {
  const setParams = (live: Live, over: Record<string, unknown>): OidRequest => ({
    oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
    requestType: 'NdisRequestSetInformation',
    buffer: { QueueId: live.queueId, ...over },
  });

  it.each(HOSTILE_MASK)(
    'R5 R28 a new ProcessorAffinity.Mask of %s is rejected and the queue stays on its CPU',
    (Mask) => {
      const live = withRunningQueue();
      expectRejected(
        live,
        setParams(live, {
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
          ProcessorAffinity: { Mask, Group: 0 },
        }),
      );
    },
  );

  it.each(HOSTILE_ULONG)('R28 NumSuggestedReceiveBuffers %s is rejected', (n) => {
    const live = withRunningQueue();
    expectRejected(
      live,
      setParams(live, {
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED'],
        NumSuggestedReceiveBuffers: n,
      }),
    );
  });

  it.each(HOSTILE_ULONG)('R28 a Flags word of %s is rejected', (Flags) => {
    const live = withRunningQueue();
    // All ones would also turn LOOKAHEAD_SPLIT_REQUIRED on after completion, which §3.6 answers NOT_SUPPORTED.
    expectRejected(live, setParams(live, { Flags }), [...BAD_BUFFER, 'NDIS_STATUS_NOT_SUPPORTED']);
  });

  it.each(HOSTILE_ULONG)('R29 a QueueId of %s is rejected', (QueueId) => {
    const live = withRunningQueue();
    expectRejected(live, {
      oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
      requestType: 'NdisRequestSetInformation',
      buffer: { QueueId, Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'], QueueName: 'x' },
    });
  });
});

describe('SET_FILTER: NDIS_RECEIVE_FILTER_PARAMETERS and its field tests (§4.4, §4.5)', () => {
  it.each(HOSTILE_ULONG)('R12 a QueueId of %s is rejected', (QueueId) => {
    const live = withRunningQueue();
    expectRejected(live, { oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: filterBuffer(QueueId) });
  });

  it.each(pairs(['Flags', 'RequestedFilterIdBitCount', 'VPortId'], HOSTILE_ULONG))(
    'R12 the ULONG %s = %s is refused',
    (field, value) => {
      const live = withRunningQueue();
      expectRejected(live, {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: filterBuffer(live.queueId, { [field]: value }),
      });
    },
  );

  it.each([99, -1, 0.5, 2 ** 32])('R12 FilterType %s is rejected', (FilterType) => {
    const live = withRunningQueue();
    expectRejected(live, { oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: filterBuffer(live.queueId, { FilterType }) });
  });

  it.each(pairs(['FrameHeader', 'ReceiveFilterTest', 'MacHeaderField', 'Flags'], [99, -1, 0.5, 2 ** 32, Number.NaN]))(
    'R12 the field test member %s = %s is refused',
    (field, value) => {
      const live = withRunningQueue();
      expectRejected(live, {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: filterBuffer(live.queueId, { FieldParameters: [macTest({ [field]: value }), vlanTest()] }),
      });
    },
  );

  it.each(HOSTILE_USHORT)('R12 a VLAN FieldShortValue (USHORT) of %s is rejected', (FieldShortValue) => {
    const live = withRunningQueue();
    expectRejected(live, {
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      buffer: filterBuffer(live.queueId, { FieldParameters: [macTest(), vlanTest({ FieldShortValue })] }),
    });
  });
});

describe('CLEAR_FILTER, FREE_QUEUE, QUEUE_ALLOCATION_COMPLETE (§4.2, §4.3, §4.6)', () => {
  it.each(HOSTILE_ULONG)('R17 CLEAR_FILTER with a FilterId of %s is refused', (FilterId) => {
    const live = withRunningQueue();
    expectRejected(live, { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: live.queueId, FilterId } }, [
      'NDIS_STATUS_FILE_NOT_FOUND',
      ...BAD_BUFFER,
    ]);
  });

  it.each(HOSTILE_ULONG)('R17 CLEAR_FILTER with a QueueId of %s is refused', (QueueId) => {
    const live = withRunningQueue();
    expectRejected(live, { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId, FilterId: live.filterId } }, [
      'NDIS_STATUS_FILE_NOT_FOUND',
      ...BAD_BUFFER,
    ]);
  });

  it.each(HOSTILE_ULONG)('R20 FREE_QUEUE with a QueueId of %s is refused', (QueueId) => {
    expectRejected(withRunningQueue(), { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId } });
  });

  it.each(HOSTILE_ULONG)('R20 FREE_QUEUE with a Flags word of %s is refused', (Flags) => {
    const live = withRunningQueue();
    expectRejected(live, { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: live.queueId, Flags } });
  });

  it.each(HOSTILE_ULONG)('R27 QUEUE_ALLOCATION_COMPLETE with a QueueId of %s completes nothing', (QueueId) => {
    const engine = newEngine();
    const alloc = engine.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() });
    const queueId = alloc.output?.QueueId as QueueId;
    let result: ReturnType<Engine['request']> | undefined;
    expect(() => {
      result = engine.request({
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: [{ QueueId }] },
      });
    }).not.toThrow();
    const element = (result?.output?.Elements as { CompletionStatus?: unknown }[] | undefined)?.[0];
    const failed = result?.status !== 'NDIS_STATUS_SUCCESS' || element?.CompletionStatus !== 'NDIS_STATUS_SUCCESS';
    expect(failed).toBe(true);
    expect(engine.queue(queueId)?.state).toBe('Allocated');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Soak: random OID and traffic sequences, valid and hostile, with every invariant checked after each action.

type Pick = number;
type Action =
  | { k: 'allocate'; mask: number; buffers: number; binding: Pick }
  | { k: 'setFilter'; q: Pick; vlan: number | null; binding: Pick }
  | { k: 'clearFilter'; f: Pick; bogusId: number | null }
  | { k: 'complete'; q: Pick; bogusId: number | null }
  | { k: 'free'; q: Pick; bogusId: number | null }
  | { k: 'affinity'; q: Pick; mask: number }
  | { k: 'traffic'; vlan: number | null; count: number }
  | { k: 'return' }
  | { k: 'advance'; ns: number }
  | { k: 'lifecycle'; action: 'pause' | 'restart' | 'reset' };

const BINDINGS = ['vmswitch', 'extension', '__proto__'];
const maskArb = fc.oneof(fc.constantFrom(1, 2, 4, 8, 6, 16), fc.constantFrom(...HOSTILE_MASK));
const bogusArb = fc.option(fc.constantFrom(...HOSTILE_ULONG), { nil: null, freq: 3 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    k: fc.constant('allocate' as const),
    mask: maskArb,
    buffers: fc.constantFrom(8, 32, ...HOSTILE_ULONG),
    binding: fc.nat(2),
  }),
  fc.record({
    k: fc.constant('setFilter' as const),
    q: fc.nat(9),
    vlan: fc.constantFrom(null, 10, 20, ...HOSTILE_USHORT),
    binding: fc.nat(2),
  }),
  fc.record({ k: fc.constant('clearFilter' as const), f: fc.nat(9), bogusId: bogusArb }),
  fc.record({ k: fc.constant('complete' as const), q: fc.nat(9), bogusId: bogusArb }),
  fc.record({ k: fc.constant('free' as const), q: fc.nat(9), bogusId: bogusArb }),
  fc.record({ k: fc.constant('affinity' as const), q: fc.nat(9), mask: maskArb }),
  fc.record({
    k: fc.constant('traffic' as const),
    vlan: fc.constantFrom(null, 10, 20),
    count: fc.integer({ min: 1, max: 8 }),
  }),
  fc.constant({ k: 'return' as const }),
  fc.record({ k: fc.constant('advance' as const), ns: fc.constantFrom(0, 1_000, 10_000, 60_000) }),
  fc.record({ k: fc.constant('lifecycle' as const), action: fc.constantFrom('pause', 'restart', 'reset') }),
);

function act(e: Engine, a: Action, i: number): void {
  const v = e.view();
  const queueIds = v.queues.map((q) => q.QueueId);
  const q = (n: number) => queueIds[n % queueIds.length] ?? 0;
  const owner = (n: number) => v.queues.find((x) => x.QueueId === q(n))?.owner ?? 'vmswitch';
  const send = (oid: OidName, req: Omit<OidRequest, 'oid'>) => e.request({ oid, ...req });
  switch (a.k) {
    case 'allocate':
      send('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', {
        binding: BINDINGS[a.binding],
        buffer: allocateBuffer({
          ProcessorAffinity: { Mask: a.mask, Group: 0 },
          NumSuggestedReceiveBuffers: a.buffers,
        }),
      });
      return;
    case 'setFilter':
      send('OID_RECEIVE_FILTER_SET_FILTER', {
        binding: a.binding === 0 ? owner(a.q) : BINDINGS[a.binding],
        buffer: filterBuffer(
          q(a.q),
          a.vlan === null
            ? {
                FieldParameters: [macTest({ Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'] })],
              }
            : { FieldParameters: [macTest(), vlanTest({ FieldShortValue: a.vlan })] },
        ),
      });
      return;
    case 'clearFilter': {
      const f = v.filters[a.f % Math.max(1, v.filters.length)];
      send('OID_RECEIVE_FILTER_CLEAR_FILTER', {
        binding: f?.owner ?? 'vmswitch',
        buffer: { QueueId: f?.QueueId ?? 0, FilterId: a.bogusId ?? f?.FilterId ?? 1 },
      });
      return;
    }
    case 'complete':
      send('OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', {
        binding: owner(a.q),
        buffer: { Elements: [{ QueueId: a.bogusId ?? q(a.q) }] },
      });
      return;
    case 'free':
      send('OID_RECEIVE_FILTER_FREE_QUEUE', { binding: owner(a.q), buffer: { QueueId: a.bogusId ?? q(a.q) } });
      return;
    case 'affinity':
      send('OID_RECEIVE_FILTER_QUEUE_PARAMETERS', {
        binding: owner(a.q),
        requestType: 'NdisRequestSetInformation',
        buffer: {
          QueueId: q(a.q),
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
          ProcessorAffinity: { Mask: a.mask, Group: 0 },
        },
      });
      return;
    case 'traffic':
      e.startFlow({ name: `f${i}`, dst: VM1.mac, vlanId: a.vlan, frameBytes: 300, count: a.count, intervalNs: 700 });
      return;
    case 'return':
      e.returnNbls(null, 'all');
      return;
    case 'advance':
      e.advanceBy(a.ns);
      return;
    case 'lifecycle':
      e.adapterAction(a.action);
      return;
  }
}

/** Event-driven bookkeeping: queue states as traced, and how often each request completed. */
class Watch {
  state = new Map<number, string>([[0, 'Running']]);
  requested = new Set<number>();
  completed = new Map<number, number>();

  observe(events: TraceEvent[]): void {
    for (const ev of events) {
      if (ev.kind === 'queue-state-changed') this.state.set(ev.queueId, ev.to);
      if (ev.kind === 'oid-requested') {
        expect(this.requested.has(ev.requestId)).toBe(false);
        this.requested.add(ev.requestId);
      }
      if (ev.kind === 'oid-completed') {
        expect(ev.result.status).not.toBe('NDIS_STATUS_PENDING');
        this.completed.set(ev.result.requestId, (this.completed.get(ev.result.requestId) ?? 0) + 1);
      }
      if (ev.kind === 'nbls-indicated')
        for (const part of ev.parts)
          if (part.queueId !== 0)
            expect(`queue ${part.queueId} ${this.state.get(part.queueId)}`).toBe(`queue ${part.queueId} Running`);
    }
  }
}

function checkView(e: Engine): void {
  const v = e.view();
  const dropped = Object.values(v.totals.dropped).reduce((n, c) => n + (c ?? 0), 0);
  expect(v.totals.arrived).toBe(v.totals.indicated + dropped + v.totals.inFlight);
  expect(v.queues.find((q) => q.QueueId === 0)?.state).toBe('Running');
  const queueIds = v.queues.map((q) => q.QueueId);
  expect(new Set(queueIds).size).toBe(queueIds.length);
  const filterIds = v.filters.map((f) => f.FilterId);
  expect(new Set(filterIds).size).toBe(filterIds.length);
  for (const id of [...queueIds, ...filterIds]) expect(Number.isInteger(id) && id >= 0 && id <= 0xffff).toBe(true);
  for (const q of v.queues) expect(Number.isInteger(q.cpu) && q.cpu >= 0 && q.cpu < 4).toBe(true);
}

describe('soak: random valid and hostile OID sequences through the public API', () => {
  it('R8 R10 R33 R46 after every action: frames conserved, queue 0 Running, unique integer IDs, no indication off a non-Running queue, no throw; every OID completes exactly once', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 40 }), fc.subarray(PENDABLE), (actions, pended) => {
        const e = newEngine(pended);
        const watch = new Watch();
        watch.observe(e.drainEvents());
        actions.forEach((a, i) => {
          expect(() => act(e, a, i)).not.toThrow();
          watch.observe(e.drainEvents());
          checkView(e);
        });
        // Let everything scheduled finish, in a fixed number of rounds.
        for (let round = 0; round < 4; round++) {
          e.returnNbls(null, 'all');
          e.runUntilIdle();
        }
        watch.observe(e.drainEvents());
        checkView(e);
        const notOnce = [...watch.requested].filter((id) => watch.completed.get(id) !== 1);
        expect(notOnce).toEqual([]);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});

describe('soak: restore at any step equals the straight run', () => {
  it('after a structured-cloned snapshot at step k, replaying the rest gives the same events and view', () => {
    fc.assert(
      fc.property(
        fc.array(actionArb, { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.subarray(PENDABLE),
        (actions, at, pended) => {
          const k = at % actions.length;
          const straight = newEngine(pended);
          straight.drainEvents();
          let checkpoint = straight.snapshot();
          const tail: TraceEvent[] = [];
          actions.forEach((a, i) => {
            if (i === k) checkpoint = structuredClone(straight.snapshot());
            act(straight, a, i);
            if (i >= k) tail.push(...straight.drainEvents());
            else straight.drainEvents();
          });
          const replay = newEngine(pended);
          replay.restore(checkpoint);
          replay.drainEvents();
          const again: TraceEvent[] = [];
          actions.slice(k).forEach((a, j) => {
            act(replay, a, k + j);
            again.push(...replay.drainEvents());
          });
          expect(again).toEqual(tail);
          expect(replay.view()).toEqual(straight.view());
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});
