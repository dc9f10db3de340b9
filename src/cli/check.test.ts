import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type LessonCatalog, lessonCatalog } from '../lesson/catalog.ts';
import { FIXTURE_LESSONS_DIR, fixtureLesson, lessonDocument } from '../lesson/testing.ts';
import { runCli } from './main.ts';

const DIR = FIXTURE_LESSONS_DIR;
const SOLUTION = join(DIR, 'solutions/vm1-queue.json');
const WRONG = join(DIR, 'solutions/vm1-queue.wrong.json');
const LESSON = join(DIR, 'vm1-queue.json');
const FIXTURE = lessonDocument();

/** Files beside the fixture directory's real ones; a lesson file here names its scenario relative to DIR. */
const FILES: Record<string, string> = {
  [join(DIR, 'saved-name.json')]: JSON.stringify({
    ...FIXTURE,
    id: 'saved-name',
    checks: [{ ...FIXTURE.checks[0], expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Running' } } }],
    wrong: [{ ...FIXTURE.wrong[0], fails: ['queue-running'] }],
  }),
  [join(DIR, 'other-vm.json')]: JSON.stringify({
    ...FIXTURE,
    id: 'other-vm',
    checks: [{ ...FIXTURE.checks[0], expect: { events: [{ where: { event: 'frame-arrived', dst: '$vm:VM2' } }] } }],
    wrong: [{ ...FIXTURE.wrong[0], fails: ['queue-running'] }],
  }),
  [join(DIR, 'misnamed.json')]: JSON.stringify(FIXTURE),
  'invalid.json': JSON.stringify({ ...JSON.parse(readFileSync(SOLUTION, 'utf8')), steps: [{ advanc: '1us' }] }),
};

/** Runs vmq with the fixture lesson directory as its lesson directory; what it printed and wrote. */
function vmq(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const code = runCli(argv, {
    readFile: (path) => FILES[path] ?? readFileSync(path, 'utf8'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '9.9.9',
    writeFile: (path, text) => {
      if (path.startsWith('/no/such/dir/')) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      written[path] = String(text);
    },
    listDir: (path) => [
      ...readdirSync(path),
      ...Object.keys(FILES).flatMap((file) => (file.startsWith(path) ? [file.slice(path.length)] : [])),
    ],
    lessonsDir: DIR,
  });
  return { code, out, err, written };
}

describe('vmq check', () => {
  it('passes a solution: ✓, title and explanation per check, the score, a PASS summary; exit 0', () => {
    const lesson = fixtureLesson();
    const { code, out, err } = vmq('check', SOLUTION, '--lesson', 'vm1-queue');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([
      `▶ ${SOLUTION} — lesson vm1-queue: ${lesson.title}`,
      ...lesson.checks.flatMap((check) => [`  ✓ ${check.id}  ${check.title}`, `      ${check.pass}`]),
      'score: frames on the default queue 0 (lower is better)',
      `PASS ${SOLUTION}: lesson vm1-queue, 3 of 3 checks pass`,
    ]);
  });

  it('fails a wrong solution: ✗ with the fail text and the sentences that did not hold; exit 1', () => {
    const { code, out } = vmq('check', WRONG, '--lesson', LESSON);
    expect(code).toBe(1);
    const fail = fixtureLesson().checks.find((check) => check.id === 'queue-running')!.fail;
    expect(out.slice(1, 4)).toEqual([
      '  ✗ queue-running  Queue 1 is Running',
      `      ${fail}`,
      '      · queue 1 state: expected Running, got Set',
    ]);
    expect(out.at(-1)).toBe(`FAIL ${WRONG}: lesson vm1-queue, 2 of 3 checks failed`);
  });

  it("lists the scenario's own expectations as not graded", () => {
    FILES['own.json'] = JSON.stringify({
      ...JSON.parse(readFileSync(SOLUTION, 'utf8')),
      steps: [...JSON.parse(readFileSync(SOLUTION, 'utf8')).steps, { expect: { adapter: 'Paused' } }],
    });
    const { code, out } = vmq('check', 'own.json', '--lesson', 'vm1-queue');
    expect(code).toBe(0);
    expect(out.slice(-3)).toEqual([
      "the scenario's own expectations (not graded)",
      '  ✗ steps[5]  expect adapter: adapter state: expected Paused, got Running',
      'PASS own.json: lesson vm1-queue, 3 of 3 checks pass',
    ]);
  });

  it('--json prints one object: the header, the exit code and the grade', () => {
    const { code, out } = vmq('check', WRONG, '--lesson', 'vm1-queue', '--json');
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    const printed = JSON.parse(out[0]!);
    expect(Object.keys(printed)).toEqual([
      'format',
      'version',
      'tool',
      'file',
      'exitCode',
      'lesson',
      'ok',
      'passed',
      'total',
      'verdicts',
      'score',
      'runProblems',
      'ownExpectations',
    ]);
    expect(printed).toMatchObject({
      format: 'vmq-grade',
      version: 1,
      tool: 'vmq 9.9.9',
      file: WRONG,
      exitCode: 1,
      lesson: 'vm1-queue',
      ok: false,
      passed: 1,
      total: 3,
      score: { label: 'frames on the default queue', value: 4, better: 'lower' },
      runProblems: [],
      ownExpectations: [],
    });
    expect(printed.verdicts[0]).toEqual({
      id: 'queue-running',
      title: 'Queue 1 is Running',
      ok: false,
      explanation: fixtureLesson().checks[0]!.fail,
      details: ['queue 1 state: expected Running, got Set'],
      rule: 'R27',
    });
  });

  it('--junit writes a testsuite named after the lesson: a testcase per check, a failure per failed check', () => {
    const { code, written } = vmq('check', WRONG, '--lesson', 'vm1-queue', '--junit', 'report.xml');
    expect(code).toBe(1);
    const xml = written['report.xml']!;
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuite name="vm1-queue" tests="3" failures="2" errors="0"/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(xml).toContain('<testcase classname="vm1-queue" name="no-violations: No rule is broken" time="0"/>');
    expect(xml).toContain('queue 1 state: expected Running, got Set</failure>');
    expect(vmq('check', SOLUTION, '--lesson', 'vm1-queue', '--junit', 'ok.xml').written['ok.xml']).toMatch(
      /<testsuite name="vm1-queue" tests="3" failures="0" errors="0"/,
    );
  });

  it('a JUnit file that cannot be written is exit 2, after the grade is printed', () => {
    const { code, out, err } = vmq('check', SOLUTION, '--lesson', 'vm1-queue', '--junit', '/no/such/dir/r.xml');
    expect(code).toBe(2);
    expect(out.at(-1)).toMatch(/^PASS /);
    expect(err).toEqual([
      "vmq: --junit /no/such/dir/r.xml: cannot write the file: ENOENT: no such file or directory, open '/no/such/dir/r.xml'",
    ]);
  });
});

describe('vmq check refuses what it cannot grade, saying where and why; exit 2', () => {
  it('a lesson check that uses a saveAs name', () => {
    const { code, out } = vmq('check', SOLUTION, '--lesson', 'saved-name');
    expect(code).toBe(2);
    expect(out).toEqual([
      `${join(DIR, 'saved-name.json')}: checks[0].expect.queue.QueueId: "$vm1q.QueueId" refers to saveAs "vm1q", but a student's run has no saved names; write the QueueId itself (NDIS assigns 1, 2, … in allocation order) or "$vm:NAME" for a VM`,
      `INVALID ${SOLUTION}: 1 error`,
    ]);
  });

  it('a check that names a VM the starting scenario lacks, and a lesson whose id is not its file name', () => {
    expect(vmq('check', SOLUTION, '--lesson', 'other-vm').out[0]).toBe(
      `${join(DIR, 'other-vm.json')}: checks[0].expect.events[0].where.dst: "$vm:VM2" refers to VM "VM2", which is not in vms — did you mean "VM1"?`,
    );
    expect(vmq('check', SOLUTION, '--lesson', 'misnamed').out[0]).toBe(
      `${join(DIR, 'misnamed.json')}: id: the lesson's id is "vm1-queue" but its file is misnamed.json; they must be equal`,
    );
  });

  it('an unknown lesson id, with the lesson meant', () => {
    expect(vmq('check', SOLUTION, '--lesson', 'vm1-queu').out).toEqual([
      `${DIR}: unknown lesson "vm1-queu" — did you mean vm1-queue?`,
      `INVALID ${SOLUTION}: 1 error`,
    ]);
  });

  it('an invalid scenario and a broken lesson: both are told, in --json too, and the JUnit file says so', () => {
    const { code, out, written } = vmq('check', 'invalid.json', '--lesson', 'nope.json', '--junit', 'r.xml');
    expect(code).toBe(2);
    expect(out).toEqual([
      'nope.json: no such file',
      'invalid.json: steps[0]: unknown action "advanc" — did you mean advance?',
      'INVALID invalid.json: 2 errors',
    ]);
    expect(written['r.xml']).toContain('<testsuite name="nope.json" tests="1" failures="0" errors="1"');
    expect(written['r.xml']).toContain(
      '<error message="could not be graded: 2 errors" type="run">nope.json: no such file&#10;invalid.json: steps[0]:',
    );
    expect(JSON.parse(vmq('check', 'invalid.json', '--lesson', 'vm1-queue', '--json').out[0]!)).toEqual({
      format: 'vmq-grade',
      version: 1,
      tool: 'vmq 9.9.9',
      file: 'invalid.json',
      exitCode: 2,
      ok: false,
      errors: [{ file: 'invalid.json', path: 'steps[0]', message: 'unknown action "advanc" — did you mean advance?' }],
    });
  });

  it('usage errors on stderr', () => {
    expect(vmq('check', SOLUTION)).toMatchObject({
      code: 2,
      out: [],
      err: [
        'vmq: check needs --lesson ID (a lesson of public/lessons/) or --lesson FILE',
        'Run "vmq --help" for usage.',
      ],
    });
  });
});

describe('vmq on an internal error while grading', () => {
  it('--json ends with a vmq-grade object that says exit 3', async () => {
    vi.resetModules();
    vi.doMock('../lesson/grade.ts', async (importOriginal) => ({
      ...(await importOriginal<typeof import('../lesson/grade.ts')>()),
      gradeScenario: () => {
        throw new TypeError('a bug');
      },
    }));
    const { runCli: broken } = await import('./main.ts');
    vi.doUnmock('../lesson/grade.ts');
    const out: string[] = [];
    const err: string[] = [];
    const code = broken(['check', SOLUTION, '--lesson', LESSON, '--json'], {
      readFile: (path) => readFileSync(path, 'utf8'),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      version: '9.9.9',
    });
    expect(code).toBe(3);
    expect(err).toEqual([`vmq: ${SOLUTION}: internal error: TypeError: a bug (run with --debug for the stack)`]);
    expect(out.map((line) => JSON.parse(line))).toEqual([
      {
        format: 'vmq-grade',
        version: 1,
        tool: 'vmq 9.9.9',
        file: SOLUTION,
        exitCode: 3,
        ok: false,
        internalError: 'TypeError: a bug',
      },
    ]);
  });
});

describe('vmq lessons', () => {
  it('lists the lesson directory, and prints its catalogue with --json', () => {
    const listed = (...argv: string[]) => {
      const out: string[] = [];
      const code = runCli(argv, {
        readFile: (path) => readFileSync(path, 'utf8'),
        out: (line) => out.push(line),
        err: () => {},
        version: '9.9.9',
        listDir: (path) => readdirSync(path),
        lessonsDir: DIR,
      });
      return { code, out };
    };
    expect(listed('lessons')).toEqual({
      code: 0,
      out: ["  1  vm1-queue                   5 min  A queue of VM1's own"],
    });
    const catalog = lessonCatalog([fixtureLesson()]) as LessonCatalog;
    expect(JSON.parse(listed('lessons', '--json').out.join('\n'))).toEqual(catalog);
  });

  it('refuses a directory with a broken lesson, naming it, on stderr', () => {
    const { code, out, err } = vmq('lessons', '--json');
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toContain(
      `${join(DIR, 'misnamed.json')}: id: the lesson's id is "vm1-queue" but its file is misnamed.json; they must be equal`,
    );
  });
});
