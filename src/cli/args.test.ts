import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.ts';

describe('parseArgs', () => {
  it('reads run with its options, in any order', () => {
    expect(parseArgs(['run', 'a.json', '--json', 'b.json', '--seed', '42', '--frames', '--strict'])).toEqual({
      command: 'run',
      files: ['a.json', 'b.json'],
      json: true,
      quiet: false,
      frames: true,
      strict: true,
      seed: 42,
    });
    expect(parseArgs(['run', '--seed=0', '--quiet', 'a.json'])).toEqual({
      command: 'run',
      files: ['a.json'],
      json: false,
      quiet: true,
      frames: false,
      strict: false,
      seed: 0,
    });
  });

  it('reads validate, schema, help and version', () => {
    expect(parseArgs(['validate', 'a.json'])).toEqual({ command: 'validate', files: ['a.json'] });
    expect(parseArgs(['schema'])).toEqual({ command: 'schema', lesson: false });
    expect(parseArgs(['schema', '--lesson'])).toEqual({ command: 'schema', lesson: true });
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['run', 'a.json', '--help'])).toEqual({ command: 'help' });
    expect(parseArgs(['--version'])).toEqual({ command: 'version' });
  });

  it('reads check: one scenario file, the lesson, --json and --junit', () => {
    expect(parseArgs(['check', 'student.json', '--lesson', 'free-sequence'])).toEqual({
      command: 'check',
      file: 'student.json',
      lesson: 'free-sequence',
      json: false,
    });
    expect(parseArgs(['check', '--junit=out/report.xml', '--json', '--lesson=my/lesson.json', 'student.json'])).toEqual(
      {
        command: 'check',
        file: 'student.json',
        lesson: 'my/lesson.json',
        json: true,
        junit: 'out/report.xml',
      },
    );
  });

  it('reads lessons, with or without a directory', () => {
    expect(parseArgs(['lessons'])).toEqual({ command: 'lessons', json: false });
    expect(parseArgs(['lessons', 'course/', '--json'])).toEqual({ command: 'lessons', dir: 'course/', json: true });
  });

  it('explains what check is missing', () => {
    expect(parseArgs(['check', '--lesson', 'x'])).toEqual({ error: "check needs the student's scenario file" });
    expect(parseArgs(['check', 'a.json'])).toEqual({
      error: 'check needs --lesson ID (a lesson of public/lessons/) or --lesson FILE',
    });
    expect(parseArgs(['check', 'a.json', 'b.json', '--lesson', 'x'])).toEqual({
      error: 'check grades one scenario file, got 2: a.json b.json',
    });
    expect(parseArgs(['check', 'a.json', '--lesson'])).toEqual({
      error: '--lesson needs a lesson id or a lesson file, got nothing',
    });
    expect(parseArgs(['check', 'a.json', '--lesson', '--json'])).toEqual({
      error: '--lesson needs a lesson id or a lesson file, got "--json"',
    });
    expect(parseArgs(['check', 'a.json', '--lesson', 'x', '--junit'])).toEqual({
      error: '--junit needs the file to write the JUnit XML to, got nothing',
    });
    expect(parseArgs(['check', 'a.json', '--lesson', 'x', '--lesson', 'y'])).toEqual({
      error: '--lesson is given twice',
    });
    expect(parseArgs(['check', 'a.json', '--lesson', 'x', '--quiet'])).toEqual({
      error: 'unknown option for check "--quiet"; expected one of --lesson, --json, --junit',
    });
    expect(parseArgs(['lessons', 'a', 'b'])).toEqual({ error: 'lessons takes one lesson directory at most, got a b' });
  });

  it('explains usage errors', () => {
    expect(parseArgs(['runn', 'a.json'])).toEqual({ error: 'unknown command "runn" — did you mean run?' });
    expect(parseArgs(['run', 'a.json', '--jsno'])).toEqual({
      error: 'unknown option for run "--jsno" — did you mean --json?',
    });
    expect(parseArgs(['validate', '--json', 'a.json'])).toEqual({ error: 'validate takes no options, got --json' });
    expect(parseArgs(['run'])).toEqual({ error: 'run needs at least one scenario file' });
    expect(parseArgs(['run', 'a.json', '--seed'])).toEqual({
      error: '--seed needs an integer from 0 to 4294967295, got nothing',
    });
    expect(parseArgs(['run', 'a.json', '--seed', '-1'])).toEqual({
      error: '--seed needs an integer from 0 to 4294967295, got "-1"',
    });
    expect(parseArgs(['run', 'a.json', '--json=yes'])).toEqual({ error: '--json takes no value' });
    expect(parseArgs(['schema', 'a.json'])).toEqual({ error: 'schema takes no files, got a.json' });
  });

  it('--pcapng takes the file to write, for one scenario file', () => {
    expect(parseArgs(['run', 'a.json', '--pcapng', 'out.pcapng'])).toMatchObject({
      files: ['a.json'],
      pcapng: 'out.pcapng',
    });
    expect(parseArgs(['run', 'a.json', '--pcapng'])).toEqual({
      error: '--pcapng needs the pcapng file to write, got nothing',
    });
    expect(parseArgs(['run', 'a.json', 'b.json', '--pcapng', 'out.pcapng'])).toEqual({
      error: "--pcapng writes one run's frames, got 2 files: a.json b.json",
    });
  });
});
