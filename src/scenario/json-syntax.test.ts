import { describe, expect, it } from 'vitest';
import { parseJson } from './json-syntax.ts';
import { MAX_JSON_DEPTH } from './limits.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import { scenarioDocument } from './testing.ts';

const problems = (input: unknown): string[] => {
  const parsed = parseScenario(input);
  return parsed.ok ? [] : parsed.errors.map(formatScenarioError);
};

/** A buffer `depth` objects deep: {"a":{"a":…{}}}. */
const nested = (depth: number): unknown => {
  let value: unknown = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
};

describe('duplicate keys', () => {
  it('a step with two "expect" keys is refused, naming the step and both lines', () => {
    const text = [
      '{',
      '  "format": "vmq-scenario", "version": 1, "title": "t", "seed": 1,',
      '  "adapter": { "profile": "ws2012" }, "vms": [],',
      '  "steps": [',
      '    { "advance": "1us" },',
      '    {',
      '      "expect": { "totals": { "arrived": 0 } },',
      '      "expect": { "totals": { "arrived": 5 } }',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    expect(problems(text)).toEqual(['8:7: steps[1]: key "expect" appears twice (lines 7 and 8); keep one']);
  });

  it('compares keys after unescaping, as JSON.parse would', () => {
    expect(problems('{"format": "vmq-scenario",\n "\\u0066ormat": "x"}')).toEqual([
      '2:2: key "format" appears twice (lines 1 and 2); keep one',
    ]);
  });

  it('allows the same key in sibling objects', () => {
    expect(parseJson('[{"a": 1}, {"a": 2}]')).toEqual({ value: [{ a: 1 }, { a: 2 }] });
  });

  it('quotes only the start of a very long duplicate key', () => {
    const key = 'k'.repeat(1_000_000);
    const [message = ''] = problems(`{"${key}": 1, "${key}": 2}`);
    expect(message).toMatch(/^1:\d+: key "k+… \(1000000 characters\)" appears twice \(lines 1 and 1\); keep one$/);
    expect(message.length).toBeLessThan(200);
  });
});

describe('nesting limit', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, at the bracket that goes too deep`, () => {
    const depth = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJson(depth(MAX_JSON_DEPTH))).toHaveProperty('value');
    expect(parseJson(depth(MAX_JSON_DEPTH + 1))).toEqual({
      error: {
        path: '',
        line: 1,
        column: MAX_JSON_DEPTH + 1,
        message: `objects and arrays are nested more than ${MAX_JSON_DEPTH} deep; a scenario file needs far fewer levels`,
      },
    });
  });

  it('a truncated file of 10,000 nested "[" gives a clear error with its line, not a stack overflow', () => {
    expect(problems(`{\n"steps": ${'['.repeat(10_000)}`)).toEqual([
      `2:${10 + MAX_JSON_DEPTH - 1}: objects and arrays are nested more than ${MAX_JSON_DEPTH} deep; a scenario file needs far fewer levels`,
    ]);
  });

  it('a buffer nested 5,000 deep is refused from text and as an already-parsed document', () => {
    const document = scenarioDocument([{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: nested(5_000) }]);
    const tooDeep = `objects and arrays are nested more than ${MAX_JSON_DEPTH} deep; a scenario file needs far fewer levels`;
    expect(problems(document)).toEqual([tooDeep]);
    // JSON.stringify itself overflows at this depth, so the file's text is written out by hand.
    const buffer = `${'{"a":'.repeat(4_999)}{}${'}'.repeat(4_999)}`;
    const text = `{"format": "vmq-scenario", "version": 1, "steps": [\n{"oid": "OID_RECEIVE_FILTER_ALLOCATE_QUEUE", "buffer": ${buffer}}]}`;
    expect(problems(text)).toEqual([
      `2:${'{"oid": "OID_RECEIVE_FILTER_ALLOCATE_QUEUE", "buffer": '.length + 1 + 5 * (MAX_JSON_DEPTH - 3)}: ${tooDeep}`,
    ]);
  });
});
