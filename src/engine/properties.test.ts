/**
 * Property tests: random overlying-driver histories (OIDs from two bindings, traffic, NBL returns,
 * time, pause/restart/reset, closing a binding) with invariants checked after every step, and
 * snapshot/restore replay.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Engine } from './api.ts';
import { createEngine, defaultEngineConfig } from './engine.ts';
import type { OidName } from './ndis/constants.ts';
import { allocateBuffer, macFilterBuffer, STRANGER_MAC, VM1, VM2, VM3, type VlanMode } from './testing.ts';
import { asQueueId, type EngineConfig, type ProfileName, type TraceEvent } from './types.ts';

const BINDINGS = ['vmswitch', 'extension'] as const;
const MACS = [VM1.mac, VM2.mac, VM3.mac, '00-15-5D-00-00-04', STRANGER_MAC];
/** Overlying-driver mistakes the random driver may legitimately make. */
const DRIVER_RULES = new Set(['R21', 'R41']);

type Action =
  | { k: 'allocate'; b: number; mask: number; perQueue: boolean; split: boolean; buffers: number }
  | { k: 'setFilter'; b: number; q: number; mac: number; vlan: VlanMode }
  | { k: 'clearFilter'; b: number; f: number; bogus: boolean }
  | { k: 'complete'; b: number; qs: number[] }
  | { k: 'free'; b: number; q: number }
  | { k: 'queueParams'; b: number; q: number; method: boolean; flags: string[]; mask: number }
  | { k: 'enum'; b: number; stats: boolean }
  | { k: 'traffic'; mac: number; vlan: number | null; count: number; interval: number }
  | { k: 'return'; q: number | null; count: number | 'all' }
  | { k: 'advance'; ns: number }
  | { k: 'pause' }
  | { k: 'restart' }
  | { k: 'reset' }
  | { k: 'close' };

const binding = fc.nat(1);
const pick = fc.nat(20);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('allocate' as const),
      b: binding,
      mask: fc.integer({ min: 1, max: 15 }),
      perQueue: fc.boolean(),
      split: fc.boolean(),
      buffers: fc.constantFrom(8, 16, 64),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('setFilter' as const),
      b: binding,
      q: pick,
      mac: fc.nat(3),
      vlan: fc.constantFrom<VlanMode>('untagged-or-zero', 'mac-only', 0, 10, 20),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('clearFilter' as const), b: binding, f: pick, bogus: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('complete' as const),
      b: binding,
      qs: fc.array(pick, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('free' as const), b: binding, q: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('queueParams' as const),
      b: binding,
      q: pick,
      method: fc.boolean(),
      mask: fc.integer({ min: 1, max: 15 }),
      flags: fc.subarray([
        'NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED',
      ]),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('enum' as const), b: binding, stats: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('traffic' as const),
      mac: fc.nat(MACS.length - 1),
      vlan: fc.constantFrom(null, 0, 10, 20),
      count: fc.integer({ min: 1, max: 6 }),
      interval: fc.constantFrom(50, 500, 3_000),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('return' as const),
      q: fc.option(pick, { nil: null }),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('all' as const)),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('advance' as const), ns: fc.constantFrom(0, 500, 2_000, 10_000, 50_000) }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'close' as const }) },
);

const PENDABLE: OidName[] = [
  'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  'OID_RECEIVE_FILTER_SET_FILTER',
  'OID_RECEIVE_FILTER_CLEAR_FILTER',
  'OID_RECEIVE_FILTER_FREE_QUEUE',
  'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
  'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
];

interface Setup {
  profile: ProfileName;
  seed: number;
  manualReturns: boolean;
  pended: OidName[];
  pendNs: number;
  budget: number;
  trace: boolean;
}
const setupArb: fc.Arbitrary<Setup> = fc.record({
  profile: fc.constantFrom<ProfileName>('ws2008r2', 'ws2012'),
  seed: fc.nat(),
  manualReturns: fc.boolean(),
  pended: fc.subarray(PENDABLE, { maxLength: 3 }),
  pendNs: fc.constantFrom(1_000, 8_000),
  budget: fc.constantFrom(2, 64),
  trace: fc.boolean(),
});

function configOf(s: Setup): EngineConfig {
  const cfg = defaultEngineConfig(s.profile);
  cfg.seed = s.seed;
  cfg.vms = [VM1, VM2, VM3];
  const o = cfg.adapter.options;
  o.returnLatencyNs = s.manualReturns ? null : 20_000;
  o.pendingOids = Object.fromEntries(s.pended.map((oid) => [oid, s.pendNs]));
  o.maxNblsPerDpc = s.budget;
  o.traceFrames = s.trace;
  return cfg;
}

/** Runs one action; ids are resolved against the live state so histories stay meaningful. */
function act(e: Engine, a: Action, index: number): void {
  const v = e.view();
  const queueIds = [...v.queues.map((q) => q.QueueId), asQueueId(6)];
  const q = (n: number) => queueIds[n % queueIds.length]!;
  const b = (n: number) => BINDINGS[n]!;
  switch (a.k) {
    case 'allocate':
      e.request({
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        binding: b(a.b),
        buffer: allocateBuffer({
          mask: a.mask,
          perQueue: a.perQueue,
          buffers: a.buffers,
          vm: VM1.name,
          ...(a.split ? { lookahead: 128 } : {}),
        }),
      });
      return;
    case 'setFilter':
      e.request({
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        binding: b(a.b),
        buffer: macFilterBuffer(q(a.q), MACS[a.mac]!, a.vlan),
      });
      return;
    case 'clearFilter': {
      const f = v.filters[a.f % Math.max(1, v.filters.length)];
      const target = f && !a.bogus ? { QueueId: f.QueueId, FilterId: f.FilterId } : { QueueId: q(a.f), FilterId: a.f };
      e.request({ oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', binding: f && !a.bogus ? f.owner : b(a.b), buffer: target });
      return;
    }
    case 'complete':
      e.request({
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        binding: b(a.b),
        buffer: { Elements: a.qs.map((n) => ({ QueueId: q(n) })) },
      });
      return;
    case 'free':
      e.request({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding: b(a.b), buffer: { QueueId: q(a.q) } });
      return;
    case 'queueParams':
      e.request({
        oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
        binding: b(a.b),
        requestType: a.method ? 'NdisRequestMethod' : 'NdisRequestSetInformation',
        buffer: {
          QueueId: q(a.q),
          Flags: a.flags,
          ProcessorAffinity: { Mask: a.mask, Group: 0 },
          QueueName: `renamed ${index}`,
          NumSuggestedReceiveBuffers: 16,
        },
      });
      return;
    case 'enum':
      e.request({
        oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES',
        binding: b(a.b),
        requestType: a.stats ? 'NdisRequestQueryStatistics' : 'NdisRequestQueryInformation',
      });
      return;
    case 'traffic':
      e.startFlow({
        name: `flow ${index}`,
        dst: MACS[a.mac]!,
        vlanId: a.vlan,
        frameBytes: 300,
        count: a.count,
        intervalNs: a.interval,
      });
      return;
    case 'return':
      e.returnNbls(a.q === null ? null : q(a.q), a.count);
      return;
    case 'advance':
      e.advanceBy(a.ns);
      return;
    case 'pause':
    case 'restart':
    case 'reset':
      e.adapterAction(a.k);
      return;
    case 'close':
      e.closeBinding('extension');
      return;
  }
}

/** Independent bookkeeping built from events only, plus the invariants checked after each step. */
class Invariants {
  state: Record<number, string> = { 0: 'Running' };
  outstanding: Record<number, number> = {};
  requested = new Set<number>();
  completions = new Map<number, number>();
  freeInProgress = new Map<number, number>();
  /** Traced frames: the queue that took each, and the queue whose NBL for it the overlying driver holds. */
  classifiedTo = new Map<number, number>();
  heldBy = new Map<number, number>();

  observe(events: TraceEvent[]): void {
    for (const ev of events) {
      switch (ev.kind) {
        case 'queue-state-changed':
          this.state[ev.queueId] = ev.to;
          break;
        case 'frame-classified': {
          const takers = ev.match.filter((m) => m.takes).map((m) => [m.queueId, m.filterId ?? 0]);
          expect([ev.frameId, takers]).toEqual([ev.frameId, [[ev.queueId, ev.filterId]]]);
          this.classifiedTo.set(ev.frameId, ev.queueId);
          break;
        }
        case 'nbls-indicated':
          for (const p of ev.parts) {
            expect((p.frameIds ?? []).length).toBeLessThanOrEqual(p.count);
            for (const id of p.frameIds ?? []) {
              expect([id, this.classifiedTo.get(id)]).toEqual([id, p.queueId]);
              this.heldBy.set(id, p.queueId);
            }
            if (p.queueId !== 0)
              expect(`indication on queue ${p.queueId} while ${this.state[p.queueId]}`).toBe(
                `indication on queue ${p.queueId} while Running`,
              );
            this.outstanding[p.queueId] = (this.outstanding[p.queueId] ?? 0) + p.count;
          }
          break;
        case 'nbls-returned':
          for (const id of ev.frameIds ?? []) {
            expect([id, this.heldBy.get(id)]).toEqual([id, ev.queueId]);
            this.heldBy.delete(id);
          }
          this.outstanding[ev.queueId] = (this.outstanding[ev.queueId] ?? 0) - ev.count;
          expect(this.outstanding[ev.queueId]).toBeGreaterThanOrEqual(0);
          break;
        case 'memory-freed':
          expect(`queue ${ev.queueId} memory freed with ${this.outstanding[ev.queueId] ?? 0} NBLs out`).toBe(
            `queue ${ev.queueId} memory freed with 0 NBLs out`,
          );
          break;
        case 'oid-requested':
          expect(this.requested.has(ev.requestId)).toBe(false);
          this.requested.add(ev.requestId);
          break;
        case 'oid-completed': {
          expect(this.requested.has(ev.result.requestId)).toBe(true);
          expect(ev.result.status).not.toBe('NDIS_STATUS_PENDING');
          const n = (this.completions.get(ev.result.requestId) ?? 0) + 1;
          expect(`request ${ev.result.requestId} completed ${n}×`).toBe(`request ${ev.result.requestId} completed 1×`);
          this.completions.set(ev.result.requestId, n);
          break;
        }
        case 'rule-violated':
          if (ev.severity === 'error' && !DRIVER_RULES.has(ev.rule))
            expect(`${ev.rule}: ${ev.message}`).toBe('no engine-made error violation');
          break;
        case 'status-indicated':
          if (ev.code === 'NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS')
            expect((ev.payload as { Flags: number }).Flags).toBe(0x00100000);
          if (ev.code === 'NDIS_STATUS_RECEIVE_QUEUE_STATE') expect(ev.queueId).not.toBe(0);
          break;
        default:
          break;
      }
    }
  }

  checkView(e: Engine): void {
    const v = e.view();
    const dropped = Object.values(v.totals.dropped).reduce((n, c) => n + (c ?? 0), 0);
    expect(v.totals.arrived).toBe(v.totals.indicated + dropped + v.totals.inFlight);
    const q0 = v.queues.find((q) => q.QueueId === 0);
    expect([q0?.QueueId, q0?.state]).toEqual([0, 'Running']);
    const queueIds = v.queues.map((q) => q.QueueId);
    expect(new Set(queueIds).size).toBe(queueIds.length);
    const filterIds = v.filters.map((f) => f.FilterId);
    expect(new Set(filterIds).size).toBe(filterIds.length);
    // R33/R10 with the default capabilities: NumQueues 8, MaxMacHeaderFilters 16.
    for (const id of queueIds) expect(id >= 0 && id <= 8).toBe(true);
    for (const f of v.filters) {
      expect(f.FilterId >= 1 && f.FilterId <= 16).toBe(true);
      expect(queueIds).toContain(f.QueueId);
    }
    for (const q of v.queues) {
      expect([q.QueueId, [...q.filterIds].sort()]).toEqual([
        q.QueueId,
        v.filters
          .filter((f) => f.QueueId === q.QueueId)
          .map((f) => f.FilterId)
          .sort(),
      ]);
      expect([q.QueueId, q.state, this.state[q.QueueId]]).toEqual([q.QueueId, q.state, q.state]);
      expect([q.QueueId, q.outstandingNbls]).toEqual([q.QueueId, this.outstanding[q.QueueId] ?? 0]);
      const qDropped = Object.values(q.counters.dropped).reduce((n, c) => n + (c ?? 0), 0);
      expect([q.QueueId, q.counters.classified]).toEqual([q.QueueId, q.counters.indicated + qDropped + q.pending]);
      const slots = (state: string) => q.ring.slots.filter((slot) => slot === state).length;
      expect([q.QueueId, q.ring.slots.length, slots('dma-written'), slots('indicated')]).toEqual([
        q.QueueId,
        q.buffers,
        q.pending,
        q.outstandingNbls,
      ]);
      if (q.pending + q.outstandingNbls < q.buffers) expect(q.ring.slots[q.ring.head]).toBe('free');
    }
    for (const m of v.memory) expect(queueIds).toContain(m.queueId);
  }
}

/** Plays a history, checking every invariant after every step and OID completion at the end. */
function playChecked(setup: Setup, actions: Action[]): void {
  const inv = new Invariants();
  const e = createEngine(configOf(setup));
  inv.observe(e.drainEvents());
  actions.forEach((a, i) => {
    act(e, a, i);
    const events = e.drainEvents();
    // A request returns its final result at once unless the miniport pended it.
    for (const ev of events) {
      if (ev.kind !== 'oid-requested') continue;
      const r = e.result(ev.requestId)!;
      const done = events.some((x) => x.kind === 'oid-completed' && x.result.requestId === ev.requestId);
      if (!done) expect(e.result(ev.requestId)!.status).toBe('NDIS_STATUS_PENDING');
      else expect(r.completedAtNs).toBeDefined();
    }
    inv.observe(events);
    inv.checkView(e);
  });
  // Drain: hand back every NBL and let everything scheduled happen.
  for (let round = 0; round < 5; round++) {
    e.runUntilIdle();
    e.returnNbls(null, 'all');
  }
  e.runUntilIdle();
  inv.observe(e.drainEvents());
  inv.checkView(e);
  const missing = [...inv.requested].filter((id) => inv.completions.get(id) !== 1);
  expect(missing.map((id) => [id, e.result(id)?.oid, e.result(id)?.status])).toEqual([]);
}

describe('random driver histories', () => {
  test('after every step: frames conserved, queue 0 Running, IDs unique, no indication off Running queues, no memory freed under outstanding NBLs, no engine-made error; every OID completes exactly once; traced explanations, indications and returns name the right queue; the ring view matches the counters', () => {
    fc.assert(
      fc.property(setupArb, fc.array(actionArb, { minLength: 1, maxLength: 40 }), (setup, actions) =>
        playChecked(setup, actions),
      ),
      { numRuns: 200 },
    );
  });

  test('halt after any history leaves only the default queue, frees all shared memory and raises no error (R42)', () => {
    fc.assert(
      fc.property(setupArb, fc.array(actionArb, { minLength: 1, maxLength: 30 }), (setup, actions) => {
        const e = createEngine(configOf(setup));
        actions.forEach((a, i) => {
          act(e, a, i);
        });
        e.drainEvents();
        e.adapterAction('halt');
        e.runUntilIdle();
        const after = e.drainEvents();
        const errors = after.filter(
          (ev) => ev.kind === 'rule-violated' && ev.severity === 'error' && !DRIVER_RULES.has(ev.rule),
        );
        expect(errors).toEqual([]);
        const v = e.view();
        expect(v.state).toBe('Halted');
        expect(v.queues.map((q) => q.QueueId)).toEqual([0]);
        expect(v.filters).toEqual([]);
        expect(v.memory).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('snapshot/restore', () => {
  test('restoring a snapshot and replaying the same actions gives identical events and an identical view', () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.array(actionArb, { maxLength: 25 }),
        fc.array(actionArb, { minLength: 1, maxLength: 25 }),
        (setup, prefix, suffix) => {
          const e = createEngine(configOf(setup));
          prefix.forEach((a, i) => {
            act(e, a, i);
          });
          e.drainEvents();
          const snap = e.snapshot();
          const run = (): { events: TraceEvent[]; view: ReturnType<Engine['view']> } => {
            suffix.forEach((a, i) => {
              act(e, a, prefix.length + i);
            });
            e.runUntilIdle();
            return { events: e.drainEvents(), view: e.view() };
          };
          const first = run();
          e.restore(snap);
          expect(e.drainEvents()).toEqual([]);
          const second = run();
          expect(second.events).toEqual(first.events);
          expect(second.view).toEqual(first.view);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a snapshot is a deep copy: acting after taking it does not change what it restores', () => {
    const e = createEngine(
      configOf({ profile: 'ws2012', seed: 3, manualReturns: true, pended: [], pendNs: 1_000, budget: 64, trace: true }),
    );
    e.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() });
    const before = e.view();
    const snap = e.snapshot();
    e.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: macFilterBuffer(1, VM1.mac, 10) });
    e.startFlow({ name: 'f', dst: STRANGER_MAC, frameBytes: 100, count: 3, intervalNs: 100 });
    e.runUntilIdle();
    e.restore(snap);
    expect(e.view()).toEqual(before);
  });
});
