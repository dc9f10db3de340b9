/**
 * Matching an expected value against an actual one: the core of the check language (docs/scenario-format.md,
 * "Matchers"). An expected value is a plain value (equal, with NDIS names, MACs and references understood), a
 * partial object, an array (element by element), or a matcher: an object whose keys are lower-case matcher words.
 * NDIS structure members are PascalCase, so a matcher is never mistaken for a structure.
 */
import { canonicalMac, isMac } from './mac.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { isRecord, parseRef, resolveRef, type RefScope } from './refs.ts';

/** One judged property: what held, or what did not. */
export interface Check {
  ok: boolean;
  text: string;
}

export const MATCHER_WORDS = [
  'oneOf',
  'not',
  'gt',
  'gte',
  'lt',
  'lte',
  'failure',
  'set',
  'contains',
  'length',
  'every',
  'flagsSet',
  'flagsClear',
  'absent',
] as const;
export type MatcherWord = (typeof MATCHER_WORDS)[number];
export type Matcher = { [W in MatcherWord]?: unknown };

const WORDS: ReadonlySet<string> = new Set(MATCHER_WORDS);

/** An object made of matcher words only. */
export const isMatcher = (value: unknown): value is Matcher =>
  isRecord(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => WORDS.has(key));

export const show = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(show).join(', ')}]`
    : typeof value === 'string'
      ? value
      : value === undefined
        ? 'nothing'
        : JSON.stringify(value);

/**
 * Mismatches between an expected value and the actual one, each prefixed with `path`; [] when it matches.
 * Objects match when every expected key matches (others are ignored); a plain array matches element by element
 * with equal length; an array of NDIS flag names also matches the number they OR to.
 */
export function match(expected: unknown, actual: unknown, path: string, scope: RefScope): string[] {
  if (isMatcher(expected)) return matchMatcher(expected, actual, path, scope);
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) => matchMember(key, value, actual, path, scope));
  }
  if (Array.isArray(expected)) {
    const flags = typeof actual === 'number' ? flagWord(expected) : undefined;
    if (flags !== undefined)
      return flags === actual ? [] : [`${path}: expected ${show(expected)} (${flags}), got ${actual}`];
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((value, i) => match(value, actual[i], `${path}[${i}]`, scope));
  }
  return scalarMatches(expected, actual, scope)
    ? []
    : [`${path}: expected ${expectedText(expected, scope)}, got ${show(actual)}`];
}

/** Whether `actual` matches `expected`. */
export const matches = (expected: unknown, actual: unknown, scope: RefScope): boolean =>
  match(expected, actual, '', scope).length === 0;

function matchMember(key: string, expected: unknown, actual: Record<string, unknown>, path: string, scope: RefScope) {
  const at = `${path}.${key}`;
  const present = key in actual && actual[key] !== undefined;
  if (isMatcher(expected) && expected.absent !== undefined) {
    const wantAbsent = expected.absent === true;
    if (wantAbsent === !present) return [];
    return [wantAbsent ? `${at}: expected absent, got ${show(actual[key])}` : `${at}: missing`];
  }
  return present ? match(expected, actual[key], at, scope) : [`${at}: missing`];
}

function matchMatcher(m: Matcher, actual: unknown, path: string, scope: RefScope): string[] {
  const wrong = () => [`${path}: expected ${expectedText(m, scope)}, got ${show(actual)}`];
  if (m.oneOf !== undefined && !(m.oneOf as unknown[]).some((option) => matches(option, actual, scope))) return wrong();
  if (m.not !== undefined && matches(m.not, actual, scope)) return wrong();
  for (const word of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (m[word] === undefined) continue;
    const bound = resolved(m[word], scope);
    if (typeof actual !== 'number' || typeof bound !== 'number' || !COMPARE[word](actual, bound)) return wrong();
  }
  if (m.failure !== undefined && isFailure(actual) !== m.failure) return wrong();
  if (m.flagsSet !== undefined || m.flagsClear !== undefined) {
    if (typeof actual !== 'number') return wrong();
    const set = flagWord((m.flagsSet as unknown[] | undefined) ?? []) ?? 0;
    const clear = flagWord((m.flagsClear as unknown[] | undefined) ?? []) ?? 0;
    if ((actual & set) >>> 0 !== set || (actual & clear) !== 0) return wrong();
  }
  if (m.set !== undefined || m.contains !== undefined || m.length !== undefined || m.every !== undefined) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (m.length !== undefined) {
      const problems = match(m.length, actual.length, `${path} length`, scope);
      if (problems.length > 0) return problems;
    }
    if (m.set !== undefined) {
      const wanted = m.set as unknown[];
      if (wanted.length !== actual.length || !pairUp(wanted, actual, scope)) return wrong();
    }
    if (m.contains !== undefined && !pairUp(m.contains as unknown[], actual, scope)) return wrong();
    if (m.every !== undefined) {
      const index = actual.findIndex((element) => !matches(m.every, element, scope));
      if (index >= 0) return match(m.every, actual[index], `${path}[${index}]`, scope);
    }
  }
  return [];
}

const COMPARE = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
};
const SYMBOL = { gt: '>', gte: '≥', lt: '<', lte: '≤' };

/** Each expected element matched by a distinct actual element (a small backtracking search). */
function pairUp(wanted: unknown[], actual: unknown[], scope: RefScope): boolean {
  const used = new Array<boolean>(actual.length).fill(false);
  const place = (i: number): boolean => {
    if (i === wanted.length) return true;
    for (let j = 0; j < actual.length; j++) {
      if (used[j] || !matches(wanted[i], actual[j], scope)) continue;
      used[j] = true;
      if (place(i + 1)) return true;
      used[j] = false;
    }
    return false;
  };
  return place(0);
}

/** NT_ERROR: an NDIS status whose severity bits are both set (0xC…), given as a name or a number. */
function isFailure(status: unknown): boolean {
  const value = typeof status === 'string' ? numberOf(status) : status;
  return typeof value === 'number' && value >>> 30 === 3;
}

function numberOf(name: string): number | undefined {
  if (!looksLikeNdisName(name)) return undefined;
  const named = ndisValue(name);
  return 'value' in named ? named.value : undefined;
}

/** The OR of an array of NDIS names or numbers, or undefined when it is not one. */
export function flagWord(flags: unknown[]): number | undefined {
  let word = 0;
  for (const flag of flags) {
    const value = typeof flag === 'number' ? flag : typeof flag === 'string' ? numberOf(flag) : undefined;
    if (value === undefined) return undefined;
    word = (word | value) >>> 0;
  }
  return word;
}

const resolved = (value: unknown, scope: RefScope): unknown => {
  if (typeof value !== 'string') return value;
  const ref = parseRef(value);
  return ref !== null && 'ref' in ref ? resolveRef(ref.ref, value, scope) : value;
};

/** What an expected value asks for, in words: "≥ 1", "one of A, B", "not 2". */
export function expectedText(expected: unknown, scope: RefScope): string {
  if (!isMatcher(expected)) {
    const value = resolved(expected, scope);
    return value === expected ? show(expected) : `${show(value)} (${show(expected)})`;
  }
  const parts: string[] = [];
  const m = expected;
  if (m.oneOf !== undefined)
    parts.push(`one of ${(m.oneOf as unknown[]).map((v) => expectedText(v, scope)).join(', ')}`);
  if (m.not !== undefined) parts.push(`not ${expectedText(m.not, scope)}`);
  for (const word of ['gt', 'gte', 'lt', 'lte'] as const)
    if (m[word] !== undefined) parts.push(`${SYMBOL[word]} ${expectedText(m[word], scope)}`);
  if (m.failure !== undefined) parts.push(m.failure === true ? 'a failure status' : 'a status that is not a failure');
  if (m.flagsSet !== undefined) parts.push(`${show(m.flagsSet)} set`);
  if (m.flagsClear !== undefined) parts.push(`${show(m.flagsClear)} clear`);
  if (m.set !== undefined) parts.push(`the elements ${show(m.set)} in any order`);
  if (m.contains !== undefined) parts.push(`an array containing ${show(m.contains)}`);
  if (m.length !== undefined) parts.push(`length ${expectedText(m.length, scope)}`);
  if (m.every !== undefined) parts.push(`every element ${expectedText(m.every, scope)}`);
  if (m.absent !== undefined) parts.push(m.absent === true ? 'absent' : 'present');
  return parts.join(' and ');
}

function scalarMatches(expected: unknown, actual: unknown, scope: RefScope): boolean {
  // An NDIS name equals its number, whichever side is the name.
  if (typeof expected === 'number' && typeof actual === 'string') return numberOf(actual) === expected;
  if (typeof expected !== 'string') return expected === actual;
  const ref = parseRef(expected);
  if (ref !== null && 'ref' in ref) return matches(resolveRef(ref.ref, expected, scope), actual, scope);
  if (looksLikeNdisName(expected))
    return actual === expected || (actual !== undefined && actual === numberOf(expected));
  if (typeof actual === 'string' && isMac(expected) && isMac(actual))
    return canonicalMac(expected) === canonicalMac(actual);
  return expected === actual;
}
