/**
 * Zod issues turned into sentences a course participant can act on, each with a JSON path
 * ("steps[3].traffic.count"). Field-specific wording (unknown OIDs, MACs, durations) lives next to the
 * fields in schema.ts; this module words everything generic.
 */
import type { z } from 'zod/mini';
import { excerpt, quoted } from './quote.ts';

export interface ScenarioError {
  /** JSON path of the offending value, e.g. "steps[3].oid"; "" for the whole document. */
  path: string;
  message: string;
  /** Set for JSON syntax errors (1-based). */
  line?: number;
  column?: number;
}

/** A short picture of a wrong value for "got …". */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const NOUNS: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
};
const noun = (expected: string): string => NOUNS[expected] ?? expected;

/** The per-parse error map for everything a field did not word itself. */
export const humanIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'missing (required)'
        : `expected ${noun(issue.expected)}, got ${shown(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}, got ${shown(issue.input)}`;
    case 'too_big':
      // A long text is described, not quoted: the point is its length.
      if (issue.origin === 'string' && typeof issue.input === 'string')
        return `is ${issue.input.length} characters; at most ${issue.maximum} are allowed`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}, got ${shown(issue.input)}`;
    case 'invalid_value':
      return `expected ${choices(issue.values)}, got ${shown(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(quoted).join(', ')}`;
    case 'invalid_union':
      return `expected ${unionChoices(issue.errors)}, got ${shown(issue.input)}`;
    default:
      return undefined;
  }
};

/** `"a" or "b"`, or a few of them when the list is long (an enum of every OID would bury the message). */
function choices(values: readonly unknown[]): string {
  const listed = values.map((v) => JSON.stringify(v));
  return listed.length <= 4
    ? listed.join(' or ')
    : `one of ${listed.length} values such as ${listed.slice(0, 3).join(', ')}`;
}

/** "an integer or a string" from the branches' type mismatches. */
function unionChoices(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const expected = branches.flatMap((branch) =>
    branch.flatMap((issue) => (issue.code === 'invalid_type' && issue.path.length === 0 ? [noun(issue.expected)] : [])),
  );
  return [...new Set(expected)].join(' or ') || 'another value';
}

/**
 * Issues with union failures opened up: when exactly one branch of a union had the right shape
 * (e.g. an object where "object or array" was allowed), its own issues are what the author needs to see.
 */
export function flattenIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const fitting = issue.errors.filter(
        (branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
      );
      const [only] = fitting;
      if (fitting.length === 1 && only) return flattenIssues(only, path);
    }
    return [{ path, message: issue.message }];
  });
}

/** ["steps", 3, "oid"] → "steps[3].oid". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    if (/^[A-Za-z_$][\w$]*$/.test(name) && excerpt(name) === name) return text === '' ? name : `${text}.${name}`;
    return `${text}[${JSON.stringify(excerpt(name))}]`;
  }, '');
}
