import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONFORMANCE_PATH,
  generate,
  REFERENCE_PATH,
  ruleTableModule,
  TABLE_PATH,
} from '../../../scripts/gen-conformance-rules.mjs';
import { CONFORMANCE_RULES, REFERENCE_SECTIONS, ruleById } from './conformanceRules.ts';

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

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

  it('is what `npm run gen:rules` writes from the reference’s §12 and docs/conformance.md', () => {
    expect(read(TABLE_PATH), 'run `npm run gen:rules` after editing either document').toBe(generate(root));
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

describe('the rule table generator', () => {
  const reference = read(REFERENCE_PATH);
  const conformance = read(CONFORMANCE_PATH);

  it('takes each rule verbatim from §12, its side from the tag, and keeps a qualified tag in the text', () => {
    expect(ruleById('R21')).toMatchObject({
      side: 'E/O',
      text: 'FREE_QUEUE while the queue still has filters (state Set or Running) → violation; reject (INVALID_PARAMETER suggested, UNVERIFIED) and leave the queue unchanged.',
      sections: ['3.9'],
    });
    expect(ruleById('R44')?.side).toBe('E');
    expect(ruleById('R44')?.text).toMatch(/^\(E, switch\) Extensions may fail only/);
  });

  it('drops the source tags from section titles', () => {
    expect(REFERENCE_SECTIONS['8.1']).toBe('Receive indication');
    expect(REFERENCE_SECTIONS['5.4']).toBe('Status indication NDIS_STATUS_RECEIVE_QUEUE_STATE (0x4002000D)');
  });

  it('follows an edit of the reference: a changed rule text changes the table', () => {
    const edited = reference.replace('21. (E/O) FREE_QUEUE while', '21. (E/O) FREE_QUEUE, said otherwise, while');
    expect(ruleTableModule(edited, conformance)).toContain("text: 'FREE_QUEUE, said otherwise, while");
  });

  it('refuses documents that disagree: a side, a cited section, a missing row', () => {
    expect(() =>
      ruleTableModule(
        reference,
        conformance.replace('| R21 FREE_QUEUE with filters set | E/O |', '| R21 FREE_QUEUE with filters set | E |'),
      ),
    ).toThrow('R21: docs/conformance.md says side E, §12 says E/O');
    expect(() => ruleTableModule(reference, conformance.replace('| E/O | §3.9 |', '| E/O | §3.99 |'))).toThrow(
      'R21: docs/conformance.md cites §3.99, not a section',
    );
    const withoutR47 = conformance
      .split('\n')
      .filter((line) => !line.startsWith('| R47 '))
      .join('\n');
    expect(() => ruleTableModule(reference, withoutR47)).toThrow('must list R1–R47 in order');
  });
});
