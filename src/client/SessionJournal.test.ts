import { describe, expect, it } from 'vitest';
import { asQueueId } from '../engine/index.ts';
import { scenarioText } from '../worker/testScenarios.ts';
import { InProcessSimClient } from './InProcessSimClient.ts';
import { JournalingSimClient, replay, SessionJournal } from './SessionJournal.ts';

const pull = (client: { pullBatch: InProcessSimClient['pullBatch'] }) =>
  client.pullBatch({ maxEvents: 5000, wallMs: 0 });

describe('the journal of the lifecycle, closed bindings and faults', () => {
  it('journals each, and a replay on a fresh host brings back the same adapter', async () => {
    const journal = new SessionJournal();
    const inner = new InProcessSimClient();
    const client = new JournalingSimClient(inner, journal);
    await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    journal.batchApplied(await pull(client));
    client.adapterAction('pause');
    client.closeBinding('vmswitch');
    client.injectFault({ kind: 'withhold-nbls', queueId: asQueueId(1), on: true });
    journal.pullSent();
    const last = await pull(client);
    journal.batchApplied(last);
    expect(journal.replayable().map(({ action }) => action)).toEqual([
      { kind: 'adapter-action', action: 'pause' },
      { kind: 'close-binding', binding: 'vmswitch' },
      { kind: 'inject-fault', fault: { kind: 'withhold-nbls', queueId: 1, on: true } },
    ]);

    const fresh = new InProcessSimClient();
    await fresh.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    await pull(fresh);
    for (const { action } of journal.replayable()) replay(action, fresh);
    expect((await pull(fresh)).view).toEqual(last.view);
    expect(last.view.state).toBe('Paused');
    inner.dispose();
    fresh.dispose();
  });
});
