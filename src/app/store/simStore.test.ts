import { describe, expect, it } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { EventBuffer } from './eventBuffer.ts';
import { createSimStore } from './simStore.ts';

/** The real store on an in-process client; `pull()` stands in for one animation frame of the pump. */
function setup() {
  const client = new InProcessSimClient();
  const buffer = new EventBuffer();
  let pulls = 0;
  const store = createSimStore({ client, buffer, requestPull: () => pulls++ });
  const pull = async (wallMs = 16) => {
    const epoch = store.getState().intentEpoch;
    const batch = await client.pullBatch({ maxEvents: 500, wallMs });
    store.getState().applyBatch(batch, epoch);
    return batch;
  };
  const load = (scenario: string, source: string) =>
    store.getState().loadScenario(client.loadScenario(scenario, source), source);
  return { client, buffer, store, pull, load, pulls: () => pulls };
}

describe('sim store', () => {
  it('loads a scenario, asks for a pull, and folds batches into the buffer and state', async () => {
    const { store, buffer, pull, load, pulls } = setup();
    expect(await load(scenarioText(), 'vmq-in-a-minute.json')).toBe(true);
    expect(store.getState().scenario?.title).toBe('VMQ in a minute');
    expect(pulls()).toBe(1);
    store.getState().step('scenario-step');
    store.getState().step('scenario-step');
    const batch = await pull();
    expect(store.getState().simTimeNs).toBe(batch.toNs);
    expect(store.getState().stats?.nextStepIndex).toBe(2);
    expect(buffer.length).toBe(batch.events.length);
    expect(store.getState().traceRevision).toBe(buffer.revision);
  });

  it('keeps everything when a load is rejected', async () => {
    const { store, buffer, pull, load } = setup();
    await load(scenarioText(), 'vmq-in-a-minute.json');
    store.getState().step('scenario-step');
    await pull();
    const before = { ...store.getState() };
    const length = buffer.length;
    expect(await load('{"format":"vmq-scenario"', 'broken.json')).toBe(false);
    const after = store.getState();
    expect(after.loadProblem?.source).toBe('broken.json');
    expect(after.loadProblem?.errors.length).toBeGreaterThan(0);
    expect(after.scenario).toBe(before.scenario);
    expect(after.sessionId).toBe(before.sessionId);
    expect(after.view).toBe(before.view);
    expect(buffer.length).toBe(length);
  });

  it("cuts the trace on step-back and ignores a stale batch's idea of playing", async () => {
    const { client, store, buffer, pull, load } = setup();
    await load(scenarioText(), 'vmq-in-a-minute.json');
    await pull();
    const initial = buffer.toArray();
    store.getState().step('scenario-step');
    store.getState().step('scenario-step');
    await pull();
    expect(buffer.length).toBeGreaterThan(initial.length);
    store.getState().stepBack();
    store.getState().stepBack();
    await pull();
    expect(buffer.toArray()).toEqual(initial);

    // A pull sent before Play answers after it: the batch says "not playing", the button must still say Pause.
    const epoch = store.getState().intentEpoch;
    const inFlight = client.pullBatch({ maxEvents: 500, wallMs: 16 });
    store.getState().play();
    const stale = await inFlight;
    expect(stale.stats.playing).toBe(false);
    store.getState().applyBatch(stale, epoch);
    expect(store.getState().playing).toBe(true);
    const fresh = await pull();
    expect(fresh.stats.playing).toBe(true);
    store.getState().pause();
    await pull();
    expect(store.getState().playing).toBe(false);
  });

  it('shows the gap a sampled Step left until a step-back goes back before it', async () => {
    const { store, pull, load } = setup();
    const flood = {
      format: 'vmq-scenario',
      version: 1,
      title: 'flood',
      adapter: { profile: 'ws2012' },
      steps: [
        { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 20_000, interval: 100 } },
        { advance: '2ms' },
      ],
    };
    await load(JSON.stringify(flood), 'flood.json');
    store.getState().step('scenario-step');
    store.getState().step('scenario-step');
    while ((await pull()).stats.backlog > 0);
    expect(store.getState().sampled).toMatchObject({ by: 'step', frames: 20_000 });
    store.getState().stepBack();
    await pull();
    expect(store.getState().sampled).toBeNull();
  });

  it('act sends a user action, pauses, asks for a pull, and returns what the client returned; seek moves time', async () => {
    const { store, pull, load, pulls } = setup();
    expect(
      store.getState().act((client) => client.requestOid({ oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' })),
    ).toBeUndefined();
    await load(scenarioText(), 'vmq-in-a-minute.json');
    store.getState().play();
    const before = pulls();
    const answer = store
      .getState()
      .act((client) => client.requestOid({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' }));
    expect(store.getState().playing).toBe(false);
    expect(pulls()).toBe(before + 1);
    expect((await answer)?.status).toBe('NDIS_STATUS_SUCCESS');
    store.getState().seek(20_000);
    await pull();
    expect(store.getState().simTimeNs).toBe(20_000);
  });
});
