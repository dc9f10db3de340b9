/** The fixture lesson (__fixtures__/lessons/, laid out as public/lessons/ is) for the lesson and CLI tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { parseLesson } from './parse.ts';
import type { z } from 'zod/mini';
import type { Lesson, lessonSchema } from './schema.ts';

/** A lesson file as written (before parsing). */
export type LessonDocument = z.input<typeof lessonSchema>;

/** A lesson directory: vm1-queue.json, scenarios/, solutions/. */
export const FIXTURE_LESSONS_DIR = fileURLToPath(new URL('./__fixtures__/lessons/', import.meta.url));
export const FIXTURE_LESSON_ID = 'vm1-queue';

/** A file of the fixture directory, by its path relative to it. */
export const fixtureText = (path: string): string => readFileSync(`${FIXTURE_LESSONS_DIR}${path}`, 'utf8');

/** The fixture lesson as a JSON document, a fresh copy to change. */
export const lessonDocument = (): LessonDocument =>
  JSON.parse(fixtureText(`${FIXTURE_LESSON_ID}.json`)) as LessonDocument;

export function fixtureLesson(document: unknown = lessonDocument()): Lesson {
  const parsed = parseLesson(document);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.lesson;
}

export function fixtureScenario(path: string): Scenario {
  const parsed = parseScenario(fixtureText(path));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return parsed.scenario;
}
