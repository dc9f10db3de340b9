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
 * change: a non-finite number (JSON writes null), -0 (JSON writes 0), an undefined property (JSON drops it, and
 * `'key' in step` would then differ), a hole or a named property in an array, a symbol key, a bigint, a function,
 * an object that is not plain, or a value that contains itself.
 */
export function checkedScenarioJson(scenario: Scenario): string {
  assertJsonExact(scenario, '$', new Set());
  return JSON.stringify(scenario);
}

const cannot = (path: string, what: string): Error => new Error(`${path} is ${what}, which JSON cannot carry exactly`);

function assertJsonExact(value: unknown, path: string, within: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0))
      throw cannot(path, Object.is(value, -0) ? '-0' : String(value));
    return;
  }
  if (typeof value !== 'object' || value === undefined) throw cannot(path, String(typeof value));
  if (within.has(value)) throw cannot(path, 'a value that contains itself');
  if (Object.getOwnPropertySymbols(value).length > 0) throw cannot(path, 'an object with a symbol key');
  const isArray = Array.isArray(value);
  if (!isArray && Object.getPrototypeOf(value) !== Object.prototype) throw cannot(path, 'an object that is not plain');
  if (isArray && Object.keys(value).length !== value.length) throw cannot(path, 'an array with holes or named keys');
  within.add(value);
  for (const [key, item] of Object.entries(value))
    assertJsonExact(item, isArray ? `${path}[${key}]` : `${path}.${key}`, within);
  within.delete(value);
}
