import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEARN_PAGES, learnPagesFor, learnUrl } from './learnPages.ts';

const reference = readFileSync(join(import.meta.dirname, '../../../docs/ndis-reference.md'), 'utf8');
const sourcesRead = reference.slice(reference.indexOf('## 15. Sources read'));

/**
 * The files §15 lists, with their folders: "ntddndis/ns-ntddndis-_a.md; …_b.md" names ntddndis/ns-ntddndis-_a.md
 * and ntddndis/ns-ntddndis-_b.md ("…" repeats the previous file's prefix, a bare name the previous folder).
 */
function filesRead(): Set<string> {
  const found = new Set<string>();
  let folder = '';
  let prefix = '';
  for (const entry of sourcesRead.split(/[;:\n]\s*/)) {
    const file = /^(?:([a-z]+)\/)?(…|n[a-z]-[a-z]+-)?([\w.-]+\.md)/.exec(entry.trim());
    if (!file) continue;
    const [, dir, start, rest] = file;
    if (dir) folder = dir;
    if (start && start !== '…') prefix = start;
    found.add(`${folder}/${start ? prefix : ''}${rest}`);
    found.add(rest as string);
  }
  return found;
}

describe('Microsoft Learn pages', () => {
  it('links only pages the reference’s §15 says were read', () => {
    const read = filesRead();
    for (const [section, pages] of Object.entries(LEARN_PAGES))
      for (const page of pages) {
        const file = page.path.startsWith('network/')
          ? page.path.slice('network/'.length)
          : page.path.slice('ddi/'.length);
        expect(read.has(`${file}.md`), `§${section}: ${page.path}`).toBe(true);
      }
  });

  it('gives each OID section its OID page, and a rule the pages of the sections that explain it', () => {
    expect(learnPagesFor('3.9').map(learnUrl)).toEqual([
      'https://learn.microsoft.com/windows-hardware/drivers/network/oid-receive-filter-free-queue',
    ]);
    expect(learnPagesFor('4.2').map(learnUrl)).toEqual([
      'https://learn.microsoft.com/windows-hardware/drivers/ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_free_parameters',
    ]);
    expect(learnPagesFor('R21').map((page) => page.name)).toEqual(['OID_RECEIVE_FILTER_FREE_QUEUE']);
    expect(learnPagesFor('12')).toEqual([]);
    expect(learnPagesFor('4.19')).toEqual([]);
  });
});
