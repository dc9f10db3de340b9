/**
 * What vmq prints for people: the table, a public contract (docs/cli.md) like the NDJSON for graders' scripts,
 * which lives in scenario/traceNdjson.ts because the page exports the same bytes. Change them only together with
 * that document.
 */
import type { TraceEvent } from '../engine/index.ts';
import { describeEvent, type EventDescription } from '../scenario/describe.ts';
import { formatMicros } from '../scenario/duration.ts';
import type { ScenarioError } from '../scenario/errors.ts';
import { formatScenarioError } from '../scenario/parse.ts';
import { plural } from '../scenario/plural.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ExpectationResult, ScenarioReport } from '../scenario/session.ts';
import type { FileOutcome } from '../scenario/traceNdjson.ts';

export type { FileOutcome };

/**
 * 0 = every expectation holds, 1 = an expectation failed or a step could not run, 2 = invalid file or usage,
 * 3 = an internal error (a bug in vmq, whatever the input).
 */
export type ExitCode = 0 | 1 | 2 | 3;

// ── table ─────────────────────────────────────────────────────────────────────────────────────────────

const TIME_WIDTH = 12;
const ACTOR_WIDTH = 9;

export const fileHeading = (file: string, scenario: Scenario, seed: number): string =>
  `▶ ${file} — ${scenario.title} (${scenario.adapter.profile}, seed ${seed})`;

export const traceHeading = (): string => `${'time µs'.padStart(TIME_WIDTH)}  ${'actor'.padEnd(ACTOR_WIDTH)}  event`;

/** describeEvent, with NDIS's own requests (cleanup at halt or after an unclean close) marked in the text too. */
function describeRow(event: TraceEvent): EventDescription {
  const description = describeEvent(event);
  if (event.kind !== 'oid-requested' || event.issuedBy !== 'NDIS') return description;
  return { ...description, text: `${description.text} (by NDIS)` };
}

export function traceLine(event: TraceEvent): string {
  const { actor, text } = describeRow(event);
  return `${formatMicros(event.t).padStart(TIME_WIDTH)}  ${actor.padEnd(ACTOR_WIDTH)}  ${text}`;
}

export const resultLine = (result: ExpectationResult): string =>
  `  ${result.ok ? '✓' : '✗'} steps[${result.stepIndex}]  ${result.label}: ${result.detail}`;

/** "file.json: steps[3].oid: unknown OID …" or "file.json:3:5: …" (the compiler convention editors link). */
export const errorLine = (file: string, error: ScenarioError): string =>
  error.line !== undefined ? `${file}:${formatScenarioError(error)}` : `${file}: ${formatScenarioError(error)}`;

function ruleList(report: ScenarioReport): string {
  const rules = [...new Set(report.violations.map((v) => v.rule))];
  return rules.length === 0
    ? 'no violations'
    : `${plural(report.violations.length, 'violation')} (${rules.join(', ')})`;
}

/** The one line per file that --quiet keeps. */
export function summaryLine(outcome: FileOutcome): string {
  if (outcome.exitCode === 2) return `INVALID ${outcome.file}: ${plural(outcome.errors.length, 'error')}`;
  const { report } = outcome;
  const failed = report.expectations.filter((e) => !e.ok).length;
  const verdict =
    failed === 0
      ? `${plural(report.expectations.length, 'expectation')} ${report.expectations.length === 1 ? 'holds' : 'hold'}`
      : `${failed} of ${plural(report.expectations.length, 'expectation')} failed`;
  const warned = report.warnings.length === 0 ? '' : `, ${plural(report.warnings.length, 'warning')}`;
  const strictly = outcome.strict && warned ? ' (--strict)' : '';
  return `${outcome.exitCode === 0 ? 'PASS' : 'FAIL'} ${outcome.file}: ${verdict}, ${ruleList(report)}, ended at ${formatMicros(report.endNs)} µs${warned}${strictly}`;
}

/** "⚠ …" per warning: what let the run pass without showing anything. */
export function warningLines(outcome: FileOutcome): string[] {
  return outcome.exitCode === 2 ? [] : outcome.report.warnings.map((warning) => `⚠ ${warning}`);
}

export function violationLines(report: ScenarioReport): string[] {
  return report.violations.map((v) => `  ${v.rule} ${v.severity} at ${formatMicros(v.atNs)} µs: ${v.message}`);
}
