import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_RULES, REFERENCE_SECTIONS, ruleById } from './conformanceRules.ts';

const root = join(import.meta.dirname, '../../..');

/** Every .ts file under `dir`, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('conformance rules table', () => {
  it('has R1–R47 in order, each citing sections it can name', () => {
    expect(CONFORMANCE_RULES.map((rule) => rule.id)).toEqual(Array.from({ length: 47 }, (_, i) => `R${i + 1}`));
    for (const rule of CONFORMANCE_RULES) {
      expect(rule.text.length).toBeGreaterThan(20);
      for (const section of rule.sections)
        expect(REFERENCE_SECTIONS[section], `${rule.id} cites §${section}`).toBeDefined();
    }
  });

  it("agrees with docs/conformance.md on each rule's side and how it is kept", () => {
    const table = readFileSync(join(root, 'docs/conformance.md'), 'utf8')
      .split('\n')
      .flatMap((line) => {
        const match = /^\| (R\d+) .*? \| ([EMO/]+) \| (.*) \|$/.exec(line);
        return match
          ? [{ id: match[1], side: match[2], kept: (match[3] as string).replaceAll('**', '').replaceAll('`', '') }]
          : [];
      });
    expect(table).toEqual(CONFORMANCE_RULES.map(({ id, side, kept }) => ({ id, side, kept })));
  });

  it('explains every rule the engine and its checker can report', () => {
    const reported = new Set(
      sources(join(root, 'src/engine')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'(R\d+)'/g)].map((m) => m[1] as string),
      ),
    );
    expect(reported.size).toBeGreaterThan(10);
    for (const id of reported) expect(ruleById(id), id).toBeDefined();
  });
});
