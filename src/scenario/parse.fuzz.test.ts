/**
 * Fuzzing the loader: malformed scenario files and documents (truncations, bit flips, deep nesting, huge and
 * fractional numbers, negatives, NaN-like strings, inherited-property references, duplicate and unknown keys,
 * long strings) must always give ok:false with short, non-empty messages, or ok:true: never a throw or a hang.
 * 11,000 inputs in all: 4,000 mutated files, 2,000 hostile documents (each as an object and as text) and
 * 3,000 texts for the JSON layer alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from './json-syntax.ts';
import { MAX_JSON_DEPTH } from './limits.ts';
import { formatScenarioError, parseScenario } from './parse.ts';

const DIR = new URL('../../public/scenarios/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => readFileSync(new URL(name, DIR), 'utf8'));

/** Longer than any message the loader words itself, far shorter than the hostile inputs quoted in them. */
const MAX_MESSAGE = 400;
/** Generous for a loaded machine; the inputs are small, so a run takes a few seconds. */
const TIMEOUT_MS = 120_000;

const LONG = 'A'.repeat(5_000);
const HOSTILE_VALUES: unknown[] = [
  0.5,
  -16,
  -1,
  -0,
  2 ** 53,
  2 ** 64,
  1e308,
  Number.MAX_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1e3',
  '',
  '$vm1q.toString',
  '$vm1q.__proto__',
  '$vm1q.constructor',
  '$__proto__.QueueId',
  '$vm:VM1.toString',
  '$vm:__proto__',
  '__proto__',
  'constructor',
  LONG,
  `${'1'.repeat(1_000)}ns`,
  `$${LONG}.QueueId`,
  {},
  [],
  null,
  true,
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  { NumSuggestedReceiveBufers: 32 },
  { [LONG]: 1 },
];
const SNIPPETS = [
  '[',
  ']',
  '{',
  '}',
  '"',
  ',',
  ':',
  '\\',
  '\u0000',
  '\n',
  '1e400',
  '-',
  '0.5',
  'NaN',
  '"\\ud800"',
  "'",
];

/** Every container and leaf of a JSON value, by path. */
function pathsOf(value: unknown, path: (string | number)[] = [], into: (string | number)[][] = []) {
  into.push(path);
  if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value))
      pathsOf(item, [...path, Array.isArray(value) ? Number(key) : key], into);
  return into;
}

/** A copy of `document` with the value at `path` replaced. */
function replaced(document: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head = 0, ...rest] = path;
  if (Array.isArray(document)) return document.map((item, i) => (i === head ? replaced(item, rest, value) : item));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(document as Record<string, unknown>))
    Object.defineProperty(copy, key, { value: key === head ? replaced(item, rest, value) : item, enumerable: true });
  return copy;
}

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const textMutation = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (text: string) => text.slice(0, Math.floor(at * text.length))),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 15 })).map(([at, bit]) => (text: string) => {
    const i = at % Math.max(1, text.length);
    return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << bit)) + text.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([at, snippet]) => (text: string) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + snippet + text.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: MAX_JSON_DEPTH - 2, max: 3_000 })).map(([at, depth]) => (text: string) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + nestedArrays(depth) + text.slice(i);
  }),
  fc.tuple(fc.nat(), fc.constantFrom('expect', 'oid', 'QueueId', 'format')).map(([at, key]) => (text: string) => {
    const braces = [...text.matchAll(/\{/g)].map((m) => m.index);
    const i = (braces[at % Math.max(1, braces.length)] ?? -1) + 1;
    return `${text.slice(0, i)}"${key}": 1, "${key}": 2,${text.slice(i)}`;
  }),
);

const mutatedText = fc
  .tuple(fc.constantFrom(...FILES), fc.array(textMutation, { minLength: 1, maxLength: 3 }))
  .map(([text, mutations]) => mutations.reduce((current, mutate) => mutate(current), text));

const mutatedDocument = fc
  .tuple(
    fc.constantFrom(...FILES.map((text) => JSON.parse(text) as unknown)),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_VALUES)), { minLength: 1, maxLength: 3 }),
  )
  .map(([document, replacements]) =>
    replacements.reduce<unknown>((current, [at, value]) => {
      const paths = pathsOf(current);
      return replaced(current, paths[at % paths.length] ?? [], value);
    }, document),
  );

/** The loader's answer is a valid scenario, or only short, non-empty messages; it never throws. */
function expectClearAnswer(input: unknown): void {
  const result = parseScenario(input);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    const message = formatScenarioError(error);
    expect(error.message.trim()).not.toBe('');
    expect(message.length, message.slice(0, MAX_MESSAGE)).toBeLessThanOrEqual(MAX_MESSAGE);
  }
}

describe('loader fuzzing', () => {
  it(
    'mutated scenario files (truncated, bit-flipped, spliced, deeply nested, duplicate keys) get a clear answer',
    () => fc.assert(fc.property(mutatedText, expectClearAnswer), { numRuns: 4_000 }),
    TIMEOUT_MS,
  );

  it(
    'documents with hostile values (fractions, negatives, huge, NaN-like, inherited refs, long strings) get a clear answer, as objects and as text',
    () =>
      fc.assert(
        fc.property(mutatedDocument, (document) => {
          expectClearAnswer(document);
          expectClearAnswer(JSON.stringify(document) ?? 'null');
        }),
        { numRuns: 2_000 },
      ),
    TIMEOUT_MS,
  );

  it(
    'the text-level parse gives a value or a located, short syntax error for any text',
    () =>
      fc.assert(
        fc.property(fc.oneof(mutatedText, fc.string({ maxLength: 200 })), (text) => {
          const parsed = parseJson(text);
          if ('value' in parsed) return;
          const { line, column, message } = parsed.error;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(column).toBeGreaterThanOrEqual(1);
          expect(message.length).toBeGreaterThan(0);
          expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
        }),
        { numRuns: 3_000 },
      ),
    TIMEOUT_MS,
  );
});
