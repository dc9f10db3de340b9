import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { scenarioForProfile } from './profileVariant.ts';

/** Runs a scenario document to its end and returns the final view and report. */
function run(document: unknown) {
  const parsed = parseScenario(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const session = createScenarioSession(parsed.scenario);
  const report = session.runToEnd();
  return { view: session.engine.view(), report };
}

/** Steps of a built-in scenario that expect something (an expect step, or an OID step's own expect). */
const expecting = (file: string): number =>
  (JSON.parse(scenarioText(file)).steps as object[]).filter((step) => 'expect' in step).length;

describe('scenarioForProfile', () => {
  it('runs the 2008 R2 split scenario on 2012 without the split: every buffer in host memory', () => {
    const variant = scenarioForProfile(scenarioText('lookahead-split-2008r2.json'), 'ws2012');
    expect(variant.requestsSplit).toBe(true);
    expect(variant.changes).toEqual([
      'adapter profile ws2008r2 → ws2012',
      'the lookahead-split request (LOOKAHEAD_SPLIT_REQUIRED, LookaheadSize) removed from 1 ALLOCATE_QUEUE request: the 2012 switch never sends it',
      `${expecting('lookahead-split-2008r2.json')} expectations written for ws2008r2 not checked`,
    ]);
    const { view, report } = run(variant.scenario);
    expect(view.profile).toBe('ws2012');
    expect(view.memory.map((b) => [b.usage, b.space])).toEqual([
      ['NdisSharedMemoryUsageReceive', 'management-os'],
      ['NdisSharedMemoryUsageReceive', 'management-os'],
    ]);
    // Nothing checked, and the stack behaved: stripping the request means no R6 warning either.
    expect(report.expectations).toEqual([]);
    expect(view.violations).toEqual([]);
  });

  it('keeps the file untouched for its own profile, expectations included', () => {
    const text = scenarioText('lookahead-split-2008r2.json');
    const variant = scenarioForProfile(text, 'ws2008r2');
    expect(variant.changes).toEqual([]);
    expect(variant.scenario).toEqual(JSON.parse(text));
    const { report } = run(variant.scenario);
    expect(report.expectations.every((e) => e.ok)).toBe(true);
    expect(report.expectations).toHaveLength(expecting('lookahead-split-2008r2.json'));
  });

  it('keeps the step count, so both sides step in lockstep', () => {
    const text = scenarioText('lookahead-split-2008r2.json');
    const original = JSON.parse(text) as { steps: unknown[] };
    const variant = scenarioForProfile(text, 'ws2012').scenario as { steps: unknown[] };
    expect(variant.steps).toHaveLength(original.steps.length);
  });

  it('strips the split flag from any spelling and keeps the other flags', () => {
    const document = (flags: unknown) => ({
      format: 'vmq-scenario',
      version: 1,
      title: 't',
      adapter: { profile: 'ws2008r2' },
      steps: [{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: { Flags: flags, LookaheadSize: 128 } }],
    });
    const buffer = (flags: unknown) =>
      (scenarioForProfile(document(flags), 'ws2012').scenario as { steps: { buffer: Record<string, unknown> }[] })
        .steps[0]?.buffer;
    expect(
      buffer([
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED',
      ]),
    ).toEqual({ Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION'], LookaheadSize: 0 });
    expect(buffer(3)).toEqual({ Flags: [1], LookaheadSize: 0 });
    expect(buffer('0x2')).toEqual({ Flags: ['0x0'], LookaheadSize: 0 });
    expect(buffer('NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED')).toEqual({ Flags: [], LookaheadSize: 0 });
  });

  it('passes a document it cannot read through unchanged, for the parser to explain', () => {
    expect(scenarioForProfile('{ not json', 'ws2012')).toEqual({
      scenario: '{ not json',
      changes: [],
      requestsSplit: false,
    });
    expect(scenarioForProfile({ title: 'no adapter' }, 'ws2012').changes).toEqual([]);
  });

  it('passes a file with a duplicate key through as text, so the other side refuses it as the file side does', () => {
    const text = scenarioText('lookahead-split-2008r2.json').replace('"seed": 1', '"seed": 1, "seed": 2');
    expect(text).not.toBe(scenarioText('lookahead-split-2008r2.json'));
    const variant = scenarioForProfile(text, 'ws2012');
    expect(variant.scenario).toBe(text);
    expect(parseScenario(variant.scenario).ok).toBe(false);
  });
});
