import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { TraceDigest } from './traceDigest.ts';

/** Runs a built-in scenario headlessly, step by step, handing each step's events to `onStep`. */
function runSteps(file: string, onStep: (events: TraceEvent[], stepIndex: number) => void): void {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  let events: TraceEvent[] = [];
  const session = createScenarioSession(parsed.scenario, { traceFrames: true, sink: (event) => events.push(event) });
  onStep(events, -1);
  while (!session.done) {
    events = [];
    const index = session.nextStepIndex;
    session.runNextStep();
    onStep(events, index);
  }
}

describe('TraceDigest', () => {
  it('links the DmaStopped indication to its FREE_QUEUE and forgets the queue once it is freed', () => {
    const digest = new TraceDigest();
    const seen: { step: number; indication: string | null; pending: boolean }[] = [];
    runSteps('free-with-outstanding-nbls.json', (events, step) => {
      digest.apply(events);
      const indication = digest.queueStateIndications.get(1);
      seen.push({
        step,
        indication: indication
          ? `${indication.state} ← #${indication.cause?.requestId} ${indication.cause?.oid}`
          : null,
        pending: indication?.cause?.status === null,
      });
    });
    const withIndication = seen.filter((s) => s.indication !== null);
    expect(withIndication[0]?.indication).toBe(
      'NdisReceiveQueueOperationalStateDmaStopped ← #5 OID_RECEIVE_FILTER_FREE_QUEUE',
    );
    expect(withIndication[0]?.pending).toBe(true);
    // After the last NBLs come back the queue is Undefined: no indication, no ring left for QueueId 1.
    expect(seen.at(-1)?.indication).toBeNull();
    expect(digest.slotWrites.has(1)).toBe(false);
    expect(digest.oids.get(5)?.status).toBe('NDIS_STATUS_SUCCESS');
  });

  it('records where DMA wrote the split halves of a frame', () => {
    const digest = new TraceDigest();
    runSteps('lookahead-split-2008r2.json', (events) => digest.apply(events));
    const last = digest.slotWrites.get(1)?.get(15);
    expect(last?.lengthBytes).toBe(1518);
    expect(digest.latestWrite).toMatchObject({ queueId: 1, slot: 15, frameId: last?.frameId });
    expect(last?.segments.map((s) => [s.usage, s.length])).toEqual([
      ['NdisSharedMemoryUsageReceiveLookahead', 128],
      ['NdisSharedMemoryUsageReceivePostLookahead', 1390],
    ]);
  });

  it('forgets the facts of the trace on a rewind', () => {
    const digest = new TraceDigest();
    runSteps('lookahead-split-2008r2.json', (events) => digest.apply(events));
    const before = digest.revision;
    digest.reset();
    expect(digest.revision).toBeGreaterThan(before);
    expect(digest.recentOids).toEqual([]);
    expect(digest.latestWrite).toBeNull();
  });
});
