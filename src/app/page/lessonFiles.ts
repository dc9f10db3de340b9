/**
 * The lessons shipped under public/lessons/, as the page reads them: the catalogue, a lesson file parsed and checked
 * (lesson/load.ts), and the scenarios a lesson names. A chunk of its own, loaded when the lessons are first opened:
 * the lesson parser and its schema library stay out of the first view (bench P4).
 */
import { fetchLessonCatalog, fetchLessonFile, fetchLessonText } from '../../lesson/fetch.ts';
import type { LessonCatalogEntry } from '../../lesson/catalog.ts';
import { lessonFromFile } from '../../lesson/load.ts';
import type { Lesson } from '../../lesson/schema.ts';
import type { ScenarioError } from '../../scenario/errors.ts';

export interface LessonFiles {
  catalog(): Promise<LessonCatalogEntry[]>;
  /** Lesson `id`, or what is wrong with its file. A missing file throws. */
  lesson(id: string): Promise<{ lesson: Lesson } | { errors: ScenarioError[] }>;
  /** The text of a file the lesson names (its scenario, solution or a wrong attempt), relative to lessons/. */
  scenario(path: string): Promise<string>;
}

/** The lesson files below `base` (the site's base URL). */
export function lessonFiles(base: URL): LessonFiles {
  return {
    catalog: () => fetchLessonCatalog(base),
    lesson: async (id) => {
      const parsed = lessonFromFile(await fetchLessonText(id, base), id);
      return parsed.ok ? { lesson: parsed.lesson } : { errors: parsed.errors };
    },
    scenario: (path) => fetchLessonFile(path, base),
  };
}
