/**
 * Validating expected values of the check language when a file loads, so a misspelt matcher word, a misspelt
 * name or a word on the wrong kind of value (`contains` on a CPU number, `gte` on a state) is an error with a path,
 * not a check that silently never holds, or holds for nothing under `not` or `count: 0`.
 */
import { z } from 'zod/mini';
import { shown } from './errors.ts';
import { MATCHER_WORDS, isMatcher } from './match.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { quoted } from './quote.ts';
import { isRecord, parseRef } from './refs.ts';
import { suggest, unknownName } from './suggest.ts';

export interface Issue {
  path: PropertyKey[];
  message: string;
}

/** What a plain value at this position must be: undefined when it is fine, else why not. */
export type PlainCheck = (value: unknown) => string | undefined;

/**
 * The kind of value a position holds, which decides the matcher words it takes. `any` is an NDIS structure member
 * (outputs, payloads), which may be a number, a name, an array or a nested structure.
 */
export type Shape = 'number' | 'text' | 'boolean' | 'array' | 'object' | 'any';

export interface Slot {
  shape: Shape;
  plain: PlainCheck;
  /** A status: `failure` applies. */
  status?: boolean;
  /** Flag names `flagsSet`/`flagsClear` take start with this. */
  flagPrefix?: string;
  /** What an array's elements hold. */
  element?: Slot;
  /** The members an object may name (our own fact objects); without it, NDIS members (PascalCase) of any name. */
  members?: Readonly<Record<string, Slot>>;
}

const WORDS_BY_SHAPE: Record<Shape, readonly string[]> = {
  number: ['gt', 'gte', 'lt', 'lte', 'flagsSet', 'flagsClear'],
  text: [],
  boolean: [],
  array: ['set', 'contains', 'length', 'every'],
  object: [],
  any: MATCHER_WORDS,
};
const EVERYWHERE = ['oneOf', 'not', 'absent'];
const SHAPE_NOUN: Record<Shape, string> = {
  number: 'a number',
  text: 'a name',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
  any: 'a value',
};
const WORD_IS_FOR: Record<string, string> = {
  gt: 'numbers',
  gte: 'numbers',
  lt: 'numbers',
  lte: 'numbers',
  flagsSet: 'flag words',
  flagsClear: 'flag words',
  set: 'arrays',
  contains: 'arrays',
  length: 'arrays',
  every: 'arrays',
  failure: 'statuses',
};

const wordFits = (word: string, slot: Slot): boolean =>
  EVERYWHERE.includes(word) ||
  WORDS_BY_SHAPE[slot.shape].includes(word) ||
  (word === 'failure' && (slot.status === true || slot.shape === 'any'));

export const anyValue: PlainCheck = () => undefined;

export const countValue: PlainCheck = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? undefined
    : `expected a count (an integer ≥ 0) or a matcher, got ${shown(value)}`;

export const booleanValue: PlainCheck = (value) =>
  typeof value === 'boolean' ? undefined : `expected true or false, got ${shown(value)}`;

const article = (noun: string) => (/^[aeiou]|^NDIS/i.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * One of `names`, with a "did you mean". NDIS names (statuses, operational states) may also be given as their
 * number, as an NDIS name equals its number.
 */
export const nameValue =
  (noun: string, names: readonly string[]): PlainCheck =>
  (value) => {
    if (typeof value === 'string') return names.includes(value) ? undefined : unknownName(noun, value, names);
    if (typeof value === 'number' && names.some((name) => numberOfName(name) === value)) return undefined;
    return `expected ${article(noun)} or a matcher, got ${shown(value)}`;
  };

function numberOfName(name: string): number | undefined {
  if (!looksLikeNdisName(name)) return undefined;
  const named = ndisValue(name);
  return 'value' in named ? named.value : undefined;
}

export const slot = (shape: Shape, plain: PlainCheck, more: Omit<Slot, 'shape' | 'plain'> = {}): Slot => ({
  shape,
  plain,
  ...more,
});
export const ANY: Slot = slot('any', anyValue);
export const COUNT: Slot = slot('number', countValue);

const isReference = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  const ref = parseRef(value);
  return ref !== null && 'ref' in ref;
};

const isWordLike = (key: string) => /^[a-z]/.test(key);

/** Problems with an expected value at a position holding `at`. A reference is fine wherever a plain value is. */
export function matchIssues(value: unknown, at: Slot, path: PropertyKey[] = []): Issue[] {
  if (isMatcher(value)) return matcherIssues(value, at, path);
  if (isRecord(value)) return objectIssues(value, at, path);
  if (Array.isArray(value) && (at.shape === 'array' || at.shape === 'any'))
    return value.flatMap((element, i) => matchIssues(element, at.element ?? ANY, [...path, i]));
  if (isReference(value)) return [];
  const problem = at.plain(value);
  return problem === undefined ? [] : [{ path, message: problem }];
}

/** A partial object, or a matcher whose words are misspelt. */
function objectIssues(value: Record<string, unknown>, at: Slot, path: PropertyKey[]): Issue[] {
  const keys = Object.keys(value);
  const misspelt = keys.filter((key) => !(MATCHER_WORDS as readonly string[]).includes(key));
  const words = keys.filter((key) => !misspelt.includes(key));
  const wordIssues = (candidates: string[]) =>
    candidates.map((key) => ({ path: [...path, key], message: unknownName('matcher word', key, MATCHER_WORDS) }));
  if (words.length > 0) {
    // "gte" beside "gtt": the second is a misspelt word, not a member.
    const typos = misspelt.filter((key) => suggest(key, MATCHER_WORDS) !== undefined);
    if (typos.length > 0) return wordIssues(typos);
    return [
      {
        path,
        message: `a matcher has only matcher words; ${words.map(quoted).join(', ')} cannot be mixed with ${misspelt.map(quoted).join(', ')}`,
      },
    ];
  }
  if (keys.length === 0) return [{ path, message: 'an empty object matches nothing; give a value or a matcher' }];
  if (at.members !== undefined) {
    const known = Object.keys(at.members);
    return keys.flatMap((key) => {
      const member = at.members?.[key];
      return member === undefined
        ? [{ path: [...path, key], message: unknownName('key', key, known) }]
        : matchIssues(value[key], member, [...path, key]);
    });
  }
  if (at.shape === 'object' || at.shape === 'any') {
    // NDIS members are PascalCase: a lower-case key here is a matcher word, misspelt.
    const lower = keys.filter(isWordLike);
    if (lower.length > 0) return wordIssues(lower);
    return keys.flatMap((key) => matchIssues(value[key], ANY, [...path, key]));
  }
  return wordIssues(keys);
}

function matcherIssues(m: Record<string, unknown>, at: Slot, path: PropertyKey[]): Issue[] {
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
    if (!wordFits(word, at)) {
      fail(word, `${quoted(word)} is for ${WORD_IS_FOR[word] ?? 'other values'}, and this is ${SHAPE_NOUN[at.shape]}`);
      continue;
    }
    switch (word) {
      case 'oneOf':
        for (const [i, option] of (arrayOf(word, 1) ?? []).entries())
          issues.push(...matchIssues(option, at, [...path, word, i]));
        break;
      case 'not':
        issues.push(...matchIssues(value, at, [...path, word]));
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
          const problem = flagProblem(flag, at.flagPrefix);
          if (problem !== undefined) issues.push({ path: [...path, word, i], message: problem });
        }
        break;
      case 'set':
      case 'contains':
        for (const [i, element] of (arrayOf(word, 0) ?? []).entries())
          issues.push(...matchIssues(element, at.element ?? ANY, [...path, word, i]));
        break;
      case 'length':
        issues.push(...matchIssues(value, COUNT, [...path, word]));
        break;
      case 'every':
        issues.push(...matchIssues(value, at.element ?? ANY, [...path, word]));
        break;
    }
  }
  if ('absent' in m && Object.keys(m).length > 1)
    issues.push({ path, message: '"absent" stands alone in its matcher' });
  return issues;
}

function flagProblem(flag: unknown, prefix: string | undefined): string | undefined {
  if (typeof flag === 'number')
    return Number.isInteger(flag) && flag > 0 ? undefined : `${shown(flag)} is not a flag bit`;
  if (typeof flag !== 'string' || !looksLikeNdisName(flag))
    return `expected an NDIS flag name or a bit value, got ${shown(flag)}`;
  const named = ndisValue(flag);
  if ('error' in named) return named.error;
  return prefix === undefined || flag.startsWith(prefix)
    ? undefined
    : `${flag} is not one of the ${prefix}* flags this word holds`;
}

/** A zod value checked by matchIssues; its type is what the evaluator reads (match.ts takes unknown). */
export const matchSchema = (at: Slot) =>
  z.unknown().check(
    z.superRefine((value, ctx) => {
      for (const { path, message } of matchIssues(value, at))
        ctx.addIssue({ code: 'custom', path, message, input: value });
    }),
  );
