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
}

export type CliCommand =
  | ({ command: 'run'; files: string[] } & RunOptions)
  | { command: 'validate'; files: string[] }
  | { command: 'schema'; lesson: boolean }
  | { command: 'help' }
  | { command: 'version' };

const COMMANDS = ['run', 'validate', 'schema', 'help'] as const;
const FLAGS: Record<string, readonly string[]> = {
  run: ['--json', '--quiet', '--frames', '--strict', '--seed'],
  validate: [],
  schema: ['--lesson'],
};

export function parseArgs(argv: readonly string[]): CliCommand | { error: string } {
  if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
  if (argv.includes('--version') || argv.includes('-V')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (command !== 'run' && command !== 'validate' && command !== 'schema') {
    return {
      error: command.startsWith('-')
        ? unknownName('option', command, ['--help', '--version'])
        : unknownName('command', command, COMMANDS),
    };
  }
  const allowed = FLAGS[command] ?? [];
  const files: string[] = [];
  const options: RunOptions = { json: false, quiet: false, frames: false, strict: false };
  let lessonSchema = false;
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
    if (flag === '--seed') {
      const value = inline ?? rest[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 0xffffffff) {
        return {
          error: `--seed needs an integer from 0 to 4294967295, got ${value === undefined ? 'nothing' : `"${value}"`}`,
        };
      }
      options.seed = Number(value);
    } else if (inline !== undefined) {
      return { error: `${flag} takes no value` };
    } else if (flag === '--lesson') {
      lessonSchema = true;
    } else {
      options[flag.slice(2) as 'json' | 'quiet' | 'frames' | 'strict'] = true;
    }
  }
  if (command === 'schema')
    return files.length === 0
      ? { command, lesson: lessonSchema }
      : { error: `schema takes no files, got ${files.join(' ')}` };
  if (files.length === 0) return { error: `${command} needs at least one scenario file` };
  return command === 'run' ? { command, files, ...options } : { command, files };
}

export const USAGE = `vmq — run VMQ Playground scenarios headless

Usage:
  vmq run <file...> [--json] [--quiet] [--frames] [--strict] [--seed N]
  vmq validate <file...>
  vmq schema [--lesson]
  vmq --help | --version

Commands:
  run        Run each scenario: the trace as a table, then every expectation (✓/✗) and a summary.
  validate   Check each file against the scenario format without running it.
  schema     Print the scenario format's JSON Schema (public/scenario.schema.json);
             with --lesson, the lesson format's (public/lesson.schema.json).

Options for run:
  --json     NDJSON (format "vmq-trace" version 1): a header, one line per trace event,
             one per expectation, a summary. See docs/cli.md.
  --quiet    Only failures and one summary line per file (with --json: no event lines).
  --frames   Include per-frame events (arrived, classified, DMA written, dropped).
  --strict   Fail a file that passes only by checking nothing: no expectation at all, or a
             request still pending at the end with nothing expected of it (warned otherwise).
  --seed N   Use seed N instead of each scenario's seed.

Any command:
  --debug    On an internal error, print the stack as well.

Exit status: 0 every expectation holds, 1 an expectation failed, a step could not run, or
(with --strict) a warning,
2 an invalid file or a usage error, 3 an internal error (a bug in vmq). With several files,
the worst one counts.`;
