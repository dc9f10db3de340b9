/**
 * Citations of the reference (docs/ndis-reference.md) in text the app shows: "§3.9" names a section, "R21" a rule
 * of §12. Engine messages, scenario notes and the reference itself cite this way, so the app finds the citations
 * in the text instead of each message carrying them separately.
 */

/** What a citation opens: a section number ("3.9", "12") or a rule id ("R21"). */
export type RefTarget = string;

export type CitedRun = { kind: 'text'; text: string } | { kind: 'cite'; text: string; target: RefTarget };

/** The rule ids §12 defines. */
export const RULE_COUNT = 47;

export const isRule = (target: RefTarget): boolean => target.startsWith('R');

/** The id of the element a target opens in the reference viewer: §3.9 → "ref-3.9", R21 → "ref-R21". */
export const anchorId = (target: RefTarget): string => `ref-${target}`;

/** How a target is written: "§3.9", "R21". */
export const citationText = (target: RefTarget): string => (isRule(target) ? target : `§${target}`);

// A range ("R1–R47") is a span of rules, not a citation of two. "R2" after a year is a Windows release
// ("Server 2008 R2"), not a rule.
const CITATION = /R\d+–R\d+|(?<!\d{4} )\bR(\d+)\b|§(\d+(?:\.\d+)?)/g;

export function citedRuns(text: string): CitedRun[] {
  const runs: CitedRun[] = [];
  let last = 0;
  const plain = (end: number) => {
    if (end > last) runs.push({ kind: 'text', text: text.slice(last, end) });
  };
  for (const match of text.matchAll(CITATION)) {
    const [whole, rule, section] = match;
    const target =
      section ?? (rule !== undefined && Number(rule) >= 1 && Number(rule) <= RULE_COUNT ? `R${rule}` : undefined);
    if (target === undefined) continue;
    plain(match.index);
    runs.push({ kind: 'cite', text: whole, target });
    last = match.index + whole.length;
  }
  plain(text.length);
  return runs;
}
