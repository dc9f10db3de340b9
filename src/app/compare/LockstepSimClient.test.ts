import { describe, expect, it } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { createSimStore } from '../store/simStore.ts';
import { LockstepSimClient } from './LockstepSimClient.ts';

/** The page's store on a lockstep client, and `pull()` standing in for one animation frame of the pump. */
function setup() {
  const client = new LockstepSimClient(new InProcessSimClient());
  const store = createSimStore({ client, buffer: new EventBuffer(), requestPull: () => {} });
  const pull = async () => {
    const epoch = store.getState().intentEpoch;
    store.getState().applyBatch(await client.pullBatch({ maxEvents: 500, wallMs: 16 }), epoch);
  };
  const attachFollower = () => {
    const followerClient = new InProcessSimClient();
    const buffer = new EventBuffer();
    const follower = {
      client: followerClient,
      store: createSimStore({ client: followerClient, buffer, requestPull: () => {} }),
    };
    client.attach(follower);
    return { ...follower, buffer };
  };
  return { client, store, pull, attachFollower };
}

describe('LockstepSimClient', () => {
  it('passes everything through while no follower is attached, and remembers what it loaded', async () => {
    const { client, store, pull } = setup();
    const text = scenarioText('lookahead-split-2008r2.json');
    await store.getState().loadScenario(text, 'lookahead-split-2008r2.json');
    store.getState().step('scenario-step');
    await pull();
    expect(store.getState().view?.profile).toBe('ws2008r2');
    expect(client.lastLoad).toEqual({ scenario: text, source: 'lookahead-split-2008r2.json' });
  });

  it('runs the same scenario as 2008 R2 and 2012 in lockstep: same steps, same time, different memory', async () => {
    const { store, pull, attachFollower } = setup();
    const follower = attachFollower();
    await store.getState().loadScenario(scenarioText('lookahead-split-2008r2.json'), 'lookahead-split-2008r2.json');
    for (let i = 0; i < 9; i++) store.getState().step('scenario-step');
    await pull();

    const left = store.getState();
    const right = follower.store.getState();
    expect(left.view?.profile).toBe('ws2008r2');
    expect(right.view?.profile).toBe('ws2012');
    expect(right.stats?.nextStepIndex).toBe(left.stats?.nextStepIndex);
    expect(right.simTimeNs).toBe(left.simTimeNs);
    expect(right.view?.queues.find((q) => q.QueueId === 1)?.counters.classified).toBe(
      left.view?.queues.find((q) => q.QueueId === 1)?.counters.classified,
    );
    const guestBlocks = (side: typeof left) =>
      side.view?.memory.filter((b) => b.space !== 'management-os').map((b) => b.usage);
    expect(guestBlocks(left)).toEqual(['NdisSharedMemoryUsageReceivePostLookahead']);
    expect(guestBlocks(right)).toEqual([]);

    // Step back goes back on both sides.
    store.getState().stepBack();
    await pull();
    expect(follower.store.getState().stats?.nextStepIndex).toBe(store.getState().stats?.nextStepIndex);
  });

  it("sends user actions to both sides and answers with the leader's result", async () => {
    const { client, store, pull, attachFollower } = setup();
    const follower = attachFollower();
    await store.getState().loadScenario(scenarioText('same-traffic-2012.json'), 'same-traffic-2012.json');
    const result = await client.requestOid({ oid: 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' });
    await pull();
    expect(result.status).toBe('NDIS_STATUS_SUCCESS');
    expect(
      follower.buffer
        .toArray()
        .filter((e) => e.kind === 'oid-requested')
        .map((e) => e.kind === 'oid-requested' && e.oid),
    ).toEqual(['OID_RECEIVE_FILTER_CURRENT_CAPABILITIES']);
    expect(store.getState().view?.profile).toBe('ws2008r2');
  });

  it('goes back to one simulation after detach', async () => {
    const { client, store, pull, attachFollower } = setup();
    attachFollower();
    await store.getState().loadScenario(scenarioText('same-traffic-2012.json'), 'same-traffic-2012.json');
    client.detach()?.client.dispose();
    const last = client.lastLoad;
    await store.getState().loadScenario(last?.scenario, last?.source ?? '');
    await pull();
    expect(store.getState().view?.profile).toBe('ws2012');
  });
});
