/**
 * public/scenario.schema.json, generated from the zod schema so editors and graders validate exactly what
 * vmq accepts. Regenerate with `npm run -s vmq -- schema > public/scenario.schema.json`; a unit test fails
 * while the committed file is stale.
 */
import { z } from 'zod/mini';
import {
  ACTION_KEYS,
  FAULT_SCHEMAS,
  faultSchema,
  SCENARIO_VERSION,
  STEP_SCHEMAS,
  scenarioSchema,
  stepSchema,
} from './schema.ts';

type Override = NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] & {};

const SCENARIO_SCHEMA_ID = `https://vmq-playground.invalid/scenario.schema.v${SCENARIO_VERSION}.json`;

/** The input shape (durations may be strings), with each step described as "one of the actions". */
export function scenarioJsonSchema(): Record<string, unknown> {
  const shapes = (schemas: readonly z.ZodMiniType[]) =>
    schemas.map((schema) => {
      const { $schema: _, ...shape } = z.toJSONSchema(schema, { io: 'input', override });
      return shape;
    });
  // A step (and a fault) is validated by dispatching on its key; to JSON Schema it is one of the shapes.
  const override: Override = ({ zodSchema, jsonSchema }) => {
    if (zodSchema === stepSchema) jsonSchema.oneOf = shapes(ACTION_KEYS.map((key) => STEP_SCHEMAS[key]));
    if (zodSchema === faultSchema)
      jsonSchema.oneOf = [{ const: 'surpriseRemoval' }, ...shapes(Object.values(FAULT_SCHEMAS))];
  };
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', override });
  return { ...generated, $id: SCENARIO_SCHEMA_ID, title: 'VMQ Playground scenario' };
}
