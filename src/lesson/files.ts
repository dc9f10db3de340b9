/**
 * Where lessons live, by name: public/lessons/<id>.json beside its scenarios/ and solutions/, and
 * public/lesson-catalog.json beside the folder (so every top-level file in it is a lesson). No parser here, so the
 * app can list and fetch lessons without loading the schema library.
 */

/** Lesson and check ids; a lesson's id is its file name, so no character a path or URL treats specially. */
export const LESSON_ID_PATTERN = /^[A-Za-z0-9-]+$/;

/** The lesson directory and the catalogue, relative to the site's base (and to public/ in the repository). */
export const LESSONS_DIR = 'lessons';
export const LESSON_CATALOG_FILE = 'lesson-catalog.json';

/** The file of lesson `id`, relative to the lesson directory. */
export const lessonFileName = (id: string): string => `${id}.json`;

/** The lesson ids among a lesson directory's file names, sorted. */
export const lessonIdsIn = (names: readonly string[]): string[] =>
  names
    .flatMap((name) => (name.endsWith('.json') && LESSON_ID_PATTERN.test(name.slice(0, -5)) ? [name.slice(0, -5)] : []))
    .sort();
