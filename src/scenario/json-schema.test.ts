import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.ts';

describe('public/scenario.schema.json', () => {
  it('is what the zod schema generates (regenerate: npm run -s vmq -- schema > public/scenario.schema.json)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../../public/scenario.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(scenarioJsonSchema());
  });
});
