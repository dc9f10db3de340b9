/**
 * Golden traces: every built-in scenario, with per-frame events, rendered one event per line the way
 * the CLI prints it and compared with src/scenario/__golden__/<name>.trace. A change in behaviour
 * shows up as a readable diff; regenerating (`npx vitest -u`) is a deliberate, reviewed change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { goldenTrace } from './goldenTrace.ts';
import { parseScenario } from './parse.ts';
import { runScenario } from './session.ts';

const DIR = new URL('../../public/scenarios/', import.meta.url);
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('golden traces of the built-in scenarios', () => {
  test('there are built-in scenarios to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
  });

  test.each(files)('%s matches its golden trace and meets its expectations', async (file) => {
    const parsed = parseScenario(readFileSync(new URL(file, DIR), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const { events, report } = runScenario(parsed.scenario, { traceFrames: true });
    expect(report.expectations.filter((e) => !e.ok)).toEqual([]);
    await expect(goldenTrace(events)).toMatchFileSnapshot(`__golden__/${file.replace(/\.json$/, '.trace')}`);
  });
});
