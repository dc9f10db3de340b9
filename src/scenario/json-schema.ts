/**
 * public/scenario.schema.json, generated from the zod schema so editors and graders validate exactly what
 * vmq accepts. Regenerate with `npm run -s vmq -- schema > public/scenario.schema.json`; a unit test fails
 * while the committed file is stale.
 */
import { z } from 'zod/mini';
import { ACTION_KEYS, STEP_SCHEMAS, SCENARIO_VERSION, scenarioSchema, stepSchema } from './schema.ts';

const SCENARIO_SCHEMA_ID = `https://vmq-playground.invalid/scenario.schema.v${SCENARIO_VERSION}.json`;

/** The input shape (durations may be strings), with each step described as "one of the actions". */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    // A step is validated by dispatching on its action key; to JSON Schema it is one of the action shapes.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== stepSchema) return;
      jsonSchema.oneOf = ACTION_KEYS.map((key) => {
        const { $schema: _, ...action } = z.toJSONSchema(STEP_SCHEMAS[key], { io: 'input' });
        return action;
      });
    },
  });
  return { ...generated, $id: SCENARIO_SCHEMA_ID, title: 'VMQ Playground scenario' };
}
