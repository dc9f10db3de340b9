/**
 * The facts the engine reports so views need not derive them (docs/decisions.md, "What the engine reports"):
 * a traced frame's explanation (`frame-classified.match`), hardware-table membership, VLAN-agnostic filters,
 * the receive ring and the adapter's named capabilities. Written from the reference (§1.5, §5, §6.2–6.3, §7.3–7.4,
 * §8, §9, §11) and the recorded decisions, not from the implementation.
 */
import { describe, expect, test } from 'vitest';
import { profileCapabilities } from '../profiles.ts';
import { expectSuccess, filterIdOf, STRANGER_MAC, VM1, VM2, VM3, type VmqAdapter, vmqAdapter } from '../testing.ts';
import { asQueueId, type AdapterCapabilities, type EngineConfig, type ProfileName, type QueueMatch } from '../types.ts';

/** "00-15-5D-00-00-01" as the 48-bit number MatchReason carries. */
const macOf = (s: string): number => Number.parseInt(s.replace(/[-:]/g, ''), 16);
const takers = (match: QueueMatch[]) => match.filter((m) => m.takes);
const partOf = (match: QueueMatch[], queueId: number) => match.find((m) => m.queueId === queueId);
/** The explanation of each frame classified since `since`, in arrival order. */
const matches = (a: VmqAdapter, since = 0) => a.of('frame-classified', since).map((c) => c.match);
const AFFINITY_CHANGED = 'NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED';
const DYNAMIC_AFFINITY = 0x8;
const VECTOR_COALESCING = 0x10;
const LOOKAHEAD_SPLIT = 0x4;

describe('frame-classified.match: why a frame went where it went (§1.5, §6.2)', () => {
  test('§1.5 exactly one queue takes each traced frame: the queue and filter its frame-classified event names', () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.vmQueue(VM1).queueId;
    const q2 = a.vmQueue(VM2, { mask: 4, vlan: 'untagged-or-zero' }).queueId;
    const q3 = a.allocate({ vm: VM3.name, mask: 8 });
    a.filter(q3, VM3.mac, 30); // Set: not complete
    for (const [dst, vlanId] of [
      [VM1.mac, 10],
      [VM1.mac, null],
      [VM2.mac, null],
      [VM2.mac, 0],
      [VM2.mac, 20],
      [VM3.mac, 30],
      [STRANGER_MAC, 10],
      ['FF-FF-FF-FF-FF-FF', null],
    ] as const)
      a.traffic(dst, { vlanId, name: `${dst}/${vlanId}` });
    a.settle();
    const classified = a.of('frame-classified');
    expect(classified).toHaveLength(8);
    for (const c of classified) {
      const t = takers(c.match);
      expect([c.frameId, t.map((m) => [m.queueId, m.filterId ?? 0])]).toEqual([c.frameId, [[c.queueId, c.filterId]]]);
    }
    expect(classified.map((c) => c.queueId)).toEqual([q1, 0, q2, q2, 0, 0, 0, 0]);
    expect([q1, q2, q3]).toHaveLength(3);
  });

  test('§1.5 the explanation lists every live queue in match order — VM queues by ascending QueueId, whatever the allocation order, then the default queue', () => {
    const a = vmqAdapter('ws2012');
    const first = a.allocate({ vm: VM1.name });
    const second = a.allocate({ vm: VM2.name });
    const third = a.allocate({ vm: VM3.name });
    // Free the first (no filters) and allocate again: the new queue may get any unused id.
    expectSuccess(a.free(first));
    a.settle();
    const again = a.allocate({ vm: VM1.name });
    a.complete([second]);
    a.filter(third, VM3.mac, 30);
    a.traffic(STRANGER_MAC);
    a.settle();
    const [match] = matches(a);
    const vmQueues = [second, third, again].sort((x, y) => x - y);
    expect(match!.map((m) => m.queueId)).toEqual([...vmQueues, 0]);
    expect(partOf(match!, 0)!.vmName).toBe('');
    expect(partOf(match!, second)!.vmName).toBe(VM2.name);
    expect(partOf(match!, again)!.vmName).toBe(VM1.name);
  });

  test('§6.2 a VM queue without filters (Allocated, or complete and Paused) is listed with the reason no-filter and never takes a frame', () => {
    const a = vmqAdapter('ws2012');
    const allocated = a.allocate({ vm: VM1.name });
    const paused = a.allocate({ vm: VM2.name });
    a.complete([paused]);
    expect([a.e.queue(allocated)!.state, a.e.queue(paused)!.state]).toEqual(['Allocated', 'Paused']);
    a.traffic(VM1.mac, { vlanId: 10 });
    a.traffic(VM2.mac, { vlanId: null, name: 'vm2' });
    a.settle();
    for (const match of matches(a)) {
      for (const q of [allocated, paused])
        expect(partOf(match, q)).toMatchObject({ takes: false, reasons: [{ kind: 'no-filter' }] });
      expect(partOf(match, 0)).toMatchObject({ takes: true, reasons: [{ kind: 'default-fallback' }] });
    }
  });

  test('R8 while QUEUE_ALLOCATION_COMPLETE is pended the queue is still Set: its matching filter is not-in-hardware-table, FilterView.inHardwareTable is false, and frames fall to the default queue', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: 20_000 };
    });
    const q = a.allocate();
    const f = a.filter(q, VM1.mac, 10);
    expect(a.complete([q]).status).toBe('NDIS_STATUS_PENDING');
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 1_000 });
    a.e.advanceBy(10_000);
    expect(a.e.queue(q)!.state).toBe('Set');
    expect(a.e.view().filters.find((x) => x.FilterId === f)!.inHardwareTable).toBe(false);
    const during = matches(a);
    expect(during).toHaveLength(3);
    for (const match of during) {
      expect(partOf(match, q)).toMatchObject({
        takes: false,
        reasons: [{ kind: 'not-in-hardware-table', filterId: f, queueState: 'Set' }],
      });
      expect(takers(match).map((m) => m.queueId)).toEqual([0]);
    }
    expect(a.indicatedOn(q)).toBe(0);
    a.settle();
    expect(a.e.queue(q)!.state).toBe('Running');
    expect(a.e.view().filters.find((x) => x.FilterId === f)!.inHardwareTable).toBe(true);
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(takers(matches(a, mark)[0]!)).toMatchObject([{ queueId: q, filterId: f }]);
  });

  test('R14 UNTAGGED_OR_ZERO: untagged and priority-tagged (VID 0) frames are taken; a frame on VLAN 10 is explained as untagged-or-zero-only and falls to the default queue', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1, { vlan: 'untagged-or-zero' });
    for (const vlanId of [null, 0, 10]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
    a.settle();
    const [untagged, zero, ten] = matches(a);
    for (const m of [untagged!, zero!])
      expect(partOf(m, queueId)).toEqual({
        queueId,
        vmName: VM1.name,
        takes: true,
        filterId,
        reasons: [{ kind: 'matches', filterId }],
      });
    expect(partOf(ten!, queueId)).toMatchObject({
      takes: false,
      reasons: [{ kind: 'untagged-or-zero-only', filterId }],
    });
    expect(partOf(ten!, 0)).toMatchObject({ takes: true, reasons: [{ kind: 'default-fallback' }] });
    expect(partOf(untagged!, 0)).toMatchObject({ takes: false, reasons: [{ kind: 'only-unmatched' }] });
  });

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R15 %s: a MAC+VLAN 10 filter needs VID 10 exactly — untagged, VID 0 and VID 11 are explained as wrong-vlan (vlanId 10)',
    (profile) => {
      const a = vmqAdapter(profile);
      const { queueId, filterId } = a.vmQueue(VM1, { vlan: 10 });
      for (const vlanId of [null, 0, 11, 10]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
      a.settle();
      const explained = matches(a).map((m) => partOf(m, queueId));
      expect(explained.slice(0, 3)).toEqual(
        [1, 2, 3].map(() => ({
          queueId,
          vmName: VM1.name,
          takes: false,
          reasons: [{ kind: 'wrong-vlan', filterId, vlanId: 10 }],
        })),
      );
      expect(explained[3]).toMatchObject({ takes: true, filterId, reasons: [{ kind: 'matches', filterId }] });
    },
  );

  test("§6.2 a filter for another destination is explained as wrong-mac, carrying the filter's MAC", () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1, { vlan: 10 });
    a.traffic(VM2.mac, { vlanId: 10 });
    a.settle();
    expect(partOf(matches(a)[0]!, queueId)).toEqual({
      queueId,
      vmName: VM1.name,
      takes: false,
      reasons: [{ kind: 'wrong-mac', filterId, mac: macOf(VM1.mac) }],
    });
  });

  test('§1.5 a queue with several filters takes a frame any of them matches (OR) and lists a reason for every filter in FilterId order', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const f10 = a.filter(q, VM1.mac, 10);
    const f20 = a.filter(q, VM1.mac, 20);
    const fOther = a.filter(q, VM2.mac, 'untagged-or-zero');
    a.complete([q]);
    a.traffic(VM1.mac, { vlanId: 20 });
    a.settle();
    expect(partOf(matches(a)[0]!, q)).toEqual({
      queueId: q,
      vmName: VM1.name,
      takes: true,
      filterId: f20,
      reasons: [
        { kind: 'wrong-vlan', filterId: f10, vlanId: 10 },
        { kind: 'matches', filterId: f20 },
        { kind: 'wrong-mac', filterId: fOther, mac: macOf(VM2.mac) },
      ],
    });
  });

  test('§1.5 within one queue the lowest FilterId steers a frame two of its filters match', () => {
    for (const exactFirst of [true, false]) {
      const a = vmqAdapter('ws2012');
      const q = a.allocate();
      const ids = exactFirst
        ? [a.filter(q, VM1.mac, 10), a.filter(q, VM1.mac, 'mac-only')]
        : [a.filter(q, VM1.mac, 'mac-only'), a.filter(q, VM1.mac, 10)];
      a.complete([q]);
      a.traffic(VM1.mac, { vlanId: 10 });
      a.settle();
      const [c] = a.of('frame-classified');
      expect([exactFirst, c!.queueId, c!.filterId]).toEqual([exactFirst, q, Math.min(...ids)]);
      expect(takers(c!.match)).toMatchObject([{ queueId: q, filterId: Math.min(...ids) }]);
    }
  });

  test('§1.5 match order is by QueueId, not by FilterId nor by how specific a filter is: the lower QueueId takes, the other matching filter is taken-earlier', () => {
    const a = vmqAdapter('ws2012');
    const low = a.allocate({ vm: VM1.name });
    const high = a.allocate({ vm: VM2.name, mask: 4 });
    // The higher queue gets the lower FilterId and the more specific (MAC+VLAN) filter.
    const exact = a.filter(high, VM1.mac, 10);
    const agnostic = a.filter(low, VM1.mac, 'mac-only');
    a.complete([low, high]);
    expect(exact).toBeLessThan(agnostic);
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    const [c] = a.of('frame-classified');
    expect([c!.queueId, c!.filterId]).toEqual([low, agnostic]);
    expect(c!.match.map((m) => [m.queueId, m.takes, m.reasons])).toEqual([
      [low, true, [{ kind: 'matches', filterId: agnostic }]],
      [high, false, [{ kind: 'taken-earlier', filterId: exact }]],
      [0, false, [{ kind: 'only-unmatched' }]],
    ]);
  });

  test('§1.5 a default-queue filter is tried after every VM queue; a frame only it matches is steered by it', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { vlan: 10 });
    const f0 = a.filter(0, VM2.mac, 'untagged-or-zero', 'other');
    const fBoth = a.filter(0, VM1.mac, 10, 'other');
    a.traffic(VM2.mac);
    a.traffic(VM1.mac, { vlanId: 10, name: 'both' });
    a.settle();
    const [onlyDefault, both] = a.of('frame-classified');
    expect([onlyDefault!.queueId, onlyDefault!.filterId]).toEqual([0, f0]);
    expect(takers(onlyDefault!.match)).toMatchObject([{ queueId: 0, filterId: f0 }]);
    expect(partOf(onlyDefault!.match, 0)!.reasons).toContainEqual({ kind: 'matches', filterId: f0 });
    expect(both!.queueId).toBe(queueId);
    expect(takers(both!.match).map((m) => m.queueId)).toEqual([queueId]);
    expect(partOf(both!.match, 0)!.takes).toBe(false);
    expect(fBoth).toBeGreaterThan(f0);
  });

  test('§5.2 a queue being freed (Freeing, waiting for its NBLs) is listed without filters; once FREE_QUEUE completes it is gone from the explanation', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.returnLatencyNs = null;
    });
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    a.clearFilter(queueId, filterId);
    expect(a.free(queueId).status).toBe('NDIS_STATUS_PENDING');
    expect(a.e.queue(queueId)!.state).toBe('Freeing');
    let mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, name: 'while freeing' });
    a.settle();
    const [freeing] = matches(a, mark);
    expect(partOf(freeing!, queueId)).toMatchObject({ takes: false, reasons: [{ kind: 'no-filter' }] });
    expect(takers(freeing!).map((m) => m.queueId)).toEqual([0]);
    a.e.returnNbls(queueId, 'all');
    a.settle();
    expect(a.e.queue(queueId)).toBeUndefined();
    mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, name: 'after free' });
    a.settle();
    expect(matches(a, mark)[0]!.map((m) => m.queueId)).toEqual([0]);
  });

  test('R3 legacy-ndis61 (no receive filtering): every frame is explained by the default queue alone', () => {
    const a = vmqAdapter('legacy-ndis61');
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(matches(a)).toEqual([[{ queueId: 0, vmName: '', takes: true, reasons: [{ kind: 'default-fallback' }] }]]);
  });

  test('§1.3 a frame the adapter packet filter drops carries its classification: no filter matched, so only the default queue took it', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.packetFilter = 'directed-broadcast-multicast';
    });
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(STRANGER_MAC, { vlanId: 10 });
    a.settle();
    const [drop] = a.of('frame-dropped');
    expect(drop!.reason).toBe('packet-filter');
    expect(drop!.match!.map((m) => m.queueId)).toEqual([queueId, 0]);
    expect(takers(drop!.match!).map((m) => m.queueId)).toEqual([0]);
    expect(partOf(drop!.match!, queueId)).toMatchObject({
      takes: false,
      reasons: [{ kind: 'wrong-mac', filterId, mac: macOf(VM1.mac) }],
    });
  });
});

describe('tracing on and off classify alike', () => {
  const run = (traceFrames: boolean, toggleMidway = false) => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.traceFrames = traceFrames;
      c.adapter.options.returnLatencyNs = null;
    });
    const q1 = a.vmQueue(VM1, { buffers: 8 }).queueId;
    a.vmQueue(VM2, { mask: 4, vlan: 'mac-only' });
    const q3 = a.allocate({ vm: VM3.name, mask: 8 });
    a.filter(q3, VM3.mac, 30);
    a.traffic(VM1.mac, { vlanId: 10, count: 12, intervalNs: 300 });
    a.traffic(VM2.mac, { vlanId: 20, count: 3, intervalNs: 700 });
    a.traffic(VM3.mac, { vlanId: 30, count: 2, intervalNs: 500 });
    a.traffic(STRANGER_MAC, { count: 2, intervalNs: 900 });
    a.e.advanceBy(2_500);
    if (toggleMidway) a.e.setTraceFrames(!traceFrames);
    a.settle();
    a.e.returnNbls(q1, 5);
    a.complete([q3]);
    a.traffic(VM3.mac, { vlanId: 30, count: 2, intervalNs: 500, name: 'after complete' });
    a.e.advanceBy(1_000);
    return a;
  };

  test('with per-frame tracing off no frame carries an explanation, and counters, totals, ring and every view are identical to the traced run', () => {
    const on = run(true);
    const off = run(false);
    expect(off.of('frame-classified')).toEqual([]);
    expect(off.of('frame-dropped').filter((d) => d.match !== undefined)).toEqual([]);
    expect(on.of('frame-classified').length).toBeGreaterThan(0);
    expect(off.e.view()).toEqual(on.e.view());
  });

  test('switching tracing on or off in the middle of a run changes no counter and no ring', () => {
    expect(run(true, true).e.view()).toEqual(run(true).e.view());
    const switchedOn = run(false, true);
    expect(switchedOn.e.view()).toEqual(run(false).e.view());
    // Frames classified after tracing came on carry their explanation.
    const late = switchedOn.of('frame-classified');
    expect(late.length).toBeGreaterThan(0);
    for (const c of late) expect(takers(c.match).map((m) => m.queueId)).toEqual([c.queueId]);
  });
});

describe('FilterView.inHardwareTable and filter-set vlanAgnostic (§6.2, §6.3)', () => {
  test('R8 a filter is in the hardware table exactly while its queue is Running (or is the default queue): Set → no, after QUEUE_ALLOCATION_COMPLETE → yes', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const f = a.filter(q, VM1.mac, 10);
    const f0 = a.filter(0, VM2.mac, 'untagged-or-zero', 'other');
    const inTable = () => Object.fromEntries(a.e.view().filters.map((x) => [x.FilterId, x.inHardwareTable]));
    expect(inTable()).toEqual({ [f]: false, [f0]: true });
    a.complete([q]);
    const f2 = a.filter(q, VM1.mac, 20);
    expect(inTable()).toEqual({ [f]: true, [f0]: true, [f2]: true });
    a.clearFilter(q, f);
    expect(inTable()).toEqual({ [f0]: true, [f2]: true });
  });

  test('R8 what FilterView.inHardwareTable says is what classification does: a listed-but-absent filter never takes a frame', () => {
    const a = vmqAdapter('ws2008r2');
    const running = a.vmQueue(VM1, { vlan: 10 });
    const set = a.allocate({ vm: VM2.name, mask: 4 });
    const setFilter = a.filter(set, VM2.mac, 20);
    a.traffic(VM1.mac, { vlanId: 10 });
    a.traffic(VM2.mac, { vlanId: 20, name: 'vm2' });
    a.settle();
    const filters = a.e.view().filters;
    const [toRunning, toSet] = a.of('frame-classified');
    expect(filters.find((x) => x.FilterId === running.filterId)!.inHardwareTable).toBe(true);
    expect(toRunning!.filterId).toBe(running.filterId);
    expect(filters.find((x) => x.FilterId === setFilter)!.inHardwareTable).toBe(false);
    expect([toSet!.queueId, toSet!.filterId]).toEqual([0, 0]);
  });

  test('§6.3 rule 3 / decision 13.14 ws2012: a MAC-only filter is VLAN-agnostic in the filter-set event and the view; UNTAGGED_OR_ZERO and MAC+VLAN filters are not', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const agnostic = a.filter(q, VM1.mac, 'mac-only');
    const uoz = a.filter(q, VM2.mac, 'untagged-or-zero');
    const tagged = a.filter(q, VM3.mac, 30);
    const expected = { [agnostic]: true, [uoz]: false, [tagged]: false };
    expect(Object.fromEntries(a.of('filter-set').map((s) => [s.filterId, s.vlanAgnostic]))).toEqual(expected);
    expect(Object.fromEntries(a.e.view().filters.map((x) => [x.FilterId, x.vlanAgnostic]))).toEqual(expected);
  });

  test('§6.3 rule 3 ws2012: a VLAN-agnostic filter takes untagged frames and frames on any VLAN (0, 10, 4095), stripping any tag', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1, { vlan: 'mac-only' });
    for (const vlanId of [null, 0, 10, 4095]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
    a.settle();
    const classified = a.of('frame-classified');
    expect(classified.map((c) => [c.queueId, c.filterId, c.vlanId, c.vlanStripped])).toEqual([
      [queueId, filterId, null, false],
      [queueId, filterId, 0, true],
      [queueId, filterId, 10, true],
      [queueId, filterId, 4095, true],
    ]);
  });

  test('R13 ws2008r2: a MAC-only filter is refused, so no filter-set event and no filter; its queue is explained as no-filter', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate();
    expect(a.setMacFilter(q, VM1.mac, 'mac-only').status).not.toBe('NDIS_STATUS_SUCCESS');
    a.complete([q]);
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(a.of('filter-set')).toEqual([]);
    expect(a.e.view().filters).toEqual([]);
    expect(partOf(matches(a)[0]!, q)).toMatchObject({ takes: false, reasons: [{ kind: 'no-filter' }] });
  });

  test('§6.3 rule 4 ws2012 (6.30): a MAC+VLAN filter strips the tag of the frames it takes into the NBL', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { vlan: 10 });
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(a.of('frame-classified').map((c) => [c.queueId, c.vlanStripped])).toEqual([[queueId, true]]);
  });
});

describe('QueueView.ring (§7.2, §8, decisions "Receive buffers")', () => {
  const manualReturns = (profile: ProfileName = 'ws2012') =>
    vmqAdapter(profile, (c) => {
      c.adapter.options.returnLatencyNs = null;
    });
  const count = (slots: string[], state: string) => slots.filter((s) => s === state).length;

  test('a queue completed with 8 buffers has a ring of 8 free slots with its head at slot 0; the default queue has defaultQueueBuffers slots', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.defaultQueueBuffers = 16;
    });
    const { queueId } = a.vmQueue(VM1, { buffers: 8 });
    expect(a.e.queue(asQueueId(queueId))!.ring).toEqual({ head: 0, slots: Array(8).fill('free') });
    expect(a.e.queue(asQueueId(0))!.ring.slots).toEqual(Array(16).fill('free'));
  });

  test('§7.2 a queue gets its receive buffers at QUEUE_ALLOCATION_COMPLETE: before that (Allocated, Set) its ring has no slot', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate({ buffers: 16 });
    expect(a.e.queue(q)!.ring).toEqual({ head: 0, slots: [] });
    a.filter(q, VM1.mac, 10);
    expect(a.e.queue(q)!.ring.slots).toEqual([]);
    a.complete([q]);
    expect(a.e.queue(q)!.ring.slots).toEqual(Array(16).fill('free'));
  });

  test.each([
    [0, 64],
    [4, 8],
    [5_000, 4_096],
  ])(
    'decisions "Receive buffers": NumSuggestedReceiveBuffers %i gives a ring of %i slots (0 → 64, clamped to 8..4096)',
    (suggested, slots) => {
      const a = vmqAdapter('ws2012');
      const { queueId } = a.vmQueue(VM1, { buffers: suggested });
      expect([a.e.queue(queueId)!.buffers, a.e.queue(asQueueId(queueId))!.ring.slots.length]).toEqual([slots, slots]);
    },
  );

  test('decisions "Receive buffers": a later SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED is a hint only — the ring keeps its size', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { buffers: 16 });
    const r = a.setQueueParameters(queueId, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED'],
      NumSuggestedReceiveBuffers: 100,
    });
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(asQueueId(queueId))!.ring.slots).toHaveLength(16);
  });

  test('R42 after MiniportHaltEx only the default queue is left, and with its memory freed its ring has no slot', () => {
    const a = vmqAdapter('ws2012');
    a.vmQueue(VM1);
    a.e.adapterAction('halt');
    a.settle();
    const v = a.e.view();
    expect([v.state, v.memory]).toEqual(['Halted', []]);
    expect(v.queues.map((q) => [q.QueueId, q.ring.slots])).toEqual([[0, []]]);
  });

  test('each slot goes free → dma-written (DMA done, DPC not yet run) → indicated (DPC ran) → free (NBL returned); the counts match pending and outstandingNbls', () => {
    const a = manualReturns();
    const { queueId } = a.vmQueue(VM1, { buffers: 8 });
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 100 });
    a.e.advanceBy(500); // DPC latency is 2 µs: the three frames wait in the ring
    let q = a.e.queue(queueId)!;
    expect(q.ring).toEqual({ head: 3, slots: ['dma-written', 'dma-written', 'dma-written', ...Array(5).fill('free')] });
    expect([q.pending, q.outstandingNbls]).toEqual([3, 0]);
    a.settle();
    q = a.e.queue(queueId)!;
    expect(q.ring).toEqual({ head: 3, slots: ['indicated', 'indicated', 'indicated', ...Array(5).fill('free')] });
    expect([q.pending, q.outstandingNbls]).toEqual([0, 3]);
    expect(a.e.returnNbls(queueId, 2)).toBe(2);
    q = a.e.queue(queueId)!;
    expect(q.ring).toEqual({ head: 3, slots: ['free', 'free', 'indicated', ...Array(5).fill('free')] });
    expect([count(q.ring.slots, 'indicated'), q.outstandingNbls]).toEqual([1, 1]);
  });

  test('the head advances by one per DMA’d frame modulo the ring size, and every dma-written event names the slot the head pointed at', () => {
    const a = manualReturns();
    const { queueId } = a.vmQueue(VM1, { buffers: 8 });
    a.traffic(VM1.mac, { vlanId: 10, count: 5, intervalNs: 100 });
    a.settle();
    a.e.returnNbls(queueId, 'all');
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, count: 6, intervalNs: 100, name: 'wraps' });
    a.settle();
    expect(
      a
        .of('dma-written', mark)
        .filter((d) => d.queueId === queueId)
        .map((d) => d.slot),
    ).toEqual([5, 6, 7, 0, 1, 2]);
    const q = a.e.queue(queueId)!;
    expect(q.ring.head).toBe(3);
    expect(q.ring.slots).toEqual([
      'indicated',
      'indicated',
      'indicated',
      'free',
      'free',
      'indicated',
      'indicated',
      'indicated',
    ]);
  });

  test('a ring with no free slot drops new frames as no-free-buffer without moving the head, whether its slots wait for the DPC or are held by the overlying driver', () => {
    const a = manualReturns();
    const { queueId } = a.vmQueue(VM1, { buffers: 8 });
    a.traffic(VM1.mac, { vlanId: 10, count: 10, intervalNs: 10 });
    a.e.advanceBy(500); // all DMA'd before the first DPC
    let q = a.e.queue(queueId)!;
    expect(q.ring).toEqual({ head: 0, slots: Array(8).fill('dma-written') });
    expect(q.counters.dropped['no-free-buffer']).toBe(2);
    expect(
      a
        .of('frame-dropped')
        .filter((d) => d.queueId === queueId)
        .map((d) => d.reason),
    ).toEqual(['no-free-buffer', 'no-free-buffer']);
    a.settle();
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, count: 1, name: 'held' });
    a.settle();
    q = a.e.queue(queueId)!;
    expect(q.ring).toEqual({ head: 0, slots: Array(8).fill('indicated') });
    expect(a.of('frame-dropped', mark).map((d) => [d.queueId, d.reason])).toEqual([[queueId, 'no-free-buffer']]);
    a.e.returnNbls(queueId, 1);
    a.traffic(VM1.mac, { vlanId: 10, count: 1, name: 'one free' });
    a.settle();
    expect(a.e.queue(asQueueId(queueId))!.ring.head).toBe(1);
    expect(a.e.queue(queueId)!.counters.dropped['no-free-buffer']).toBe(3);
  });

  test('§6.4 frames flushed because the last filter was cleared free their slots', () => {
    const a = manualReturns();
    const { queueId, filterId } = a.vmQueue(VM1, { buffers: 8 });
    a.traffic(VM1.mac, { vlanId: 10, count: 2, intervalNs: 100 });
    a.settle();
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 100, name: 'flushed' });
    a.e.advanceBy(500);
    expect(count(a.e.queue(asQueueId(queueId))!.ring.slots, 'dma-written')).toBe(3);
    a.clearFilter(queueId, filterId);
    const q = a.e.queue(queueId)!;
    expect([q.pending, q.outstandingNbls]).toEqual([0, 2]);
    expect([count(q.ring.slots, 'dma-written'), count(q.ring.slots, 'indicated'), count(q.ring.slots, 'free')]).toEqual(
      [0, 2, 6],
    );
  });

  test('R24 while FREE_QUEUE waits for NBLs the ring still shows them indicated; once they are back and the free completes the queue and its ring are gone', () => {
    const a = manualReturns();
    const { queueId, filterId } = a.vmQueue(VM1, { buffers: 8 });
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    a.clearFilter(queueId, filterId);
    a.free(queueId);
    a.settle();
    expect(a.e.queue(asQueueId(queueId))!.ring.slots.slice(0, 2)).toEqual(['indicated', 'indicated']);
    a.e.returnNbls(queueId, 'all');
    a.settle();
    expect(a.e.queue(queueId)).toBeUndefined();
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });

  test('the ring view is the same with tracing off at every step: waiting, indicated, partly returned, full, wrapped', () => {
    const steps = (traceFrames: boolean) => {
      const a = vmqAdapter('ws2012', (c) => {
        c.adapter.options.returnLatencyNs = null;
        c.adapter.options.traceFrames = traceFrames;
        c.adapter.options.maxNblsPerDpc = 3;
      });
      const { queueId } = a.vmQueue(VM1, { buffers: 8 });
      const rings = [];
      a.traffic(VM1.mac, { vlanId: 10, count: 11, intervalNs: 400 });
      for (const ns of [500, 1_500, 2_500, 4_000, 10_000]) {
        a.e.advanceBy(ns);
        rings.push(a.e.queue(asQueueId(queueId))!.ring, a.e.queue(asQueueId(0))!.ring);
      }
      a.e.returnNbls(queueId, 4);
      rings.push(a.e.queue(asQueueId(queueId))!.ring);
      a.traffic(VM1.mac, { vlanId: 10, count: 6, intervalNs: 50, name: 'wrap' });
      a.e.advanceBy(200);
      rings.push(a.e.queue(asQueueId(queueId))!.ring);
      a.settle();
      rings.push(a.e.queue(asQueueId(queueId))!.ring);
      return rings;
    };
    expect(steps(false)).toEqual(steps(true));
  });
});

describe('AdapterView.capabilities and profileCapabilities (§7.3, §7.4, §9, §11)', () => {
  const NONE: AdapterCapabilities = {
    vmq: false,
    lookaheadSplitSupported: false,
    lookaheadSplitEnabled: false,
    dynamicAffinity: false,
    interruptVectorCoalescing: false,
    vlanAgnosticMacFilters: false,
    receiveBuffersInHostMemory: false,
  };

  test('§11 ws2008r2 (6.20): VMQ with the lookahead split (supported, and enabled by default), static affinity, no vector coalescing, no VLAN-agnostic filters, guest memory possible', () => {
    expect(profileCapabilities('ws2008r2')).toEqual({
      ...NONE,
      vmq: true,
      lookaheadSplitSupported: true,
      lookaheadSplitEnabled: true,
    });
  });

  test('§11 ws2012 (6.30): no split, dynamic affinity and interrupt-vector coalescing, VLAN-agnostic MAC filters, every buffer in host memory', () => {
    expect(profileCapabilities('ws2012')).toEqual({
      ...NONE,
      vmq: true,
      dynamicAffinity: true,
      interruptVectorCoalescing: true,
      vlanAgnosticMacFilters: true,
      receiveBuffersInHostMemory: true,
    });
  });

  test('R3 legacy-ndis61: no receive filtering, so no capability at all', () => {
    expect(profileCapabilities('legacy-ndis61')).toEqual(NONE);
  });

  test.each<ProfileName>(['ws2008r2', 'ws2012', 'legacy-ndis61'])(
    "%s: an engine's AdapterView.capabilities with the default configuration equals profileCapabilities",
    (profile) => {
      expect(vmqAdapter(profile).e.view().capabilities).toEqual(profileCapabilities(profile));
    },
  );

  const configs: [string, ProfileName, (c: EngineConfig) => void][] = [
    ['ws2008r2', 'ws2008r2', () => {}],
    [
      'ws2008r2 *VMQLookaheadSplit = 0',
      'ws2008r2',
      (c) => {
        c.adapter.lookaheadSplit = false;
      },
    ],
    ['ws2012', 'ws2012', () => {}],
    [
      'ws2012 *VMQVlanFiltering = 0',
      'ws2012',
      (c) => {
        c.adapter.vlanFiltering = false;
      },
    ],
    [
      'ws2012 macOnlyFilter reject',
      'ws2012',
      (c) => {
        c.adapter.options.macOnlyFilter = 'reject';
      },
    ],
    [
      'ws2012 *VMQ = 0',
      'ws2012',
      (c) => {
        c.adapter.vmqEnabled = false;
      },
    ],
    ['legacy-ndis61', 'legacy-ndis61', () => {}],
  ];

  test.each(configs)(
    'R31/R32 %s: the named capabilities agree with the HARDWARE and CURRENT capability OIDs',
    (_name, profile, tweak) => {
      const a = vmqAdapter(profile, tweak);
      const caps = a.e.view().capabilities;
      const hw = a.request({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' });
      const cur = a.request({ oid: 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' });
      if (hw.status !== 'NDIS_STATUS_SUCCESS') {
        expect([hw.status, cur.status]).toEqual(['NDIS_STATUS_NOT_SUPPORTED', 'NDIS_STATUS_NOT_SUPPORTED']);
        expect(caps.vmq).toBe(false);
        return;
      }
      // What the adapter does now is the CURRENT structure (zeroed with *VMQ = 0); what it could do, the hardware one.
      expect(caps.vmq).toBe((cur.output!['NumQueues'] as number) > 0);
      const hwProps = hw.output!['SupportedQueueProperties'] as number;
      const curProps = cur.output!['SupportedQueueProperties'] as number;
      expect(caps.lookaheadSplitSupported).toBe((hwProps & LOOKAHEAD_SPLIT) !== 0);
      expect(caps.lookaheadSplitEnabled).toBe((curProps & LOOKAHEAD_SPLIT) !== 0);
      expect(caps.dynamicAffinity).toBe((curProps & DYNAMIC_AFFINITY) !== 0);
      expect(caps.interruptVectorCoalescing).toBe((curProps & VECTOR_COALESCING) !== 0);
    },
  );

  test.each(configs)(
    '§7.3/§7.4 %s: without an enabled lookahead split no queue ever gets lookahead or guest post-lookahead memory',
    (_name, profile, tweak) => {
      const a = vmqAdapter(profile, tweak);
      if (a.e.view().capabilities.lookaheadSplitEnabled) return;
      for (const [i, vm] of [VM1, VM2].entries()) {
        const r = a.tryAllocate({ vm: vm.name, lookahead: 128, mask: 2 << i });
        if (r.status !== 'NDIS_STATUS_SUCCESS') continue;
        const q = r.output!['QueueId'] as number;
        a.setMacFilter(q, vm.mac, vm.vlan!);
        a.complete([q]);
      }
      const usages = a.e.view().memory.map((m) => m.usage);
      expect(usages.filter((u) => u !== 'NdisSharedMemoryUsageReceive')).toEqual([]);
    },
  );

  test.each(configs)(
    '§7.4 %s: receiveBuffersInHostMemory means every block is in management-OS memory, even for a split request with a MAC+VLAN filter on a known VM',
    (_name, profile, tweak) => {
      const a = vmqAdapter(profile, tweak);
      const r = a.tryAllocate({ vm: VM1.name, lookahead: 128 });
      if (r.status === 'NDIS_STATUS_SUCCESS') {
        const q = r.output!['QueueId'] as number;
        a.setMacFilter(q, VM1.mac, 10);
        a.complete([q]);
      }
      const spaces = new Set(a.e.view().memory.map((m) => m.space));
      if (a.e.view().capabilities.receiveBuffersInHostMemory) expect([...spaces]).toEqual(['management-os']);
      else if (a.e.view().capabilities.lookaheadSplitEnabled) expect(spaces.has(VM1.name)).toBe(true);
    },
  );

  test.each(configs)(
    '§6.3 rule 3 / R13 %s: vlanAgnosticMacFilters says whether a MAC-only SET_FILTER (here on the default queue, which any binding may filter) succeeds and yields a VLAN-agnostic filter',
    (_name, profile, tweak) => {
      const a = vmqAdapter(profile, tweak);
      const r = a.setMacFilter(0, VM1.mac, 'mac-only', 'other');
      const ok = r.status === 'NDIS_STATUS_SUCCESS';
      expect([r.status, ok]).toEqual([r.status, a.e.view().capabilities.vlanAgnosticMacFilters]);
      if (ok) expect(a.e.view().filters.find((f) => f.FilterId === filterIdOf(r))!.vlanAgnostic).toBe(true);
    },
  );

  test.each(configs)('§1.1 %s: capabilities.vmq says whether a VM queue can be allocated', (_name, profile, tweak) => {
    const a = vmqAdapter(profile, tweak);
    const r = a.tryAllocate();
    expect([r.status, r.status === 'NDIS_STATUS_SUCCESS']).toEqual([r.status, a.e.view().capabilities.vmq]);
  });

  const affinityMove = (profile: ProfileName, tweak?: (c: EngineConfig) => void) => {
    const a = vmqAdapter(profile, tweak);
    const { queueId } = a.vmQueue(VM1, { mask: 2 });
    const r = a.setQueueParameters(queueId, {
      Flags: [AFFINITY_CHANGED],
      ProcessorAffinity: { Mask: 4, Group: 0 },
    });
    return { dynamic: a.e.view().capabilities.dynamicAffinity, status: r.status, cpu: a.e.queue(queueId)!.cpu };
  };

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    '§9 %s: dynamicAffinity says whether ProcessorAffinity may change after allocation is complete',
    (profile) => {
      const { dynamic, status, cpu } = affinityMove(profile);
      expect({ status, cpu }).toEqual(
        dynamic ? { status: 'NDIS_STATUS_SUCCESS', cpu: 2 } : { status: 'NDIS_STATUS_NOT_SUPPORTED', cpu: 1 },
      );
    },
  );

  test('§9 a ws2012 adapter whose hardware does not advertise DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED reports dynamicAffinity false and refuses a move after completion', () => {
    const { dynamic, status, cpu } = affinityMove('ws2012', (c) => {
      c.adapter.capabilities = { SupportedQueueProperties: 0x1 | 0x2 | VECTOR_COALESCING };
    });
    expect(dynamic).toBe(false);
    expect({ status, cpu }).toEqual({ status: 'NDIS_STATUS_NOT_SUPPORTED', cpu: 1 });
  });

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    '§9 / decision 13.7 %s: interruptVectorCoalescing says whether two queues on one processor share an MSI-X vector',
    (profile) => {
      const a = vmqAdapter(profile);
      const q1 = a.vmQueue(VM1, { mask: 2 }).queueId;
      const q2 = a.vmQueue(VM2, { mask: 2 }).queueId;
      const shared = a.e.queue(q1)!.MSIXTableEntry === a.e.queue(q2)!.MSIXTableEntry;
      expect(shared).toBe(a.e.view().capabilities.interruptVectorCoalescing);
    },
  );

  test('§9 a ws2012 adapter whose hardware does not advertise INTERRUPT_VECTOR_COALESCING_SUPPORTED reports it false and gives two queues on one processor their own vectors', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.capabilities = { SupportedQueueProperties: 0x1 | 0x2 | DYNAMIC_AFFINITY };
    });
    expect(a.e.view().capabilities.interruptVectorCoalescing).toBe(false);
    const q1 = a.vmQueue(VM1, { mask: 2 }).queueId;
    const q2 = a.vmQueue(VM2, { mask: 2 }).queueId;
    expect(a.e.queue(q1)!.MSIXTableEntry).not.toBe(a.e.queue(q2)!.MSIXTableEntry);
  });
});
