import { describe, expect, it } from 'vitest';
import { scenarioText } from '../worker/testScenarios.ts';
import { InProcessSimClient } from './InProcessSimClient.ts';
import { LockstepSimClient } from './LockstepSimClient.ts';

const PULL = { maxEvents: 500, wallMs: 16 };

function setup() {
  const lockstep = new LockstepSimClient();
  const left = new InProcessSimClient();
  const right = new InProcessSimClient();
  lockstep.join('left', left);
  lockstep.join('right', right);
  return { lockstep, left, right };
}

describe('LockstepSimClient', () => {
  it("loads each member's own scenario and answers every outcome under its member's key", async () => {
    const { lockstep } = setup();
    const outcomes = lockstep.loadScenario(
      (key) => ({
        scenario: scenarioText(key === 'left' ? 'lookahead-split-2008r2.json' : 'same-traffic-2012.json'),
      }),
      'test.json',
    );
    expect([...outcomes.keys()]).toEqual(['left', 'right']);
    const left = await outcomes.get('left');
    const right = await outcomes.get('right');
    expect(left?.type === 'scenario-loaded' && left.scenario.title).toBe('Windows Server 2008 R2: the lookahead split');
    expect(right?.type === 'scenario-loaded' && right.scenario.title).not.toBe(
      left?.type === 'scenario-loaded' && left.scenario.title,
    );
  });

  it('pulls every loaded member with the same request, so both advance in lockstep', async () => {
    const { lockstep, left, right } = setup();
    const outcomes = lockstep.loadScenario(() => ({ scenario: scenarioText() }), 'vmq-in-a-minute.json');
    await Promise.all(outcomes.values());
    for (const client of [left, right]) client.step('scenario-step');
    const batches = await lockstep.pullBatch(PULL);
    const [a, b] = [batches.get('left'), batches.get('right')];
    expect(a?.status === 'fulfilled' && b?.status === 'fulfilled').toBe(true);
    if (a?.status !== 'fulfilled' || b?.status !== 'fulfilled') return;
    expect(a.value.toNs).toBe(b.value.toNs);
    expect(a.value.stats.nextStepIndex).toBe(1);
    expect(b.value.stats.nextStepIndex).toBe(1);
  });

  it('leaves out a member that has no scenario yet, and one whose scenario was rejected', async () => {
    const { lockstep } = setup();
    const outcomes = lockstep.loadScenario(
      (key) => ({ scenario: key === 'left' ? scenarioText() : '{"format":"vmq-scenario"' }),
      'mixed.json',
    );
    await Promise.all(outcomes.values());
    expect((await outcomes.get('right'))?.type).toBe('scenario-rejected');
    expect([...(await lockstep.pullBatch(PULL)).keys()]).toEqual(['left']);
  });

  it("answers a member's failed pull as its own result; the others still get their batches", async () => {
    const { lockstep, right } = setup();
    await Promise.all(lockstep.loadScenario(() => ({ scenario: scenarioText() }), 'vmq-in-a-minute.json').values());
    right.dispose();
    const batches = await lockstep.pullBatch(PULL);
    expect(batches.get('left')?.status).toBe('fulfilled');
    expect(batches.get('right')?.status).toBe('rejected');
  });

  it('lets a member leave only once the pull in flight no longer waits on it', async () => {
    const { lockstep, right } = setup();
    await Promise.all(lockstep.loadScenario(() => ({ scenario: scenarioText() }), 'vmq-in-a-minute.json').values());
    const inFlight = lockstep.pullBatch(PULL);
    expect(lockstep.pulling).toBe(true);
    expect(right.pulling).toBe(true);
    await lockstep.leave('right');
    expect(right.pulling).toBe(false);
    right.dispose();
    expect((await inFlight).get('right')?.status).toBe('fulfilled');
    expect([...(await lockstep.pullBatch(PULL)).keys()]).toEqual(['left']);
  });

  it('refuses a second pull while one is in flight', async () => {
    const { lockstep } = setup();
    const first = lockstep.pullBatch(PULL);
    await expect(lockstep.pullBatch(PULL)).rejects.toThrow('already in flight');
    await first;
  });
});
