/**
 * Property tests for the facts the engine reports to views, each held to an oracle written from the reference
 * rather than to the engine's own code: the explanation a traced frame carries (§1.5, §6.2, §6.3, docs/decisions.md
 * match order), hardware-table membership, and the receive ring (head, slot states) against a model built from the
 * per-frame events — and the same answers with per-frame tracing off.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { STRANGER_MAC, VM1, VM2, VM3, type VlanMode, type VmqAdapter, vmqAdapter } from './testing.ts';
import type { OidName } from './ndis/constants.ts';
import { asQueueId } from './types.ts';
import type {
  AdapterView,
  EngineConfig,
  FilterView,
  MatchReason,
  ProfileName,
  QueueMatch,
  RingSlotState,
} from './types.ts';

const VMS = [VM1, VM2, VM3];
const MACS = [VM1.mac, VM2.mac, VM3.mac, STRANGER_MAC, 'FF-FF-FF-FF-FF-FF'];
const macOf = (s: string): number => Number.parseInt(s.replace(/[-:]/g, ''), 16);

// ---------------------------------------------------------------------------------------------------------------
// Classification: random filter tables and frames against a reference oracle
// ---------------------------------------------------------------------------------------------------------------

type TableOp =
  | { k: 'allocate'; vm: number; mask: number }
  | { k: 'setFilter'; q: number; mac: number; vlan: VlanMode; onDefault: boolean }
  | { k: 'complete'; q: number }
  | { k: 'clear'; f: number }
  | { k: 'free'; q: number }
  | { k: 'advance'; ns: number };

const tableOpArb: fc.Arbitrary<TableOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('allocate' as const), vm: fc.nat(2), mask: fc.constantFrom(1, 2, 4, 8) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('setFilter' as const),
      q: fc.nat(9),
      mac: fc.nat(4),
      vlan: fc.constantFrom<VlanMode>('untagged-or-zero', 'mac-only', 1, 10, 20),
      onDefault: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('complete' as const), q: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('clear' as const), f: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('free' as const), q: fc.nat(9) }) },
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant('advance' as const), ns: fc.constantFrom(1_000, 10_000, 100_000) }),
  },
);

/** Plays one table operation now (pended requests complete only as time advances); ids are picked among the live ones so most requests are meaningful. */
function playTableOp(a: VmqAdapter, op: TableOp): void {
  const v = a.e.view();
  const vmQueues = v.queues.filter((q) => q.QueueId !== 0).map((q) => q.QueueId);
  const pickQueue = (n: number) => (vmQueues.length === 0 ? 1 : vmQueues[n % vmQueues.length]!);
  switch (op.k) {
    case 'allocate':
      a.tryAllocate({ vm: VMS[op.vm]!.name, mask: op.mask, buffers: 64 });
      break;
    case 'setFilter':
      if (op.onDefault) a.setMacFilter(0, MACS[op.mac]!, op.vlan, 'other');
      else a.setMacFilter(pickQueue(op.q), MACS[op.mac]!, op.vlan);
      break;
    case 'complete':
      a.complete([pickQueue(op.q)]);
      break;
    case 'clear': {
      const f = v.filters[op.f % Math.max(1, v.filters.length)];
      if (f) a.clearFilter(f.QueueId, f.FilterId, f.owner);
      break;
    }
    case 'free':
      a.free(pickQueue(op.q));
      break;
    case 'advance':
      a.e.advanceBy(op.ns);
      break;
  }
}

const vlanMatches = (f: FilterView, vlan: number | null): boolean =>
  f.vlanAgnostic ? true : f.filter.vlanId === null ? vlan === null || vlan === 0 : vlan === f.filter.vlanId;

/** The reference's answer (§1.5, §6.3, decisions "Match order"): VM queues by ascending QueueId, then queue 0; within a queue by FilterId; only filters of Running queues (or of queue 0) count. */
function oracle(v: AdapterView, mac: number, vlan: number | null): { queueId: number; filterId: number } {
  const running = (queueId: number) =>
    queueId === 0 || v.queues.find((q) => q.QueueId === queueId)?.state === 'Running';
  const order = (queueId: number) => (queueId === 0 ? Number.MAX_SAFE_INTEGER : queueId);
  const hit = v.filters
    .filter((f) => running(f.QueueId) && f.filter.mac === mac && vlanMatches(f, vlan))
    .sort((x, y) => order(x.QueueId) - order(y.QueueId) || x.FilterId - y.FilterId)[0];
  return hit ? { queueId: hit.QueueId, filterId: hit.FilterId } : { queueId: 0, filterId: 0 };
}

/** The reason kinds the reference allows for one filter of a VM queue, given who took the frame. */
function allowedReasons(
  v: AdapterView,
  f: FilterView,
  mac: number,
  vlan: number | null,
  taken: { queueId: number; filterId: number },
): MatchReason[] {
  const macOk = f.filter.mac === mac;
  const vlanOk = vlanMatches(f, vlan);
  const vlanReason: MatchReason =
    f.filter.vlanId === null
      ? { kind: 'untagged-or-zero-only', filterId: f.FilterId }
      : { kind: 'wrong-vlan', filterId: f.FilterId, vlanId: f.filter.vlanId };
  const macReason: MatchReason = { kind: 'wrong-mac', filterId: f.FilterId, mac: f.filter.mac };
  if (!macOk && !vlanOk) return [macReason, vlanReason];
  if (!macOk) return [macReason];
  if (!vlanOk) return [vlanReason];
  if (taken.filterId === f.FilterId) return [{ kind: 'matches', filterId: f.FilterId }];
  const queueState = v.queues.find((q) => q.QueueId === f.QueueId)!.state;
  const allowed: MatchReason[] = [{ kind: 'taken-earlier', filterId: f.FilterId }];
  if (!f.inHardwareTable) allowed.push({ kind: 'not-in-hardware-table', filterId: f.FilterId, queueState });
  // Another filter of the same queue steers it: the reference does not name this case.
  if (taken.queueId === f.QueueId) allowed.push({ kind: 'matches', filterId: f.FilterId });
  return allowed;
}

function checkExplanation(
  v: AdapterView,
  frame: { dst: string; vlanId: number | null; queueId: number; filterId: number; vlanStripped: boolean },
  match: QueueMatch[],
): void {
  const mac = macOf(frame.dst);
  const expected = oracle(v, mac, frame.vlanId);
  const label = `${frame.dst} vlan ${frame.vlanId}`;
  expect([label, frame.queueId, frame.filterId]).toEqual([label, expected.queueId, expected.filterId]);
  expect([label, match.filter((m) => m.takes).map((m) => [m.queueId, m.filterId ?? 0])]).toEqual([
    label,
    [[expected.queueId, expected.filterId]],
  ]);
  const vmQueues = v.queues
    .map((q) => q.QueueId)
    .filter((id) => id !== 0)
    .sort((x, y) => x - y);
  expect(match.map((m) => m.queueId)).toEqual([...vmQueues, 0]);
  for (const part of match) {
    const own = v.filters.filter((f) => f.QueueId === part.queueId).sort((x, y) => x.FilterId - y.FilterId);
    const vmName = v.queues.find((q) => q.QueueId === part.queueId)!.VmName;
    expect([part.queueId, part.vmName]).toEqual([part.queueId, part.queueId === 0 ? '' : vmName]);
    if (part.queueId === 0) {
      const fallback = part.takes && expected.filterId === 0 ? 'default-fallback' : 'only-unmatched';
      if (!part.takes || expected.filterId === 0) expect(part.reasons.map((r) => r.kind)).toContain(fallback);
      continue;
    }
    if (own.length === 0) {
      expect([part.queueId, part.reasons]).toEqual([part.queueId, [{ kind: 'no-filter' }]]);
      continue;
    }
    expect([label, part.queueId, part.reasons.map((r) => ('filterId' in r ? r.filterId : null))]).toEqual([
      label,
      part.queueId,
      own.map((f) => f.FilterId),
    ]);
    own.forEach((f, i) => {
      const allowed = allowedReasons(v, f, mac, frame.vlanId, expected);
      expect({ label, reason: part.reasons[i], allowed }).toEqual({
        label,
        reason: part.reasons[i],
        allowed: expect.arrayContaining([part.reasons[i]]),
      });
    });
  }
  const steering = v.filters.find((f) => f.FilterId === expected.filterId);
  if (steering?.vlanAgnostic) expect([label, frame.vlanStripped]).toEqual([label, frame.vlanId !== null]);
}

interface TableSetup {
  profile: ProfileName;
  /** OIDs the miniport pends (10 µs), so probes also meet queues and filters mid-request. */
  pended: OidName[];
  queues: { vm: number; mask: number; filters: { mac: number; vlan: VlanMode }[]; complete: boolean }[];
  defaultFilters: { mac: number; vlan: VlanMode }[];
}
const filterArb = fc.record({
  mac: fc.nat(2),
  vlan: fc.constantFrom<VlanMode>('untagged-or-zero', 'mac-only', 1, 10, 20),
});
const tableSetupArb: fc.Arbitrary<TableSetup> = fc.record({
  profile: fc.constantFrom<ProfileName>('ws2008r2', 'ws2012'),
  pended: fc.subarray<OidName>([
    'OID_RECEIVE_FILTER_SET_FILTER',
    'OID_RECEIVE_FILTER_CLEAR_FILTER',
    'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    'OID_RECEIVE_FILTER_FREE_QUEUE',
  ]),
  queues: fc.array(
    fc.record({
      vm: fc.nat(2),
      mask: fc.constantFrom(1, 2, 4, 8),
      filters: fc.array(filterArb, { maxLength: 3 }),
      complete: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  defaultFilters: fc.array(filterArb, { maxLength: 2 }),
});

function buildTable(a: VmqAdapter, setup: TableSetup): void {
  for (const q of setup.queues) {
    const r = a.tryAllocate({ vm: VMS[q.vm]!.name, mask: q.mask, buffers: 64 });
    if (r.status !== 'NDIS_STATUS_SUCCESS') continue;
    const queueId = r.output!['QueueId'] as number;
    for (const f of q.filters) a.setMacFilter(queueId, MACS[f.mac]!, f.vlan);
    if (q.complete) a.complete([queueId]);
  }
  for (const f of setup.defaultFilters) a.setMacFilter(0, MACS[f.mac]!, f.vlan, 'other');
  a.settle();
}

/** Every destination (the VMs, a stranger, broadcast) on every kind of VLAN: untagged, priority-tagged, 1, 10, 20, 4095. */
const PROBES = MACS.flatMap((mac) => [null, 0, 1, 10, 20, 4095].map((vlan) => ({ mac, vlan })));

/** A minimal Ethernet frame (64 bytes, no FCS) to `dst`, 802.1Q-tagged when `vlan` is not null. */
function ethernetFrame(dst: string, vlan: number | null): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set(
    dst.split('-').map((h) => Number.parseInt(h, 16)),
    0,
  );
  bytes.set([0x00, 0x15, 0x5d, 0x00, 0x00, 0x77], 6);
  const tag = vlan === null ? [] : [0x81, 0x00, (vlan >> 8) & 0x0f, vlan & 0xff];
  bytes.set([...tag, 0x08, 0x00], 12);
  return bytes;
}

/** Puts every probe on the wire at this very moment, so the view taken just before is the table they meet. */
function probe(a: VmqAdapter): void {
  for (const p of PROBES) a.e.injectFrame(ethernetFrame(p.mac, p.vlan));
}

describe('classification facts: random filter tables and frames', () => {
  test('§1.5/§6.3 every traced frame goes where the reference says, is taken by exactly one queue, and every queue and filter gives an allowed reason; inHardwareTable is "default queue or Running"; the untraced run ends in the identical view', () => {
    fc.assert(
      fc.property(tableSetupArb, fc.array(tableOpArb, { maxLength: 12 }), (setup, ops) => {
        const configure = (traceFrames: boolean) => (c: EngineConfig) => {
          c.adapter.options.traceFrames = traceFrames;
          c.adapter.options.pendingOids = Object.fromEntries(setup.pended.map((oid) => [oid, 10_000]));
        };
        const traced = vmqAdapter(setup.profile, configure(true));
        const untraced = vmqAdapter(setup.profile, configure(false));
        const round = (op?: TableOp) => {
          if (op) {
            playTableOp(traced, op);
            playTableOp(untraced, op);
          }
          const before = traced.e.view();
          const announced = new Map(traced.of('filter-set').map((ev) => [ev.filterId, ev.vlanAgnostic]));
          for (const f of before.filters) {
            const state = before.queues.find((q) => q.QueueId === f.QueueId)!.state;
            expect([f.FilterId, f.inHardwareTable]).toEqual([f.FilterId, f.QueueId === 0 || state === 'Running']);
            // Decision 13.14: on 6.30 a MAC-only filter without UNTAGGED_OR_ZERO is VLAN-agnostic; nothing else is.
            const macOnly = f.filter.vlanId === null && !f.filter.untaggedOrZero;
            expect([f.FilterId, f.vlanAgnostic, announced.get(f.FilterId)]).toEqual([
              f.FilterId,
              setup.profile === 'ws2012' && macOnly,
              f.vlanAgnostic,
            ]);
          }
          const mark = traced.mark();
          probe(traced);
          probe(untraced);
          const classified = traced.of('frame-classified', mark);
          expect(classified).toHaveLength(PROBES.length);
          for (const c of classified) checkExplanation(before, c, c.match);
        };
        buildTable(traced, setup);
        buildTable(untraced, setup);
        round();
        for (const op of ops) round(op);
        traced.settle();
        untraced.settle();
        expect(untraced.e.view()).toEqual(traced.e.view());
        expect(untraced.of('frame-classified')).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The ring: a model built from per-frame events, and the untraced twin
// ---------------------------------------------------------------------------------------------------------------

type RingAction =
  | { k: 'traffic'; to: number; count: number; interval: number }
  | { k: 'advance'; ns: number }
  | { k: 'return'; q: number | null; count: number | 'all' }
  | { k: 'flush'; vm: number }
  | { k: 'free'; vm: number }
  | { k: 'move'; vm: number; mask: number }
  | { k: 'pause' }
  | { k: 'restart' }
  | { k: 'reset' };

const ringActionArb: fc.Arbitrary<RingAction> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('traffic' as const),
      to: fc.nat(3),
      count: fc.integer({ min: 1, max: 12 }),
      interval: fc.constantFrom(10, 300, 3_000),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('advance' as const), ns: fc.constantFrom(0, 500, 2_000, 10_000) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('return' as const),
      q: fc.option(fc.nat(3), { nil: null }),
      count: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant('all' as const)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('flush' as const), vm: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('free' as const), vm: fc.nat(2) }) },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('move' as const), vm: fc.nat(2), mask: fc.constantFrom(2, 4, 8) }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'reset' as const }) },
);

interface RingSetup {
  profile: ProfileName;
  masks: number[];
  budget: number;
}
const ringSetupArb: fc.Arbitrary<RingSetup> = fc.record({
  profile: fc.constantFrom<ProfileName>('ws2008r2', 'ws2012'),
  masks: fc.array(fc.constantFrom(2, 4), { minLength: 3, maxLength: 3 }),
  budget: fc.constantFrom(2, 64),
});

/** Three VM queues of 8 buffers (VM1's with a lookahead split where the profile has one), a default queue of 8, manual NBL returns. */
class RingDriver {
  readonly a: VmqAdapter;
  readonly queues: ({ queueId: number; filterId: number } | null)[];

  constructor(setup: RingSetup, traceFrames: boolean) {
    this.a = vmqAdapter(setup.profile, (c) => {
      c.adapter.options.returnLatencyNs = null;
      c.adapter.options.defaultQueueBuffers = 8;
      c.adapter.options.maxNblsPerDpc = setup.budget;
      c.adapter.options.traceFrames = traceFrames;
    });
    this.queues = VMS.map((vm, i) =>
      this.a.vmQueue(vm, {
        buffers: 8,
        mask: setup.masks[i]!,
        ...(i === 0 && setup.profile === 'ws2008r2' ? { lookahead: 128 } : {}),
      }),
    );
  }

  play(act: RingAction, index: number): void {
    const { a } = this;
    switch (act.k) {
      case 'traffic': {
        const vm = VMS[act.to];
        a.traffic(vm ? vm.mac : STRANGER_MAC, {
          vlanId: vm ? vm.vlan : null,
          count: act.count,
          intervalNs: act.interval,
          name: `t${index}`,
        });
        return;
      }
      case 'advance':
        a.e.advanceBy(act.ns);
        return;
      case 'return': {
        const ids = [0, ...this.queues.map((q) => q?.queueId ?? 0)];
        a.e.returnNbls(act.q === null ? null : asQueueId(ids[act.q]!), act.count);
        return;
      }
      case 'flush': {
        const q = this.queues[act.vm];
        if (!q) return;
        a.clearFilter(q.queueId, q.filterId);
        this.queues[act.vm] = {
          queueId: q.queueId,
          filterId: a.filter(q.queueId, VMS[act.vm]!.mac, VMS[act.vm]!.vlan!),
        };
        return;
      }
      case 'free': {
        const q = this.queues[act.vm];
        if (!q) return;
        a.clearFilter(q.queueId, q.filterId);
        a.free(q.queueId);
        // NDIS serializes OIDs behind a FREE_QUEUE waiting for its NBLs: hand them back so later OIDs proceed.
        a.e.returnNbls(asQueueId(q.queueId), 'all');
        a.e.advanceBy(0);
        this.queues[act.vm] = null;
        return;
      }
      case 'move': {
        const q = this.queues[act.vm];
        if (q)
          a.setQueueParameters(q.queueId, {
            Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
            ProcessorAffinity: { Mask: act.mask, Group: 0 },
          });
        return;
      }
      case 'pause':
      case 'restart':
        a.e.adapterAction(act.k);
        return;
      case 'reset':
        // The reset lasts 50 µs of virtual time; OIDs issued meanwhile would fail, so let it end.
        a.e.adapterAction('reset');
        a.e.advanceBy(60_000);
        return;
    }
  }
}

/** Slot states and head per queue, from dma-written, nbls-indicated, nbls-returned and frames-dropped events alone. */
class RingModel {
  slots = new Map<number, RingSlotState[]>();
  head = new Map<number, number | null>();
  slotOf = new Map<number, { queueId: number; slot: number }>();
  /** Per queue: frames DMA'd and not yet indicated, and NBLs indicated and not yet returned, oldest first. */
  waiting = new Map<number, number[]>();
  held = new Map<number, number[]>();

  track(v: AdapterView): void {
    for (const q of v.queues)
      if (!this.slots.has(q.QueueId)) {
        this.slots.set(q.QueueId, Array(q.buffers).fill('free'));
        this.head.set(q.QueueId, 0);
        this.waiting.set(q.QueueId, []);
        this.held.set(q.QueueId, []);
      }
    for (const id of [...this.slots.keys()]) if (!v.queues.some((q) => q.QueueId === id)) this.slots.delete(id);
  }

  private move(frameId: number, from: RingSlotState, to: RingSlotState): void {
    const at = this.slotOf.get(frameId);
    expect([frameId, at !== undefined]).toEqual([frameId, true]);
    const slots = this.slots.get(at!.queueId)!;
    expect([frameId, slots[at!.slot]]).toEqual([frameId, from]);
    slots[at!.slot] = to;
  }

  observe(a: VmqAdapter, since: number): void {
    for (const ev of a.events.slice(since)) {
      switch (ev.kind) {
        case 'dma-written': {
          const slots = this.slots.get(ev.queueId)!;
          const head = this.head.get(ev.queueId);
          if (head !== null) expect([ev.frameId, ev.slot]).toEqual([ev.frameId, head]);
          expect([ev.frameId, slots[ev.slot]]).toEqual([ev.frameId, 'free']);
          slots[ev.slot] = 'dma-written';
          this.head.set(ev.queueId, (ev.slot + 1) % slots.length);
          this.slotOf.set(ev.frameId, { queueId: ev.queueId, slot: ev.slot });
          this.waiting.get(ev.queueId)!.push(ev.frameId);
          break;
        }
        case 'nbls-indicated':
          for (const p of ev.parts) {
            const waiting = this.waiting.get(p.queueId)!;
            // R37: a queue's frames are indicated in arrival order.
            expect(p.frameIds).toEqual(waiting.slice(0, p.count));
            waiting.splice(0, p.count);
            for (const id of p.frameIds ?? []) this.move(id, 'dma-written', 'indicated');
            this.held.get(p.queueId)!.push(...(p.frameIds ?? []));
          }
          break;
        case 'nbls-returned': {
          const held = this.held.get(ev.queueId)!;
          // returnNbls gives back the oldest NBLs first.
          expect(ev.frameIds).toEqual(held.slice(0, ev.count));
          held.splice(0, ev.count);
          for (const id of ev.frameIds ?? []) this.move(id, 'indicated', 'free');
          break;
        }
        case 'frames-dropped':
          if (ev.queueId === null || !this.slots.has(ev.queueId)) break;
          expect(ev.frameIds?.length).toBe(ev.count);
          for (const id of ev.frameIds ?? []) this.move(id, 'dma-written', 'free');
          this.waiting.set(
            ev.queueId,
            this.waiting.get(ev.queueId)!.filter((id) => !(ev.frameIds ?? []).includes(id)),
          );
          // Where the NIC writes next after a flush is not the reference's business: learn it from the view.
          this.head.set(ev.queueId, null);
          break;
        case 'frame-dropped':
          if (ev.reason === 'no-free-buffer' && ev.queueId !== null)
            expect([ev.frameId, this.slots.get(ev.queueId)!.filter((s) => s === 'free').length]).toEqual([
              ev.frameId,
              0,
            ]);
          break;
        default:
          break;
      }
    }
  }

  check(v: AdapterView): void {
    for (const q of v.queues) {
      const slots = this.slots.get(q.QueueId)!;
      if (this.head.get(q.QueueId) === null) this.head.set(q.QueueId, q.ring.head);
      expect([q.QueueId, q.ring]).toEqual([q.QueueId, { head: this.head.get(q.QueueId), slots }]);
      const count = (s: RingSlotState) => q.ring.slots.filter((x) => x === s).length;
      expect([q.QueueId, count('dma-written'), count('indicated'), q.ring.slots.length]).toEqual([
        q.QueueId,
        q.pending,
        q.outstandingNbls,
        q.buffers,
      ]);
    }
  }
}

describe('ring facts: random frames, DPC time and NBL returns', () => {
  test('the ring view equals a model built from the per-frame events after every step (head advances by one per DMA modulo the ring, free → dma-written → indicated → free, no-free-buffer only when no slot is free, indicated = outstandingNbls, dma-written = pending), and the untraced twin shows the same view', () => {
    fc.assert(
      fc.property(ringSetupArb, fc.array(ringActionArb, { minLength: 1, maxLength: 40 }), (setup, actions) => {
        const traced = new RingDriver(setup, true);
        const untraced = new RingDriver(setup, false);
        const model = new RingModel();
        model.track(traced.a.e.view());
        let mark = 0;
        model.observe(traced.a, mark);
        mark = traced.a.mark();
        actions.forEach((act, i) => {
          traced.play(act, i);
          untraced.play(act, i);
          model.observe(traced.a, mark);
          mark = traced.a.mark();
          const v = traced.a.e.view();
          model.track(v);
          model.check(v);
          expect(untraced.a.e.view()).toEqual(v);
        });
      }),
      { numRuns: 200 },
    );
  });
});
