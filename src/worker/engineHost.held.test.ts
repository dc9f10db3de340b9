import { describe, expect, it } from 'vitest';
import type { AdapterView, QueueId } from '../engine/index.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const stateOf = (view: AdapterView, queueId: QueueId) =>
  view.queues.find((q) => q.QueueId === queueId)?.state ?? 'gone';

/** Steps whole scenario steps until the next one is the FREE_QUEUE; returns the freed QueueId. */
function toTheFree(file: string) {
  const h = harness();
  h.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
  let batch = h.pull();
  for (let i = 0; i < 100; i++) {
    h.send({ type: 'step', kind: 'scenario-step' });
    const next = h.pull();
    const free = next.events.find((e) => e.kind === 'oid-requested' && e.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE');
    if (free) {
      h.send({ type: 'step-back' });
      batch = h.pull();
      const queueId = (free.kind === 'oid-requested' ? free.buffer : null) as { QueueId: QueueId } | null;
      return { ...h, before: batch, queueId: queueId?.QueueId as QueueId };
    }
  }
  throw new Error(`${file} never frees a queue`);
}

describe('EngineHost holds an instant so its states can be seen', () => {
  it('R22 Step event walks the FREE_QUEUE sequence one trace event at a time, each with the view right after it', () => {
    const { send, pull, queueId } = toTheFree('vmq-in-a-minute.json');
    const batches: BatchMessage[] = [];
    do {
      send({ type: 'step', kind: 'event' });
      batches.push(pull());
    } while ((batches.at(-1) as BatchMessage).stats.heldEvents > 0);
    expect(batches.length).toBeGreaterThan(4);
    for (const batch of batches) expect(batch.events).toHaveLength(1);
    const states = batches.map((b) => stateOf(b.view, queueId));
    // The documented order (§3.9): DMA stops, DmaStopped is indicated, the queue is freed.
    const seen = states.filter((s, i) => s !== states[i - 1]);
    expect(seen).toEqual(['Paused', 'StopDma', 'Freeing', 'gone']);
    const indicated = batches.findIndex((b) => b.events[0]?.kind === 'status-indicated');
    expect(stateOf((batches[indicated] as BatchMessage).view, queueId)).toBe('StopDma');
    expect((batches[indicated] as BatchMessage).view.queues.find((q) => q.QueueId === queueId)?.reported).toBe(
      'NdisReceiveQueueOperationalStateDmaStopped',
    );
    // The held events are still counted as produced; only their showing waits.
    const first = batches[0] as BatchMessage;
    expect(first.stats.eventCount - first.stats.heldEvents).toBe(
      (batches.at(-1) as BatchMessage).stats.eventCount - batches.length + 1,
    );
  });

  it('R22 playing at 1× keeps the DmaStopped queue on screen for a readable moment', () => {
    const { send, pull, queueId } = toTheFree('vmq-in-a-minute.json');
    send({ type: 'play', speed: 1 });
    const shown: string[] = [];
    for (let i = 0; i < 1000 && !shown.includes('gone'); i++) shown.push(stateOf(pull(16).view, queueId));
    const frames = (state: string) => shown.filter((s) => s === state).length;
    // 60 frames a second: at least about a second each.
    expect(frames('StopDma')).toBeGreaterThanOrEqual(60);
    expect(frames('Freeing')).toBeGreaterThanOrEqual(60);
    expect(shown.indexOf('StopDma')).toBeLessThan(shown.indexOf('Freeing'));
  });

  it('Step back inside a held instant takes back one event, and the same events come again', () => {
    const { send, pull } = toTheFree('free-queue-properly.json');
    const forward: BatchMessage[] = [];
    for (let i = 0; i < 3; i++) {
      send({ type: 'step', kind: 'event' });
      forward.push(pull());
    }
    send({ type: 'step-back' });
    const back = pull();
    expect(back.view).toEqual((forward[1] as BatchMessage).view);
    expect(back.rewound).toEqual({ lastEventSeq: (forward[1] as BatchMessage).events[0]?.seq });
    send({ type: 'step', kind: 'event' });
    expect(pull().events).toEqual((forward[2] as BatchMessage).events);
  });

  it('any other command lets the rest of the instant out first, and Step back returns to where it was held', () => {
    const { send, pull, before } = toTheFree('vmq-in-a-minute.json');
    send({ type: 'step', kind: 'event' });
    const held = pull();
    expect(held.stats.heldEvents).toBeGreaterThan(0);
    send({ type: 'step', kind: 'instant' });
    const after = pull();
    expect(after.events.length).toBeGreaterThanOrEqual(held.stats.heldEvents);
    expect(after.stats.heldEvents).toBe(0);
    send({ type: 'step-back' });
    const back = pull();
    expect(back.view).toEqual(held.view);
    expect(back.stats.heldEvents).toBe(held.stats.heldEvents);
    send({ type: 'step-back' });
    expect(pull().view).toEqual(before.view);
  });
});
