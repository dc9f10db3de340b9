import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asQueueId, asTimeNs, type OidRequest } from '../engine/index.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createScenarioSession } from '../scenario/session.ts';
import { sessionScenario } from '../scenario/sessionScenario.ts';
import { harness } from './hostHarness.ts';
import { ScenarioTimeline } from './scenarioTimeline.ts';
import { scenarioText } from './testScenarios.ts';

const BUILT_INS = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url)))
  .filter((file) => file.endsWith('.json') && file !== 'index.json')
  .sort();

function builtIn(file: string): Scenario {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed.scenario;
}

const allocateFor = (vm: string): OidRequest => ({
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: {
    QueueType: 'NdisReceiveQueueTypeVMQueue',
    ProcessorAffinity: { Mask: 1, Group: 0 },
    NumSuggestedReceiveBuffers: 8,
    VmName: vm,
    QueueName: `${vm} by hand`,
  },
});

/** The file the timeline writes now, parsed back as `vmq run` would. */
function written(timeline: ScenarioTimeline): Scenario {
  const file = sessionScenario({
    scenario: timeline.scenario,
    happened: timeline.happened,
    endNs: timeline.nowNs,
    view: timeline.view(),
  });
  const parsed = parseScenario(JSON.parse(JSON.stringify(file)));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.scenario;
}

/** Runs every step of `scenario` (no settling after: the file ends where the session was saved). */
function replayed(scenario: Scenario) {
  const session = createScenarioSession(scenario);
  while (!session.done) session.runNextStep();
  return session;
}

describe('Save as scenario', () => {
  it.each(BUILT_INS)('%s: a session cut short by the user replays to the same adapter, and says so', (file) => {
    const timeline = new ScenarioTimeline(builtIn(file), () => {});
    const half = Math.ceil(timeline.stepCount / 2);
    while (timeline.nextStepIndex < half && !timeline.stepsDone) timeline.runNextStep();
    // Part of an advance, as playback leaves it when the user steps in mid-way.
    const next = timeline.nextEventTimeNs();
    if (next !== null && timeline.stepEndNs !== null && next < timeline.stepEndNs) timeline.advanceEngineTo(next);
    timeline.userChanges();
    const vm = timeline.scenario.vms[0]?.name ?? 'VM1';
    timeline.requestOid(allocateFor(vm));
    timeline.startTraffic({ name: 'by hand', dst: '00-15-5D-00-00-01', frameBytes: 128, count: 5, intervalNs: 1000 });
    timeline.advanceEngineTo(asTimeNs(timeline.nowNs + 2_500));
    timeline.returnNbls(null, 'all');
    timeline.advanceEngineTo(asTimeNs(timeline.nowNs + 10_000));

    const replay = replayed(written(timeline));
    expect(replay.engine.view()).toEqual(timeline.view());
    expect(replay.report().expectations.at(-1)).toMatchObject({ kind: 'expect', ok: true });
  });

  it('writes the time between actions as advances, and the user actions as the steps that issue them', () => {
    const timeline = new ScenarioTimeline(builtIn('allocate-filter-receive.json'), () => {});
    timeline.userChanges();
    timeline.advanceEngineTo(asTimeNs(10_000));
    timeline.requestOid(allocateFor('VM1'));
    timeline.returnNbls(null, 3);
    timeline.advanceEngineTo(asTimeNs(12_500));
    const { steps } = written(timeline);
    expect(steps.slice(0, 4)).toEqual([
      { advance: 10_000 },
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateFor('VM1').buffer },
      { returnNbls: { count: 3 } },
      { advance: 2_500 },
    ]);
    expect(steps.at(-1)).toMatchObject({ expect: { queue: [{ QueueId: 0 }, { QueueId: 1, state: 'Allocated' }] } });
  });

  it("the adapter's lifecycle and a closed binding replay to the same adapter", () => {
    const timeline = new ScenarioTimeline(builtIn('allocate-filter-receive.json'), () => {});
    while (!timeline.stepsDone) timeline.runNextStep();
    timeline.userChanges();
    timeline.adapterAction('pause');
    timeline.closeBinding('vmswitch');
    timeline.adapterAction('restart');
    timeline.advanceEngineTo(asTimeNs(timeline.nowNs + 10_000));
    const file = written(timeline);
    expect(file.steps.filter((step) => 'adapter' in step || 'closeBinding' in step)).toEqual([
      { adapter: 'pause' },
      { closeBinding: 'vmswitch' },
      { adapter: 'restart' },
    ]);
    const replay = replayed(file);
    expect(replay.engine.view()).toEqual(timeline.view());
    expect(replay.report().expectations.at(-1)).toMatchObject({ kind: 'expect', ok: true });
  });

  it('a fault the user injected is a fault step of the saved file, at the time it was injected', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'vmq-in-a-minute.json' });
    send({ type: 'step', kind: 'scenario-step' });
    pull();
    send({ type: 'inject-fault', fault: { kind: 'withhold-nbls', queueId: asQueueId(1), on: true } });
    pull();
    const saved = send({ type: 'save-scenario' });
    if (saved?.type !== 'scenario-written') throw new Error('expected scenario-written');
    const steps = (JSON.parse(saved.text) as { steps: Record<string, unknown>[] }).steps;
    expect(steps.filter((step) => 'fault' in step)).toEqual([{ fault: { withholdNbls: { QueueId: 1 } } }]);
  });

  it('leaves out what step back undid', () => {
    const timeline = new ScenarioTimeline(builtIn('allocate-filter-receive.json'), () => {});
    timeline.userChanges();
    timeline.checkpoint();
    timeline.requestOid(allocateFor('VM1'));
    timeline.stepBack();
    expect(timeline.happened).toEqual([]);
    expect(written(timeline).steps.filter((step) => 'oid' in step)).toEqual([]);
  });
});

describe('detaching the scenario', () => {
  it('a request on top of the default story stops its steps; keeping them runs them on top; step back undoes both', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'vmq-in-a-minute.json' });
    send({ type: 'step', kind: 'scenario-step' });
    const stepCount = pull().stats.stepCount;
    send({ type: 'request-oid', request: allocateFor('VM1') });
    const detached = pull().stats;
    expect(detached).toMatchObject({ nextStepIndex: 1, detachedSteps: stepCount - 1 });

    send({ type: 'play', speed: 100 });
    for (let i = 0; i < 50; i++) pull(100);
    expect(pull().stats).toMatchObject({ nextStepIndex: 1, finished: true, playing: false });

    send({ type: 'keep-scenario-steps' });
    expect(pull().stats.detachedSteps).toBe(0);
    send({ type: 'step', kind: 'scenario-step' });
    expect(pull().stats.nextStepIndex).toBe(2);

    send({ type: 'step-back' });
    send({ type: 'step-back' });
    expect(pull().stats).toMatchObject({ nextStepIndex: 1, detachedSteps: stepCount - 1 });
    send({ type: 'step-back' });
    expect(pull().stats).toMatchObject({ nextStepIndex: 1, detachedSteps: 0 });
  });

  it('a Query reads and changes nothing, so the scenario keeps running its steps', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'vmq-in-a-minute.json' });
    send({ type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' } });
    expect(pull().stats.detachedSteps).toBe(0);
    send({ type: 'step', kind: 'scenario-step' });
    expect(pull().stats.nextStepIndex).toBe(1);
  });

  it('counts the actions that changed the adapter, so Play at the end does not replay the story over them', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'vmq-in-a-minute.json' });
    send({ type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' } });
    expect(pull().stats.userChanges).toBe(0);
    send({ type: 'request-oid', request: allocateFor('VM1') });
    send({ type: 'keep-scenario-steps' });
    send({ type: 'return-nbls', queueId: null, count: 'all' });
    expect(pull().stats).toMatchObject({ userChanges: 2, detachedSteps: 22 });
    send({ type: 'step-back' });
    expect(pull().stats.userChanges).toBe(1);
  });

  it('an empty adapter has nothing to detach', () => {
    const { send, pull } = harness();
    const empty = { format: 'vmq-scenario', version: 1, title: 'Empty', adapter: { profile: 'ws2012' }, steps: [] };
    send({ type: 'load-scenario', scenario: empty, source: 'Empty adapter' });
    send({ type: 'request-oid', request: allocateFor('VM1') });
    expect(pull().stats).toMatchObject({ detachedSteps: 0, stepCount: 0 });
    expect(pull().view.queues.map((q) => q.QueueId)).toEqual([0, 1]);
  });

  it('save-scenario answers with a file the parser accepts, or with what it refuses', () => {
    const { send } = harness();
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'vmq-in-a-minute.json' });
    send({ type: 'request-oid', request: allocateFor('VM1') });
    const good = send({ type: 'save-scenario' });
    expect(good).toMatchObject({ type: 'scenario-written', problems: [] });
    if (good?.type !== 'scenario-written') return;
    expect(parseScenario(good.text).ok).toBe(true);

    send({ type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueIdd: 1 } } });
    const refused = send({ type: 'save-scenario' });
    expect(refused).toMatchObject({ type: 'scenario-written' });
    if (refused?.type !== 'scenario-written') return;
    expect(refused.problems.map((p) => p.message).join()).toMatch(/QueueIdd/);
    expect(JSON.parse(refused.text).steps.some((step: { buffer?: object }) => 'QueueIdd' in (step.buffer ?? {}))).toBe(
      true,
    );
  });
});
