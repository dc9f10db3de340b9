/** Built-in scenarios read from public/scenarios for host and client tests (Node only). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SCENARIO_FILE = 'vmq-in-a-minute.json';

export function scenarioText(file = DEFAULT_SCENARIO_FILE): string {
  return readFileSync(fileURLToPath(new URL(`../../public/scenarios/${file}`, import.meta.url)), 'utf8');
}
