import { describe, expect, it } from 'vitest';
import type { OidRequest } from '../engine/index.ts';
import type { LessonGrade } from '../lesson/grade.ts';
import { fixtureLesson, fixtureText, lessonDocument } from '../lesson/testing.ts';
import type { LessonGradedMessage } from '../protocol/messages.ts';
import { InProcessSimClient } from '../client/InProcessSimClient.ts';
import { gradeSession } from '../lesson/grade.ts';
import type { SimCommand, SimCommandInput } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import { EngineHost, type GradeSession } from './engineHost.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const START = fixtureText('scenarios/vm1-queue.json');
const SOLUTION = fixtureText('solutions/vm1-queue.json');

/** The fixture lesson with one more check: about a request only the user sends (the starting scenario sends none). */
const LESSON = fixtureLesson({
  ...lessonDocument(),
  checks: [
    ...(lessonDocument().checks as unknown[]),
    {
      id: 'user-allocated',
      title: 'A VM queue was allocated',
      expect: {
        events: [
          {
            where: { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_SUCCESS' },
            count: 1,
          },
        ],
      },
      pass: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE succeeded once.',
      fail: 'Allocate a queue for VM1 with OID_RECEIVE_FILTER_ALLOCATE_QUEUE.',
    },
  ],
});

const ALLOCATE: OidRequest = {
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: {
    QueueType: 'NdisReceiveQueueTypeVMQueue',
    ProcessorAffinity: { Mask: 2, Group: 0 },
    NumSuggestedReceiveBuffers: 32,
    VmName: 'VM1',
  },
};

const verdict = (grade: LessonGrade, id: string) => grade.verdicts.find((v) => v.id === id);

function lessonHost() {
  const host = harness();
  const grade = (): LessonGradedMessage => {
    const reply = host.send({ type: 'grade-lesson' });
    if (reply?.type !== 'lesson-graded') throw new Error(`expected lesson-graded, got ${JSON.stringify(reply)}`);
    return reply;
  };
  return { ...host, grade };
}

describe('EngineHost grades a lesson attempt', () => {
  it("sees the user's console actions: a check about an OID the user issued passes once they issue it", () => {
    const { send, pull, grade } = lessonHost();
    const loaded = send({ type: 'load-scenario', scenario: START, source: 'vm1-queue', lesson: LESSON });
    expect(loaded?.type).toBe('scenario-loaded');
    const before = grade();
    expect(verdict(before.grade, 'user-allocated')).toMatchObject({ ok: false, explanation: expect.any(String) });
    expect(verdict(before.grade, 'user-allocated')?.explanation).toBe(
      'Allocate a queue for VM1 with OID_RECEIVE_FILTER_ALLOCATE_QUEUE.',
    );

    expect(send({ type: 'request-oid', request: ALLOCATE })?.type).toBe('oid-answered');
    pull();
    const after = grade();
    expect(verdict(after.grade, 'user-allocated')).toMatchObject({
      ok: true,
      explanation: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE succeeded once.',
    });
    expect(loaded?.type === 'scenario-loaded' && after.sessionId).toBe(
      loaded?.type === 'scenario-loaded' && loaded.sessionId,
    );
  });

  it('judges the session as it is now: Step back takes the action, and its pass, away again', () => {
    const { send, pull, grade } = lessonHost();
    send({ type: 'load-scenario', scenario: START, source: 'vm1-queue', lesson: LESSON });
    send({ type: 'request-oid', request: ALLOCATE });
    pull();
    expect(verdict(grade().grade, 'user-allocated')?.ok).toBe(true);
    send({ type: 'step-back' });
    pull();
    expect(verdict(grade().grade, 'user-allocated')?.ok).toBe(false);
  });

  it('passes every check of the solution once it has run to its end, and only then', () => {
    const { send, pull, grade } = lessonHost();
    send({ type: 'load-scenario', scenario: SOLUTION, source: 'vm1-queue solution', lesson: fixtureLesson() });
    expect(grade().grade.ok).toBe(false);
    for (let i = 0; i < 20 && !pull().stats.finished; i++) send({ type: 'step', kind: 'scenario-step' });
    const { grade: end } = grade();
    expect(end).toMatchObject({ ok: true, passed: end.total, runProblems: [] });
    expect(end.score).toEqual({ label: 'frames on the default queue', value: 0, better: 'lower' });
  });

  it('refuses to grade a session loaded without a lesson, naming why', () => {
    const { send } = harness();
    send({ type: 'load-scenario', scenario: START, source: 'vm1-queue' });
    const reply = send({ type: 'grade-lesson' });
    expect(reply).toMatchObject({ type: 'error', message: expect.stringContaining('not a lesson') });
  });

  it('grading leaves a held instant held: it reads the engine and changes nothing on screen', () => {
    const { send, pull, grade } = lessonHost();
    // The default scenario frees a queue: an instant of several queue states, held to be seen one at a time.
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'default', lesson: LESSON });
    pull();
    send({ type: 'play', speed: 100 });
    let held = pull(16);
    for (let i = 0; i < 5000 && held.stats.heldEvents === 0 && !held.stats.finished; i++) held = pull(16);
    const before = held.stats;
    expect(before.heldEvents).toBeGreaterThan(0);
    grade();
    send({ type: 'pause' });
    const after = pull(0);
    expect(after.stats.heldEvents).toBe(before.heldEvents);
    expect(after.stats.eventCount).toBe(before.eventCount);
  });
});

describe('the lesson grader comes in on the first grade', () => {
  /** A host whose grader arrives when the test says, as the worker's lazy chunk does. */
  function lazyGrader() {
    const outbox: WorkerMessage[] = [];
    let loads = 0;
    let settle!: { resolve(grade: GradeSession): void; reject(error: Error): void };
    const host = new EngineHost(
      (message) => outbox.push(structuredClone(message)),
      () => parseScenario,
      {
        loadGrader: () => {
          loads++;
          return new Promise<GradeSession>((resolve, reject) => {
            settle = { resolve, reject };
          });
        },
      },
    );
    let nextId = 1;
    const send = (input: SimCommandInput): number => {
      const id = nextId++;
      host.receive({ ...input, id } as SimCommand);
      return id;
    };
    return { outbox, send, settle: () => settle, loads: () => loads };
  }
  const settled = async () => {
    await Promise.resolve();
    await Promise.resolve();
  };

  it('loads it once, and what arrives meanwhile waits: the grade judges the session as it was asked for', async () => {
    const { outbox, send, settle, loads } = lazyGrader();
    send({ type: 'load-scenario', scenario: START, source: 'vm1-queue', lesson: LESSON });
    expect(loads()).toBe(0);
    const grade = send({ type: 'grade-lesson' });
    send({ type: 'request-oid', request: ALLOCATE });
    expect(outbox.map((m) => m.type)).toEqual(['scenario-loaded']);
    settle().resolve(gradeSession);
    await settled();
    expect(outbox.map((m) => m.type)).toEqual(['scenario-loaded', 'lesson-graded', 'oid-answered']);
    const graded = outbox[1];
    expect(graded?.type === 'lesson-graded' && graded.replyTo).toBe(grade);
    expect(graded?.type === 'lesson-graded' && verdict(graded.grade, 'user-allocated')?.ok).toBe(false);
    send({ type: 'grade-lesson' });
    const again = outbox.at(-1);
    expect(again?.type === 'lesson-graded' && verdict(again.grade, 'user-allocated')?.ok).toBe(true);
    expect(loads()).toBe(1);
  });

  it('answers with an error when the grader cannot be fetched, and tries again next time', async () => {
    const { outbox, send, settle, loads } = lazyGrader();
    send({ type: 'load-scenario', scenario: START, source: 'vm1-queue', lesson: LESSON });
    const grade = send({ type: 'grade-lesson' });
    settle().reject(new Error('Failed to fetch dynamically imported module'));
    await settled();
    expect(outbox.at(-1)).toEqual({
      type: 'error',
      replyTo: grade,
      message: 'the lesson grader did not load: Failed to fetch dynamically imported module',
    });
    send({ type: 'grade-lesson' });
    expect(loads()).toBe(2);
  });
});

describe('the clients carry the lesson and its grade', () => {
  it('InProcessSimClient loads with the lesson and answers gradeLesson for that session', async () => {
    const client = new InProcessSimClient();
    await client.ready;
    const loaded = await client.loadScenario(START, 'vm1-queue', undefined, LESSON);
    expect(loaded.type).toBe('scenario-loaded');
    await client.requestOid(ALLOCATE);
    const graded = await client.gradeLesson();
    expect(graded.sessionId).toBe(loaded.type === 'scenario-loaded' ? loaded.sessionId : -1);
    expect(graded.grade.lesson).toBe('vm1-queue');
    expect(verdict(graded.grade, 'user-allocated')?.ok).toBe(true);
    await client.loadScenario(START, 'vm1-queue');
    await expect(client.gradeLesson()).rejects.toThrow(/not a lesson/);
    client.dispose();
  });
});
