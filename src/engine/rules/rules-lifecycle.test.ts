/**
 * §12 rules of a queue's end and the adapter's lifecycle: FREE_QUEUE (DmaStopped, outstanding
 * NBLs, shared memory), QueueId reuse, closing a binding and halting the adapter.
 */
import { describe, expect, test } from 'vitest';
import { STRANGER_MAC, VM1, VM2, vmqAdapter, type VmqAdapter } from '../testing.ts';
import { asTimeNs, type ProfileName, type QueueId } from '../types.ts';

const manualReturns = (profile: ProfileName = 'ws2012') =>
  vmqAdapter(profile, (c) => {
    c.adapter.options.returnLatencyNs = null;
  });

/** A Running queue for VM1 that has indicated `n` NBLs and then had its filter cleared (ready to free). */
function drainedQueue(a: VmqAdapter, n: number): QueueId {
  const { queueId, filterId } = a.vmQueue(VM1);
  if (n > 0) {
    a.traffic(VM1.mac, { vlanId: 10, count: n });
    a.settle();
  }
  a.clearFilter(queueId, filterId);
  return queueId;
}

const seqOf = (a: VmqAdapter, pred: (e: VmqAdapter['events'][number]) => boolean): number[] =>
  a.events.filter(pred).map((e) => e.seq);

describe('R22/R23 the DmaStopped indication', () => {
  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    'R22 %s: FREE_QUEUE emits exactly one DmaStopped indication (payload {0x80,1,16}, QueueState 3) before freeing memory and before completing',
    (profile) => {
      const a = vmqAdapter(profile);
      const q = drainedQueue(a, 2);
      a.settle();
      const mark = a.mark();
      const r = a.free(q);
      expect(r.status).toBe('NDIS_STATUS_SUCCESS');
      const ind = a.of('status-indicated', mark);
      expect(ind).toHaveLength(1);
      expect(ind[0]).toMatchObject({
        code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
        queueId: q,
        queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
      });
      expect(ind[0]!.payload).toEqual({
        Header: { Type: 0x80, Revision: 1, Size: 16 },
        Flags: 0,
        QueueId: q,
        QueueState: 3,
      });
      const freed = seqOf(a, (e) => e.kind === 'memory-freed' && e.queueId === q);
      const completed = seqOf(a, (e) => e.kind === 'oid-completed' && e.result.requestId === r.requestId);
      expect(freed.length).toBeGreaterThan(0);
      expect(Math.max(ind[0]!.seq)).toBeLessThan(Math.min(...freed));
      expect(Math.max(...freed)).toBeLessThan(completed[0]!);
      expect(a.errors()).toEqual([]);
    },
  );

  test('R22 freeing a queue that never completed allocation (no shared memory yet) emits one DmaStopped and no violation', () => {
    const a = vmqAdapter('ws2012');
    const q = a.allocate();
    const r = a.free(q);
    expect(r.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.of('status-indicated').map((s) => [s.queueId, s.queueState])).toEqual([
      [q, 'NdisReceiveQueueOperationalStateDmaStopped'],
    ]);
    expect(a.errors()).toEqual([]);
  });

  test('R22 the queue moves StopDma → Freeing → Undefined around the indication (reported DmaStopped, then Undefined)', () => {
    const a = vmqAdapter('ws2012');
    const q = drainedQueue(a, 1);
    a.settle();
    const mark = a.mark();
    a.free(q);
    expect(
      a
        .of('queue-state-changed', mark)
        .filter((s) => s.queueId === q)
        .map((s) => [s.to, s.reported]),
    ).toEqual([
      ['StopDma', 'NdisReceiveQueueOperationalStateDmaStopped'],
      ['Freeing', 'NdisReceiveQueueOperationalStateDmaStopped'],
      ['Undefined', 'NdisReceiveQueueOperationalStateUndefined'],
    ]);
  });

  test('R23 DmaStopped is never indicated for clearing filters, pause, restart or reset, nor ever for queue 0', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    a.filter(0, VM2.mac, 20);
    a.traffic(VM1.mac, { vlanId: 10, count: 3 });
    a.settle();
    a.clearFilter(queueId, filterId);
    a.e.adapterAction('pause');
    a.e.adapterAction('restart');
    a.e.adapterAction('reset');
    a.settle();
    expect(a.of('status-indicated')).toEqual([]);
    a.free(queueId);
    a.e.adapterAction('halt');
    expect(a.of('status-indicated').map((s) => s.queueId)).toEqual([queueId]);
  });
});

describe('R24/R25 FREE_QUEUE completion', () => {
  test('R24 FREE_QUEUE with outstanding NBLs pends; shared memory is freed and the OID completes only after the last NBL is returned', () => {
    const a = manualReturns();
    const q = drainedQueue(a, 3);
    expect(a.e.queue(q)!.outstandingNbls).toBe(3);
    const r = a.free(q);
    expect(r.status).toBe('NDIS_STATUS_PENDING');
    expect(a.e.queue(q)!.state).toBe('Freeing');
    expect(a.of('memory-freed').filter((m) => m.queueId === q)).toEqual([]);
    expect(a.e.view().memory.some((m) => m.queueId === q)).toBe(true);
    a.e.returnNbls(q, 2);
    a.settle();
    expect(a.e.result(r.requestId)!.completedAtNs).toBeUndefined();
    expect(a.of('memory-freed').filter((m) => m.queueId === q)).toEqual([]);
    const mark = a.mark();
    expect(a.e.returnNbls(q, 'all')).toBe(1);
    const tail = a.events
      .slice(mark)
      .map((e) => e.kind)
      .filter((k) => ['nbls-returned', 'memory-freed', 'oid-completed'].includes(k));
    expect(tail[0]).toBe('nbls-returned');
    expect(tail[tail.length - 1]).toBe('oid-completed');
    expect(tail).toContain('memory-freed');
    expect(a.e.result(r.requestId)).toMatchObject({ status: 'NDIS_STATUS_SUCCESS', layer: 'miniport' });
    expect(
      a
        .of('oid-completed')
        .filter((c) => c.result.requestId === r.requestId)
        .map((c) => c.pended),
    ).toEqual([true]);
    expect(a.e.view().memory.some((m) => m.queueId === q)).toBe(false);
    expect(a.errors()).toEqual([]);
  });

  test('R24 a second FREE_QUEUE while the first waits for NBLs is refused (INVALID_PARAMETER) and the first still completes once', () => {
    const a = manualReturns();
    const q = drainedQueue(a, 1);
    const first = a.free(q);
    expect(a.free(q).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
    a.e.returnNbls(null, 'all');
    expect(
      a
        .of('oid-completed')
        .filter((c) => c.result.requestId === first.requestId)
        .map((c) => c.result.status),
    ).toEqual(['NDIS_STATUS_SUCCESS']);
  });

  test('R25 FREE_QUEUE and CLEAR_FILTER pended by the miniport complete with SUCCESS (never PENDING as a final status)', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_FREE_QUEUE: 3_000, OID_RECEIVE_FILTER_CLEAR_FILTER: 3_000 };
    });
    const { queueId, filterId } = a.vmQueue(VM1);
    const clear = a.clearFilter(queueId, filterId);
    expect(clear.status).toBe('NDIS_STATUS_PENDING');
    a.settle();
    expect(a.e.result(clear.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    const free = a.free(queueId);
    expect(free.status).toBe('NDIS_STATUS_PENDING');
    a.settle();
    expect(a.e.result(free.requestId)!.status).toBe('NDIS_STATUS_SUCCESS');
    const finals = a
      .of('oid-completed')
      .filter(
        (c) => c.result.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE' || c.result.oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER',
      );
    for (const c of finals)
      expect(['NDIS_STATUS_SUCCESS', 'NDIS_STATUS_NOT_ACCEPTED', 'NDIS_STATUS_REQUEST_ABORTED']).toContain(
        c.result.status,
      );
    expect(a.errors()).toEqual([]);
  });

  test('R25 a CLEAR_FILTER pended by the miniport keeps the queue indicating until it completes', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_CLEAR_FILTER: 20_000 };
    });
    const { queueId, filterId } = a.vmQueue(VM1);
    a.clearFilter(queueId, filterId);
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.e.advanceBy(10_000);
    expect(a.indicatedOn(queueId)).toBe(2);
    a.settle();
    expect(a.e.queue(queueId)!.state).toBe('Paused');
  });
});

describe('R26 after FREE_QUEUE', () => {
  test('R26 a freed queue is gone (Undefined), never indicates again, and its QueueId is reassigned by the next ALLOCATE_QUEUE', () => {
    const a = vmqAdapter('ws2012');
    const q = drainedQueue(a, 2);
    a.settle();
    a.free(q);
    expect(a.e.queue(q)).toBeUndefined();
    expect(a.e.view().queues.map((x) => x.QueueId)).toEqual([0]);
    const mark = a.mark();
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    expect(a.indicatedOn(q, mark)).toBe(0);
    expect(a.allocate({ binding: 'someone-else', vm: VM2.name })).toBe(q);
    const again = a.e.queue(q)!;
    expect([again.owner, again.VmName, again.state, again.counters.indicated]).toEqual([
      'someone-else',
      VM2.name,
      'Allocated',
      0,
    ]);
  });

  test("R26 return timers of a queue's previous life do not return NBLs of the queue that reuses its QueueId", () => {
    const a = vmqAdapter('ws2012'); // returns after 20 µs
    const { queueId } = a.vmQueue(VM1, { binding: 'old' });
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.e.advanceBy(3_000); // indicated at 2 µs; their return is due at 22 µs
    expect(a.e.queue(queueId)!.outstandingNbls).toBe(2);
    a.e.closeBinding('old'); // NDIS cleans up (R41) and frees the queue
    expect(a.e.queue(queueId)).toBeUndefined();
    const again = a.vmQueue(VM2, { binding: 'new' }).queueId;
    expect(again).toBe(queueId);
    a.traffic(VM2.mac, { vlanId: 20, count: 3 });
    a.e.advanceTo(asTimeNs(12_000)); // indicated ~5–7 µs; own returns due ~25–27 µs
    expect(a.e.queue(again)!.outstandingNbls).toBe(3);
    a.e.advanceTo(asTimeNs(23_000)); // the old life's return timer fired at 22 µs
    expect(a.e.queue(again)!.outstandingNbls).toBe(3);
    a.settle();
    expect(a.e.queue(again)!.outstandingNbls).toBe(0);
  });
});

describe('R40 shared memory lifetime', () => {
  test("R40 a queue's memory survives clearing its filters, pause, restart and reset, and is freed only inside its FREE_QUEUE", () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1);
    const blocks = a.e
      .view()
      .memory.filter((m) => m.queueId === queueId)
      .map((m) => m.blockId);
    expect(blocks.length).toBeGreaterThan(0);
    a.clearFilter(queueId, filterId);
    a.e.adapterAction('pause');
    a.e.adapterAction('restart');
    a.e.adapterAction('reset');
    a.settle();
    expect(a.of('memory-freed')).toEqual([]);
    const r = a.free(queueId);
    const requested = a.of('oid-requested').find((o) => o.requestId === r.requestId)!.seq;
    const completed = a.of('oid-completed').find((c) => c.result.requestId === r.requestId)!.seq;
    const freed = a.of('memory-freed');
    expect(freed.map((f) => f.blockId).sort()).toEqual([...blocks].sort());
    for (const f of freed) expect(f.seq > requested && f.seq < completed).toBe(true);
  });

  test("R40 the default queue's memory is freed only at halt", () => {
    const a = vmqAdapter('ws2012');
    a.traffic(STRANGER_MAC, { count: 3 });
    a.settle();
    a.e.adapterAction('pause');
    a.e.adapterAction('restart');
    a.e.adapterAction('reset');
    a.settle();
    expect(a.of('memory-freed')).toEqual([]);
    a.e.adapterAction('halt');
    expect(a.of('memory-freed').map((m) => m.queueId)).toEqual([0]);
    expect(a.e.view().memory).toEqual([]);
    expect(a.errors()).toEqual([]);
  });
});

describe('R41 closing a binding', () => {
  test('R41 closing a binding with filters and queues left → rule-violated R41; NDIS clears its filters (queue 0 included) and frees its queues; the other binding is untouched', () => {
    const a = vmqAdapter('ws2012');
    const mine = a.vmQueue(VM1, { binding: 'A' }).queueId;
    const theirs = a.vmQueue(VM2, { binding: 'B', mask: 4 }).queueId;
    const defaultFilterA = a.filter(0, '00-15-5D-00-00-0A', 'untagged-or-zero', 'A');
    const defaultFilterB = a.filter(0, '00-15-5D-00-00-0B', 'untagged-or-zero', 'B');
    const mark = a.mark();
    a.e.closeBinding('A');
    expect(a.violations(mark).map((v) => [v.rule, v.severity])).toEqual([['R41', 'error']]);
    const v = a.e.view();
    expect(v.queues.map((q) => q.QueueId)).toEqual([0, theirs]);
    expect(v.filters.map((f) => f.FilterId).sort()).toEqual([a.e.queue(theirs)!.filterIds[0], defaultFilterB].sort());
    expect(v.filters.some((f) => f.FilterId === defaultFilterA)).toBe(false);
    expect(a.of('status-indicated', mark).map((s) => s.queueId)).toEqual([mine]);
    expect(a.of('binding-closed', mark).map((b) => b.binding)).toEqual(['A']);
    expect(a.errors(mark).filter((e) => !e.startsWith('R41'))).toEqual([]);
  });

  test('R41 NDIS cleanup at close also takes back NBLs the closing binding still holds, so the free completes', () => {
    const a = manualReturns();
    const { queueId } = a.vmQueue(VM1, { binding: 'A' });
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    a.e.closeBinding('A');
    expect(a.e.queue(queueId)).toBeUndefined();
    expect(a.e.view().memory.some((m) => m.queueId === queueId)).toBe(false);
  });

  test('R41 a clean close (everything cleared and freed first) raises no violation; requests from a closed binding fail', () => {
    const a = vmqAdapter('ws2012');
    const { queueId, filterId } = a.vmQueue(VM1, { binding: 'A' });
    a.clearFilter(queueId, filterId, 'A');
    a.free(queueId, 'A');
    a.e.closeBinding('A');
    expect(a.violations()).toEqual([]);
    expect(a.tryAllocate({ binding: 'A' }).status).toBe('NDIS_STATUS_FAILURE');
  });
});

describe('R41 closing a binding while its requests are pended by the miniport', () => {
  test('R41/R42 a binding closed while its ALLOCATE_QUEUE is pended leaves no orphan queue behind, and a later halt raises no R42', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_ALLOCATE_QUEUE: 1_000 };
    });
    const r = a.tryAllocate({ binding: 'ext' });
    expect(r.status).toBe('NDIS_STATUS_PENDING');
    a.e.closeBinding('ext');
    a.settle();
    expect(a.e.result(r.requestId)!.completedAtNs).toBeDefined();
    expect(a.e.view().queues.filter((q) => q.owner === 'ext')).toEqual([]);
    a.e.adapterAction('halt');
    expect(a.errors()).toEqual([]);
  });

  test('R41 a binding closed while its SET_FILTER is pended leaves no filter behind', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 1_000 };
    });
    const q = a.allocate({ binding: 'ext' });
    a.setMacFilter(q, VM1.mac, 10, 'ext');
    a.setMacFilter(0, VM2.mac, 20, 'ext');
    a.e.closeBinding('ext');
    a.settle();
    expect(a.e.view().filters).toEqual([]);
  });
});

describe('R42 halt', () => {
  test("R42 halt: NDIS frees every nondefault queue (each with its DmaStopped) before MiniportHaltEx; the default queue's memory goes in halt; nothing is flagged", () => {
    const a = vmqAdapter('ws2012');
    const q1 = a.vmQueue(VM1).queueId;
    const q2 = a.allocate({ vm: VM2.name });
    a.complete([q2]); // Paused, with shared memory
    a.traffic(VM1.mac, { vlanId: 10, count: 2 });
    a.settle();
    a.e.adapterAction('halt');
    const halted = a.of('adapter-state-changed').find((s) => s.to === 'Halted')!;
    const gone = a.of('queue-state-changed').filter((s) => s.to === 'Undefined');
    expect(gone.map((s) => s.queueId).sort()).toEqual([q1, q2]);
    for (const g of gone) expect(g.seq).toBeLessThan(halted.seq);
    expect(
      a
        .of('status-indicated')
        .map((s) => s.queueId)
        .sort(),
    ).toEqual([q1, q2]);
    const defaultFreed = a.of('memory-freed').find((m) => m.queueId === 0)!;
    expect(defaultFreed.seq).toBeGreaterThan(halted.seq);
    expect(a.e.view().queues.map((q) => [q.QueueId, q.state])).toEqual([[0, 'Running']]);
    expect(a.errors()).toEqual([]);
  });

  test('R42 after halt: requests → NDIS_STATUS_ADAPTER_NOT_READY, frames dropped as adapter-halted', () => {
    const a = vmqAdapter('ws2012');
    a.e.adapterAction('halt');
    expect(a.tryAllocate().status).toBe('NDIS_STATUS_ADAPTER_NOT_READY');
    a.traffic(STRANGER_MAC, { count: 2 });
    a.settle();
    expect(a.e.view().totals.dropped).toEqual({ 'adapter-halted': 2 });
  });

  test('R42 halt while the miniport pends FREE_QUEUE (pendingOids): still no queue left allocated at MiniportHaltEx, no violation', () => {
    const a = vmqAdapter('ws2012', (c) => {
      c.adapter.options.pendingOids = { OID_RECEIVE_FILTER_FREE_QUEUE: 5_000 };
    });
    a.vmQueue(VM1);
    a.e.adapterAction('halt');
    a.settle();
    expect(a.errors()).toEqual([]);
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });

  test('R42 halt during a reset: queues are still freed before MiniportHaltEx, no violation', () => {
    const a = vmqAdapter('ws2012');
    a.vmQueue(VM1);
    a.e.adapterAction('reset');
    a.e.adapterAction('halt');
    expect(a.errors()).toEqual([]);
    expect(a.e.view().queues.map((q) => q.QueueId)).toEqual([0]);
  });

  test('halt during a reset: the adapter stays Halted when the reset would have ended (a halted adapter never comes back)', () => {
    const a = vmqAdapter('ws2012');
    a.e.adapterAction('reset');
    a.e.adapterAction('halt');
    a.settle();
    expect(a.e.view().state).toBe('Halted');
    expect(a.of('adapter-state-changed').map((s) => s.to)).toEqual(['Resetting', 'Halting', 'Halted']);
  });
});
