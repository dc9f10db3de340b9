import { describe, expect, it } from 'vitest';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from '../scenario/testing.ts';
import { createLessonSession, gradeScenario, gradeSession } from './grade.ts';
import { fixtureLesson, fixtureScenario, lessonDocument } from './testing.ts';

const LESSON = fixtureLesson();
const SOLUTION = fixtureScenario('solutions/vm1-queue.json');
const WRONG = fixtureScenario('solutions/vm1-queue.wrong.json');
const START = fixtureScenario('scenarios/vm1-queue.json');
const textOf = (id: string) => LESSON.checks.find((check) => check.id === id)!;

describe('gradeScenario', () => {
  it('passes the solution: every verdict holds, with its pass text and the sentences that held', () => {
    const grade = gradeScenario(LESSON, SOLUTION);
    expect(grade).toMatchObject({ lesson: 'vm1-queue', ok: true, passed: 3, total: 3, runProblems: [] });
    expect(grade.verdicts.map((v) => [v.id, v.ok, v.explanation])).toEqual(
      LESSON.checks.map((check) => [check.id, true, check.pass]),
    );
    expect(grade.verdicts[0]).toEqual({
      id: 'queue-running',
      title: 'Queue 1 is Running',
      ok: true,
      explanation: textOf('queue-running').pass,
      details: ['queue 1 state Running'],
      rule: 'R27',
    });
  });

  it('fails the wrong solution on exactly the checks it documents, with the fail text and what did not hold', () => {
    const grade = gradeScenario(LESSON, WRONG);
    expect(grade.ok).toBe(false);
    expect(grade.verdicts.filter((v) => !v.ok).map((v) => v.id)).toEqual(LESSON.wrong[0]!.fails);
    expect(grade.passed).toBe(1);
    const frames = grade.verdicts.find((v) => v.id === 'frames-on-queue')!;
    expect(frames.explanation).toBe(textOf('frames-on-queue').fail);
    // Only the sentences that failed: the count of indications, not a list of what held.
    expect(frames.details).toEqual([
      'queue 1 indicated: expected 4, got 0',
      'nbls-indicated with queues an array containing [1]: expected ≥ 1 events, got 0',
    ]);
    expect(frames).not.toHaveProperty('rule');
  });

  it("reports the score from the run's end: VM1's 4 frames on the default queue without a queue of its own", () => {
    const sent = (START.steps[0] as { traffic: { count: number } }).traffic.count;
    expect(gradeScenario(LESSON, START).score).toEqual({
      label: 'frames on the default queue',
      value: sent,
      better: 'lower',
    });
    expect(gradeScenario(LESSON, SOLUTION).score?.value).toBe(0);
    const byTotals = fixtureLesson({
      ...lessonDocument(),
      score: { label: 'frames on the wire', total: 'arrived', better: 'higher' },
    });
    expect(gradeScenario(byTotals, SOLUTION).score).toEqual({
      label: 'frames on the wire',
      value: sent,
      better: 'higher',
    });
  });

  it('has no score for a queue that is not allocated at the end, and none for a lesson without one', () => {
    const onQueue1 = fixtureLesson({ ...lessonDocument(), score: { ...lessonDocument().score!, QueueId: 1 } });
    expect(gradeScenario(onQueue1, START)).not.toHaveProperty('score');
    expect(gradeScenario(onQueue1, SOLUTION).score?.value).toBe(4);
    expect(gradeScenario(fixtureLesson({ ...lessonDocument(), score: undefined }), SOLUTION)).not.toHaveProperty(
      'score',
    );
  });

  it("shows the student's own expectations beside the grade without counting them", () => {
    const own = {
      ...SOLUTION,
      steps: [...SOLUTION.steps, { expect: { queue: { QueueId: 1, state: 'Paused' as const } } }],
    };
    const grade = gradeScenario(LESSON, own);
    expect(grade.ok).toBe(true);
    expect(grade.ownExpectations).toEqual([
      expect.objectContaining({ kind: 'expect', ok: false, detail: 'queue 1 state: expected Paused, got Running' }),
    ]);
  });

  it('lists steps that could not run and run limits as run problems, and fails the grade for them', () => {
    // An affinity of no processor fails the allocation (R5), so "$vm1q.QueueId" names no output.
    const [allocate] = ALLOCATE_VM1_QUEUE;
    const broken = scenarioOf([
      { ...allocate, buffer: { ...allocate!.buffer, ProcessorAffinity: { Mask: 0, Group: 0 } }, expect: undefined },
      { returnNbls: { QueueId: '$vm1q.QueueId' } },
    ]);
    const grade = gradeScenario(LESSON, broken);
    expect(grade.runProblems).toEqual([
      expect.stringMatching(/^steps\[1\] returnNbls: \$vm1q\.QueueId: step 0 .* has no output$/),
    ]);
    expect(grade.ownExpectations).toEqual([]);

    const session = createLessonSession(LESSON, SOLUTION, { frameLimit: 2 });
    session.runToEnd();
    const limited = gradeSession(LESSON, session);
    expect(limited.ok).toBe(false);
    expect(limited.runProblems).toEqual([expect.stringContaining('run limit: stopped at')]);
  });

  it('fails a check whose "$vm:NAME" the student\'s scenario does not have, saying why', () => {
    const lesson = fixtureLesson({
      ...lessonDocument(),
      checks: [
        {
          ...lessonDocument().checks[0]!,
          expect: { events: [{ where: { event: 'frame-arrived', dst: '$vm:VM1' } }] },
        },
      ],
      wrong: [{ scenario: 'solutions/vm1-queue.wrong.json', fails: ['queue-running'], why: 'no VM1' }],
    });
    const grade = gradeScenario(lesson, { ...SOLUTION, vms: [], steps: [] });
    expect(grade.verdicts[0]).toMatchObject({ ok: false, details: ['$vm:VM1: no VM named "VM1"'] });
  });
});

describe('gradeSession', () => {
  it('judges the session as it is now, step by step', () => {
    const session = createLessonSession(LESSON, SOLUTION);
    const running = () => gradeSession(LESSON, session).verdicts[0]!.ok;
    session.runNextStep();
    session.runNextStep();
    expect(running()).toBe(false);
    session.runNextStep();
    expect(running()).toBe(true);
    expect(gradeSession(LESSON, session).verdicts[1]!.ok).toBe(false);
    session.runToEnd();
    expect(gradeSession(LESSON, session).ok).toBe(true);
  });
});
