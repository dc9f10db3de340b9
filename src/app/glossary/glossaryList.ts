/** The glossary as a list: every term in alphabetical order, and the search over it. */
import { TERMS, type GlossaryTerm, type TermId } from './terms.ts';

export interface ListedTerm extends GlossaryTerm {
  id: TermId;
}

/** Every term by name, case ignored: "NDIS_STATUS_PENDING" sits among the Ns, "backfill" among the Bs. */
export const GLOSSARY: readonly ListedTerm[] = (Object.entries(TERMS) as [TermId, GlossaryTerm][])
  .map(([id, term]) => ({ id, ...term }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));

const fold = (text: string): string => text.toLowerCase();

/**
 * The terms containing every word of `query` (case ignored), best first: called exactly that; with each word as a
 * whole word of a name; with the words inside a name; with them only in the definition. "dma" finds the Stop DMA
 * state, then the DmaStopped indication, then the terms that mention DMA. Each group stays in alphabetical order.
 */
export function searchGlossary(query: string, terms: readonly ListedTerm[] = GLOSSARY): readonly ListedTerm[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return terms;
  const whole = words.join(' ');
  const groups: ListedTerm[][] = [[], [], [], []];
  for (const term of terms) {
    const names = [term.name, ...term.aka].map(fold);
    const named = names.join(' ');
    if (!words.every((word) => named.includes(word) || fold(term.definition).includes(word))) continue;
    const nameWords = new Set(named.split(/\W+/));
    const rank = names.includes(whole)
      ? 0
      : words.every((word) => nameWords.has(word))
        ? 1
        : words.every((word) => named.includes(word))
          ? 2
          : 3;
    groups[rank]?.push(term);
  }
  return groups.flat();
}
