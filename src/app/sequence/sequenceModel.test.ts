import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { runScenario } from '../../scenario/session.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { chartOf, NO_FILTER, type SequenceFilter } from './sequenceChart.ts';
import { SequenceModel, type SequenceMessage } from './sequenceModel.ts';

const modelOf = (events: readonly TraceEvent[]): SequenceModel => {
  const model = new SequenceModel();
  model.append(events, 0);
  return model;
};

/** One message as a reader sees it: what kind, from which lifeline to which, and what it says. */
const shown = (m: SequenceMessage) => `${m.kind} ${m.from} → ${m.to}: ${m.label}`;

const freeQueueRequestId = (model: SequenceModel): number =>
  [...model.requests.values()].find((r) => r.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE')?.requestId ?? -1;

describe('the sequence chart of the FREE_QUEUE stories', () => {
  it('R22 R24 free-queue-properly: request, stop DMA, DmaStopped, memory freed, then SUCCESS, in that order', () => {
    const model = modelOf(runBuiltIn('free-queue-properly.json').events);
    const requestId = freeQueueRequestId(model);
    const chart = chartOf(model, { ...NO_FILTER, requestId });
    expect(chart.messages.map(shown)).toEqual([
      'request driver:vmswitch → miniport: #5 OID_RECEIVE_FILTER_FREE_QUEUE (QueueId 1)',
      'dma-stop miniport → nic: stop DMA (QueueId 1)',
      'status miniport → driver:vmswitch: NDIS_STATUS_RECEIVE_QUEUE_STATE QueueState DmaStopped (QueueId 1)',
      'memory-free miniport → ndis: NdisFreeSharedMemory: QueueId 1, block 2',
      'completion miniport → driver:vmswitch: #5 NDIS_STATUS_SUCCESS',
    ]);
    expect(chart.lifelines.map((l) => l.name)).toEqual(['vmswitch', 'NDIS', 'miniport', 'NIC (DMA)']);
  });

  it('R24 free-queue-properly: every NBL of the queue is back before its memory is freed', () => {
    const model = modelOf(runBuiltIn('free-queue-properly.json').events);
    const queue1 = chartOf(model, { ...NO_FILTER, queueId: 1 }).messages;
    const freed = queue1.findIndex((m) => m.kind === 'memory-free');
    const returns = queue1.flatMap((m, i) => (m.kind === 'return' ? [i] : []));
    expect(returns.length).toBeGreaterThan(0);
    expect(Math.max(...returns)).toBeLessThan(freed);
    // The VM's NBLs come back from the VM the queue was allocated for.
    expect(queue1.find((m) => m.kind === 'receive')?.to).toBe('vm:VM1');
    expect(queue1.find((m) => m.kind === 'return')?.from).toBe('vm:VM1');
  });

  it('R24 R25 free-with-outstanding-nbls: PENDING, the last NBLs come back, then memory and SUCCESS', () => {
    const model = modelOf(runBuiltIn('free-with-outstanding-nbls.json').events);
    const chart = chartOf(model, { ...NO_FILTER, requestId: freeQueueRequestId(model) });
    expect(chart.messages.map((m) => m.kind)).toEqual([
      'request',
      'dma-stop',
      'status',
      'pending',
      'return',
      'return',
      'memory-free',
      'completion',
    ]);
    expect(chart.messages.map((m) => m.label)).toContain('#5 NDIS_STATUS_PENDING');
    expect(chart.messages.at(-1)?.status).toBe('NDIS_STATUS_SUCCESS');
  });

  it('a request NDIS refuses ends at NDIS and is answered by NDIS', () => {
    const model = modelOf(runBuiltIn('oid-errors.json').events);
    const byNdis = [...model.messages].filter((m) => m.kind === 'completion' && m.from === 'ndis');
    expect(byNdis.length).toBeGreaterThan(0);
    for (const completion of byNdis) {
      const request = [...model.messages].find((m) => m.kind === 'request' && m.requestId === completion.requestId);
      expect(request?.to).toBe('ndis');
    }
  });
});

const HALT_WITH_QUEUE_LEFT = {
  format: 'vmq-scenario',
  version: 1,
  title: 'Halt with a queue left',
  adapter: { profile: 'ws2012' },
  vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 }],
  steps: [
    {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      saveAs: 'q',
      buffer: {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 2, Group: 0 },
        NumSuggestedReceiveBuffers: 32,
        VmName: 'VM1',
      },
    },
    { adapter: 'halt' },
  ],
};

describe('requests NDIS issues itself', () => {
  it('R42 its cleanup FREE_QUEUE at halt starts at NDIS, goes to the miniport, and is answered to NDIS', () => {
    const parsed = parseScenario(HALT_WITH_QUEUE_LEFT);
    if (!parsed.ok) throw new Error('the halt scenario does not parse');
    const model = modelOf(runScenario(parsed.scenario).events);
    const free = [...model.messages].filter((m) => m.label.includes('FREE_QUEUE') || m.requestId === 2);
    expect(free.map(shown)).toEqual([
      'request ndis → miniport: #2 OID_RECEIVE_FILTER_FREE_QUEUE (QueueId 1)',
      'dma-stop miniport → nic: stop DMA (QueueId 1)',
      'status miniport → ndis: NDIS_STATUS_RECEIVE_QUEUE_STATE QueueState DmaStopped (QueueId 1)',
      'completion miniport → ndis: #2 NDIS_STATUS_SUCCESS',
    ]);
  });
});

type Op = { append: number } | { rewind: number } | 'clear';

/** Plays a real trace into a small bounded buffer the way the page does: batches, rewinds (the engine goes back and
 * produces the same events again), clears (a new session replays it from the start). */
function play(
  trace: readonly TraceEvent[],
  ops: readonly Op[],
  after: (kept: EventBuffer, model: SequenceModel, history: readonly TraceEvent[]) => void,
) {
  const kept = new EventBuffer(16);
  const model = new SequenceModel();
  kept.attach(model);
  let cursor = 0;
  for (const op of ops) {
    if (op === 'clear') {
      kept.clear();
      cursor = 0;
    } else if ('rewind' in op) {
      cursor = Math.max(kept.evicted, cursor - op.rewind);
      kept.truncateAfter(trace[cursor - 1]?.seq ?? -1); // the engine's first seq is 0
    } else {
      kept.append(trace.slice(cursor, cursor + op.append));
      cursor = Math.min(trace.length, cursor + op.append);
    }
    after(kept, model, trace.slice(0, cursor));
  }
}

const ops = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.nat(20).map((append) => ({ append })) },
    { weight: 2, arbitrary: fc.nat(12).map((rewind) => ({ rewind })) },
    { weight: 1, arbitrary: fc.constant('clear' as const) },
  ),
  { maxLength: 40 },
);

describe('SequenceModel, folded batch by batch', () => {
  const traces = ['free-with-outstanding-nbls.json', 'pending-oids.json', 'vmq-in-a-minute.json'].map(
    (file) => runBuiltIn(file).events,
  );

  it('shows what one fold of everything since the last clear shows, less what the buffer no longer keeps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...traces), ops, (trace, plan) => {
        play(trace, plan, (kept, model, history) => {
          const whole = modelOf(history);
          whole.evictBefore(kept.evicted);
          expect([...model.messages].map(shown)).toEqual([...whole.messages].map(shown));
          expect([...model.messages].map((m) => m.seq)).toEqual([...whole.messages].map((m) => m.seq));
        });
      }),
    );
  });

  const filters: fc.Arbitrary<SequenceFilter> = fc.record({
    queueId: fc.option(fc.nat(3)),
    requestId: fc.option(fc.nat(12)),
    fromNs: fc.option(fc.nat(100_000)),
    toNs: fc.option(fc.nat(200_000)),
  });

  it('keeps the events’ order, and every arrow starts and ends on a lifeline the chart shows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...traces), ops, filters, (trace, plan, filter) => {
        play(trace, plan, (_kept, model) => {
          const chart = chartOf(model, filter);
          const seqs = chart.messages.map((m) => m.seq);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
          const shownIds = new Set(chart.lifelines.map((l) => l.id));
          for (const m of chart.messages) expect([shownIds.has(m.from), shownIds.has(m.to)]).toEqual([true, true]);
          expect(new Set(chart.lifelines.map((l) => l.id)).size).toBe(chart.lifelines.length);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a filter keeps only what it names: the queue, the request, the time range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...traces), filters, (trace, filter) => {
        const model = modelOf(trace);
        for (const m of chartOf(model, filter).messages) {
          if (filter.fromNs !== null) expect(m.t).toBeGreaterThanOrEqual(filter.fromNs);
          if (filter.toNs !== null) expect(m.t).toBeLessThanOrEqual(filter.toNs);
          if (filter.queueId !== null) expect(model.queuesOf(m)).toContain(filter.queueId);
        }
      }),
    );
  });
});
