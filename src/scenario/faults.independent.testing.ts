/**
 * Helpers for the independent tests of the `fault` step, written from docs/scenario-format.md ("`fault`: inject a
 * fault", "Expectations"), docs/ndis-reference.md and docs/decisions.md ("Fault injection") alone. A test writes one
 * scenario whose `expect` steps (and OID `expect`s) say what the documents promise, and requires every one to hold.
 */
import { expect } from 'vitest';
import { docV2, runDoc } from './checkLanguage.independent.testing.ts';
import type { ScenarioRun } from './session.ts';

/** Steps that carry an expectation: OID steps with `expect` and `expect` steps. */
const expectationCount = (steps: unknown[]): number =>
  steps.filter((step) => typeof step === 'object' && step !== null && 'expect' in step).length;

/**
 * Runs `steps` and requires every expectation in them to have been decided and to hold, naming each one that did
 * not (by step index, label and detail). Returns the run for further checks of its trace.
 */
export function expectEveryCheckHolds(steps: unknown[], extra: Record<string, unknown> = {}): ScenarioRun {
  const run = runDoc(docV2(steps, extra));
  const failed = run.report.expectations
    .filter((r) => !r.ok)
    .map((r) => `steps[${r.stepIndex}] ${r.label}: ${r.detail}`);
  expect(failed).toEqual([]);
  expect(run.report.waiting).toEqual([]);
  expect(run.report.expectations).toHaveLength(expectationCount(steps));
  return run;
}

/** The rule ids the checker reported in `run`, each once, sorted. */
export const rulesOf = (run: ScenarioRun): string[] => [...new Set(run.report.violations.map((v) => v.rule))].sort();

/** An adapter of `profile` with `options`. */
export const adapterWith = (options: Record<string, unknown>, profile = 'ws2012'): Record<string, unknown> => ({
  adapter: { profile, options },
});

/** An OID step with an `expect` on its final status, layer and whether it pended. */
export const oidExpecting = (
  oid: string,
  buffer: Record<string, unknown> | undefined,
  expectation: Record<string, unknown>,
  more: Record<string, unknown> = {},
): Record<string, unknown> => ({
  oid: `OID_RECEIVE_FILTER_${oid}`,
  ...(buffer === undefined ? {} : { buffer }),
  expect: expectation,
  ...more,
});
