import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmptyAdapter } from './emptyAdapter.ts';
import { excerpt, MAX_SCENARIO_NAME, readPageUrl } from './pageUrl.ts';

const BASE = 'https://vmq.example/playground/scenarios/';

/** Where the page would fetch `file` from (page/scenarioCatalog.ts resolves it the same way). */
const fetchedFrom = (file: string) => new URL(file, BASE);

describe('readPageUrl', () => {
  it('loads a plain scenario file name, and turns compare mode on only for compare=1', () => {
    expect(readPageUrl('?scenario=vmq-in-a-minute.json&compare=1')).toEqual({
      scenario: { kind: 'load', file: 'vmq-in-a-minute.json' },
      lesson: null,
      compare: true,
      teacher: null,
      ignored: [],
    });
    expect(readPageUrl('')).toEqual({ scenario: null, lesson: null, compare: false, teacher: null, ignored: [] });
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
      lesson: null,
      compare: false,
      teacher: null,
      ignored: [
        'scenario is given 2 times; none was loaded',
        'compare=yes was ignored: compare=1 turns compare mode on',
      ],
    });
  });

  it('builds the empty adapter a link names, with the default CPUs and VMs for those it leaves out', () => {
    expect(readPageUrl('?empty=ws2008r2&cpus=2&vms=3')).toEqual({
      scenario: { kind: 'empty', adapter: { profile: 'ws2008r2', cpus: 2, vms: 3 } },
      lesson: null,
      compare: false,
      teacher: null,
      ignored: [],
    });
    expect(readPageUrl('?compare=1&empty=ws2012').scenario).toEqual({
      kind: 'empty',
      adapter: { profile: 'ws2012', cpus: 4, vms: 2 },
    });
    expect(readPageUrl('?empty=legacy-ndis61&vms=0&cpus=64').scenario).toEqual({
      kind: 'empty',
      adapter: { profile: 'legacy-ndis61', cpus: 64, vms: 0 },
    });
  });

  it('says which empty adapter parameter is wrong and why, so the default loads beside the reason', () => {
    const message = (search: string) => {
      const { scenario } = readPageUrl(search);
      return scenario?.kind === 'missing' ? scenario.message : scenario;
    };
    expect(message('?empty=ws2016')).toBe(
      'no empty adapter for empty=ws2016: the profile is ws2012, ws2008r2 or legacy-ndis61',
    );
    expect(message('?empty=ws2012&cpus=0')).toBe(
      'no empty adapter for cpus=0: an adapter has a whole number of CPUs, from 1 to 64',
    );
    expect(message('?empty=&cpus=four&vms=9')).toBe(
      'no empty adapter for empty= and cpus=four and vms=9: the profile is ws2012, ws2008r2 or legacy-ndis61; ' +
        'an adapter has a whole number of CPUs, from 1 to 64; an empty adapter has a whole number of VMs, from 0 to 8',
    );
    expect(message('?empty=ws2012&vms=%E2%80%AE2')).toBe(
      'no empty adapter for vms=\\u{202e}2: an empty adapter has a whole number of VMs, from 0 to 8',
    );
  });

  it('ignores empty adapter parameters that contradict each other or stand alone, and says so', () => {
    expect(readPageUrl('?scenario=vlan-filtering.json&empty=ws2012')).toEqual({
      scenario: null,
      lesson: null,
      compare: false,
      teacher: null,
      ignored: ['scenario and empty are both given; neither was loaded'],
    });
    expect(readPageUrl('?empty=ws2012&cpus=2&cpus=3').ignored).toEqual([
      'cpus is given 2 times; no empty adapter was made',
    ]);
    expect(readPageUrl('?cpus=2&vms=1')).toEqual({
      scenario: null,
      lesson: null,
      compare: false,
      teacher: null,
      ignored: [
        'cpus was ignored: it sizes an empty adapter, which empty=<profile> asks for',
        'vms was ignored: it sizes an empty adapter, which empty=<profile> asks for',
      ],
    });
  });

  it('opens the lesson a link names, and the teacher view for teacher=1', () => {
    expect(readPageUrl('?lesson=free-sequence&teacher=1')).toEqual({
      scenario: null,
      lesson: { kind: 'open', id: 'free-sequence' },
      compare: false,
      teacher: true,
      ignored: [],
    });
    expect(readPageUrl('?teacher=0').teacher).toBe(false);
    expect(readPageUrl('?lesson=free-sequence').teacher).toBeNull();
  });

  it('says "no such lesson" for anything that cannot be a lesson id, and never names a path', () => {
    for (const id of ['../secret', 'a/b', 'free-sequence.json', 'https://evil.example/x', 'x y', 'é'])
      expect(readPageUrl(`?lesson=${encodeURIComponent(id)}`).lesson).toEqual({
        kind: 'missing',
        message: `no such lesson: ${id}`,
      });
    expect(readPageUrl(`?lesson=${'a'.repeat(500)}`).lesson).toEqual({
      kind: 'missing',
      message: `no such lesson: ${'a'.repeat(60)}…`,
    });
  });

  it('lets a lesson bring its own scenario, and says which scenario parameters it ignored', () => {
    expect(readPageUrl('?lesson=free-sequence&scenario=vlan-filtering.json&empty=ws2012')).toMatchObject({
      scenario: null,
      lesson: { kind: 'open', id: 'free-sequence' },
      ignored: ['scenario and empty were ignored: a lesson brings its own scenario'],
    });
    // A lesson id that cannot be one leaves the scenario the address names to load beside the message.
    expect(readPageUrl('?lesson=..&scenario=vlan-filtering.json')).toMatchObject({
      scenario: { kind: 'load', file: 'vlan-filtering.json' },
      lesson: { kind: 'missing', message: 'no such lesson: ..' },
    });
  });

  it('ignores a repeated or empty lesson and teacher garbage, and says so', () => {
    expect(readPageUrl('?lesson=a&lesson=b&teacher=yes')).toEqual({
      scenario: null,
      lesson: null,
      compare: false,
      teacher: null,
      ignored: [
        'lesson is given 2 times; none was opened',
        'teacher=yes was ignored: teacher=1 turns the teacher view on',
      ],
    });
    expect(readPageUrl('?lesson=&teacher=1&teacher=0')).toMatchObject({
      lesson: null,
      teacher: null,
      ignored: ['lesson is empty', 'teacher is given 2 different ways, so it was ignored'],
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
      'ws2012',
      'legacy-ndis61',
      '0',
      '8',
      '64',
      '65',
      '&empty=ws2008r2',
      '&cpus=',
      'free-sequence',
      '&lesson=',
      '&teacher=1',
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
          fc.constantFrom(
            'scenario',
            'compare',
            'empty',
            'cpus',
            'vms',
            'lesson',
            'teacher',
            'Scenario',
            'scenario[]',
            'other',
            '',
          ),
          fc.array(hostile, { maxLength: 5 }),
        ),
        { maxLength: 5 },
      ),
    )
    .map(([lead, params]) => lead + params.map(([key, parts]) => `${key}=${parts.join('')}`).join('&'));

  it('gives every one of 10,000 malformed share URLs a clear decision, fetches only inside the scenarios folder, opens only lesson ids, and builds only valid empty adapters', () => {
    fc.assert(
      fc.property(query, (search) => {
        const url = readPageUrl(search);
        expect(typeof url.compare).toBe('boolean');
        if (url.lesson?.kind === 'open') {
          expect(url.lesson.id).toMatch(/^[A-Za-z0-9-]{1,100}$/);
          expect(url.scenario).toBeNull();
        }
        if (url.lesson?.kind === 'missing') expect([...url.lesson.message].length).toBeLessThan(100);
        for (const note of url.ignored) expect(note.length).toBeLessThan(200);
        if (url.scenario?.kind === 'missing' && url.scenario.message.startsWith('no empty adapter for ')) {
          // Up to three quoted values and why each is wrong.
          expect([...url.scenario.message].length).toBeLessThan(450);
        } else if (url.scenario?.kind === 'missing') {
          expect(url.scenario.message).toMatch(/^no such scenario: /);
          expect([...url.scenario.message].length).toBeLessThan(100); // characters a reader sees, not UTF-16 units
        }
        if (url.scenario?.kind === 'empty') expect(checkEmptyAdapter(url.scenario.adapter)).toHaveProperty('adapter');
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
