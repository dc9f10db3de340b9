/**
 * The NDJSON trace ("vmq-trace", version 1, docs/cli.md): one implementation for `vmq run --json` and the page's
 * "Export trace (NDJSON)", so a file exported from the page and the CLI's output for the same scenario and seed are
 * the same bytes. It is a public contract: change it only together with docs/cli.md.
 */
import type { TraceEvent } from '../engine/index.ts';
import type { ScenarioError } from './errors.ts';
import type { Scenario } from './schema.ts';
import { createScenarioSession, type ExpectationResult, type ScenarioReport } from './session.ts';

const TRACE_FORMAT = 'vmq-trace';
export const TRACE_VERSION = 1;

/** How one file ended: its report when it ran, its problems when it could not be read or validated. */
export type FileOutcome =
  | { file: string; exitCode: 0 | 1; report: ScenarioReport; strict?: boolean }
  | { file: string; exitCode: 2; errors: ScenarioError[] };

export function jsonHeader(file: string, tool: string, scenario?: Scenario, seed?: number): string {
  const about = scenario ? { title: scenario.title, profile: scenario.adapter.profile, seed } : {};
  return JSON.stringify({ type: 'header', format: TRACE_FORMAT, version: TRACE_VERSION, tool, file, ...about });
}

export const jsonEvent = (event: TraceEvent): string => JSON.stringify({ type: 'event', ...event });

export const jsonResult = (result: ExpectationResult): string => JSON.stringify({ type: 'expectation', ...result });

export const jsonError = (error: ScenarioError): string => JSON.stringify({ type: 'error', ...error });

/** The summary of a file that vmq could not finish because of a bug of its own (exit 3). */
export const jsonInternalError = (file: string, message: string): string =>
  JSON.stringify({ type: 'summary', file, exitCode: 3, ok: false, internalError: message });

export function jsonSummary(outcome: FileOutcome): string {
  if (outcome.exitCode === 2)
    return JSON.stringify({
      type: 'summary',
      file: outcome.file,
      exitCode: 2,
      ok: false,
      errors: outcome.errors.length,
    });
  const { report } = outcome;
  const failed = report.expectations.filter((e) => !e.ok).length;
  return JSON.stringify({
    type: 'summary',
    file: outcome.file,
    exitCode: outcome.exitCode,
    ok: outcome.exitCode === 0,
    passed: report.expectations.length - failed,
    failed,
    violations: report.violations,
    endNs: report.endNs,
    ...(report.warnings.length > 0 ? { warnings: report.warnings } : {}),
  });
}

/** What `vmq run --json` was asked for, besides the scenario (whose seed is already the one to run). */
export interface NdjsonRun {
  /** The name the header and the summary carry: the path given to vmq, the file's name in the page. */
  file: string;
  /** "vmq 0.1.0". */
  tool: string;
  /** --frames: the per-frame events too. */
  frames: boolean;
  /** --quiet: no event lines, only the expectations that failed. */
  quiet?: boolean;
  /** --strict: a warning fails the file. */
  strict?: boolean;
}

/** Runs `scenario` to its end and writes its NDJSON lines to `out`, as `vmq run --json` does for a valid file. */
export function writeNdjsonRun(scenario: Scenario, run: NdjsonRun, out: (line: string) => void): FileOutcome {
  out(jsonHeader(run.file, run.tool, scenario, scenario.seed));
  const session = createScenarioSession(scenario, {
    traceFrames: run.frames,
    ...(run.quiet ? {} : { sink: (event) => out(jsonEvent(event)) }),
  });
  const report = session.runToEnd();
  const strictFailure = run.strict === true && report.warnings.length > 0;
  const outcome: FileOutcome = {
    file: run.file,
    exitCode: report.ok && !strictFailure ? 0 : 1,
    report,
    ...(run.strict !== undefined ? { strict: run.strict } : {}),
  };
  for (const result of run.quiet ? report.expectations.filter((e) => !e.ok) : report.expectations)
    out(jsonResult(result));
  out(jsonSummary(outcome));
  return outcome;
}

/** The lines of a file that could not be read or validated. */
export function writeNdjsonInvalid(file: string, tool: string, errors: ScenarioError[], out: (line: string) => void) {
  out(jsonHeader(file, tool));
  for (const error of errors) out(jsonError(error));
  out(jsonSummary({ file, exitCode: 2, errors }));
}

/** The whole NDJSON text of a run, each line ended by "\n" as vmq prints it. */
export function ndjsonRunText(scenario: Scenario, run: NdjsonRun): string {
  const lines: string[] = [];
  writeNdjsonRun(scenario, run, (line) => lines.push(line));
  return `${lines.join('\n')}\n`;
}
