/** The vmq commands, with every effect behind CliIo so tests can run them without a process. */
import { lessonJsonSchema } from '../lesson/json-schema.ts';
import { LESSON_VERSION } from '../lesson/schema.ts';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';
import { SCENARIO_VERSION, type Scenario } from '../scenario/schema.ts';
import { createScenarioSession } from '../scenario/session.ts';
import { parseHostConfig } from '../scenario/hostConfig.ts';
import { hostScenario } from '../scenario/hostScenario.ts';
import { USAGE, parseArgs, type RunOptions } from './args.ts';
import { loadScenario } from './files.ts';
import { GRADE_VERSION, internalErrorJson } from './gradeFormat.ts';
import type { CliIo } from './io.ts';
import { checkCommand, lessonsCommand } from './lessonCommands.ts';
import { replayCommand } from './replay.ts';
import { pcapngRun } from '../scenario/tracePcapng.ts';
import { TRACE_VERSION, jsonInternalError, writeNdjsonInvalid, writeNdjsonRun } from '../scenario/traceNdjson.ts';
import {
  errorLine,
  fileHeading,
  resultLine,
  summaryLine,
  traceHeading,
  traceLine,
  violationLines,
  warningLines,
  type ExitCode,
  type FileOutcome,
} from './format.ts';

export type { CliIo };

export function runCli(argv: readonly string[], io: CliIo): ExitCode {
  // --debug belongs to no command: it only decides how much an internal error shows.
  const debug = argv.includes('--debug');
  try {
    return runCommand(
      argv.filter((arg) => arg !== '--debug'),
      io,
      debug,
    );
  } catch (error) {
    for (const line of internalErrorLines('', error, debug)) io.err(line);
    return 3;
  }
}

/**
 * Runs one file's command; an internal error ends that file with exit 3 (and, for NDJSON readers, a summary line
 * that says so) while the other files still run.
 */
function guarded(
  file: string,
  /** The JSON line that ends the file's output for a script, when it reads JSON. */
  json: ((message: string) => string) | undefined,
  io: CliIo,
  debug: boolean,
  command: () => ExitCode,
): ExitCode {
  try {
    return command();
  } catch (error) {
    for (const line of internalErrorLines(`${file}: `, error, debug)) io.err(line);
    if (json) io.out(json(errorMessage(error)));
    return 3;
  }
}

/** A bug of ours, not the user's input: one line (the stack only on request), and exit 3, never 1 or 2. */
export function internalErrorLines(where: string, error: unknown, debug: boolean): string[] {
  const headline = `vmq: ${where}internal error: ${errorMessage(error)}`;
  if (!debug) return [`${headline} (run with --debug for the stack)`];
  return [headline, ...(error instanceof Error && error.stack ? [error.stack] : [])];
}

/** The error's first line, short enough for one line of output. */
function errorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = message.split('\n', 1)[0]!;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}
const MAX_MESSAGE = 200;

function runCommand(argv: readonly string[], io: CliIo, debug: boolean): ExitCode {
  const args = parseArgs(argv);
  if ('error' in args) {
    io.err(`vmq: ${args.error}`);
    io.err('Run "vmq --help" for usage.');
    return 2;
  }
  switch (args.command) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'version':
      io.out(
        `vmq ${io.version} (scenario format ${SCENARIO_VERSION}, trace format ${TRACE_VERSION}, ` +
          `lesson format ${LESSON_VERSION}, grade format ${GRADE_VERSION})`,
      );
      return 0;
    case 'schema':
      io.out(JSON.stringify(args.lesson ? lessonJsonSchema() : scenarioJsonSchema(), null, 2));
      return 0;
    case 'validate':
      return worst(args.files.map((file) => guarded(file, undefined, io, debug, () => validateFile(file, io))));
    case 'run': {
      const json = args.json ? (file: string) => (message: string) => jsonInternalError(file, message) : undefined;
      return worst(args.files.map((file) => guarded(file, json?.(file), io, debug, () => runFile(file, args, io))));
    }
    case 'check': {
      const json = args.json
        ? (message: string) => internalErrorJson(args.file, `vmq ${io.version}`, message)
        : undefined;
      return guarded(args.file, json, io, debug, () => checkCommand(args, io));
    }
    case 'lessons':
      return lessonsCommand(args, io);
    case 'import-host':
      return guarded(args.file, undefined, io, debug, () => importHost(args.file, io));
    case 'replay':
      return guarded(args.scenario, undefined, io, debug, () => replayCommand(args, io));
  }
}

const worst = (codes: ExitCode[]): ExitCode => Math.max(0, ...codes) as ExitCode;

/** The scenario that rebuilds the host's adapter, on stdout for a file; what was left out, on stderr. */
function importHost(file: string, io: CliIo): ExitCode {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.err(`vmq: ${file}: cannot read: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  const parsed = parseHostConfig(text);
  const note = (text: string) => io.err(`${file}: note: ${text}`);
  if (!parsed.ok) {
    parsed.notes.forEach(note);
    io.err(`${file}: ${parsed.error}`);
    return 2;
  }
  const built = hostScenario(parsed.config);
  [...parsed.notes, ...built.notes].forEach(note);
  io.out(JSON.stringify(built.scenario, null, 2));
  return 0;
}

function validateFile(file: string, io: CliIo): ExitCode {
  const loaded = loadScenario(file, io);
  if ('errors' in loaded) {
    for (const error of loaded.errors) io.out(errorLine(file, error));
    return 2;
  }
  io.out(`${file}: valid (${loaded.scenario.steps.length} steps)`);
  return 0;
}

function runFile(file: string, options: RunOptions, io: CliIo): ExitCode {
  const tool = `vmq ${io.version}`;
  const loaded = loadScenario(file, io);
  const out = (line: string) => io.out(line);
  if ('errors' in loaded) {
    if (options.json) {
      writeNdjsonInvalid(file, tool, loaded.errors, out);
    } else {
      for (const error of loaded.errors) io.out(errorLine(file, error));
      io.out(summaryLine({ file, exitCode: 2, errors: loaded.errors }));
    }
    return 2;
  }
  const scenario = options.seed === undefined ? loaded.scenario : { ...loaded.scenario, seed: options.seed };
  if (options.pcapng !== undefined && io.writeFile === undefined) {
    io.err('vmq: --pcapng: this vmq cannot write files');
    return 2;
  }
  const exitCode = printRun(file, scenario, options, io);
  return writePcapng(scenario, options, io) ?? exitCode;
}

/** Writes the pcapng file when asked; exit 2 when it cannot be written (a script would miss the capture). */
function writePcapng(scenario: Scenario, options: RunOptions, io: CliIo): ExitCode | undefined {
  if (options.pcapng === undefined) return undefined;
  // A run of its own, with per-frame events on: the engine is deterministic, so its frames are the printed run's.
  const { bytes } = pcapngRun(scenario, `vmq ${io.version}`);
  try {
    io.writeFile!(options.pcapng, bytes);
    return undefined;
  } catch (error) {
    io.err(`vmq: --pcapng ${options.pcapng}: cannot write the file: ${(error as Error).message}`);
    return 2;
  }
}

function printRun(file: string, scenario: Scenario, options: RunOptions, io: CliIo): ExitCode {
  const tool = `vmq ${io.version}`;
  const out = (line: string) => io.out(line);
  if (options.json) {
    const run = { file, tool, frames: options.frames, quiet: options.quiet, strict: options.strict };
    return writeNdjsonRun(scenario, run, out).exitCode;
  }
  const table = !options.quiet;
  if (table) {
    io.out(fileHeading(file, scenario, scenario.seed));
    io.out(traceHeading());
  }
  const session = createScenarioSession(scenario, {
    traceFrames: options.frames,
    ...(options.quiet ? {} : { sink: (event) => io.out(traceLine(event)) }),
  });
  const report = session.runToEnd();
  const strictFailure = options.strict && report.warnings.length > 0;
  const outcome: FileOutcome = { file, exitCode: report.ok && !strictFailure ? 0 : 1, report, strict: options.strict };
  const shown = options.quiet ? report.expectations.filter((e) => !e.ok) : report.expectations;
  if (table && shown.length > 0) io.out('expectations');
  for (const result of shown) io.out(resultLine(result));
  if (table && report.violations.length > 0) for (const line of ['violations', ...violationLines(report)]) io.out(line);
  for (const line of warningLines(outcome)) io.out(line);
  io.out(summaryLine(outcome));
  return outcome.exitCode;
}
