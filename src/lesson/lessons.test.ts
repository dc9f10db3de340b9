/**
 * The course in public/lessons/: each lesson is read as the app and vmq read it, its checks fit its starting
 * scenario, its solution passes every check, and each wrong solution fails exactly the checks it documents (and
 * passes the others), so every fail text is shown for the mistake it names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SCENARIO_VERSION } from '../scenario/version.ts';
import { checkLessonScenario } from './check.ts';
import { lessonIdsIn } from './files.ts';
import { gradeScenario, type LessonGrade } from './grade.ts';
import { lessonFromFile } from './load.ts';
import type { Lesson } from './schema.ts';

const LESSONS_DIR = fileURLToPath(new URL('../../public/lessons/', import.meta.url));

/** The class the course is written for: about 45 minutes. */
const CLASS_MINUTES = { min: 40, max: 50 };

function readLesson(id: string): Lesson {
  const parsed = lessonFromFile(readFileSync(`${LESSONS_DIR}${id}.json`, 'utf8'), id);
  if (!parsed.ok) throw new Error(`${id}.json: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.lesson;
}

/** A scenario file of the lesson directory, as written: it must already be the current format version. */
function readScenario(path: string): Scenario {
  const text = readFileSync(`${LESSONS_DIR}${path}`, 'utf8');
  expect((JSON.parse(text) as { version: unknown }).version, `${path} version`).toBe(SCENARIO_VERSION);
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.scenario;
}

/** The ids of the checks that failed, and each failure's sentences, for a message that says why. */
const failures = (grade: LessonGrade) =>
  grade.verdicts.filter((v) => !v.ok).map((v) => `${v.id}: ${v.details.join('; ')}`);
const failedIds = (grade: LessonGrade) =>
  grade.verdicts
    .filter((v) => !v.ok)
    .map((v) => v.id)
    .sort();

const LESSONS = lessonIdsIn(readdirSync(LESSONS_DIR)).map(readLesson);

describe('the course', () => {
  it('numbers its lessons 1, 2, … without gaps', () => {
    const numbers = LESSONS.map((l) => l.number).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(numbers.length).toBe(9);
  });

  it(`fills one class: the lessons' minutes sum to ${CLASS_MINUTES.min}–${CLASS_MINUTES.max}`, () => {
    const minutes = LESSONS.reduce((sum, l) => sum + l.minutes, 0);
    expect(minutes).toBeGreaterThanOrEqual(CLASS_MINUTES.min);
    expect(minutes).toBeLessThanOrEqual(CLASS_MINUTES.max);
  });
});

describe.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))('lesson %s', (_id, lesson) => {
  const start = readScenario(lesson.scenario);
  const solution = readScenario(lesson.solution);

  it("has checks that fit its starting scenario's VMs and address spaces", () => {
    expect(checkLessonScenario(lesson, start)).toEqual([]);
  });

  it('is not passed by its starting scenario as it stands', () => {
    expect(gradeScenario(lesson, start).ok).toBe(false);
  });

  it('has a solution and wrong solutions that keep the starting adapter and VMs (what the student cannot change)', () => {
    for (const path of [lesson.solution, ...lesson.wrong.map((w) => w.scenario)]) {
      const scenario = readScenario(path);
      expect({ adapter: scenario.adapter, vms: scenario.vms }, path).toEqual({
        adapter: start.adapter,
        vms: start.vms,
      });
    }
  });

  it('has a solution that passes every check, runs to its end, and whose own expectations hold', () => {
    const grade = gradeScenario(lesson, solution);
    expect(failures(grade)).toEqual([]);
    expect(grade.runProblems).toEqual([]);
    expect(grade.ownExpectations.filter((e) => !e.ok)).toEqual([]);
    expect(grade.ok).toBe(true);
    if (lesson.score !== undefined) expect(grade.score).toBeDefined();
  });

  it.each(lesson.wrong.map((wrong) => [wrong.scenario, wrong] as const))(
    'has %s fail exactly the checks it lists',
    (path, wrong) => {
      const grade = gradeScenario(lesson, readScenario(path));
      expect(grade.runProblems).toEqual([]);
      expect(failedIds(grade), failures(grade).join('\n')).toEqual([...wrong.fails].sort());
    },
  );
});
