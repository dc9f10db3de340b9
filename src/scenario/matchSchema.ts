/**
 * Validating expected values of the check language when a file loads, so a misspelt matcher word or a
 * comparison on a state name is an error with a path, not a check that silently never holds.
 */
import { z } from 'zod/mini';
import { shown } from './errors.ts';
import { MATCHER_WORDS, isMatcher } from './match.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { quoted } from './quote.ts';
import { isRecord, parseRef } from './refs.ts';
import { unknownName } from './suggest.ts';

export interface Issue {
  path: PropertyKey[];
  message: string;
}

/** What a plain value at this position must be: undefined when it is fine, else why not. */
export type PlainCheck = (value: unknown) => string | undefined;

/** Any value: plain values, partial objects and arrays are all fine here (buffers, facts). */
export const anyValue: PlainCheck = () => undefined;

export const countValue: PlainCheck = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? undefined
    : `expected a count (an integer ≥ 0) or a matcher, got ${shown(value)}`;

export const booleanValue: PlainCheck = (value) =>
  typeof value === 'boolean' ? undefined : `expected true or false, got ${shown(value)}`;

/** One of `names`, with a "did you mean". */
export const nameValue =
  (noun: string, names: readonly string[]): PlainCheck =>
  (value) =>
    typeof value === 'string' && names.includes(value)
      ? undefined
      : typeof value === 'string'
        ? unknownName(noun, value, names)
        : `expected a ${noun} or a matcher, got ${shown(value)}`;

const isReference = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  const ref = parseRef(value);
  return ref !== null && 'ref' in ref;
};

/**
 * Problems with an expected value. `plain` judges plain values; `structured` positions (output members, trace
 * facts) also take partial objects and plain arrays, whose members are judged as any value. A reference is
 * acceptable wherever a plain value is: what it points to is checked when it resolves.
 */
export function matchIssues(value: unknown, plain: PlainCheck, structured = false, path: PropertyKey[] = []): Issue[] {
  if (isMatcher(value)) return matcherIssues(value, plain, structured, path);
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const words = keys.filter((key) => (MATCHER_WORDS as readonly string[]).includes(key));
    if (words.length > 0)
      return [
        {
          path,
          message: `a matcher has only matcher words; ${words.map(quoted).join(', ')} cannot be mixed with ${keys
            .filter((key) => !words.includes(key))
            .map(quoted)
            .join(', ')}`,
        },
      ];
    if (!structured)
      return keys.length === 0
        ? [{ path, message: 'an empty object matches nothing; give a value or a matcher' }]
        : keys.map((key) => ({ path: [...path, key], message: unknownName('matcher word', key, MATCHER_WORDS) }));
    return keys.flatMap((key) => matchIssues(value[key], anyValue, true, [...path, key]));
  }
  if (Array.isArray(value) && structured)
    return value.flatMap((element, i) => matchIssues(element, anyValue, true, [...path, i]));
  if (isReference(value)) return [];
  const problem = plain(value);
  return problem === undefined ? [] : [{ path, message: problem }];
}

function matcherIssues(m: Record<string, unknown>, plain: PlainCheck, structured: boolean, path: PropertyKey[]) {
  const issues: Issue[] = [];
  const fail = (word: string, message: string) => issues.push({ path: [...path, word], message });
  const arrayOf = (word: string, min: number): unknown[] | undefined => {
    const value = m[word];
    if (Array.isArray(value) && value.length >= min) return value;
    fail(word, `${quoted(word)} takes an array${min > 0 ? ' with at least one element' : ''}, got ${shown(value)}`);
    return undefined;
  };
  for (const word of Object.keys(m)) {
    const value = m[word];
    switch (word) {
      case 'oneOf':
        for (const [i, option] of (arrayOf(word, 1) ?? []).entries())
          issues.push(...matchIssues(option, plain, structured, [...path, word, i]));
        break;
      case 'not':
        issues.push(...matchIssues(value, plain, structured, [...path, word]));
        break;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof value !== 'number' && !isReference(value))
          fail(word, `${quoted(word)} compares numbers: give a number or a reference, got ${shown(value)}`);
        break;
      case 'failure':
      case 'absent':
        if (typeof value !== 'boolean') fail(word, `${quoted(word)} takes true or false, got ${shown(value)}`);
        break;
      case 'flagsSet':
      case 'flagsClear':
        for (const [i, flag] of (arrayOf(word, 1) ?? []).entries()) {
          const named = typeof flag === 'string' && looksLikeNdisName(flag) ? ndisValue(flag) : undefined;
          if (named !== undefined && 'error' in named) issues.push({ path: [...path, word, i], message: named.error });
          else if (named === undefined && !(typeof flag === 'number' && Number.isInteger(flag) && flag > 0))
            issues.push({
              path: [...path, word, i],
              message: `expected an NDIS flag name or a bit value, got ${shown(flag)}`,
            });
        }
        break;
      case 'set':
      case 'contains':
        for (const [i, element] of (arrayOf(word, 0) ?? []).entries())
          issues.push(...matchIssues(element, anyValue, true, [...path, word, i]));
        break;
      case 'length':
        issues.push(...matchIssues(value, countValue, false, [...path, word]));
        break;
      case 'every':
        issues.push(...matchIssues(value, anyValue, true, [...path, word]));
        break;
    }
  }
  if ('absent' in m && Object.keys(m).length > 1)
    issues.push({ path, message: '"absent" stands alone in its matcher' });
  return issues;
}

/** A zod value checked by matchIssues; its type is what the evaluator reads (match.ts takes unknown). */
export const matchSchema = (plain: PlainCheck, structured = false) =>
  z.unknown().check(
    z.superRefine((value, ctx) => {
      for (const { path, message } of matchIssues(value, plain, structured))
        ctx.addIssue({ code: 'custom', path, message, input: value });
    }),
  );
