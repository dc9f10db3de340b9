/** parseLesson: JSON text or a parsed value in, a validated Lesson or every problem with its path out. */
import { flattenIssues, formatPath, humanIssue, shown, type ScenarioError } from '../scenario/errors.ts';
import { depthProblem, parseJson } from '../scenario/json-syntax.ts';
import { isRecord } from '../scenario/refs.ts';
import { checkLesson } from './check.ts';
import { LESSON_FORMAT, LESSON_VERSION, lessonSchema, type Lesson } from './schema.ts';

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; errors: ScenarioError[] };

const HEADER_HINT = `a lesson file starts with "format": "${LESSON_FORMAT}", "version": ${LESSON_VERSION}`;

/** A string is JSON text; anything else is taken as the already-parsed document. */
export function parseLesson(input: unknown): LessonParseResult {
  let document = input;
  if (typeof input === 'string') {
    const json = parseJson(input);
    if ('error' in json) return failed([json.error]);
    document = json.value;
  } else {
    const tooDeep = depthProblem(input);
    if (tooDeep !== undefined) return failed([{ path: '', message: tooDeep }]);
  }
  if (!isRecord(document)) return failed([{ path: '', message: `expected a JSON object; ${HEADER_HINT}` }]);
  if (document.format !== LESSON_FORMAT) {
    const got = document.format === undefined ? 'it is missing' : `got ${shown(document.format)}`;
    return failed([{ path: 'format', message: `expected "${LESSON_FORMAT}", ${got}; ${HEADER_HINT}` }]);
  }
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
    return failed(flattenIssues(parsed.error.issues).map(({ path, message }) => ({ path: formatPath(path), message })));
  }
  const errors = checkLesson(parsed.data);
  return errors.length > 0 ? failed(errors) : { ok: true, lesson: parsed.data };
}

const failed = (errors: ScenarioError[]): LessonParseResult => ({ ok: false, errors });
