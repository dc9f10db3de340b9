/**
 * "Did you mean …?" for names typed into scenario files: OIDs, statuses, enum members, flags, keys.
 * NDIS names are long and differ in one word (ALLOC vs ALLOCATE), so both edit distance and
 * "the input is the distinctive tail of a name" count as near misses.
 *
 * The search is bounded (limits.ts): edit distance costs input length × candidate length, so a megabyte-long
 * "name" is not compared at all (it is no typo), and only the first MAX_SUGGEST_CANDIDATES candidates count.
 */
import { MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_INPUT } from './limits.ts';
import { quoted } from './quote.ts';

/** The closest of `candidates` to `input`, or undefined when none is close enough to be a plausible typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > MAX_SUGGEST_INPUT) return undefined;
  const wanted = input.toLowerCase();
  const searched = candidates.slice(0, MAX_SUGGEST_CANDIDATES);
  const tolerance = Math.max(1, Math.floor(input.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of searched) {
    // The distance is at least the difference in length, so far longer or shorter names cannot win.
    if (Math.abs(candidate.length - input.length) > tolerance) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  if (best !== undefined && bestDistance <= tolerance) return best;
  // "ALLOCATE_QUEUE" for "OID_RECEIVE_FILTER_ALLOCATE_QUEUE": accept a unique name that ends with the input.
  const tails = searched.filter((c) => wanted.length >= 4 && c.toLowerCase().endsWith(wanted));
  return tails.length === 1 ? tails[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      current.push(d);
    }
    [beforePrevious, previous] = [previous, current];
  }
  return previous[b.length]!;
}

/** `unknown OID "X" — did you mean Y?`, or the list of choices when it is short. */
export function unknownName(noun: string, input: string, candidates: readonly string[]): string {
  const close = suggest(input, candidates);
  if (close !== undefined) return `unknown ${noun} ${quoted(input)} — did you mean ${close}?`;
  if (candidates.length <= 8) return `unknown ${noun} ${quoted(input)}; expected one of ${candidates.join(', ')}`;
  return `unknown ${noun} ${quoted(input)}`;
}
