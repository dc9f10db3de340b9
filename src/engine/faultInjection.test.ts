/**
 * Injected faults (faults.ts): each one's documented consequence (§3, §5.5, §7, §8, §9), the checker's view of
 * what follows, and that a snapshot taken after a fault carries it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Fault } from './faults.ts';
import type { NdisStatusName, OidName } from './ndis/constants.ts';
import type { DurationNs, QueueId } from './types.ts';
import { completionStatuses, VM1, VM2, type VmqAdapter, vmqAdapter } from './testing.ts';

const ns = (n: number) => n as DurationNs;

describe('refuse-oid', () => {
  test('the miniport refuses the next ALLOCATE_QUEUE with the chosen status, then accepts again; no violation', () => {
    const a = vmqAdapter();
    a.e.injectFault({
      kind: 'refuse-oid',
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      status: 'NDIS_STATUS_RESOURCES',
      count: 1,
    });
    const refused = a.tryAllocate({ vm: 'VM1' });
    expect([refused.status, refused.layer]).toEqual(['NDIS_STATUS_RESOURCES', 'miniport']);
    expect(a.e.view().queues.filter((q) => q.QueueId !== 0)).toEqual([]);
    expect(a.tryAllocate({ vm: 'VM1' }).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.of('fault-injected').map((e) => e.fault.kind)).toEqual(['refuse-oid']);
    expect(a.errors()).toEqual([]);
  });

  test('R25 a FREE_QUEUE the miniport refuses with NDIS_STATUS_FAILURE is flagged', () => {
    const a = vmqAdapter();
    const { queueId, filterId } = a.vmQueue(VM1);
    a.clearFilter(queueId, filterId);
    a.e.injectFault({
      kind: 'refuse-oid',
      oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
      status: 'NDIS_STATUS_FAILURE',
      count: 'always',
    });
    expect(a.free(queueId).status).toBe('NDIS_STATUS_FAILURE');
    expect(a.violations().map((v) => v.rule)).toEqual(['R25']);
  });
});

describe('pend-oid', () => {
  test('the miniport pends FREE_QUEUE for the delay; delay null answers at once again', () => {
    const a = vmqAdapter();
    const q1 = a.vmQueue(VM1);
    const q2 = a.vmQueue(VM2, { mask: 4 });
    a.clearFilter(q1.queueId, q1.filterId);
    a.clearFilter(q2.queueId, q2.filterId);
    a.e.injectFault({ kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: ns(500_000) });
    const pended = a.free(q1.queueId);
    expect(pended.status).toBe('NDIS_STATUS_PENDING');
    a.settle();
    expect(a.e.result(pended.requestId)).toMatchObject({ status: 'NDIS_STATUS_SUCCESS', completedAtNs: 500_000 });
    a.e.injectFault({ kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: null });
    expect(a.free(q2.queueId).status).toBe('NDIS_STATUS_SUCCESS');
  });

  test('R25 a reset during a pended FREE_QUEUE aborts it with NDIS_STATUS_REQUEST_ABORTED, which is legal', () => {
    const a = vmqAdapter();
    const { queueId, filterId } = a.vmQueue(VM1);
    a.clearFilter(queueId, filterId);
    a.e.injectFault({ kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: ns(1_000_000) });
    const free = a.free(queueId);
    a.e.adapterAction('reset');
    expect(a.e.result(free.requestId)?.status).toBe('NDIS_STATUS_REQUEST_ABORTED');
    expect(a.errors()).toEqual([]);
  });
});

describe('shared-memory-exhausted', () => {
  test('R40 a split queue whose second block fails: its completion fails with RESOURCES, the first block stays until FREE_QUEUE frees it', () => {
    const a = vmqAdapter('ws2008r2');
    const queueId = a.allocate({ vm: 'VM1', lookahead: 128 });
    a.e.injectFault({ kind: 'shared-memory-exhausted', afterBlocks: 1, status: 'NDIS_STATUS_RESOURCES' });
    const done = a.complete([queueId]);
    expect(done.status).toBe('NDIS_STATUS_SUCCESS');
    expect(completionStatuses(done)).toEqual(['NDIS_STATUS_RESOURCES']);
    expect(a.of('memory-allocated').filter((m) => m.queueId === queueId)).toHaveLength(1);
    expect(a.e.queue(queueId)?.state).toBe('Allocated');
    expect(a.free(queueId).status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.e.view().memory.filter((m) => m.queueId === queueId)).toEqual([]);
    expect(a.errors()).toEqual([]);
  });

  test('a halt ends the exhaustion', () => {
    const a = vmqAdapter();
    a.e.injectFault({ kind: 'shared-memory-exhausted', afterBlocks: 0, status: 'NDIS_STATUS_FAILURE' });
    const queueId = a.allocate({ vm: 'VM1' });
    expect(completionStatuses(a.complete([queueId]))).toEqual(['NDIS_STATUS_FAILURE']);
    a.e.adapterAction('halt');
    a.settle();
    expect(a.e.view().state).toBe('Halted');
    expect(a.errors()).toEqual([]);
  });
});

describe('surprise-removal', () => {
  test('frames are dropped as adapter-removed, requests get NOT_ACCEPTED, and a halt still completes without a violation', () => {
    const a = vmqAdapter();
    const { queueId, filterId } = a.vmQueue(VM1);
    a.e.injectFault({ kind: 'surprise-removal' });
    a.traffic(VM1.mac, { count: 3, vlanId: 10 });
    a.settle();
    expect(a.e.view().totals.dropped['adapter-removed']).toBe(3);
    const clear = a.clearFilter(queueId, filterId);
    expect([clear.status, clear.layer]).toEqual(['NDIS_STATUS_NOT_ACCEPTED', 'miniport']);
    expect(a.tryAllocate({ vm: 'VM2' }).status).toBe('NDIS_STATUS_NOT_ACCEPTED');
    a.e.adapterAction('halt');
    a.settle();
    expect(a.e.view().state).toBe('Halted');
    expect(a.e.queue(queueId)).toBeUndefined();
    expect(a.errors()).toEqual([]);
  });
});

describe('delay-dpc', () => {
  test('§9 the next DPC of the queue runs late by the delay; the one after is on time', () => {
    const a = vmqAdapter();
    const { queueId } = a.vmQueue(VM1);
    a.e.injectFault({ kind: 'delay-dpc', queueId, delayNs: ns(100_000) });
    const t0 = a.e.nowNs;
    a.traffic(VM1.mac, { count: 1, vlanId: 10 });
    a.settle();
    const late = a.of('dpc-ran');
    const dpcLatency = 2_000;
    expect(late[0]!.t - t0).toBe(100_000 + dpcLatency);
    const t1 = a.e.nowNs;
    a.traffic(VM1.mac, { count: 1, vlanId: 10 });
    a.settle();
    expect(a.of('dpc-ran')[1]!.t - t1).toBe(dpcLatency);
    expect(a.indicatedOn(queueId)).toBe(2);
  });
});

describe('withhold-nbls', () => {
  test('a guest that never returns its NBLs: the ring fills, frames drop as no-free-buffer, FREE_QUEUE waits; resuming lets it finish', () => {
    const a = vmqAdapter();
    const { queueId, filterId } = a.vmQueue(VM1, { buffers: 8 });
    a.e.injectFault({ kind: 'withhold-nbls', queueId, on: true });
    a.traffic(VM1.mac, { count: 12, vlanId: 10 });
    a.settle();
    expect(a.e.queue(queueId)?.counters.dropped['no-free-buffer']).toBe(4);
    a.clearFilter(queueId, filterId);
    const free = a.free(queueId);
    a.settle();
    expect(a.e.result(free.requestId)?.completedAtNs).toBeUndefined();
    a.e.injectFault({ kind: 'withhold-nbls', queueId, on: false });
    a.settle();
    expect(a.e.result(free.requestId)?.status).toBe('NDIS_STATUS_SUCCESS');
    expect(a.errors()).toEqual([]);
  });

  test('withholding every queue but one', () => {
    const a = vmqAdapter();
    const q1 = a.vmQueue(VM1).queueId;
    const q2 = a.vmQueue(VM2, { mask: 4 }).queueId;
    a.e.injectFault({ kind: 'withhold-nbls', queueId: null, on: true });
    a.e.injectFault({ kind: 'withhold-nbls', queueId: q2, on: false });
    a.traffic(VM1.mac, { count: 2, vlanId: 10 });
    a.traffic(VM2.mac, { count: 2, vlanId: 20 });
    a.settle();
    const outstanding = (id: QueueId) => a.e.queue(id)!.counters.indicated - a.e.queue(id)!.counters.returned;
    expect([outstanding(q1), outstanding(q2)]).toEqual([2, 0]);
  });
});

describe('return-latency', () => {
  test('null keeps NBLs until returnNbls; a latency again returns what was held', () => {
    const a = vmqAdapter();
    const { queueId } = a.vmQueue(VM1);
    a.e.injectFault({ kind: 'return-latency', latencyNs: null });
    a.traffic(VM1.mac, { count: 2, vlanId: 10 });
    a.settle();
    expect(a.e.queue(queueId)?.counters.returned).toBe(0);
    a.e.injectFault({ kind: 'return-latency', latencyNs: ns(5_000) });
    a.settle();
    expect(a.e.queue(queueId)?.counters.returned).toBe(2);
  });
});

describe('live-migration', () => {
  test('§5.5 the VSP returns the VM’s NBLs, the owner clears the filter and frees the queue, later frames reach the default queue', () => {
    const a = vmqAdapter('ws2012', (cfg) => {
      cfg.adapter.options.returnLatencyNs = null;
    });
    const { queueId } = a.vmQueue(VM1);
    a.traffic(VM1.mac, { count: 2, vlanId: 10 });
    a.settle();
    const from = a.mark();
    a.e.injectFault({ kind: 'live-migration', vm: 'VM1' });
    expect(a.of('nbls-returned', from).map((e) => [e.queueId, e.count])).toEqual([[queueId, 2]]);
    const oids = a.of('oid-completed', from).map((e) => [e.result.oid, e.result.status, e.result.issuedBy]);
    expect(oids).toEqual([
      ['OID_RECEIVE_FILTER_CLEAR_FILTER', 'NDIS_STATUS_SUCCESS', undefined],
      ['OID_RECEIVE_FILTER_FREE_QUEUE', 'NDIS_STATUS_SUCCESS', undefined],
    ]);
    expect(a.e.queue(queueId)).toBeUndefined();
    const later = a.mark();
    a.traffic(VM1.mac, { count: 1, vlanId: 10 });
    a.settle();
    expect(a.classifiedTo(later)).toEqual([0]);
    expect(a.errors()).toEqual([]);
  });

  test('a pended CLEAR_FILTER holds the FREE_QUEUE back: NDIS serializes them, and the checker sees both', () => {
    const a = vmqAdapter();
    const { queueId } = a.vmQueue(VM1);
    a.e.injectFault({ kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', delayNs: ns(200_000) });
    a.e.injectFault({ kind: 'live-migration', vm: 'VM1' });
    expect(a.e.queue(queueId)?.state).toBe('Running');
    a.settle();
    expect(a.e.queue(queueId)).toBeUndefined();
    expect(a.errors()).toEqual([]);
  });
});

describe('live-migration after surprise removal', () => {
  test('R21 the VSP does not free a queue whose CLEAR_FILTER was refused (NOT_ACCEPTED): no FREE_QUEUE, no violation', () => {
    const a = vmqAdapter();
    const { queueId } = a.vmQueue(VM1);
    a.e.injectFault({ kind: 'surprise-removal' });
    const from = a.mark();
    a.e.injectFault({ kind: 'live-migration', vm: 'VM1' });
    expect(a.of('oid-completed', from).map((e) => [e.result.oid, e.result.status])).toEqual([
      ['OID_RECEIVE_FILTER_CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED'],
    ]);
    expect(a.e.queue(queueId)?.state).toBe('Running');
    expect(a.errors()).toEqual([]);
  });
});

describe('snapshot and restore', () => {
  test('a fault injected before a snapshot still acts after restoring it', () => {
    const a = vmqAdapter();
    a.e.injectFault({
      kind: 'refuse-oid',
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      status: 'NDIS_STATUS_FAILURE',
      count: 1,
    });
    const snap = a.e.snapshot();
    expect(a.tryAllocate({ vm: 'VM1' }).status).toBe('NDIS_STATUS_FAILURE');
    expect(a.tryAllocate({ vm: 'VM1' }).status).toBe('NDIS_STATUS_SUCCESS');
    a.e.restore(snap);
    expect(a.tryAllocate({ vm: 'VM1' }).status).toBe('NDIS_STATUS_FAILURE');
  });
});

describe('determinism', () => {
  test('the same faults at the same instants give the same trace', () => {
    const run = () => {
      const a = vmqAdapter();
      const { queueId } = a.vmQueue(VM1);
      a.e.injectFault({ kind: 'delay-dpc', queueId: null, delayNs: ns(30_000) });
      a.e.injectFault({ kind: 'withhold-nbls', queueId, on: true });
      a.traffic(VM1.mac, { count: 5, vlanId: 10 });
      a.e.advanceBy(ns(40_000));
      a.e.injectFault({ kind: 'live-migration', vm: 'VM1' });
      a.settle();
      return a.events;
    };
    expect(run()).toEqual(run());
  });
});

describe('any faults, then a halt', () => {
  const faultArb: fc.Arbitrary<Fault> = fc.oneof(
    fc.record({
      kind: fc.constant('refuse-oid' as const),
      oid: fc.constantFrom<OidName>(
        'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        'OID_RECEIVE_FILTER_SET_FILTER',
        'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
      ),
      status: fc.constantFrom<NdisStatusName>('NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE'),
      count: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('always' as const)),
    }),
    fc.record({
      kind: fc.constant('pend-oid' as const),
      oid: fc.constantFrom<OidName>('OID_RECEIVE_FILTER_FREE_QUEUE', 'OID_RECEIVE_FILTER_CLEAR_FILTER'),
      delayNs: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 50_000 })),
    }),
    fc.record({
      kind: fc.constant('shared-memory-exhausted' as const),
      afterBlocks: fc.integer({ min: 0, max: 2 }),
      status: fc.constantFrom('NDIS_STATUS_RESOURCES' as const, 'NDIS_STATUS_FAILURE' as const),
    }),
    fc.constant({ kind: 'surprise-removal' as const }),
    fc.record({
      kind: fc.constant('delay-dpc' as const),
      queueId: fc.constantFrom(null, 1 as QueueId, 2 as QueueId),
      delayNs: fc.integer({ min: 0, max: 50_000 }),
    }),
    fc.record({
      kind: fc.constant('withhold-nbls' as const),
      queueId: fc.constantFrom(null, 1 as QueueId, 2 as QueueId),
      on: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('return-latency' as const),
      latencyNs: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 50_000 })),
    }),
    fc.record({ kind: fc.constant('live-migration' as const), vm: fc.constantFrom('VM1', 'VM2') }),
  );
  type Move = { fault: Fault } | { queue: 0 | 1 } | { traffic: 0 | 1 } | { advance: number } | 'free';
  const moveArb: fc.Arbitrary<Move> = fc.oneof(
    fc.record({ fault: faultArb }),
    fc.record({ queue: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ traffic: fc.constantFrom(0 as const, 1 as const) }),
    fc.record({ advance: fc.integer({ min: 1, max: 100_000 }) }),
    fc.constant('free' as const),
  );

  /** One move of a careful driver and the scenario around it. */
  function play(a: VmqAdapter, move: Move, index: number): void {
    const vms = [VM1, VM2];
    if (move === 'free')
      for (const q of a.e.view().queues.filter((v) => v.QueueId !== 0)) {
        const cleared = q.filterIds.map((f) => a.clearFilter(q.QueueId, f).status);
        // A careful driver frees only once its filters are gone (R21).
        if (cleared.every((status) => status === 'NDIS_STATUS_SUCCESS')) a.free(q.QueueId);
      }
    else if ('fault' in move) a.e.injectFault(move.fault);
    else if ('queue' in move) {
      const vm = vms[move.queue]!;
      const r = a.tryAllocate({ vm: vm.name, mask: move.queue === 0 ? 2 : 4 });
      const queueId = r.output?.['QueueId'] as number | undefined;
      if (r.status === 'NDIS_STATUS_SUCCESS' && queueId !== undefined) {
        a.setMacFilter(queueId, vm.mac, vm.vlan!);
        a.complete([queueId]);
      }
    } else if ('traffic' in move)
      a.traffic(vms[move.traffic]!.mac, { name: `flow ${index}`, count: 5, vlanId: vms[move.traffic]!.vlan });
    else a.e.advanceBy(ns(move.advance));
  }

  test('R42 the halt still frees every queue and its memory, and completes every request, whatever was injected', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 12 }), (moves) => {
        const a = vmqAdapter();
        for (const [i, move] of moves.entries()) play(a, move, i);
        a.e.adapterAction('halt');
        a.settle();
        const view = a.e.view();
        expect(view.state).toBe('Halted');
        expect(view.queues.filter((q) => q.QueueId !== 0)).toEqual([]);
        expect(view.memory).toEqual([]);
        const requested = a.of('oid-requested').map((e) => e.requestId);
        const completed = a.of('oid-completed').map((e) => e.result.requestId);
        expect(completed.sort((x, y) => x - y)).toEqual(requested.sort((x, y) => x - y));
        // Only the miniport's refusals of FREE_QUEUE/CLEAR_FILTER may be flagged, and none is injected here.
        expect(a.errors()).toEqual([]);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('a snapshot taken between faults replays the same trace after a restore', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 12 }), fc.nat(12), (moves, cut) => {
        const a = vmqAdapter();
        for (const [i, move] of moves.slice(0, cut).entries()) play(a, move, i);
        const snapshot = a.e.snapshot();
        const from = a.mark();
        const rest = () => {
          for (const [i, move] of moves.slice(cut).entries()) play(a, move, cut + i);
          a.settle();
          return { view: a.e.view() };
        };
        const straight = rest();
        const events = a.events.slice(from);
        a.e.restore(snapshot);
        const again = a.mark();
        expect(rest()).toEqual(straight);
        expect(a.events.slice(again)).toEqual(events);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
});
