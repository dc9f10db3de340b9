/** parseLesson: JSON text or a parsed value in, a validated Lesson or every problem with its path out. */
import { formatDocument, schemaErrors } from '../scenario/document.ts';
import { humanIssue, shown, type ScenarioError } from '../scenario/errors.ts';
import { checkLesson } from './check.ts';
import { LESSON_FORMAT, LESSON_VERSION, lessonSchema, type Lesson } from './schema.ts';

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: ScenarioError[] };

const HEADER_HINT = `a lesson file starts with "format": "${LESSON_FORMAT}", "version": ${LESSON_VERSION}`;

/** A string is JSON text; anything else is taken as the already-parsed document. */
export function parseLesson(input: unknown): LessonParseResult {
  const read = formatDocument(input, LESSON_FORMAT, HEADER_HINT);
  if ('errors' in read) return failed(read.errors);
  const { document } = read;
  if (document.version !== LESSON_VERSION) {
    return failed([
      {
        path: 'version',
        message: `this vmq reads lesson format version ${LESSON_VERSION}, got ${shown(document.version)}`,
      },
    ]);
  }
  const parsed = lessonSchema.safeParse(document, { error: humanIssue });
  if (!parsed.success) {
    return failed(schemaErrors(parsed.error.issues));
  }
  const errors = checkLesson(parsed.data);
  return errors.length > 0 ? failed(errors) : { ok: true, lesson: parsed.data };
}

const failed = (errors: ScenarioError[]): LessonParseResult => ({ ok: false, errors });
