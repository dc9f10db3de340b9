/**
 * vmq check --junit: the grade as JUnit XML, which every CI reads. One <testsuite> named after the lesson, one
 * <testcase> per check (classname the lesson id, name "check-id: title"), a <failure> for each failed check with
 * its fail text as message and the check language's sentences as body. A run that could not be judged fully adds a
 * testcase "run" with an <error>; an input that could not be graded at all is one testcase "load" with an <error>.
 * Times are 0: the run is in virtual time, and the file stays the same from run to run.
 */
import type { LessonGrade } from '../lesson/grade.ts';
import type { FileError } from './files.ts';
import { errorLine } from './format.ts';

/** XML 1.0's Char production: what a document may contain at all, even as a character reference. */
const isXmlChar = (code: number): boolean =>
  code === 0x9 ||
  code === 0xa ||
  code === 0xd ||
  (code >= 0x20 && code <= 0xd7ff) ||
  (code >= 0xe000 && code <= 0xfffd) ||
  code >= 0x10000;

/**
 * `text` safe inside XML content and attribute values: the five special characters as entities, line breaks and
 * tabs as character references (an attribute would fold them to spaces), and what XML cannot carry at all
 * (other C0 controls, lone surrogates, U+FFFE, U+FFFF) as U+FFFD.
 */
export function xmlEscape(text: string): string {
  let escaped = '';
  // for…of walks code points: a surrogate pair is one character, a lone surrogate a character of its own.
  for (const char of text) {
    const code = char.codePointAt(0)!;
    escaped += isXmlChar(code) ? (XML_ENTITIES[char] ?? char) : '\uFFFD';
  }
  return escaped;
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

interface TestCase {
  name: string;
  outcome?: { element: 'failure' | 'error'; message: string; body: string[] };
}

function suite(name: string, cases: readonly TestCase[], properties: [string, string][] = []): string {
  const count = (element: 'failure' | 'error') => cases.filter((c) => c.outcome?.element === element).length;
  const attributes = `name="${xmlEscape(name)}" tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="0" time="0"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuite ${attributes}>`];
  if (properties.length > 0) {
    lines.push('  <properties>');
    for (const [key, value] of properties)
      lines.push(`    <property name="${xmlEscape(key)}" value="${xmlEscape(value)}"/>`);
    lines.push('  </properties>');
  }
  for (const testCase of cases) {
    const head = `  <testcase classname="${xmlEscape(name)}" name="${xmlEscape(testCase.name)}" time="0"`;
    const { outcome } = testCase;
    if (outcome === undefined) {
      lines.push(`${head}/>`);
      continue;
    }
    const body = outcome.body.map(xmlEscape).join('&#10;');
    lines.push(
      `${head}>`,
      `    <${outcome.element} message="${xmlEscape(outcome.message)}" type="${outcome.element === 'failure' ? 'check' : 'run'}">${body}</${outcome.element}>`,
      '  </testcase>',
    );
  }
  lines.push('</testsuite>');
  return `${lines.join('\n')}\n`;
}

/** The grade: one testcase per check, and one for the run when it could not be judged fully. */
export function junitXml(grade: LessonGrade): string {
  const cases: TestCase[] = grade.verdicts.map((verdict) => ({
    name: `${verdict.id}: ${verdict.title}`,
    ...(verdict.ok
      ? {}
      : {
          outcome: {
            element: 'failure',
            message: verdict.explanation,
            body: [verdict.explanation, ...verdict.details],
          },
        }),
  }));
  if (grade.runProblems.length > 0)
    cases.push({
      name: 'run',
      outcome: { element: 'error', message: 'the run could not be judged fully', body: grade.runProblems },
    });
  const { score } = grade;
  const properties: [string, string][] =
    score === undefined
      ? []
      : [
          ['score', String(score.value)],
          ['score label', score.label],
          ['score better', score.better],
        ];
  return suite(grade.lesson, cases, properties);
}

/** An input that could not be graded (an invalid scenario, a broken lesson): one testcase "load" with an error. */
export function junitLoadErrorXml(suiteName: string, errors: readonly FileError[]): string {
  const lines = errors.map((error) => errorLine(error.file, error));
  const message = `could not be graded: ${errors.length === 1 ? 'an error' : `${errors.length} errors`}`;
  return suite(suiteName, [{ name: 'load', outcome: { element: 'error', message, body: lines } }]);
}
