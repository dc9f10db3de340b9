/**
 * Helpers for the independent tests of the check language (scenario format version 2), written from
 * docs/scenario-format.md ("Expectations", "Versions and migration") and the reference alone. They drive a run
 * through the public surface only: parseScenario, runScenario and the report's expectation results.
 */
import { expect } from 'vitest';
import type { ScenarioError } from './errors.ts';
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';
import { type ExpectationResult, type ScenarioRun, runScenario } from './session.ts';
import { RUNNING_QUEUE, scenarioDoc } from './independent.testing.ts';

/** A version-2 document around `steps` (ws2012, VM1 on VLAN 10), with `extra` replacing top-level keys. */
export const docV2 = (steps: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
  scenarioDoc(steps, { version: 2, ...extra });

/** The parsed scenario; fails the test with every loader message when the document is refused. */
export function loaded(doc: unknown): Scenario {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.scenario;
}

/** The loader's problems; fails the test when the document is accepted. */
export function refused(doc: unknown): ScenarioError[] {
  const parsed = parseScenario(doc);
  expect(parsed.ok, 'the document should be refused').toBe(false);
  return parsed.ok ? [] : parsed.errors;
}

/** The problem whose path is `path`, failing the test (with every problem) when there is none. */
export function errorAt(errors: ScenarioError[], path: string): ScenarioError {
  const found = errors.find((e) => e.path === path);
  expect(found, `no error at ${path}; got ${JSON.stringify(errors)}`).toBeDefined();
  return found as ScenarioError;
}

export const runDoc = (doc: unknown, opts: Parameters<typeof runScenario>[1] = {}): ScenarioRun =>
  runScenario(loaded(doc), opts);

/** The one result that step `stepIndex` produced (an OID step's expect, an expect step, or its error). */
export function resultOf(run: ScenarioRun, stepIndex: number): ExpectationResult {
  const results = run.report.expectations.filter((r) => r.stepIndex === stepIndex);
  expect(results, JSON.stringify(run.report.expectations)).toHaveLength(1);
  return results[0] as ExpectationResult;
}

/** Runs `steps` followed by `{ expect: check }` and returns that last step's result. */
export function lastCheck(
  steps: unknown[],
  check: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): ExpectationResult {
  const all = [...steps, { expect: check }];
  return resultOf(runDoc(docV2(all, extra)), all.length - 1);
}

/** Runs one OID `step` after `before` and returns the result of its expect. */
export function oidCheck(
  before: unknown[],
  step: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): ExpectationResult {
  const all = [...before, step];
  return resultOf(runDoc(docV2(all, extra)), all.length - 1);
}

/** Frames to VM1 on its VLAN, then time for the DPCs (2 µs latency) and the returns (20 µs) to run. */
export const TRAFFIC_TO_VM1 = (count: number, frameBytes = 1518): unknown[] => [
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes, count, interval: '1us' } },
  { advance: `${count + 100}us` },
];

/** VM1's queue Running (q, f) and `count` frames received on it. */
export const RECEIVED = (count: number): unknown[] => [...RUNNING_QUEUE, ...TRAFFIC_TO_VM1(count)];

export const CLEAR_F = {
  oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
  buffer: { QueueId: '$q.QueueId', FilterId: '$f.FilterId' },
};
export const FREE_Q = { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$q.QueueId' } };

/** Expects `result` to fail with a detail that names every one of `parts` (expected and actual values). */
export function expectFailureNaming(result: ExpectationResult, ...parts: string[]): void {
  expect(result.ok, result.detail).toBe(false);
  for (const part of parts) expect(result.detail).toContain(part);
}

export function expectHolds(result: ExpectationResult): void {
  expect(result.ok, result.detail).toBe(true);
}
