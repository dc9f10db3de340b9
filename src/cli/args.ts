/** The vmq command line: what the user asked for, or why the arguments make no sense. */
import { unknownName } from '../scenario/suggest.ts';

export interface RunOptions {
  /** NDJSON instead of the table. */
  json: boolean;
  /** Only failures and one summary line per file. */
  quiet: boolean;
  /** Per-frame trace events (arrived, classified, DMA written, dropped). */
  frames: boolean;
  /** Overrides each scenario's seed. */
  seed?: number;
  /** A warning (no expectation, a request left pending) fails the file. */
  strict: boolean;
  /** Also write the run's frames to this pcapng file (one scenario file only). */
  pcapng?: string;
}

/** vmq check: one student's run graded by one lesson. */
export interface CheckOptions {
  file: string;
  /** A lesson id (looked up in the lesson directory) or a lesson file's path. */
  lesson: string;
  /** One JSON object (format "vmq-grade") instead of the table. */
  json: boolean;
  /** Also write the grade as JUnit XML to this file. */
  junit?: string;
}

/** vmq replay: a capture's frames through a scenario's adapter as its run leaves it. */
export interface ReplayOptions {
  scenario: string;
  capture: string;
  /** One frame a microsecond instead of the recorded spacing. */
  compress: boolean;
  /** One JSON object (format "vmq-replay") instead of the summary. */
  json: boolean;
}

export type CliCommand =
  | ({ command: 'run'; files: string[] } & RunOptions)
  | { command: 'validate'; files: string[] }
  | ({ command: 'check' } & CheckOptions)
  | { command: 'lessons'; dir?: string; json: boolean }
  | { command: 'schema'; lesson: boolean }
  | { command: 'import-host'; file: string }
  | ({ command: 'replay' } & ReplayOptions)
  | { command: 'help' }
  | { command: 'version' };

const COMMANDS = ['run', 'validate', 'check', 'lessons', 'schema', 'import-host', 'replay', 'help'] as const;
type Command = Exclude<(typeof COMMANDS)[number], 'help'>;
const isCommand = (name: string): name is Command => name !== 'help' && (COMMANDS as readonly string[]).includes(name);

const FLAGS: Record<Command, readonly string[]> = {
  run: ['--json', '--quiet', '--frames', '--strict', '--seed', '--pcapng'],
  validate: [],
  check: ['--lesson', '--json', '--junit'],
  lessons: ['--json'],
  schema: ['--lesson'],
  'import-host': [],
  replay: ['--compress', '--json'],
};
/** The options that take a value, and what it is; the others are switches. */
const VALUES: Partial<Record<Command, Record<string, string>>> = {
  run: { '--seed': 'an integer from 0 to 4294967295', '--pcapng': 'the pcapng file to write' },
  check: { '--lesson': 'a lesson id or a lesson file', '--junit': 'the file to write the JUnit XML to' },
};

export function parseArgs(argv: readonly string[]): CliCommand | { error: string } {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  if (argv.includes('--version') || argv.includes('-V')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (!isCommand(command)) {
    return {
      error: command.startsWith('-')
        ? unknownName('option', command, ['--help', '--version'])
        : unknownName('command', command, COMMANDS),
    };
  }
  const read = readFlags(command, rest);
  if ('error' in read) return read;
  const { files, flags } = read;
  const value = (flag: string) => {
    const given = flags.get(flag);
    return typeof given === 'string' ? given : undefined;
  };
  switch (command) {
    case 'run': {
      const seed = value('--seed');
      if (seed !== undefined && (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff))
        return { error: `--seed needs an integer from 0 to 4294967295, got "${seed}"` };
      if (files.length === 0) return { error: 'run needs at least one scenario file' };
      const pcapng = value('--pcapng');
      if (pcapng !== undefined && files.length > 1)
        return { error: `--pcapng writes one run's frames, got ${files.length} files: ${files.join(' ')}` };
      return {
        command,
        files,
        json: flags.has('--json'),
        quiet: flags.has('--quiet'),
        frames: flags.has('--frames'),
        strict: flags.has('--strict'),
        ...(seed === undefined ? {} : { seed: Number(seed) }),
        ...(pcapng === undefined ? {} : { pcapng }),
      };
    }
    case 'validate':
      return files.length === 0 ? { error: 'validate needs at least one scenario file' } : { command, files };
    case 'check': {
      const [file, ...more] = files;
      const lesson = value('--lesson');
      const junit = value('--junit');
      if (file === undefined) return { error: "check needs the student's scenario file" };
      if (more.length > 0) return { error: `check grades one scenario file, got ${files.length}: ${files.join(' ')}` };
      if (lesson === undefined)
        return { error: 'check needs --lesson ID (a lesson of public/lessons/) or --lesson FILE' };
      return { command, file, lesson, json: flags.has('--json'), ...(junit === undefined ? {} : { junit }) };
    }
    case 'lessons': {
      const [dir, ...more] = files;
      if (more.length > 0) return { error: `lessons takes one lesson directory at most, got ${files.join(' ')}` };
      return { command, json: flags.has('--json'), ...(dir === undefined ? {} : { dir }) };
    }
    case 'schema':
      return files.length === 0
        ? { command, lesson: flags.has('--lesson') }
        : { error: `schema takes no files, got ${files.join(' ')}` };
    case 'import-host': {
      const [file, ...more] = files;
      if (file === undefined) return { error: 'import-host needs the text file of Get-NetAdapterVmq(Queue) output' };
      if (more.length > 0) return { error: `import-host reads one file, got ${files.length}: ${files.join(' ')}` };
      return { command, file };
    }
    case 'replay': {
      const [scenario, capture, ...more] = files;
      if (scenario === undefined || capture === undefined)
        return { error: 'replay needs a scenario file and a pcap or pcapng capture' };
      if (more.length > 0) return { error: `replay takes one scenario and one capture, got ${files.join(' ')}` };
      return { command, scenario, capture, compress: flags.has('--compress'), json: flags.has('--json') };
    }
  }
}

/** The files and options after the command: each option once, known to the command, with its value if it takes one. */
function readFlags(
  command: Command,
  rest: readonly string[],
): { files: string[]; flags: Map<string, string | true> } | { error: string } {
  const allowed = FLAGS[command];
  const values = VALUES[command] ?? {};
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const [flag = arg, inline] = arg.split(/=(.*)/s);
    if (!allowed.includes(flag)) {
      return {
        error:
          allowed.length === 0
            ? `${command} takes no options, got ${flag}`
            : `${unknownName(`option for ${command}`, flag, allowed)}`,
      };
    }
    if (flags.has(flag)) return { error: `${flag} is given twice` };
    const wanted = values[flag];
    if (wanted === undefined) {
      if (inline !== undefined) return { error: `${flag} takes no value` };
      flags.set(flag, true);
      continue;
    }
    const value = inline ?? rest[++i];
    // A missing value, or the next option taken for one ("--lesson --json"); --seed words its own ("-1").
    if (value === undefined || (flag !== '--seed' && value.startsWith('-')))
      return { error: `${flag} needs ${wanted}, got ${value === undefined ? 'nothing' : `"${value}"`}` };
    flags.set(flag, value);
  }
  return { files, flags };
}

export const USAGE = `vmq — run VMQ Playground scenarios headless, and grade them by lessons

Usage:
  vmq run <file...> [--json] [--quiet] [--frames] [--strict] [--seed N] [--pcapng OUT]
  vmq validate <file...>
  vmq check <file> --lesson <id|lesson.json> [--json] [--junit FILE]
  vmq lessons [DIR] [--json]
  vmq schema [--lesson]
  vmq import-host <file>
  vmq replay <scenario> <capture> [--compress] [--json]
  vmq --help | --version

Commands:
  run        Run each scenario: the trace as a table, then every expectation (✓/✗) and a summary.
  validate   Check each file against the scenario format without running it.
  check      Run a student's scenario (or saved session) to its end and grade it by a lesson's
             checks: ✓/✗, title and explanation per check, and a summary.
  lessons    List the lessons of public/lessons/ (or DIR); with --json, the catalogue
             (public/lesson-catalog.json).
  schema     Print the scenario format's JSON Schema (public/scenario.schema.json);
             with --lesson, the lesson format's (public/lesson.schema.json).
  import-host  Print the scenario that rebuilds a Hyper-V host's adapter from a file of
             Get-NetAdapterVmq and Get-NetAdapterVmqQueue output (tables or ConvertTo-Json);
             notes go to stderr. See docs/host-import.md.
  replay     Run a scenario to its end, then replay a pcap or pcapng capture's frames through
             its filters as they are then: where each frame went, by queue and reason.
             See docs/capture-import.md.

Options for run:
  --json     NDJSON (format "vmq-trace" version 1): a header, one line per trace event,
             one per expectation, a summary. See docs/cli.md.
  --quiet    Only failures and one summary line per file (with --json: no event lines).
  --frames   Include per-frame events (arrived, classified, DMA written, dropped).
  --strict   Fail a file that passes only by checking nothing: no expectation at all, or a
             request still pending at the end with nothing expected of it (warned otherwise).
  --seed N   Use seed N instead of each scenario's seed.
  --pcapng OUT
             Also write the run's frames as pcapng (one file): each packet's comment names
             its QueueId, FilterId, VM, CPU and whether it was indicated or dropped (reason).
             Per-frame events are on for this; the printed output is as without --pcapng.

Options for replay:
  --compress One frame a microsecond instead of the capture's recorded spacing.
  --json     One JSON object (format "vmq-replay" version 1) instead of the summary.

Options for check:
  --lesson L    The lesson: an id of public/lessons/ ("free-sequence") or a lesson file's path.
  --json        One JSON object (format "vmq-grade" version 1) instead of the table.
  --junit FILE  Also write the grade as JUnit XML: one testcase per check.

Any command:
  --debug    On an internal error, print the stack as well.

Exit status: 0 every expectation (for check: every check) holds, 1 an expectation or check
failed, a step could not run, or (with --strict) a warning,
2 an invalid file or a usage error, 3 an internal error (a bug in vmq). With several files,
the worst one counts.`;
