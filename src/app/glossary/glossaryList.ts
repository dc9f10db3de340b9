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
 * The terms containing every word of `query` (case ignored): first those called exactly that, then those whose names
 * hold the words, then those whose definition does. "dmastopped" finds the DmaStopped state, then the
 * DmaStopped indication, then the terms that mention it. Each group stays in alphabetical order.
 */
export function searchGlossary(query: string, terms: readonly ListedTerm[] = GLOSSARY): readonly ListedTerm[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return terms;
  const whole = words.join(' ');
  const groups: [ListedTerm[], ListedTerm[], ListedTerm[]] = [[], [], []];
  for (const term of terms) {
    const names = [term.name, ...term.aka].map(fold);
    const named = names.join(' ');
    if (!words.every((word) => named.includes(word) || fold(term.definition).includes(word))) continue;
    const group = names.includes(whole) ? 0 : words.every((word) => named.includes(word)) ? 1 : 2;
    groups[group].push(term);
  }
  return groups.flat();
}
