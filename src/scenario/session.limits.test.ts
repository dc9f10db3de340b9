/** Run limits: a run that reaches one stops there and fails with a message naming it, never passes silently. */
import { describe, expect, it } from 'vitest';
import { asTimeNs } from '../engine/index.ts';
import { MAX_DURATION_NS, MAX_TRAFFIC_COUNT } from './limits.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import { createScenarioSession, runScenario } from './session.ts';
import { scenarioDocument, scenarioOf } from './testing.ts';

const flood = (count: number, interval: number | string) => ({
  traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count, interval },
});

describe('run limits', () => {
  it('a flood at 1 ns beyond the frame limit stops there and fails, saying so, instead of passing', () => {
    const { report } = runScenario(scenarioOf([flood(MAX_TRAFFIC_COUNT, 1)]), { frameLimit: 1_000 });
    expect(report.ok).toBe(false);
    expect(report.expectations).toEqual([
      expect.objectContaining({
        stepIndex: 0,
        kind: 'error',
        label: 'run limit',
        ok: false,
        detail: expect.stringMatching(
          /after \d+ frames: one run puts at most 1000 frames on the wire \(the frame limit\)/,
        ),
      }),
    ]);
  });

  it('a Step over the longest advance with the largest flood ends at the frame limit and the scenario stops', () => {
    const session = createScenarioSession(
      scenarioOf([flood(MAX_TRAFFIC_COUNT, 100), { advance: MAX_DURATION_NS }, { note: 'after' }]),
      { frameLimit: 1_000 },
    );
    session.runNextStep();
    const outcome = session.runNextStep();
    expect(outcome.results.map((r) => [r.label, r.ok])).toEqual([['run limit', false]]);
    expect(session.done).toBe(true);
    expect(session.engine.view().totals.arrived).toBeLessThan(1_000 + 60_000);
    expect(() => session.runNextStep()).toThrow('the scenario has no more steps');
    expect(session.runToEnd().ok).toBe(false);
  });

  it('a seek far into endless traffic stops at the frame limit too', () => {
    const session = createScenarioSession(scenarioOf([flood(MAX_TRAFFIC_COUNT, 1)]), { frameLimit: 1_000 });
    session.advanceTo(asTimeNs(Number.MAX_SAFE_INTEGER));
    expect(session.report().expectations.map((r) => r.label)).toEqual(['run limit']);
  });

  it('traffic still flowing at the settle limit after the last step fails the run', () => {
    const { report } = runScenario(scenarioOf([flood(MAX_TRAFFIC_COUNT, '1us')]), { settleLimitNs: 100_000 });
    expect(report.ok).toBe(false);
    expect(report.expectations.map((r) => r.detail)).toEqual([
      'the engine was still busy (traffic flowing or work scheduled) 100 µs after the last step, the settle limit; ' +
        'the run stopped at 100.000 µs. Add an advance step that covers the traffic, or send fewer frames',
    ]);
    expect(report.endNs).toBe(100_000);
  });

  it('runUntilIdle: true that reaches its 10 s limit fails, naming the limit', () => {
    const { report } = runScenario(
      scenarioOf([flood(MAX_TRAFFIC_COUNT, '1ms'), { runUntilIdle: true }, { note: 'never' }]),
    );
    expect(report.ok).toBe(false);
    expect(report.stepsRun).toBe(2);
    expect(report.expectations.map((r) => [r.stepIndex, r.detail])).toEqual([
      [
        1,
        'runUntilIdle: the engine was still busy after 10 s, its limit; the run stopped at 10000000.000 µs. ' +
          'Give runUntilIdle a duration, or send fewer frames',
      ],
    ]);
  });

  it('a run that ends in time is not affected: the traffic is sent in full and passes', () => {
    const { report } = runScenario(scenarioOf([flood(5_000, 1), { advance: '10us' }]), { frameLimit: 5_000 });
    expect(report.ok).toBe(true);
  });

  it('restoring a snapshot taken before the limit clears the stop, and the run repeats exactly', () => {
    const session = createScenarioSession(scenarioOf([{ note: 'start' }, flood(MAX_TRAFFIC_COUNT, 1)]), {
      frameLimit: 1_000,
    });
    session.runNextStep();
    const before = session.snapshot();
    const first = session.runToEnd();
    session.restore(before);
    expect(session.done).toBe(false);
    expect(session.runToEnd()).toEqual(first);
  });

  it('with the default limits (what the CLI runs), traffic still flowing 1 s after the last step fails', () => {
    const parsed = parseScenario(JSON.stringify(scenarioDocument([flood(MAX_TRAFFIC_COUNT, '1ms')])));
    if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('\n'));
    expect(runScenario(parsed.scenario).report.expectations.map((r) => r.detail)).toEqual([
      expect.stringContaining('1 s after the last step, the settle limit'),
    ]);
  });
});
