/** Built-in scenarios read from public/scenarios for host, client and view tests (Node only). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { runScenario, type ScenarioRun } from '../scenario/session.ts';

export const DEFAULT_SCENARIO_FILE = 'vmq-in-a-minute.json';

export function scenarioText(file = DEFAULT_SCENARIO_FILE): string {
  return readFileSync(fileURLToPath(new URL(`../../public/scenarios/${file}`, import.meta.url)), 'utf8');
}

/** A built-in scenario run to the end with per-frame events, for tests of what views derive from a trace. */
export function runBuiltIn(file = DEFAULT_SCENARIO_FILE): ScenarioRun & { scenario: Scenario } {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.errors.map((e) => e.message).join('; ')}`);
  return { scenario: parsed.scenario, ...runScenario(parsed.scenario, { traceFrames: true }) };
}
