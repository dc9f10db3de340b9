import { describe, expect, it } from 'vitest';
import type { LessonGrade } from '../lesson/grade.ts';
import { junitLoadErrorXml, junitXml, xmlEscape } from './junit.ts';

const grade = (changes: Partial<LessonGrade> = {}): LessonGrade => ({
  lesson: 'free-sequence',
  ok: false,
  passed: 1,
  total: 2,
  verdicts: [
    { id: 'dma-stopped', title: 'DmaStopped once', ok: true, explanation: 'Good.', details: ['1 status-indicated'] },
    {
      id: 'memory-after',
      title: 'Memory <after> NBLs',
      ok: false,
      explanation: 'Freed while NBLs were "outstanding" & more (R23).',
      details: ['order: no memory-freed', 'queue 1 state: expected Running, got Paused'],
      rule: 'R23',
    },
  ],
  runProblems: [],
  ownExpectations: [],
  ...changes,
});

/** The attributes of the first element named `name`. */
function attributes(xml: string, name: string): Record<string, string> {
  const tag = new RegExp(`<${name} ([^>]*?)/?>`).exec(xml)?.[1] ?? '';
  return Object.fromEntries([...tag.matchAll(/([\w:]+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]));
}

describe('xmlEscape', () => {
  it('escapes the five special characters, and keeps line breaks and tabs as character references', () => {
    expect(xmlEscape(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(xmlEscape('one\ntwo\r\tthree')).toBe('one&#10;two&#13;&#9;three');
  });

  it('replaces what XML 1.0 cannot carry at all, and keeps every other character', () => {
    expect(xmlEscape('nul\0 bell\x07 esc\x1B fffe\uFFFE')).toBe('nul\uFFFD bell\uFFFD esc\uFFFD fffe\uFFFD');
    expect(xmlEscape('lone \uD800 and \uDC00')).toBe('lone \uFFFD and \uFFFD');
    expect(xmlEscape('µs ≥ 1 — 😀 QueueId')).toBe('µs ≥ 1 — 😀 QueueId');
  });
});

describe('junitXml', () => {
  it('is one testsuite named after the lesson, counting its testcases and failures', () => {
    const xml = junitXml(grade());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuite ')).toBe(true);
    expect(xml.trimEnd().endsWith('</testsuite>')).toBe(true);
    expect(attributes(xml, 'testsuite')).toEqual({
      name: 'free-sequence',
      tests: '2',
      failures: '1',
      errors: '0',
      skipped: '0',
      time: '0',
    });
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(attributes(xml, 'testcase')).toEqual({
      classname: 'free-sequence',
      name: 'dma-stopped: DmaStopped once',
      time: '0',
    });
  });

  it('gives a failed check a failure: the fail text as message, then each sentence that did not hold', () => {
    const xml = junitXml(grade());
    expect(xml).toContain(
      '<testcase classname="free-sequence" name="memory-after: Memory &lt;after&gt; NBLs" time="0">\n' +
        '    <failure message="Freed while NBLs were &quot;outstanding&quot; &amp; more (R23)." type="check">' +
        'Freed while NBLs were &quot;outstanding&quot; &amp; more (R23).&#10;order: no memory-freed&#10;' +
        'queue 1 state: expected Running, got Paused</failure>\n  </testcase>',
    );
  });

  it('adds a testcase "run" with an error when the run could not be judged fully, and the score as properties', () => {
    const xml = junitXml(
      grade({
        runProblems: ['steps[3] run limit: stopped at 10.000 µs'],
        score: { label: 'frames on queue 0', value: 7, better: 'lower' },
      }),
    );
    expect(attributes(xml, 'testsuite')).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    expect(xml).toContain(
      '<error message="the run could not be judged fully" type="run">steps[3] run limit: stopped at 10.000 µs</error>',
    );
    expect(xml).toContain(
      '  <properties>\n    <property name="score" value="7"/>\n    <property name="score label" value="frames on queue 0"/>\n' +
        '    <property name="score better" value="lower"/>\n  </properties>\n',
    );
  });
});

describe('junitLoadErrorXml', () => {
  it('is one testcase "load" with an error listing every problem', () => {
    const xml = junitLoadErrorXml('free-sequence', [
      { file: 'a.json', path: 'steps[0]', message: 'unknown action "advanc" — did you mean advance?' },
      { file: 'b.json', path: '', message: 'x', line: 3, column: 5 },
    ]);
    expect(attributes(xml, 'testsuite')).toMatchObject({
      name: 'free-sequence',
      tests: '1',
      failures: '0',
      errors: '1',
    });
    expect(xml).toContain(
      '<testcase classname="free-sequence" name="load" time="0">\n    <error message="could not be graded: 2 errors" type="run">' +
        'a.json: steps[0]: unknown action &quot;advanc&quot; — did you mean advance?&#10;b.json:3:5: x</error>',
    );
  });
});
