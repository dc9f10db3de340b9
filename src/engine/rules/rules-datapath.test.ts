/**
 * §12 rules of the receive path: which queue a frame lands in, when a queue may indicate, how
 * indications are built, and where its bytes are DMA'd (shared memory, lookahead split).
 */
import { describe, expect, test } from 'vitest';
import { STRANGER_MAC, VM1, VM2, VM3, vmqAdapter } from '../testing.ts';
import { asQueueId, type ProfileName } from '../types.ts';

const SINGLE_QUEUE = 0x800;
const SHARED_MEMORY_INFO_VALID = 0x1000;

describe('R8/R9 only Running queues indicate', () => {
  test('R8 frames matching the filter of a queue whose allocation is not complete (Set) fall to the default queue', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    a.filter(q, VM1.mac, 10);
    expect(a.e.queue(q)!.state).toBe('Set');
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.settle();
    expect(a.classifiedTo()).toEqual([0, 0, 0]);
    expect(a.indicatedOn(q)).toBe(0);
    expect(a.indicatedOn(0)).toBe(3);
    const mark = a.mark();
    a.complete([q]);
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.classifiedTo(mark)).toEqual([q, q]);
    expect(a.indicatedOn(q, mark)).toBe(2);
    expect(a.errors()).toEqual([]);
  });

  test('R8 a traced frame carries why it went where it did, against the filter table of its moment', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const f = a.filter(q, VM1.mac, 10);
    a.traffic(VM1.mac, { vlanId: 10, count: 1 });
    a.settle();
    a.complete([q]);
    a.traffic(VM1.mac, { vlanId: 10, count: 1 });
    a.settle();
    const [before, after] = a.of('frame-classified').map((c) => c.match);
    expect(before?.find((m) => m.queueId === q)?.reasons).toEqual([
      { kind: 'not-in-hardware-table', filterId: f, queueState: 'Set' },
    ]);
    expect(before?.find((m) => m.takes)).toMatchObject({ queueId: 0, reasons: [{ kind: 'default-fallback' }] });
    expect(after?.find((m) => m.takes)).toMatchObject({ queueId: q, filterId: f, vmName: 'VM1' });
  });

  test("R9 a complete queue without filters (Paused) never indicates: its VM's frames go to the default queue until a filter is set", () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    a.complete([q]);
    expect(a.e.queue(q)!.state).toBe('Paused');
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.indicatedOn(q)).toBe(0);
    expect(a.classifiedTo()).toEqual([0, 0]);
    const mark = a.mark();
    a.filter(q, VM1.mac, 10);
    expect(a.e.queue(q)!.state).toBe('Running');
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.indicatedOn(q, mark)).toBe(2);
  });

  test('R8 no indication at any time carries a queue that is not Running (state tracked from queue-state-changed events)', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { vlanId: 10, count: 20, intervalNs: 300 });
    a.e.advanceBy(3_000);
    a.clearFilter(queueId, filterId);
    a.e.advanceBy(3_000);
    a.filter(queueId, VM1.mac, 10);
    a.settle();
    const state: Record<number, string> = { 0: 'Running' };
    for (const ev of a.events) {
      if (ev.kind === 'queue-state-changed') state[ev.queueId] = ev.to;
      if (ev.kind === 'nbls-indicated')
        for (const p of ev.parts) expect([p.queueId, state[p.queueId]]).toEqual([p.queueId, 'Running']);
    }
    expect(a.indicatedOn(queueId)).toBeGreaterThan(0);
  });
});

describe('R14/R15 VLAN matching (§6.3)', () => {
  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R14 %s: UNTAGGED_OR_ZERO filter takes untagged and VID-0 frames; a matching MAC with VID ≠ 0 falls to the default queue',
    (profile) => {
      const a = vmqAdapter(profile);
      const { queueId } = a.vmQueue(VM1, { vlan: 'untagged-or-zero' });
      for (const vlanId of [null, 0, 10, 4095]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
      a.settle();
      expect(a.classifiedTo()).toEqual([queueId, queueId, 0, 0]);
    },
  );

  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R15 %s: MAC+VLAN 10 filter takes only frames tagged VID 10; untagged, VID 0 and VID 11 go to the default queue',
    (profile) => {
      const a = vmqAdapter(profile);
      const { queueId } = a.vmQueue(VM1, { vlan: 10 });
      for (const vlanId of [10, null, 0, 11]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
      a.settle();
      expect(a.classifiedTo()).toEqual([queueId, 0, 0, 0]);
      expect(a.violations().filter((v) => v.rule === 'R15')).toEqual([]);
    },
  );

  test('R14/R15 two queues on the same MAC split by VLAN: VID 10 → first, VID 20 → second, untagged → a third with UNTAGGED_OR_ZERO', () => {
    const a = vmqAdapter('ws2012');
    const q10 = a.vmQueue(VM1, { vlan: 10 }).queueId;
    const q20 = a.vmQueue(VM1, { vlan: 20, mask: 4 }).queueId;
    const qu = a.vmQueue(VM1, { vlan: 'untagged-or-zero', mask: 8 }).queueId;
    for (const vlanId of [20, null, 10, 0, 30]) a.traffic(VM1.mac, { vlanId, name: `v${vlanId}` });
    a.settle();
    expect(a.classifiedTo()).toEqual([q20, qu, q10, qu, 0]);
  });

  test("§1.5 a frame matching both a default-queue filter and a VM queue's filter goes to the VM queue: the default queue is the fallback, tried last", () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1);
    a.filter(0, VM1.mac, 10, 'other');
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(a.classifiedTo()).toEqual([queueId]);
  });

  test('§1.5 identical MAC+VLAN filters on two VM queues: frames go to the lower QueueId (ascending QueueId, the §14 recommendation)', () => {
    const a = vmqAdapter('ws2012');
    const first = a.vmQueue(VM1).queueId;
    const second = a.vmQueue(VM1, { mask: 4 }).queueId;
    expect(first).toBeLessThan(second);
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.classifiedTo()).toEqual([first, first]);
  });

  test('frames for unknown MACs land on the default queue (promiscuous vSwitch packet filter)', () => {
    const a = vmqAdapter('ws2012');
    a.vmQueue(VM1);
    a.traffic(STRANGER_MAC, { count: 2 });
    a.traffic('FF-FF-FF-FF-FF-FF', { name: 'bcast' });
    a.settle();
    expect(a.classifiedTo()).toEqual([0, 0, 0]);
    expect(a.indicatedOn(0)).toBe(3);
  });
});

describe('R16 SET_FILTER pended by the miniport', () => {
  test('R16 a pended SET_FILTER on a Paused queue completes with SUCCESS; the engine programs the filter only at completion, so earlier frames go to the default queue', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 10_000 };
    });
    const q = a.allocate();
    a.complete([q]);
    const r = a.setMacFilter(q, VM1.mac, 10);
    expect(r.status).toBe('NDIS_STATUS_PENDING');
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 1_000 });
    a.e.advanceBy(9_000);
    expect(a.indicatedOn(q)).toBe(0);
    a.settle();
    expect(a.e.result(r.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10 });
    a.settle();
    expect(a.indicatedOn(q, mark)).toBe(1);
  });

  test('R16 indications that happen on a queue while a further SET_FILTER for it is pending are followed by that SET_FILTER completing with SUCCESS', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 10_000 };
    });
    const q = a.allocate();
    a.complete([q]);
    a.setMacFilter(q, VM1.mac, 10);
    a.settle();
    const mark = a.mark();
    const second = a.setMacFilter(q, VM1.mac, 11);
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.e.advanceBy(9_000);
    expect(a.indicatedOn(q, mark)).toBe(3);
    a.settle();
    expect(a.e.result(second.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
  });
});

describe('R18 clearing the last filter', () => {
  test('R18 after the last filter is cleared: Running → Paused, no DmaStopped indication, no further indications on that queue', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.indicatedOn(queueId)).toBe(2);
    const mark = a.mark();
    expect(a.clearFilter(queueId, filterId).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.queue(queueId)!.state).toBe('Paused');
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.settle();
    expect(a.indicatedOn(queueId, mark)).toBe(0);
    expect(a.classifiedTo(mark)).toEqual([0, 0, 0]);
    expect(a.of('status-indicated', mark)).toEqual([]);
  });

  test('R18 clearing the last filter of a Set queue moves it back to Allocated; completing it then gives Paused', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const f = a.filter(q, VM1.mac, 10);
    a.clearFilter(q, f);
    expect(a.e.queue(q)!.state).toBe('Allocated');
    a.complete([q]);
    expect(a.e.queue(q)!.state).toBe('Paused');
  });

  test('R18 clearing one of two filters keeps the queue Running and still indicating for the other', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    a.filter(queueId, VM1.mac, 11);
    a.clearFilter(queueId, filterId);
    expect(a.e.queue(queueId)!.state).toBe('Running');
    a.traffic(VM1.mac, { vlanId: 11 });
    a.traffic(VM1.mac, { vlanId: 10, name: 'old' });
    a.settle();
    expect(a.classifiedTo()).toEqual([queueId, 0]);
  });
});

describe('drops by reason', () => {
  test('no-free-buffer: with manual returns a queue of 8 buffers indicates 8 frames and drops the rest until NBLs come back', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.returnLatencyNs = null;
    });
    const { queueId } = a.vmQueue(VM1, { buffers: 8 });
    expect(a.e.queue(queueId)!.buffers).toBe(8);
    a.traffic(VM1.mac, { vlanId: 10, count: 12 });
    a.settle();
    const q = a.e.queue(queueId)!;
    expect([q.counters.indicated, q.counters.dropped['no-free-buffer'], q.outstandingNbls]).toEqual([8, 4, 8]);
    expect(a.e.returnNbls(queueId, 3)).toBe(3);
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, count: 5 });
    a.settle();
    expect(a.indicatedOn(queueId, mark)).toBe(3);
    expect(a.e.queue(queueId)!.counters.dropped['no-free-buffer']).toBe(6);
    expect(a.e.view().totals.dropped).toEqual({ 'no-free-buffer': 6 });
  });

  test("filters-cleared: frames DMA'd but not yet indicated when the last filter is cleared are flushed", () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { vlanId: 10, count: 3, intervalNs: 100 });
    a.e.advanceBy(500); // DPC latency is 2 µs: all three wait in the ring
    expect(a.e.queue(queueId)!.pending).toBe(3);
    a.clearFilter(queueId, filterId);
    a.settle();
    expect(a.e.queue(queueId)!.counters.dropped).toEqual({ 'filters-cleared': 3 });
    expect(a.indicatedOn(queueId)).toBe(0);
    expect(a.of('frames-dropped').map((d) => [d.queueId, d.reason, d.count])).toEqual([
      [queueId, 'filters-cleared', 3],
    ]);
  });

  test("packet-filter: with a directed/broadcast/multicast packet filter, unmatched unicast to a stranger is dropped; the adapter's own MAC, broadcast and multicast reach queue 0", () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.packetFilter = 'directed-broadcast-multicast';
    });
    a.traffic(STRANGER_MAC, { name: 's' });
    a.traffic('00-15-5D-00-00-FF', { name: 'own' });
    a.traffic('FF-FF-FF-FF-FF-FF', { name: 'b' });
    a.traffic('01-00-5E-00-00-01', { name: 'm' });
    a.settle();
    expect(a.e.view().totals.dropped).toEqual({ 'packet-filter': 1 });
    expect(a.indicatedOn(0)).toBe(3);
  });

  test('malformed-frame: a frame shorter than an Ethernet header is dropped', () => {
    const a = vmqAdapter('ws2012');
    a.e.injectFrame(new Uint8Array(10));
    a.settle();
    expect(a.e.view().totals).toMatchObject({ arrived: 1, indicated: 0, dropped: { 'malformed-frame': 1 } });
  });

  test('adapter pause: waiting frames are flushed and new ones dropped as adapter-paused; queues and filters survive; no queue-state indication; restart resumes', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1);
    const before = a.e.view();
    a.traffic(VM1.mac, { vlanId: 10, count: 2, intervalNs: 100 });
    a.e.advanceBy(500);
    a.e.adapterAction('pause');
    a.traffic(VM1.mac, { vlanId: 10, count: 3, name: 'during' });
    a.settle();
    const v = a.e.view();
    expect(v.state).toBe('Paused');
    expect(v.totals.dropped).toEqual({ 'adapter-paused': 5 });
    expect(v.totals.indicated).toBe(0);
    expect(v.queues.map((q) => [q.QueueId, q.state])).toEqual(before.queues.map((q) => [q.QueueId, q.state]));
    expect(v.filters).toEqual(before.filters);
    expect(a.of('status-indicated')).toEqual([]);
    a.e.adapterAction('restart');
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, name: 'after' });
    a.settle();
    expect(a.indicatedOn(queueId, mark)).toBe(1);
  });
});

describe('R34–R37 indications', () => {
  test('R34 every indication sets SHARED_MEMORY_INFO_VALID, and each NBL is indicated on the queue its frame was classified to with shared-memory segments of that queue', () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.vmQueue(VM1).queueId;
    const q2 = a.vmQueue(VM2, { mask: 4 }).queueId;
    a.traffic(VM1.mac, { vlanId: 10, count: 4, intervalNs: 700 });
    a.traffic(VM2.mac, { vlanId: 20, count: 4, intervalNs: 900 });
    a.traffic(STRANGER_MAC, { count: 2 });
    a.settle();
    for (const ind of a.of('nbls-indicated'))
      expect(ind.receiveFlags & SHARED_MEMORY_INFO_VALID).toBe(SHARED_MEMORY_INFO_VALID);
    const classified = new Map(a.of('frame-classified').map((c) => [c.frameId, c.queueId]));
    const blocksOf = new Map<number, number>(a.of('memory-allocated').map((m) => [m.blockId, m.queueId]));
    for (const d of a.of('dma-written')) {
      expect(d.queueId).toBe(classified.get(d.frameId));
      expect(d.segments.length).toBeGreaterThan(0);
      for (const seg of d.segments) expect(blocksOf.get(seg.blockId)).toBe(d.queueId);
    }
    expect([a.indicatedOn(q1), a.indicatedOn(q2), a.indicatedOn(0)]).toEqual([4, 4, 2]);
  });

  test("R35 PER_QUEUE_RECEIVE_INDICATION: that queue's indications hold only its NBLs and carry SINGLE_QUEUE; other queues on the same CPU share one indication", () => {
    const a = vmqAdapter('ws2012');
    const solo = a.vmQueue(VM1, { mask: 2, perQueue: true }).queueId;
    const b = a.vmQueue(VM2, { mask: 2 }).queueId;
    const c = a.vmQueue(VM3, { mask: 2 }).queueId;
    a.traffic(VM1.mac, { vlanId: 10, count: 2, intervalNs: 10 });
    a.traffic(VM2.mac, { vlanId: 20, count: 2, intervalNs: 10 });
    a.traffic(VM3.mac, { vlanId: 30, count: 2, intervalNs: 10 });
    a.settle();
    const inds = a.of('nbls-indicated');
    const withSolo = inds.filter((i) => i.parts.some((p) => p.queueId === solo));
    expect(withSolo.length).toBeGreaterThan(0);
    for (const i of withSolo) {
      expect(i.parts.map((p) => p.queueId)).toEqual([solo]);
      expect(i.receiveFlags & SINGLE_QUEUE).toBe(SINGLE_QUEUE);
    }
    const shared = inds.filter((i) => i.parts.some((p) => p.queueId === b));
    expect(shared).toHaveLength(1);
    expect(shared[0]!.parts.map((p) => [p.queueId, p.count])).toEqual([
      [b, 2],
      [c, 2],
    ]);
    expect(shared[0]!.receiveFlags & SINGLE_QUEUE).toBe(0);
    expect(a.violations().filter((v) => v.rule === 'R35')).toEqual([]);
  });

  test('R35 PER_QUEUE_RECEIVE_INDICATION switched on later with FLAGS_CHANGED takes effect for the next indications', () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.vmQueue(VM1, { mask: 2 }).queueId;
    a.vmQueue(VM2, { mask: 2 });
    a.setQueueParameters(q1, {
      Flags: [
        'NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
      ],
    });
    a.traffic(VM1.mac, { vlanId: 10 });
    a.traffic(VM2.mac, { vlanId: 20 });
    a.settle();
    const inds = a.of('nbls-indicated');
    expect(inds).toHaveLength(2);
    const mine = inds.find((i) => i.parts.some((p) => p.queueId === q1))!;
    expect(mine.parts).toHaveLength(1);
    expect(mine.receiveFlags & SINGLE_QUEUE).toBe(SINGLE_QUEUE);
  });

  test('R36 returning NBLs of several queues at once is split per queue, each return carrying NDIS_RETURN_FLAGS_SINGLE_QUEUE', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.returnLatencyNs = null;
    });
    const q1 = a.vmQueue(VM1).queueId;
    const q2 = a.vmQueue(VM2, { mask: 4 }).queueId;
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.traffic(VM2.mac, { vlanId: 20, count: 2 });
    a.traffic(STRANGER_MAC, { count: 1 });
    a.settle();
    expect(a.e.returnNbls(null, 'all')).toBe(6);
    const returns = a.of('nbls-returned');
    expect(returns.map((r) => [r.queueId, r.count]).sort((x, y) => x[0]! - y[0]!)).toEqual([
      [0, 1],
      [q1, 3],
      [q2, 2],
    ]);
    for (const r of returns) expect(r.returnFlags & 0x2).toBe(0x2);
  });

  test('R37 frames of one queue are indicated in arrival order, also when the DPC budget splits them over several indications', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.maxNblsPerDpc = 3;
    });
    const q1 = a.vmQueue(VM1, { mask: 2 }).queueId;
    const q2 = a.vmQueue(VM2, { mask: 2 }).queueId;
    a.traffic(VM1.mac, { vlanId: 10, count: 10, intervalNs: 150 });
    a.traffic(VM2.mac, { vlanId: 20, count: 10, intervalNs: 170 });
    a.settle();
    for (const q of [q1, q2]) {
      const arrived = a
        .of('dma-written')
        .filter((d) => d.queueId === q)
        .map((d) => d.frameId);
      expect(arrived).toEqual([...arrived].sort((x, y) => x - y));
      let cursor = 0;
      for (const ind of a.of('nbls-indicated')) {
        for (const p of ind.parts.filter((part) => part.queueId === q)) {
          expect(p.count).toBeLessThanOrEqual(3);
          expect(p.firstFrameId).toBe(arrived[cursor]);
          cursor += p.count;
        }
      }
      expect(cursor).toBe(10);
    }
    expect(a.violations().filter((v) => v.rule === 'R37')).toEqual([]);
  });
});

describe('R38/R39 shared memory layout', () => {
  const splitAdapter = () => {
    const a = vmqAdapter('ws2008r2');
    const { queueId } = a.vmQueue(VM1, { lookahead: 128, buffers: 16 });
    return { a, queueId };
  };

  test("R38 ws2008r2 split: lookahead block in management-os (ReceiveLookahead), post-lookahead block in the guest's space (ReceivePostLookahead) with backfill ≥ LookaheadSize", () => {
    const { a, queueId } = splitAdapter();
    const blocks = a.e.view().memory.filter((m) => m.queueId === queueId);
    expect(blocks.map((b) => [b.usage, b.space])).toEqual([
      ['NdisSharedMemoryUsageReceiveLookahead', 'management-os'],
      ['NdisSharedMemoryUsageReceivePostLookahead', VM1.name],
    ]);
    expect(blocks[1]!.backfill).toBeGreaterThanOrEqual(128);
    expect(blocks[0]!.bufferStride).toBeGreaterThanOrEqual(128);
    expect(a.e.queue(queueId)!.LookaheadSize).toBe(128);
  });

  test('§7.5 each block carries why it lives in its address space, and a restored snapshot still says so', () => {
    const { a, queueId } = splitAdapter();
    const whys = () =>
      a.e
        .view()
        .memory.filter((m) => m.queueId === queueId)
        .map((b) => b.why);
    const [lookahead, post] = whys();
    expect(lookahead).toMatch(/lookahead part .* management-OS memory/);
    expect(post).toMatch(/VM1's memory: the NIC accepted a MAC\+VLAN filter/);
    const snapshot = a.e.snapshot();
    a.e.adapterAction('halt');
    a.e.restore(snapshot);
    expect(whys()).toEqual([lookahead, post]);
  });

  test('R38 ws2008r2 split: each DMA of a frame longer than LookaheadSize writes two chained segments — lookahead first (exactly LookaheadSize bytes), the rest after the backfill', () => {
    const { a, queueId } = splitAdapter();
    const [la, post] = a.e.view().memory.filter((m) => m.queueId === queueId);
    a.traffic(VM1.mac, { vlanId: 10, count: 3, frameBytes: 600 });
    a.settle();
    const dmas = a.of('dma-written').filter((d) => d.queueId === queueId);
    expect(dmas).toHaveLength(3);
    for (const d of dmas) {
      expect(d.segments.map((s) => [s.blockId, s.usage, s.length])).toEqual([
        [la!.blockId, 'NdisSharedMemoryUsageReceiveLookahead', 128],
        [post!.blockId, 'NdisSharedMemoryUsageReceivePostLookahead', 600 - 128],
      ]);
      expect(d.segments[1]!.offset - d.slot * post!.bufferStride).toBeGreaterThanOrEqual(128);
      expect(d.segments[1]!.offset + d.segments[1]!.length).toBeLessThanOrEqual((d.slot + 1) * post!.bufferStride);
    }
  });

  test('R38 ws2008r2 split: a frame shorter than LookaheadSize still has two chained descriptors (every NB of a split queue has 2), the post-lookahead one empty', () => {
    const { a, queueId } = splitAdapter();
    a.traffic(VM1.mac, { vlanId: 10, frameBytes: 100 });
    a.settle();
    const [d] = a.of('dma-written').filter((x) => x.queueId === queueId);
    expect(d!.segments.map((s) => [s.usage, s.length])).toEqual([
      ['NdisSharedMemoryUsageReceiveLookahead', 100],
      ['NdisSharedMemoryUsageReceivePostLookahead', 0],
    ]);
  });

  test('R38 ws2008r2: LookaheadSize below MinLookaheadSplitSize is raised to 64, above MaxLookaheadSplitSize (128) refused with NOT_SUPPORTED (netvmini behaviour, UNVERIFIED)', () => {
    const a = vmqAdapter('ws2008r2');
    const low = a.tryAllocate({ lookahead: 32 });
    expect([low.status, low.output!['LookaheadSize']]).toEqual(['NDIS_STATUS_SUCCESS', 64]);
    expect(a.tryAllocate({ lookahead: 256 }).status).toBe('NDIS_STATUS_NOT_SUPPORTED');
  });

  test('R38 ws2008r2 split without an accepted MAC+VLAN filter at completion: post-lookahead buffers stay in management-OS memory (§7.5 VLAN bypass)', () => {
    const a = vmqAdapter('ws2008r2');
    const q = a.allocate({ lookahead: 128 });
    a.complete([q]);
    const post = a.e
      .view()
      .memory.find((m) => m.queueId === q && m.usage === 'NdisSharedMemoryUsageReceivePostLookahead')!;
    expect(post.space).toBe('management-os');
    expect(post.backfill).toBeGreaterThanOrEqual(128);
  });

  test('R39 ws2008r2 without split: one Receive block in management-os, one segment per frame', () => {
    const a = vmqAdapter('ws2008r2');
    const { queueId } = a.vmQueue(VM1);
    expect(
      a.e
        .view()
        .memory.filter((m) => m.queueId === queueId)
        .map((b) => [b.usage, b.space]),
    ).toEqual([['NdisSharedMemoryUsageReceive', 'management-os']]);
    a.traffic(VM1.mac, { vlanId: 10, count: 2, frameBytes: 1000 });
    a.settle();
    for (const d of a.of('dma-written'))
      expect(d.segments.map((s) => [s.usage, s.length])).toEqual([['NdisSharedMemoryUsageReceive', 1000]]);
  });

  test('R39 ws2012: even with a split requested, every queue gets a single Receive block in management-os and one segment per frame', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1, { lookahead: 128 });
    const blocks = a.e.view().memory.filter((m) => m.queueId === queueId);
    expect(blocks.map((b) => [b.usage, b.space, b.backfill])).toEqual([
      ['NdisSharedMemoryUsageReceive', 'management-os', 0],
    ]);
    a.traffic(VM1.mac, { vlanId: 10, frameBytes: 1500 });
    a.settle();
    const [d] = a.of('dma-written');
    expect(d!.segments.map((s) => [s.blockId, s.usage, s.length])).toEqual([
      [blocks[0]!.blockId, 'NdisSharedMemoryUsageReceive', 1500],
    ]);
  });

  test("R39 the default queue's buffers exist from initialization (management-os, usage Receive)", () => {
    const a = vmqAdapter('ws2012');
    expect(
      a.e
        .view()
        .memory.filter((m) => m.queueId === 0)
        .map((b) => [b.usage, b.space]),
    ).toEqual([['NdisSharedMemoryUsageReceive', 'management-os']]);
  });
});

describe('the ring view', () => {
  const ringAfter = (traceFrames: boolean) => {
    const a = vmqAdapter('ws2012', (cfg) => {
      cfg.adapter.options.defaultQueueBuffers = 4;
      cfg.adapter.options.returnLatencyNs = null;
      cfg.adapter.options.traceFrames = traceFrames;
    });
    a.traffic(STRANGER_MAC, { count: 3, intervalNs: 10 });
    a.settle();
    a.e.returnNbls(asQueueId(0), 2);
    a.traffic(STRANGER_MAC, { count: 2, intervalNs: 10 });
    a.e.advanceBy(100);
    return a.e.queue(asQueueId(0))!.ring;
  };

  test('R37 holds indicated NBLs, then frames waiting for the DPC in arrival order, up to the head, wrapping around', () => {
    expect(ringAfter(true)).toEqual({ head: 1, slots: ['dma-written', 'free', 'indicated', 'dma-written'] });
  });

  test('is the same with per-frame events off', () => {
    expect(ringAfter(false)).toEqual(ringAfter(true));
  });
});
