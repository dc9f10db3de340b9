/**
 * What a lesson needs checked as a whole, after its shape is valid: unique ids, checks named where they are
 * referred to, the rule each fail text names, and no saveAs references (a student's run has no saved names).
 * checkLessonScenario checks the checks against the lesson's starting scenario: the VMs and spaces they name.
 */
import { formatPath, type ScenarioError } from '../scenario/errors.ts';
import { quoted } from '../scenario/quote.ts';
import { parseRef, stringsIn } from '../scenario/refs.ts';
import { checkScenario } from '../scenario/check.ts';
import type { Scenario } from '../scenario/schema.ts';
import { unknownName } from '../scenario/suggest.ts';
import type { Lesson } from './schema.ts';

const NO_SAVED_NAMES = "a student's run has no saved names";

export function checkLesson(lesson: Lesson): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const fail = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message });

  const checkIds = new Map<string, number>();
  for (const [i, check] of lesson.checks.entries()) {
    const at = (...rest: PropertyKey[]) => ['checks', i, ...rest];
    const earlier = checkIds.get(check.id);
    if (earlier !== undefined) fail(at('id'), `check id ${quoted(check.id)} is already used by checks[${earlier}]`);
    else checkIds.set(check.id, i);
    if (check.rule !== undefined && !new RegExp(`\\b${check.rule}\\b`).test(check.fail))
      fail(
        at('fail'),
        `the check's rule is ${check.rule}, so its fail text must name it (for example "… (${check.rule})")`,
      );
    const { values, ...others } = check.expect;
    if (values !== undefined)
      fail(
        at('expect', 'values'),
        `a lesson check cannot use values: it compares outputs saved with saveAs, and ${NO_SAVED_NAMES}`,
      );
    for (const { path, text } of stringsIn(others, at('expect'))) {
      const parsed = parseRef(text);
      if (parsed !== null && 'ref' in parsed && parsed.ref.kind === 'saved')
        fail(
          path,
          `${quoted(text)} refers to saveAs ${quoted(parsed.ref.name)}, but ${NO_SAVED_NAMES}; ` +
            'write the QueueId itself (NDIS assigns 1, 2, … in allocation order) or "$vm:NAME" for a VM',
        );
    }
  }

  twice(lesson.allow, (j, tool) => fail(['allow', j], `${quoted(tool)} is listed twice`));
  for (const [w, wrong] of lesson.wrong.entries()) {
    for (const [j, id] of wrong.fails.entries()) {
      if (!checkIds.has(id)) fail(['wrong', w, 'fails', j], unknownName('check id', id, [...checkIds.keys()]));
    }
    twice(wrong.fails, (j, id) => fail(['wrong', w, 'fails', j], `${quoted(id)} is listed twice`));
  }
  return errors;
}

/** Calls `found` for every item that an earlier one equals. */
function twice(items: readonly string[], found: (index: number, item: string) => void): void {
  for (const [i, item] of items.entries()) if (items.indexOf(item) !== i) found(i, item);
}

/**
 * The lesson's checks against its starting scenario: every "$vm:NAME" names one of its VMs, and every memory space
 * one of its address spaces. They are judged as the scenario would judge them as expect steps of its own.
 */
export function checkLessonScenario(lesson: Lesson, start: Scenario): ScenarioError[] {
  const asSteps: Scenario = { ...start, steps: lesson.checks.map((check) => ({ expect: check.expect })) };
  return checkScenario(asSteps).map((error) => ({ ...error, path: error.path.replace(/^steps\[/, 'checks[') }));
}
