/**
 * Grading: a lesson's checks judged against a student's run, each with the lesson's explanation and the check
 * language's own sentences. The student's own expectations are reported beside the grade but never count for it.
 */
import { asQueueId, type RuleId } from '../engine/index.ts';
import type { Check } from '../scenario/expect.ts';
import { ScenarioRuntimeError } from '../scenario/refs.ts';
import type { ExpectSpec, Scenario } from '../scenario/schema.ts';
import {
  createScenarioSession,
  type ExpectationResult,
  type ScenarioSession,
  type ScenarioSessionOptions,
} from '../scenario/session.ts';
import type { Lesson, LessonCheck, LessonScore } from './schema.ts';

export interface CheckVerdict {
  id: string;
  title: string;
  ok: boolean;
  /** The check's pass text when it holds, else its fail text. */
  explanation: string;
  /** The check language's sentences: what held when the check holds, what did not when it fails. */
  details: string[];
  rule?: RuleId;
}

export interface LessonGrade {
  lesson: string;
  /** Every check holds and the run could be judged fully. */
  ok: boolean;
  passed: number;
  total: number;
  verdicts: CheckVerdict[];
  /** Absent when the lesson has no score, or its queue is not allocated at the end. */
  score?: { label: string; value: number; better: 'lower' | 'higher' };
  /** The run could not be judged fully: a run limit, a step that failed to run. */
  runProblems: string[];
  /** The expectations of the student's own scenario: shown, never graded. */
  ownExpectations: ExpectationResult[];
}

/** What a session must record for the lesson's checks to be judged (its trace events). */
export const lessonExpects = (lesson: Lesson): ExpectSpec[] => lesson.checks.map((check) => check.expect);

/** A session of `scenario` that records what the lesson's checks need; grade it with gradeSession. */
export function createLessonSession(
  lesson: Lesson,
  scenario: Scenario,
  opts: Omit<ScenarioSessionOptions, 'alsoChecks'> = {},
): ScenarioSession {
  return createScenarioSession(scenario, { ...opts, alsoChecks: lessonExpects(lesson) });
}

/** Judges the session as it is now (created with createLessonSession, or alsoChecks of the lesson's checks). */
export function gradeSession(lesson: Lesson, session: ScenarioSession): LessonGrade {
  const verdicts = lesson.checks.map((check) => verdict(check, judged(session, check.expect)));
  const passed = verdicts.filter((v) => v.ok).length;
  const report = session.report();
  const runProblems = report.expectations
    .filter((e) => e.kind === 'error')
    .map((e) => `steps[${e.stepIndex}] ${e.label}: ${e.detail}`);
  const score = lesson.score === undefined ? undefined : scoreOf(lesson.score, session);
  return {
    lesson: lesson.id,
    ok: passed === verdicts.length && runProblems.length === 0,
    passed,
    total: verdicts.length,
    verdicts,
    ...(score === undefined ? {} : { score }),
    runProblems,
    ownExpectations: report.expectations.filter((e) => e.kind !== 'error'),
  };
}

/** Runs the scenario to its end (settling pended requests as vmq run does), then judges it. */
export function gradeScenario(lesson: Lesson, scenario: Scenario): LessonGrade {
  const session = createLessonSession(lesson, scenario);
  session.runToEnd();
  return gradeSession(lesson, session);
}

/** A reference the student's run cannot resolve ("$vm:VM1" when they removed VM1) fails the check, saying why. */
function judged(session: ScenarioSession, expect: ExpectSpec): Check[] {
  try {
    return session.check(expect);
  } catch (error) {
    if (error instanceof ScenarioRuntimeError) return [{ ok: false, text: error.message }];
    throw error;
  }
}

function verdict(check: LessonCheck, checks: Check[]): CheckVerdict {
  const ok = checks.every((c) => c.ok);
  return {
    id: check.id,
    title: check.title,
    ok,
    explanation: ok ? check.pass : check.fail,
    details: checks.filter((c) => ok || !c.ok).map((c) => c.text),
    ...(check.rule === undefined ? {} : { rule: check.rule }),
  };
}

function scoreOf(score: LessonScore, session: ScenarioSession): LessonGrade['score'] {
  const { engine } = session;
  let value: number | undefined;
  if (score.total !== undefined) value = engine.view().totals[score.total];
  else if (score.QueueId !== undefined && score.counter !== undefined)
    value = engine.queue(asQueueId(score.QueueId))?.counters[score.counter];
  return value === undefined ? undefined : { label: score.label, value, better: score.better };
}
