import { describe, expect, it } from 'vitest';
import { checkLessonScenario } from './check.ts';
import { parseLesson } from './parse.ts';
import { fixtureLesson, fixtureScenario, lessonDocument } from './testing.ts';

type Document = Record<string, unknown>;
const FIXTURE = lessonDocument();
const CHECKS = FIXTURE.checks as Document[];
const SCORE = FIXTURE.score as Document;
const WRONG = FIXTURE.wrong as Document[];

/** The errors parseLesson reports for the fixture lesson with `changes` (top-level keys; undefined removes one). */
function errorsOf(changes: Document) {
  const document = Object.fromEntries(
    Object.entries({ ...lessonDocument(), ...changes }).filter(([, value]) => value !== undefined),
  );
  const parsed = parseLesson(document);
  return parsed.ok ? [] : parsed.errors;
}

/** The fixture's checks with checks[i] changed by `changes`. */
const checksWith = (changes: Record<number, Document>) => ({
  checks: CHECKS.map((check, i) => ({ ...check, ...changes[i] })),
});

describe('parseLesson', () => {
  it('accepts the fixture lesson, as JSON text or as a parsed value', () => {
    const document = lessonDocument();
    const parsed = parseLesson(JSON.stringify(document));
    expect(parsed).toMatchObject({ ok: true, lesson: { id: 'vm1-queue', number: 1 } });
    expect(parseLesson(document)).toEqual(parsed);
  });

  it('says what the header should be', () => {
    expect(errorsOf({ format: 'vmq-scenario' })).toEqual([
      {
        path: 'format',
        message:
          'expected "vmq-lesson", got "vmq-scenario"; a lesson file starts with "format": "vmq-lesson", "version": 1',
      },
    ]);
    expect(errorsOf({ version: 2 })).toEqual([
      { path: 'version', message: 'this vmq reads lesson format version 1, got 2' },
    ]);
    expect(parseLesson('{ "format": ')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it('suggests the key meant, and words every problem with its path', () => {
    expect(errorsOf({ hint: FIXTURE.hints, hints: undefined, minutes: 2.5, allow: ['consol'] })).toEqual([
      { path: 'minutes', message: 'expected an integer, got 2.5' },
      { path: 'hints', message: 'missing (required)' },
      { path: 'allow[0]', message: 'unknown tool "consol" — did you mean console?' },
      { path: '', message: 'unknown key "hint" — did you mean hints?' },
    ]);
  });

  it('bounds steps, hints and checks', () => {
    expect(errorsOf({ steps: Array(11).fill('a step') })).toEqual([
      { path: 'steps', message: 'at most 10 items are allowed, got 11' },
    ]);
    expect(errorsOf({ hints: [] })).toEqual([{ path: 'hints', message: 'needs at least 1 item' }]);
    expect(errorsOf({ checks: Array(13).fill(CHECKS[0]) })).toContainEqual({
      path: 'checks',
      message: 'at most 12 checks are allowed, got 13',
    });
  });

  it('refuses ids that cannot be a file name, and paths that leave the lesson directory', () => {
    expect(errorsOf({ id: 'vm1 queue' })).toEqual([
      { path: 'id', message: '"vm1 queue" is not a valid lesson id; use letters, digits and "-"' },
    ]);
    for (const path of ['../secret.json', '/etc/x.json', 'scenarios/../../x.json', 'scenarios/x.txt'])
      expect(errorsOf({ solution: path })).toEqual([
        {
          path: 'solution',
          message: `${JSON.stringify(path)} is not a path below the lesson directory; write it relative to the lesson file, like "scenarios/free-sequence.json"`,
        },
      ]);
  });

  it("validates a check's expect as a scenario expect step, with the check language's messages", () => {
    expect(
      errorsOf(
        checksWith({
          0: { expect: { queue: { QueueId: 1, stat: 'Running' } } },
          1: { expect: { events: [{ where: { event: 'status-indicatd' } }] } },
        }),
      ),
    ).toEqual([
      { path: 'checks[0].expect.queue', message: 'unknown key "stat" — did you mean state?' },
      {
        path: 'checks[1].expect.events[0].where.event',
        message: 'unknown event "status-indicatd" — did you mean status-indicated?',
      },
    ]);
  });

  it('refuses saveAs references in checks: a student run has no saved names', () => {
    expect(
      errorsOf(
        checksWith({
          0: { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Running' } } },
          1: { expect: { values: [{ value: '$a.QueueId', is: 1 }] } },
        }),
      ),
    ).toEqual([
      {
        path: 'checks[0].expect.queue.QueueId',
        message:
          '"$vm1q.QueueId" refers to saveAs "vm1q", but a student\'s run has no saved names; write the QueueId itself (NDIS assigns 1, 2, … in allocation order) or "$vm:NAME" for a VM',
      },
      {
        path: 'checks[1].expect.values',
        message:
          "a lesson check cannot use values: it compares outputs saved with saveAs, and a student's run has no saved names",
      },
    ]);
  });

  it('R1–R47 only, and a fail text that names its rule', () => {
    expect(errorsOf(checksWith({ 0: { rule: 'R48' } }))).toEqual([
      { path: 'checks[0].rule', message: '"R48" is not a rule of docs/ndis-reference.md §12; rule ids are R1 to R47' },
    ]);
    expect(errorsOf(checksWith({ 0: { rule: 'R0' } }))).toHaveLength(1);
    // R2 is not R27, nor is R270.
    for (const fail of ['Complete the allocation (R2).', 'Complete the allocation (R270).'])
      expect(errorsOf(checksWith({ 0: { fail } }))).toEqual([
        {
          path: 'checks[0].fail',
          message: `the check's rule is R27, so its fail text must name it (for example "… (R27)")`,
        },
      ]);
  });

  it('check ids are unique, and wrong[].fails names existing checks', () => {
    expect(
      errorsOf({
        ...checksWith({ 2: { id: 'queue-running' } }),
        wrong: [{ ...WRONG[0], fails: ['queue-runing', 'frames-on-queue', 'frames-on-queue'] }],
      }),
    ).toEqual([
      { path: 'checks[2].id', message: 'check id "queue-running" is already used by checks[0]' },
      { path: 'wrong[0].fails[0]', message: 'unknown check id "queue-runing" — did you mean queue-running?' },
      { path: 'wrong[0].fails[2]', message: '"frames-on-queue" is listed twice' },
    ]);
  });

  it('a score is a queue counter or a totals counter', () => {
    const problem = {
      path: 'score',
      message: 'give QueueId and counter for a queue counter, or total alone for an adapter-wide counter',
    };
    expect(errorsOf({ score: { ...SCORE, total: 'arrived' } })).toEqual([problem]);
    expect(errorsOf({ score: { ...SCORE, counter: undefined } })).toEqual([problem]);
    expect(errorsOf({ score: { label: 'frames', total: 'arrived', better: 'higher' } })).toEqual([]);
    expect(errorsOf({ score: { ...SCORE, counter: 'dropped' } })).toEqual([
      {
        path: 'score.counter',
        message: 'unknown queue counter "dropped"; expected one of classified, indicated, returned',
      },
    ]);
  });
});

describe('checkLessonScenario', () => {
  it("accepts checks that name the starting scenario's VMs and spaces", () => {
    const lesson = fixtureLesson();
    lesson.checks[0]!.expect = {
      memory: [{ space: 'VM1', count: 0 }],
      events: [{ where: { event: 'frame-arrived', dst: '$vm:VM1.mac' } }],
    };
    expect(checkLessonScenario(lesson, fixtureScenario('scenarios/vm1-queue.json'))).toEqual([]);
  });

  it('refuses a VM or an address space that the starting scenario does not have', () => {
    const lesson = fixtureLesson();
    lesson.checks[1]!.expect = {
      memory: [{ space: 'VM2', count: 0 }],
      events: [{ where: { event: 'frame-arrived', dst: '$vm:VM2' } }],
    };
    expect(checkLessonScenario(lesson, fixtureScenario('scenarios/vm1-queue.json'))).toEqual([
      {
        path: 'checks[1].expect.events[0].where.dst',
        message: '"$vm:VM2" refers to VM "VM2", which is not in vms — did you mean "VM1"?',
      },
      {
        path: 'checks[1].expect.memory[0].space',
        message: 'no address space named "VM2": the spaces are "management-os", "VM1" — did you mean "VM1"?',
      },
    ]);
  });
});
