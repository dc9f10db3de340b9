/**
 * Issue 11 §4: each fault's built-in scenario passes its expectations in the CLI, strictly (it checks something,
 * including the checker's view) and with no violation left unexpected.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../engine/index.ts';
import { parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/session.ts';
import { runCli } from './main.ts';

const DIR = new URL('../../public/scenarios/', import.meta.url);
const FAULT_SCENARIOS = readdirSync(DIR)
  .filter((f) => f.startsWith('fault-') && f.endsWith('.json'))
  .sort();

function vmqRun(file: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(['run', file, '--quiet', '--strict'], {
    readFile: (path) => readFileSync(new URL(path, DIR), 'utf8'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '9.9.9',
  });
  return { code, out, err };
}

describe('the built-in fault scenarios in the CLI', () => {
  it('inject every fault kind between them, and show the adapter pause and restart', () => {
    const injected = new Set<string>();
    for (const file of FAULT_SCENARIOS) {
      const parsed = parseScenario(readFileSync(new URL(file, DIR), 'utf8'));
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      for (const e of runScenario(parsed.scenario).events) if (e.kind === 'fault-injected') injected.add(e.fault.kind);
    }
    expect([...injected].sort()).toEqual([...FAULT_KINDS].sort());
    expect(FAULT_SCENARIOS).toContain('fault-adapter-pause.json');
  });

  it.each(FAULT_SCENARIOS)('%s passes its expectations (vmq run --strict)', (file) => {
    const { code, out, err } = vmqRun(file);
    expect(err).toEqual([]);
    expect(out.at(-1)).toMatch(new RegExp(`^PASS ${file.replace('.', '\\.')}: \\d+ expectations hold, no violations`));
    expect(code).toBe(0);
  });
});
