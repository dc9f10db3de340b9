/**
 * public/lesson.schema.json, generated from the zod schema so editors validate lessons as vmq reads them.
 * Regenerate with `npm run -s vmq -- schema --lesson > public/lesson.schema.json`; a unit test fails while the
 * committed file is stale.
 */
import { z } from 'zod/mini';
import { LESSON_VERSION, lessonSchema } from './schema.ts';

const LESSON_SCHEMA_ID = `https://vmq-playground.invalid/lesson.schema.v${LESSON_VERSION}.json`;

/** The input shape: a check's expect as a scenario file writes it (durations may be strings). */
export function lessonJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(lessonSchema, { io: 'input' });
  return { ...generated, $id: LESSON_SCHEMA_ID, title: 'VMQ Playground lesson' };
}
