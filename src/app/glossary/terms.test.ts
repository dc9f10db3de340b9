import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedRuns, isRule } from '../reference/citations.ts';
import { LEARN_PAGES } from '../reference/learnPages.ts';
import { readReference } from '../reference/referenceDoc.ts';
import { GLOSSARY, searchGlossary } from './glossaryList.ts';
import { TERMS } from './terms.ts';

const markdown = readFileSync(join(import.meta.dirname, '../../../docs/ndis-reference.md'), 'utf8');
const doc = readReference(markdown);
const terms = GLOSSARY;

/** Sentence ends: a stop, question or exclamation mark before a space or the end ("NDIS 6.20" is none). */
const sentences = (text: string): number => text.match(/[.?!](?=\s|$)/g)?.length ?? 0;

describe('the glossary’s terms', () => {
  it('each explain a section the reference has', () => {
    for (const { id, section } of terms) {
      expect(isRule(section), id).toBe(false);
      expect(doc.titles.has(section), `${id}: §${section}`).toBe(true);
    }
  });

  it('each say what they are in one to three sentences, under a name of their own', () => {
    expect(terms.length).toBeGreaterThanOrEqual(40);
    for (const { id, name, definition } of terms) {
      expect(name.trim(), id).not.toBe('');
      expect(sentences(definition), `${id}: ${definition}`).toBeGreaterThanOrEqual(1);
      expect(sentences(definition), `${id}: ${definition}`).toBeLessThanOrEqual(3);
    }
    const names = terms.map((term) => term.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('write every NDIS identifier and cite every section exactly as the reference does', () => {
    for (const { id, definition } of terms) {
      const identifiers = definition.split('`').filter((_, i) => i % 2 === 1);
      for (const identifier of identifiers) expect(markdown, `${id}: ${identifier}`).toContain(identifier);
      for (const run of citedRuns(definition))
        if (run.kind === 'cite') expect(doc.titles.has(run.target), `${id}: ${run.text}`).toBe(true);
    }
  });

  it('link only Microsoft pages the reference viewer offers', () => {
    const offered = new Set(Object.values(LEARN_PAGES).flat());
    const linked = terms.filter((term) => term.learn !== undefined);
    expect(linked.length).toBeGreaterThan(30);
    for (const { id, learn } of linked) expect(offered.has(learn!), id).toBe(true);
  });
});

describe('the glossary list', () => {
  it('lists every term once, alphabetically with case ignored', () => {
    expect(GLOSSARY.map((term) => term.id).sort()).toEqual(Object.keys(TERMS).sort());
    const names = GLOSSARY.map((term) => term.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(GLOSSARY[0]?.name).toBe('Allocated (queue state)');
  });

  it('finds a term by any of its names before the terms that only mention the words', () => {
    expect(searchGlossary('NET_BUFFER_LIST')[0]?.id).toBe('nbl');
    expect(searchGlossary('dmastopped')[0]?.id).toBe('state-stop-dma');
    expect(
      searchGlossary('DMA')
        .map((term) => term.id)
        .slice(0, 2),
    ).toEqual(['state-stop-dma', 'queue-state-indication']);
    expect(searchGlossary('  default   QUEUE ')[0]?.id).toBe('default-queue');
    expect(searchGlossary('vmswitch').map((term) => term.id)).toEqual(['vsp']);
    const lookahead = searchGlossary('lookahead').map((term) => term.id);
    expect(lookahead.slice(0, 2).sort()).toEqual(['lookahead-size', 'lookahead-split']);
    expect(lookahead).toContain('backfill');
  });

  it('keeps everything for an empty search and nothing for words no term has', () => {
    expect(searchGlossary('   ')).toBe(GLOSSARY);
    expect(searchGlossary('token ring')).toEqual([]);
  });
});
