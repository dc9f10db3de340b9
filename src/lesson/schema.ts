/**
 * The lesson file format ("format": "vmq-lesson", "version": 1) as a zod schema, built from the scenario schema's
 * blocks so both formats word their errors alike. A lesson's checks are scenario `expect` bodies (expectSchema);
 * what needs the whole document (unique ids, the rule a fail text names, no saveAs references) is in check.ts.
 * It is a public contract for course authors (docs/lessons.md); public/lesson.schema.json is generated from it.
 */
import { z } from 'zod/mini';
import type { RuleId } from '../engine/index.ts';
import { shown } from '../scenario/errors.ts';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS } from '../scenario/limits.ts';
import { described, expectSchema, int, names, strict, text } from '../scenario/schema.ts';
import { LESSON_ID_PATTERN } from './files.ts';
import { LESSON_FORMAT, LESSON_VERSION } from './version.ts';

export { LESSON_FORMAT, LESSON_VERSION };

/** The rules of docs/ndis-reference.md §12, R1 to R47. */
const RULE_IDS: readonly RuleId[] = Array.from({ length: 47 }, (_, i) => `R${i + 1}` as RuleId);

const TOOLS = ['console', 'traffic', 'editor'] as const;
const QUEUE_COUNTERS = ['classified', 'indicated', 'returned'] as const;
const TOTAL_COUNTERS = ['arrived', 'indicated', 'returned', 'inFlight'] as const;

const id = (what: string) =>
  z.string().check(
    z.maxLength(MAX_NAME_CHARS),
    z.regex(LESSON_ID_PATTERN, {
      error: (issue) => `${shown(issue.input)} is not a valid ${what}; use letters, digits and "-"`,
    }),
  );

/** A scenario file below public/lessons/, written relative to it; never leaves the lesson directory. */
const PATH_PATTERN = /^(?!.*(^|\/)\.\.?(\/|$))[\w.-]+(\/[\w.-]+)*\.json$/;
const lessonPath = described(
  z.string().check(
    z.regex(PATH_PATTERN, {
      error: (issue) =>
        `${shown(issue.input)} is not a path below the lesson directory; write it relative to the lesson file, like "scenarios/free-sequence.json"`,
    }),
  ),
  'A scenario file, relative to the directory of the lesson file (public/lessons/).',
);

const sentence = text(MAX_TEXT_CHARS, 1);

/** An array of `min` to `max` items. */
const between = <T extends z.ZodMiniType>(item: T, min: number, max: number, noun = 'items') =>
  z.array(item).check(
    z.minLength(min),
    z.maxLength(max, {
      error: (issue) =>
        `at most ${max} ${noun} are allowed, got ${Array.isArray(issue.input) ? issue.input.length : shown(issue.input)}`,
    }),
  );

const ruleId = described(
  z.enum(RULE_IDS, {
    error: (issue) => `${shown(issue.input)} is not a rule of docs/ndis-reference.md §12; rule ids are R1 to R47`,
  }),
  'The rule of docs/ndis-reference.md §12 (R1–R47) the check is about; its fail text must name it.',
);

const checkSchema = strict({
  id: described(id('check id'), 'Unique within the lesson; wrong[].fails names checks by it.'),
  title: text(MAX_TITLE_CHARS, 1),
  expect: described(
    expectSchema,
    'The body of a scenario expect step, judged at the end of the run; no "$name.Field" saveAs references.',
  ),
  pass: described(sentence, 'Shown when the check holds: why the property matters.'),
  fail: described(sentence, 'Shown when it fails: what went wrong and what to try, naming the rule.'),
  rule: z.optional(ruleId),
});

const scoreSchema = described(
  strict({
    label: text(MAX_TITLE_CHARS, 1),
    QueueId: z.optional(described(int(0), 'The queue whose counter is the score (0 = the default queue).')),
    counter: z.optional(names('queue counter', QUEUE_COUNTERS)),
    total: z.optional(described(names('totals counter', TOTAL_COUNTERS), 'An adapter-wide counter, without QueueId.')),
    better: names('direction', ['lower', 'higher']),
  }).check(
    z.refine(
      (s) =>
        s.total === undefined
          ? s.QueueId !== undefined && s.counter !== undefined
          : s.QueueId === undefined && s.counter === undefined,
      { error: 'give QueueId and counter for a queue counter, or total alone for an adapter-wide counter' },
    ),
  ),
  'A number read from the end of the run, shown next to the checks; it never decides the grade.',
);

const wrongSchema = strict({
  scenario: lessonPath,
  fails: described(z.array(id('check id')).check(z.minLength(1)), 'The ids of exactly the checks it fails.'),
  why: described(sentence, 'The mistake it makes, in one line.'),
});

export const lessonSchema = described(
  strict({
    $schema: z.optional(described(text(MAX_TEXT_CHARS), 'Optional link to lesson.schema.json, for editors.')),
    format: z.literal(LESSON_FORMAT),
    version: z.literal(LESSON_VERSION),
    id: described(id('lesson id'), 'Letters, digits and "-"; the file is public/lessons/<id>.json.'),
    number: described(int(1), "The lesson's place in the course, from 1; unique."),
    title: text(MAX_TITLE_CHARS, 1),
    minutes: described(int(1, 240), 'Estimated class time, in minutes.'),
    goal: described(sentence, 'One sentence: what the student will be able to say or do.'),
    steps: described(between(sentence, 1, 10), "What to do, in the reference's words."),
    hints: described(between(sentence, 1, 6), 'Unlocked one at a time, most general first.'),
    scenario: described(lessonPath, 'The starting scenario.'),
    allow: described(
      z.array(names('tool', TOOLS)).check(z.minLength(1)),
      'The playground tools the student may use: console, traffic, editor.',
    ),
    checks: between(checkSchema, 1, 12, 'checks'),
    score: z.optional(scoreSchema),
    solution: described(lessonPath, 'A scenario that passes every check.'),
    wrong: described(
      z.array(wrongSchema).check(z.minLength(1)),
      'Scenarios that fail for a documented reason: proof that the checks can fail.',
    ),
  }),
  'A VMQ Playground lesson.',
);

export type Lesson = z.output<typeof lessonSchema>;
export type LessonCheck = Lesson['checks'][number];
export type LessonScore = NonNullable<Lesson['score']>;
