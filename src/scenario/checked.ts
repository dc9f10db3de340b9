/**
 * Checked scenarios: a built-in file as the parser returned it, written by the build (vite.scenarios.ts) to
 * `checked-scenarios/<file>` beside the original. The page sends it with the file's text and the worker runs it as it
 * is, so showing a built-in never loads the parser and its schema library (P4, docs/decisions.md). A user's file is
 * always parsed; nothing a user gives is ever sent as checked.
 */
import type { Scenario } from './schema.ts';

/** Where the build puts the checked files, under the site's base. */
export const CHECKED_SCENARIOS_DIR = 'checked-scenarios';

/**
 * `scenario` as JSON that parses back to exactly the same value. Throws, naming the path, on anything JSON would
 * change: a non-finite number (JSON writes null), an undefined property (JSON drops it, and `'key' in step` would
 * then differ), a bigint, a function, or an object that is not plain.
 */
export function checkedScenarioJson(scenario: Scenario): string {
  assertJsonExact(scenario, '$');
  return JSON.stringify(scenario);
}

function assertJsonExact(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) assertJsonExact(item, `${path}[${index}]`);
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertJsonExact(item, `${path}.${key}`);
    return;
  }
  throw new Error(`${path} is ${value === undefined ? 'undefined' : typeof value}, which JSON cannot carry exactly`);
}
