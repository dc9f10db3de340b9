import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, MAX_SCENARIO_NAME, readPageUrl } from './pageUrl.ts';

const BASE = 'https://vmq.example/playground/scenarios/';

/** Where the page would fetch `file` from (page/scenarioCatalog.ts resolves it the same way). */
const fetchedFrom = (file: string) => new URL(file, BASE);

describe('readPageUrl', () => {
  it('loads a plain scenario file name, and turns compare mode on only for compare=1', () => {
    expect(readPageUrl('?scenario=vmq-in-a-minute.json&compare=1')).toEqual({
      scenario: { kind: 'load', file: 'vmq-in-a-minute.json' },
      compare: true,
      ignored: [],
    });
    expect(readPageUrl('')).toEqual({ scenario: null, compare: false, ignored: [] });
  });

  it('says "no such scenario" for anything that is not a file in the scenarios folder', () => {
    for (const name of [
      '../secret.json',
      '/etc/passwd',
      'https://evil.example/x.json',
      'javascript:alert(1)',
      'a/b.json',
      '.hidden.json',
      'x.txt',
    ])
      expect(readPageUrl(`?scenario=${encodeURIComponent(name)}`).scenario).toEqual({
        kind: 'missing',
        message: `no such scenario: ${name}`,
      });
  });

  it('quotes a huge or unprintable value as a short excerpt', () => {
    const huge = readPageUrl(`?scenario=${'a'.repeat(100_000)}.json`).scenario;
    expect(huge).toEqual({ kind: 'missing', message: `no such scenario: ${'a'.repeat(60)}…` });
    expect(excerpt('evil\u202Egnp.json')).toBe('evil\\u{202e}gnp.json');
  });

  it('ignores a repeated scenario and compare garbage, and says so', () => {
    expect(readPageUrl('?scenario=a.json&scenario=b.json&compare=yes')).toEqual({
      scenario: null,
      compare: false,
      ignored: [
        'scenario is given 2 times; none was loaded',
        'compare=yes was ignored: compare=1 turns compare mode on',
      ],
    });
  });

  /** Pieces an attacker or a mangled link would put in a share URL. */
  const hostile = fc.oneof(
    fc.constantFrom(
      '../',
      '..%2F',
      '%2e%2e/',
      '/',
      '\\',
      '//evil.example/',
      'https://evil.example/',
      'javascript:',
      'data:,',
      'file:///',
      '%',
      '%zz',
      '%00',
      '%E0%A4%A',
      '?',
      '#',
      '&',
      '=',
      '+',
      ' ',
      '\u202E',
      '.json',
      'vmq-in-a-minute.json',
      'scenario=',
      'compare=',
      '&scenario=',
      '&compare=1',
    ),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.nat({ max: 2_000 }).map((n) => 'x'.repeat(n)),
  );
  const query = fc
    .tuple(
      fc.constantFrom('', '?', '??', '&'),
      fc.array(
        fc.tuple(
          fc.constantFrom('scenario', 'compare', 'Scenario', 'scenario[]', 'other', ''),
          fc.array(hostile, { maxLength: 5 }),
        ),
        { maxLength: 5 },
      ),
    )
    .map(([lead, params]) => lead + params.map(([key, parts]) => `${key}=${parts.join('')}`).join('&'));

  it('gives every one of 10,000 malformed share URLs a clear decision, and fetches only inside the scenarios folder', () => {
    fc.assert(
      fc.property(query, (search) => {
        const url = readPageUrl(search);
        expect(typeof url.compare).toBe('boolean');
        for (const note of url.ignored) expect(note.length).toBeLessThan(200);
        if (url.scenario?.kind === 'missing') {
          expect(url.scenario.message).toMatch(/^no such scenario: /);
          expect([...url.scenario.message].length).toBeLessThan(100); // characters a reader sees, not UTF-16 units
        }
        if (url.scenario?.kind === 'load') {
          const target = fetchedFrom(url.scenario.file);
          expect(target.origin).toBe(new URL(BASE).origin);
          expect(target.pathname).toBe(`/playground/scenarios/${url.scenario.file}`);
          expect(url.scenario.file.length).toBeLessThanOrEqual(MAX_SCENARIO_NAME);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 60_000); // 10,000 runs take a few seconds, more on a busy machine
});
