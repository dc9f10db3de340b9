import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonJsonSchema } from './json-schema.ts';

describe('public/lesson.schema.json', () => {
  it('is what the zod schema generates (regenerate: npm run -s vmq -- schema --lesson > public/lesson.schema.json)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../public/lesson.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(lessonJsonSchema());
  });
});
