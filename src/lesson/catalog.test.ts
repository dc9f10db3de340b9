import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LessonCatalog, lessonCatalog, readLessonCatalog } from './catalog.ts';
import { lessonIdsIn } from './files.ts';
import { lessonFromFile } from './load.ts';
import type { Lesson } from './schema.ts';
import { FIXTURE_LESSON_ID, fixtureLesson, fixtureText, lessonDocument } from './testing.ts';

const PUBLIC = fileURLToPath(new URL('../../public/', import.meta.url));

/** Every lesson of public/lessons/, parsed as the app and vmq check read them. */
function publicLessons(): Lesson[] {
  const dir = `${PUBLIC}lessons/`;
  if (!existsSync(dir)) return [];
  return lessonIdsIn(readdirSync(dir)).map((id) => {
    const parsed = lessonFromFile(readFileSync(`${dir}${id}.json`, 'utf8'), id);
    if (!parsed.ok)
      throw new Error(`public/lessons/${id}.json: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    return parsed.lesson;
  });
}

const numbered = (number: number, id: string): Lesson => fixtureLesson({ ...lessonDocument(), number, id });

describe('public/lesson-catalog.json', () => {
  it('lists the lessons of public/lessons/ (regenerate: npm run -s vmq -- lessons --json > public/lesson-catalog.json)', () => {
    const committed: unknown = JSON.parse(readFileSync(`${PUBLIC}lesson-catalog.json`, 'utf8'));
    expect(committed).toEqual(lessonCatalog(publicLessons()));
  });
});

describe('lessonCatalog', () => {
  it("lists each lesson's id, number, title, minutes and goal, in number order", () => {
    const lesson = fixtureLesson();
    expect(lessonCatalog([numbered(3, 'third'), lesson, numbered(2, 'second')])).toEqual({
      format: 'vmq-lesson-catalog',
      version: 1,
      lessons: [
        { id: lesson.id, number: 1, title: lesson.title, minutes: lesson.minutes, goal: lesson.goal },
        expect.objectContaining({ id: 'second', number: 2 }),
        expect.objectContaining({ id: 'third', number: 3 }),
      ],
    });
  });

  it('refuses two lessons with one number, or one id, saying which', () => {
    expect(lessonCatalog([numbered(2, 'a'), numbered(2, 'b')])).toEqual({
      error: 'lessons "a" and "b" both have number 2; numbers are unique',
    });
    expect(lessonCatalog([numbered(1, 'a'), numbered(2, 'a')])).toEqual({ error: 'two lessons have the id "a"' });
  });

  it('reads back as the catalogue it wrote, and refuses anything else with a readable error', () => {
    const catalog = lessonCatalog([fixtureLesson()]) as LessonCatalog;
    expect(readLessonCatalog(JSON.parse(JSON.stringify(catalog)))).toEqual({ entries: catalog.lessons });
    expect(readLessonCatalog([])).toEqual({
      error: 'expected { "format": "vmq-lesson-catalog", "version": 1, "lessons": [...] }',
    });
    expect(
      readLessonCatalog({ ...catalog, lessons: [{ id: '../x', number: 1, title: '', minutes: 1, goal: '' }] }),
    ).toEqual({
      error: 'lessons[0] is not { id, number, title, minutes, goal }',
    });
  });
});

describe('lesson files', () => {
  it('a lesson directory holds the lessons at its top: <id>.json', () => {
    expect(lessonIdsIn(['b.json', 'a-1.json', 'scenarios', 'notes.md', 'x.y.json', '.json'])).toEqual(['a-1', 'b']);
  });

  it("a lesson's id is its file name", () => {
    expect(lessonFromFile(fixtureText(`${FIXTURE_LESSON_ID}.json`), FIXTURE_LESSON_ID)).toMatchObject({ ok: true });
    expect(lessonFromFile(fixtureText(`${FIXTURE_LESSON_ID}.json`), 'vm1-queues')).toEqual({
      ok: false,
      errors: [
        { path: 'id', message: 'the lesson\'s id is "vm1-queue" but its file is vm1-queues.json; they must be equal' },
      ],
    });
  });
});
