import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import { scenarioText } from '../worker/testScenarios.ts';
import { InProcessSimClient } from './InProcessSimClient.ts';
import type { BatchMessage } from '../protocol/messages.ts';

const pull = (client: InProcessSimClient, wallMs = 16) => client.pullBatch({ maxEvents: 500, wallMs });

describe('InProcessSimClient', () => {
  it('becomes ready, loads the default scenario and plays it with seq +1 and time never going back', async () => {
    const client = new InProcessSimClient();
    await client.ready;
    const loaded = await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    expect(loaded.type).toBe('scenario-loaded');
    client.play(100);
    let previous: BatchMessage | null = null;
    let sawAllocateSuccess = false;
    for (let i = 0; i < 5000; i++) {
      const batch = await pull(client);
      if (previous) {
        expect(batch.seq).toBe(previous.seq + 1);
        expect(batch.toNs).toBeGreaterThanOrEqual(previous.toNs);
      }
      sawAllocateSuccess ||= batch.events.some(
        (e) =>
          e.kind === 'oid-completed' &&
          e.result.oid === 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' &&
          e.result.status === 'NDIS_STATUS_SUCCESS',
      );
      previous = batch;
      if (batch.stats.finished) break;
    }
    expect(previous?.stats.finished).toBe(true);
    expect(sawAllocateSuccess).toBe(true);
    client.dispose();
  });

  it("answers a bad scenario with scenario-rejected carrying the parser's errors", async () => {
    const client = new InProcessSimClient();
    const bad =
      '{"format":"vmq-scenario","version":1,"title":"t","adapter":{"profile":"ws2012"},"steps":[{"oid":"OID_RECEIVE_FILTER_ALLOCATE_QUEU"}]}';
    const outcome = await client.loadScenario(bad, 'foo.json');
    const parsed = parseScenario(bad);
    expect(parsed.ok).toBe(false);
    expect(outcome).toMatchObject({
      type: 'scenario-rejected',
      source: 'foo.json',
      errors: parsed.ok ? [] : parsed.errors,
    });
    const syntax = await client.loadScenario('{ "format": ', 'broken.json');
    expect(syntax.type === 'scenario-rejected' && syntax.errors[0]?.line).toBe(1);
    client.dispose();
  });

  it('steps back to an identical view', async () => {
    const client = new InProcessSimClient();
    await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    // Steps 0–2: a note, ALLOCATE_QUEUE for VM1, a note; step 3 sets VM1's filter.
    for (let i = 0; i < 3; i++) client.step('scenario-step');
    const before = await pull(client);
    client.step('scenario-step');
    const after = await pull(client);
    expect(after.view.filters.length).toBe(before.view.filters.length + 1);
    client.stepBack();
    const back = await pull(client);
    expect(back.view).toEqual(before.view);
    expect(back.report).toEqual(before.report);
    expect(back.rewound).toEqual({ lastEventSeq: before.events.at(-1)?.seq });
    client.dispose();
  });

  it('allows one pull in flight and turns host errors into rejections', async () => {
    const client = new InProcessSimClient();
    await expect(pull(client)).rejects.toThrow('no scenario is loaded');
    await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    const first = pull(client);
    expect(client.pulling).toBe(true);
    await expect(pull(client)).rejects.toThrow('already in flight');
    await first;
    expect(client.pulling).toBe(false);
    const result = await client.requestOid({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' });
    expect(result.oid).toBe('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');
    const errors: string[] = [];
    client.onError((message) => errors.push(message));
    client.play(Number.NaN);
    await pull(client);
    expect(errors).toEqual(['speed must be a number, got NaN']);
    client.dispose();
    await expect(pull(client)).rejects.toThrow('disposed');
  });
});
