import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedRuns } from './citations.ts';
import { readReference } from './referenceDoc.ts';

const root = join(import.meta.dirname, '../../..');
const doc = readReference(readFileSync(join(root, 'docs/ndis-reference.md'), 'utf8'));

/** Every file under `dir` whose name ends with one of `endings`. */
function files(dir: string, endings: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__golden__' ? [] : files(path, endings);
    return endings.some((ending) => entry.name.endsWith(ending)) ? [path] : [];
  });
}

describe('docs/ndis-reference.md in the viewer', () => {
  it('gives every section §0–§15 and every rule R1–R47 a place a citation opens', () => {
    const chapters = [...doc.titles.keys()].filter((target) => /^\d+$/.test(target));
    expect(chapters).toEqual(Array.from({ length: 16 }, (_, i) => String(i)));
    expect([...doc.ruleItems.values()]).toEqual(Array.from({ length: 47 }, (_, i) => `R${i + 1}`));
    expect(doc.titles.get('3.9')).toBe('OID_RECEIVE_FILTER_FREE_QUEUE (0x00010224, set)');
    expect(doc.titles.get('R21')).toBe('Rule 21 of §12');
  });

  it('has tables whose rows fit their header', () => {
    for (const block of doc.blocks)
      if (block.kind === 'table')
        for (const row of block.rows)
          expect(row.cells.length, `line ${row.line + 1}`).toBeLessThanOrEqual(block.head.length);
  });

  it('has every section and rule that code, scenarios, docs and the reference itself cite', () => {
    const sources = [
      // Tests are left out: the generator's test cites a section that does not exist, on purpose.
      ...files(join(root, 'src'), ['.ts', '.tsx']).filter((file) => !file.endsWith('.test.ts')),
      ...files(join(root, 'public/scenarios'), ['.json']),
      ...files(join(root, 'docs'), ['.md']),
    ];
    expect(sources.length).toBeGreaterThan(100);
    const broken = sources.flatMap((file) =>
      citedRuns(readFileSync(file, 'utf8')).flatMap((run) =>
        run.kind === 'cite' && !doc.titles.has(run.target) ? [`${file.slice(root.length + 1)}: ${run.text}`] : [],
      ),
    );
    expect(broken).toEqual([]);
  });
});
