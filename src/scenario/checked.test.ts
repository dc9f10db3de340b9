import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioText } from '../worker/testScenarios.ts';
import { checkedScenarioJson } from './checked.ts';
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';

const builtIns = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url)));

describe('checked scenarios', () => {
  it.each(builtIns)('%s survives the trip through JSON exactly, as the build ships it', (file) => {
    const parsed = parseScenario(scenarioText(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.parse(checkedScenarioJson(parsed.scenario))).toStrictEqual(parsed.scenario);
  });

  it('refuses, naming the path, any value JSON would change', () => {
    const parsed = parseScenario(scenarioText());
    if (!parsed.ok) throw new Error('the default scenario must parse');
    const base = parsed.scenario;
    const withStep = (step: unknown) => ({ ...base, steps: [...base.steps, step] }) as Scenario;
    const added = `$.steps[${base.steps.length}]`;
    expect(() => checkedScenarioJson(withStep({ advance: Number.POSITIVE_INFINITY }))).toThrow(
      `${added}.advance is Infinity`,
    );
    expect(() => checkedScenarioJson(withStep({ note: 'x', expect: undefined }))).toThrow(
      `${added}.expect is undefined`,
    );
    expect(() => checkedScenarioJson(withStep({ advance: 1n }))).toThrow(`${added}.advance is bigint`);
    expect(() => checkedScenarioJson(withStep({ note: new Date(0) }))).toThrow(
      `${added}.note is an object that is not plain`,
    );
  });
});
