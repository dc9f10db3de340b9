import { describe, expect, it, vi } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { testPage } from '../page/testing.ts';

/** A page whose clients can be killed without a word; the reply deadline is short so the test need not wait long. */
const setup = () => testPage({ createClient: () => new InProcessSimClient({ replyDeadlineMs: 30 }) });

const VM1 = '00-15-5D-00-00-01';

describe('crash recovery', () => {
  it('restores the scenario, the user actions and the position after the worker dies', async () => {
    const { page, frame, side, until } = setup();
    expect(await page.load(scenarioText(), 'vmq-in-a-minute.json')).toBe(true);
    await frame();
    // Into the traffic: past the instant steps at t = 0.
    for (let i = 0; i < 40 && side().store.getState().simTimeNs === 0; i++) {
      page.drive.step('scenario-step');
      await frame();
    }
    page.drive.act(
      (client) => client.startTraffic({ name: 'mine', dst: VM1, frameBytes: 64, count: 5, intervalNs: 1_000 }),
      'main',
    );
    await frame();
    page.drive.step('event');
    await frame();
    page.drive.step('event');
    await frame();
    const before = side().store.getState();
    const traceBefore = side().buffer.length;
    expect(before.simTimeNs).toBeGreaterThan(0);

    (side().client as InProcessSimClient).simulateCrash();
    page.drive.step('event'); // its reply never comes
    await until(() => side().recovery.getState().status === 'recovered');

    const after = side().store.getState();
    expect(after.view).toEqual(before.view);
    expect(after.stats?.nextStepIndex).toBe(before.stats?.nextStepIndex);
    expect(after.stats?.eventCount).toBe(before.stats?.eventCount);
    expect(side().buffer.length).toBe(traceBefore);
    expect(after.failure).toBeNull();
    expect(side().recovery.getState().reason).toMatch(/stopped answering/);
    expect(side().recovery.getState().outcome).toMatch(
      /^Restored where you were: vmq-in-a-minute.json, step \d+ of \d+, with your 1 action replayed\.$/,
    );
    // The action detached the scenario, and still does; keeping its steps plays on from there.
    expect(after.stats?.detachedSteps).toBeGreaterThan(0);
    expect(after.stats?.detachedSteps).toBe(before.stats?.detachedSteps);
    const next = (after.stats?.nextStepIndex ?? 0) + 1;
    page.drive.act((client) => client.keepScenarioSteps(), 'main');
    page.drive.step('scenario-step');
    await until(() => side().store.getState().stats?.nextStepIndex === next);
  });

  it('does not replay an action the user undid with step back', async () => {
    const { page, frame, side, until } = setup();
    await page.load(scenarioText(), 'vmq-in-a-minute.json');
    await frame();
    page.drive.step('scenario-step');
    await frame();
    page.drive.act(
      (client) => client.startTraffic({ name: 'undone', dst: VM1, frameBytes: 64, count: 3, intervalNs: 1_000 }),
      'main',
    );
    await frame();
    page.drive.stepBack();
    await frame();
    page.drive.step('scenario-step');
    await frame();
    const before = side().store.getState();
    (side().client as InProcessSimClient).simulateCrash();
    page.drive.step('event');
    await until(() => side().recovery.getState().status === 'recovered');
    expect(side().store.getState().view).toEqual(before.view);
    expect(side().recovery.getState().outcome).not.toMatch(/replayed/);
  });

  it('recovers from a refused batch instead of refusing every later one, and loads another scenario after it', async () => {
    const { page, frame, side, until } = setup();
    await page.load(scenarioText(), 'vmq-in-a-minute.json');
    await frame();
    page.drive.step('scenario-step');
    await frame();
    const before = side().store.getState();
    // The host's postMessage of the next batch fails, as it did for a function in a buffer.
    const clone = globalThis.structuredClone;
    const refuse = vi.spyOn(globalThis, 'structuredClone').mockImplementation((value, options) => {
      if ((value as { type?: string }).type === 'batch') {
        refuse.mockRestore();
        throw new DOMException('function could not be cloned', 'DataCloneError');
      }
      return clone(value, options);
    });
    page.drive.step('scenario-step');
    await until(() => side().recovery.getState().status === 'recovered');
    expect(side().recovery.getState().reason).toMatch(/^a batch could not be delivered/);
    expect(side().store.getState().view).toEqual(before.view);
    expect(side().store.getState().failure).toBeNull();

    expect(await page.load(scenarioText('vlan-filtering.json'), 'vlan-filtering.json')).toBe(true);
    page.drive.step('scenario-step');
    await until(() => side().store.getState().stats?.nextStepIndex === 1);
    expect(side().client.broken).toBeNull();
  });
});
