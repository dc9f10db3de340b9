/**
 * public/lesson-catalog.json: the course's lessons in number order, what the app lists before it loads one. No parser
 * here (the app reads the catalogue before any lesson).
 * It is derived from the lesson files (lessonCatalog); a unit test fails while the committed file disagrees with
 * them. Regenerate with `npm run -s vmq -- lessons --json > public/lesson-catalog.json`.
 */
import { LESSON_ID_PATTERN } from './files.ts';
import type { Lesson } from './schema.ts';

export const LESSON_CATALOG_FORMAT = 'vmq-lesson-catalog';
export const LESSON_CATALOG_VERSION = 1;

export interface LessonCatalogEntry {
  id: string;
  number: number;
  title: string;
  minutes: number;
  goal: string;
}

export interface LessonCatalog {
  format: typeof LESSON_CATALOG_FORMAT;
  version: typeof LESSON_CATALOG_VERSION;
  lessons: LessonCatalogEntry[];
}

/** The catalogue of `lessons`, in number order; or why there is none: two lessons share a number or an id. */
export function lessonCatalog(lessons: readonly Lesson[]): LessonCatalog | { error: string } {
  const sorted = [...lessons].sort((a, b) => a.number - b.number);
  for (const [i, lesson] of sorted.entries()) {
    const other = sorted.find((o, j) => j < i && (o.number === lesson.number || o.id === lesson.id));
    if (other !== undefined)
      return {
        error:
          other.id === lesson.id
            ? `two lessons have the id "${lesson.id}"`
            : `lessons "${other.id}" and "${lesson.id}" both have number ${lesson.number}; numbers are unique`,
      };
  }
  return {
    format: LESSON_CATALOG_FORMAT,
    version: LESSON_CATALOG_VERSION,
    lessons: sorted.map(({ id, number, title, minutes, goal }) => ({ id, number, title, minutes, goal })),
  };
}

/** The entries of a catalogue read from the network or a file; a readable error for anything else. */
export function readLessonCatalog(data: unknown): { entries: LessonCatalogEntry[] } | { error: string } {
  if (
    typeof data !== 'object' ||
    data === null ||
    !('format' in data) ||
    data.format !== LESSON_CATALOG_FORMAT ||
    !('version' in data) ||
    data.version !== LESSON_CATALOG_VERSION ||
    !('lessons' in data) ||
    !Array.isArray(data.lessons)
  )
    return {
      error: `expected { "format": "${LESSON_CATALOG_FORMAT}", "version": ${LESSON_CATALOG_VERSION}, "lessons": [...] }`,
    };
  const entries: unknown[] = data.lessons;
  const bad = entries.findIndex((entry) => !isEntry(entry));
  if (bad !== -1) return { error: `lessons[${bad}] is not { id, number, title, minutes, goal }` };
  return { entries: entries as LessonCatalogEntry[] };
}

function isEntry(value: unknown): value is LessonCatalogEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    LESSON_ID_PATTERN.test(entry.id) &&
    typeof entry.number === 'number' &&
    typeof entry.title === 'string' &&
    typeof entry.minutes === 'number' &&
    typeof entry.goal === 'string'
  );
}
