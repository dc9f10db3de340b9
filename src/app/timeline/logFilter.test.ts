import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEventKind } from '../../engine/types.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { EVENT_GROUPS, groupOf, refsOf } from '../trace/eventRefs.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import { logRowsDigest, matchingIndices, queuesDigest, SHOW_ALL, type LogFilter, type LogRows } from './logFilter.ts';

// Every kind is in a group: this line stops compiling when a new kind is added without one.
const everyKindGrouped: [Exclude<TraceEventKind, (typeof EVENT_GROUPS)[number]['kinds'][number]>] extends [never]
  ? true
  : false = true;

const run = runBuiltIn();
const trace = new EventBuffer();
trace.append(run.events);
const at = (indices: number[]) => indices.map((i) => trace.at(i)!);

describe('event log filter', () => {
  it('groups every kind exactly once', () => {
    expect(everyKindGrouped).toBe(true);
    const kinds = EVENT_GROUPS.flatMap((g) => [...g.kinds]);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const event of run.events) expect(groupOf(event.kind)).toBeDefined();
  });

  it('shows everything without a filter, and hides whole groups', () => {
    expect(matchingIndices(trace, SHOW_ALL, run.scenario.vms)).toHaveLength(run.events.length);
    const noFrames = at(matchingIndices(trace, { ...SHOW_ALL, hidden: new Set(['frame', 'nbl']) }, run.scenario.vms));
    expect(noFrames.length).toBeGreaterThan(20);
    expect(noFrames.some((e) => groupOf(e.kind) === 'frame' || groupOf(e.kind) === 'nbl')).toBe(false);
  });

  it('keeps only events naming a queue', () => {
    const queue2 = at(matchingIndices(trace, { ...SHOW_ALL, queueId: 2 }, run.scenario.vms));
    expect(queue2.length).toBeGreaterThan(10);
    for (const event of queue2) expect(refsOf(event).queueIds).toContain(2);
    expect(queue2.some((e) => e.kind === 'status-indicated')).toBe(true); // the DmaStopped of its FREE_QUEUE
  });

  it('relates events to a VM by its queues and by its MAC on the wire', () => {
    const vm2 = at(matchingIndices(trace, { ...SHOW_ALL, vm: 'VM2' }, run.scenario.vms));
    const arrived = vm2.filter((e) => e.kind === 'frame-arrived');
    expect(arrived).toHaveLength(16);
    expect(arrived.every((e) => e.kind === 'frame-arrived' && e.dst === '00-15-5D-00-00-02')).toBe(true);
    expect(vm2.some((e) => e.kind === 'memory-freed' && e.queueId === 2)).toBe(true);
    for (const event of vm2) {
      const refs = refsOf(event);
      expect(refs.queueIds.includes(2) || refs.macs.includes('00-15-5D-00-00-02'), event.kind).toBe(true);
    }
  });
});

describe('the log digest', () => {
  const VMS = [
    { name: 'VM1', mac: '00-15-5D-00-00-01' },
    { name: 'VM2', mac: '00-15-5D-00-00-02' },
  ];
  const queueId = fc.constantFrom(1, 2, 3);
  // Only the fields the filter reads; the rest of each event does not matter to it.
  const body = fc.oneof(
    fc.tuple(queueId, fc.constantFrom('VM1', 'VM2')).map(([QueueId, VmName]) => ({
      kind: 'oid-completed',
      pended: false,
      result: {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        status: 'NDIS_STATUS_SUCCESS',
        output: { QueueId, VmName },
      },
    })),
    queueId.map((id) => ({ kind: 'queue-state-changed', queueId: id, from: 'Running', to: 'Undefined' })),
    { weight: 3, arbitrary: queueId.map((id) => ({ kind: 'memory-freed', queueId: id })) },
    fc.constantFrom(...VMS).map((vm) => ({ kind: 'frame-arrived', frameId: 1, dst: vm.mac })),
    fc.constant({ kind: 'note', text: 'between' }),
  ) as unknown as fc.Arbitrary<EventBody>;
  const filter: fc.Arbitrary<LogFilter> = fc.record({
    hidden: fc.subarray(EVENT_GROUPS.map((g) => g.id)).map((ids) => new Set(ids)),
    queueId: fc.constantFrom(null, 1, 2, 3),
    vm: fc.constantFrom(null, 'VM1', 'VM2'),
  });
  const rowsOf = (log: LogRows): number[] => Array.from({ length: log.length }, (_, row) => log.traceIndex(row));
  const EMPTY = new EventBuffer();

  it('folded batch by batch, through rewinds, clears and eviction, shows the rows a full scan of the whole history finds', () => {
    fc.assert(
      fc.property(traceOps(body), filter, fc.boolean(), (ops, shown, refilter) =>
        expectFoldMatchesScan({
          ops,
          create: () => {
            const log = logRowsDigest();
            log.show(shown, VMS, EMPTY);
            return log;
          },
          // A new filter (an equal one, as a new object) re-reads the kept trace: it must agree too.
          read: (log, kept) => {
            if (refilter) log.show({ ...log.filter }, VMS, kept);
            return rowsOf(log);
          },
          // A queue's owner is known from its allocation even after that event left the bounded trace.
          scan: (kept, history) =>
            matchingIndices(history, shown, VMS)
              .filter((i) => i >= kept.evicted)
              .map((i) => i - kept.evicted),
          expectEqual: (a, b) => expect(a).toEqual(b),
          lateAttach: false,
        }),
      ),
    );
  });

  it("finds an event's row by its place in the trace, or none when the filter hides it", () => {
    const log = logRowsDigest();
    trace.attach(log);
    log.show({ ...SHOW_ALL, hidden: new Set(['frame']) }, run.scenario.vms, trace);
    const rows = rowsOf(log);
    for (const [row, index] of rows.entries()) expect(log.rowOf(index)).toBe(row);
    const hidden = run.events.findIndex((e) => groupOf(e.kind) === 'frame');
    expect(log.rowOf(hidden)).toBe(-1);
  });

  it('lists every QueueId that changed state in the kept trace, and the default queue', () => {
    const scan = (kept: EventBuffer): number[] => {
      const ids = new Set([0]);
      for (const e of kept.toArray()) if (e.kind === 'queue-state-changed') ids.add(e.queueId);
      return [...ids].sort((a, b) => a - b);
    };
    fc.assert(
      fc.property(traceOps(body), (ops) =>
        expectFoldMatchesScan({
          ops,
          create: queuesDigest,
          read: (d) => d.value(),
          scan,
          expectEqual: (a, b) => expect(a).toEqual(b),
        }),
      ),
    );
  });
});
