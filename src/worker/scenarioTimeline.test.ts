import { describe, expect, it } from 'vitest';
import { scenarioOf } from '../scenario/testing.ts';
import { ScenarioTimeline } from './scenarioTimeline.ts';

describe('ScenarioTimeline and run limits', () => {
  it('once a run limit stops the scenario there is no next step to play, and the report says why', () => {
    const timeline = new ScenarioTimeline(
      scenarioOf([
        { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 10_000_000, interval: '1ms' } },
        { runUntilIdle: true },
        { note: 'never reached' },
      ]),
      () => {},
    );
    timeline.runNextStep();
    timeline.runNextStep();
    expect([timeline.stepsDone, timeline.nextStep, timeline.nextStepIsInstant]).toEqual([true, undefined, false]);
    expect(timeline.report().expectations.map((e) => [e.label, e.ok])).toEqual([['run limit', false]]);
    timeline.settle();
    expect(timeline.report().expectations).toHaveLength(1);
  });
});
