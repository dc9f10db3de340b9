/** A lesson read from its file: parsed, and its id checked against the file's name. */
import type { ScenarioError } from '../scenario/errors.ts';
import { lessonFileName } from './files.ts';
import { type LessonParseResult, parseLesson } from './parse.ts';

/**
 * The lesson in `text`, the content of lesson file `<fileId>.json`. Its id must be the file's name, so
 * `vmq check --lesson ID`, the catalogue and the app's links all find a lesson by its id.
 */
export function lessonFromFile(text: string, fileId: string): LessonParseResult {
  const parsed = parseLesson(text);
  if (!parsed.ok || parsed.lesson.id === fileId) return parsed;
  const error: ScenarioError = {
    path: 'id',
    message: `the lesson's id is "${parsed.lesson.id}" but its file is ${lessonFileName(fileId)}; they must be equal`,
  };
  return { ok: false, errors: [error] };
}
