import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DROP_REASONS, type AdapterView, type TraceEvent } from '../../engine/index.ts';
import { asQueueId, asFilterId } from '../../engine/types.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import type { EventBuffer } from '../store/eventBuffer.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import { ChartDigest, type FlowMetric, MAX_BUCKETS } from './chartDigest.ts';

const METRICS: FlowMetric[] = ['queue-frames', 'queue-bytes', 'queue-returned', 'cpu-frames', 'cpu-bytes', 'drops'];

/** A built-in scenario run to its end with per-frame tracing: every event, and the engine's view at the end. */
function runToEnd(file: string): { events: TraceEvent[]; view: AdapterView } {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const events: TraceEvent[] = [];
  const session = createScenarioSession(parsed.scenario, { traceFrames: true, sink: (event) => events.push(event) });
  while (!session.done) session.runNextStep();
  return { events, view: session.engine.view() };
}

/** Everything the charts read of a digest's flows: its width and every bucket's counts. */
function flowsOf(digest: ChartDigest) {
  const flows: Record<string, number[]> = {};
  for (const metric of METRICS)
    for (const subject of digest.subjects(metric))
      flows[`${metric}|${subject}`] = Array.from({ length: digest.bucketCount }, (_, i) =>
        digest.count(i, metric, subject),
      );
  return { widthNs: digest.widthNs, flows };
}

const sumOf = (digest: ChartDigest, metric: FlowMetric) =>
  digest.subjects(metric).reduce((sum, subject) => sum + digest.total(metric, subject), 0);

describe('ChartDigest', () => {
  const run = runToEnd('vmq-in-a-minute.json');

  it('is the same however the trace is split into batches', () => {
    const whole = new ChartDigest();
    whole.append(run.events, 0);
    const expected = flowsOf(whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(run.events.length), { maxLength: 40 }), (cuts) => {
        const digest = new ChartDigest();
        const bounds = [0, ...cuts.sort((a, b) => a - b), run.events.length];
        for (let i = 1; i < bounds.length; i++)
          digest.append(run.events.slice(bounds[i - 1], bounds[i]), bounds[i - 1] as number);
        expect(flowsOf(digest)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("totals equal the engine's counters", () => {
    for (const file of ['vmq-in-a-minute.json', 'free-with-outstanding-nbls.json', 'dynamic-vmq-2012.json']) {
      const { events, view } = runToEnd(file);
      const digest = new ChartDigest();
      digest.append(events, 0);
      expect(sumOf(digest, 'queue-frames'), file).toBe(view.totals.indicated);
      expect(sumOf(digest, 'cpu-frames'), file).toBe(view.totals.indicated);
      expect(sumOf(digest, 'queue-returned'), file).toBe(view.totals.returned);
      for (const reason of DROP_REASONS)
        expect(digest.total('drops', reason), `${file} ${reason}`).toBe(view.totals.dropped[reason] ?? 0);
      // Every frame indicated was traced arriving, so every byte is known.
      const frameBytes = events.reduce((sum, e) => (e.kind === 'frame-arrived' ? sum + e.length : sum), 0);
      expect(sumOf(digest, 'queue-bytes')).toBeLessThanOrEqual(frameBytes);
      expect(sumOf(digest, 'queue-bytes')).toBe(sumOf(digest, 'cpu-bytes'));
    }
    const digest = new ChartDigest();
    digest.append(run.events, 0);
    // vmq-in-a-minute frees no queue, so each queue's counter covers the whole run.
    for (const queue of run.view.queues) {
      expect(digest.total('queue-frames', queue.QueueId)).toBe(queue.counters.indicated);
      expect(digest.total('queue-returned', queue.QueueId)).toBe(queue.counters.returned);
    }
    expect(sumOf(digest, 'queue-frames')).toBeGreaterThan(0);
  });

  it(`covers the run with at most ${MAX_BUCKETS} buckets of a power-of-two width`, () => {
    const digest = new ChartDigest();
    digest.append(run.events, 0);
    const lastNs = run.events.at(-1)?.t ?? 0;
    expect(digest.bucketCount).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(Math.log2(digest.widthNs) % 1).toBe(0);
    expect(Math.floor(lastNs / digest.widthNs)).toBeLessThan(MAX_BUCKETS);
  });

  const body: fc.Arbitrary<EventBody> = fc.oneof(
    fc.record({
      kind: fc.constant('nbls-indicated' as const),
      indicationId: fc.nat(),
      cpu: fc.nat(3),
      receiveFlags: fc.constant(0),
      parts: fc.array(
        fc.record({
          queueId: fc.nat(3).map(asQueueId),
          count: fc.integer({ min: 1, max: 5 }),
          firstFrameId: fc.constant(null),
          filteringInfo: fc.constant({ QueueId: asQueueId(0), FilterId: asFilterId(0) }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    fc.record({
      kind: fc.constant('nbls-returned' as const),
      queueId: fc.nat(3).map(asQueueId),
      count: fc.integer({ min: 1, max: 5 }),
      returnFlags: fc.constant(0),
    }),
    fc.record({
      kind: fc.constant('frames-dropped' as const),
      queueId: fc.constant(null),
      reason: fc.constantFrom(...DROP_REASONS),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  );

  /** The totals a full scan of every event since the last clear counts. */
  const scanTotals = (history: EventBuffer) => {
    const digest = new ChartDigest();
    digest.append(history.toArray(), 0);
    return totalsOf(digest);
  };
  const totalsOf = (digest: ChartDigest) =>
    Object.fromEntries(
      METRICS.flatMap((metric) =>
        digest.subjects(metric).map((subject) => [`${metric}|${subject}`, digest.total(metric, subject)]),
      ).filter(([, n]) => n !== 0),
    );

  it('keeps what evicted events counted and takes back what a rewind cut', () => {
    fc.assert(
      fc.property(traceOps(body), (ops) =>
        expectFoldMatchesScan({
          ops,
          create: () => new ChartDigest(),
          read: totalsOf,
          scan: (_kept, history) => scanTotals(history),
          expectEqual: (actual, expected) => expect(actual).toEqual(expected),
          // A digest attached late starts from the kept trace, not the evicted history.
          lateAttach: false,
        }),
      ),
    );
  });

  it('keeps the levels the engine reports, and forgets those after a rewind', () => {
    const digest = new ChartDigest();
    const at = (nowNs: number) => ({ ...run.view, nowNs }) as AdapterView;
    digest.observeView(at(100));
    digest.observeView(at(200));
    digest.observeView(at(300));
    digest.observeView(at(150));
    expect(digest.levels.map((s) => s.tNs)).toEqual([100, 150]);
    const [first] = run.view.queues;
    const level = digest.levelAt(170)?.queues[0];
    expect(level?.outstandingNbls).toBe(first?.outstandingNbls);
    expect(level?.inUse).toBe(first?.ring.slots.filter((s) => s !== 'free').length);
    expect(digest.levelAt(99)).toBeNull();
  });
});
