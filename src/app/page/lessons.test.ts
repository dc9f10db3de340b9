import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OidRequest } from '../../engine/index.ts';
import { lessonCatalog } from '../../lesson/catalog.ts';
import { FIXTURE_LESSON_ID, FIXTURE_LESSONS_DIR, fixtureLesson, lessonDocument } from '../../lesson/testing.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { lessonFiles } from './lessonFiles.ts';
import { GRADE_MAX_WAIT_MS, GRADE_QUIET_MS, gradeDelay } from './lessonActions.ts';
import { attemptOf, lessonSource } from './lessonAttempts.ts';
import { createLessons } from './lessons.ts';
import { memoryStorage, testPage } from './testing.ts';

const BASE = new URL('http://vmq.test/');
const SCENARIO_CATALOG = [{ file: 'vmq-in-a-minute.json', title: 'VMQ in a minute', description: '', default: true }];
const LESSON = fixtureLesson();
const CATALOG = lessonCatalog([LESSON]);
if ('error' in CATALOG) throw new Error(CATALOG.error);

/** The site as the build serves it: lessons/ from the lesson fixtures, the catalogue made from them, and files
 * `broken` names answered with this text instead. */
function serveLessons(broken: Record<string, string> = {}) {
  const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('fetch', async (url: URL) => {
    const path = url.pathname.slice(1);
    if (path in broken) return json(broken[path] as string);
    if (path === 'lesson-catalog.json') return json(JSON.stringify(CATALOG));
    if (path === 'scenario-catalog.json') return json(JSON.stringify(SCENARIO_CATALOG));
    if (path.startsWith('scenarios/')) return json(scenarioText(path.slice('scenarios/'.length)));
    if (!path.startsWith('lessons/')) return new Response('', { status: 404 });
    try {
      return json(readFileSync(`${FIXTURE_LESSONS_DIR}${path.slice('lessons/'.length)}`, 'utf8'));
    } catch {
      return new Response('', { status: 404 });
    }
  });
}

/** Timers the test runs itself: the grading delay is all this store waits for. */
function grades() {
  let pending: { run: () => void; ms: number }[] = [];
  return {
    schedule: (run: () => void, ms: number) => {
      const timer = { run, ms };
      pending.push(timer);
      return () => {
        pending = pending.filter((p) => p !== timer);
      };
    },
    pending: () => pending.map((p) => p.ms),
    /** Runs the grades asked for, as their delay passing would. */
    fire: () => {
      const due = pending;
      pending = [];
      for (const timer of due) timer.run();
    },
  };
}

function lessonPage(storage = memoryStorage()) {
  const timers = grades();
  const saves: (() => void)[] = [];
  const test = testPage({
    theme: { storage, root: { dataset: {} } as unknown as HTMLElement, prefersDark: false },
    sessionStorage: storage,
    scheduleSave: (callback) => void saves.push(callback),
    lessonFiles: lessonFiles(BASE),
    scheduleGrade: timers.schedule,
  });
  /** Starts the page at `search`, running its frames until start-up is over. */
  const started = async (search: string) => {
    let done = false;
    const starting = test.page.start(search).finally(() => {
      done = true;
    });
    for (let i = 0; i < 500 && !done; i++) await test.frame();
    await starting;
  };
  const save = () => {
    for (const write of saves.splice(0)) write();
  };
  const lessons = () => test.page.lessons.getState();
  /** Runs frames until the batches settle, then the grade they asked for, then frames until it is back. */
  const graded = async () => {
    await test.until(() => timers.pending().length > 0);
    const before = lessons().graded;
    timers.fire();
    await test.until(() => lessons().graded !== before);
    return lessons().graded?.grade;
  };
  return { ...test, timers, lessons, graded, storage, started, save };
}

/** A page whose lessons' code has loaded, so its actions act at once and its progress is read. */
async function readyPage(storage = memoryStorage()) {
  const page = lessonPage(storage);
  await page.lessons().ready();
  return page;
}

const ALLOCATE: OidRequest = {
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: {
    QueueType: 'NdisReceiveQueueTypeVMQueue',
    ProcessorAffinity: { Mask: 2, Group: 0 },
    NumSuggestedReceiveBuffers: 32,
    VmName: 'VM1',
  },
};

beforeEach(() => {
  serveLessons();
  vi.stubGlobal('window', { location: { origin: BASE.origin } });
  // The page's base (page/siteBase.ts).
  vi.stubGlobal('document', { baseURI: `${BASE.origin}/` });
});
afterEach(() => vi.unstubAllGlobals());

describe("the lessons' code", () => {
  it('loads when an action is first called, once, and then acts directly', async () => {
    const { page } = lessonPage();
    let loads = 0;
    const own = createLessons(
      {
        storage: memoryStorage(),
        page: page.store,
        firstSide: () => undefined,
        load: async () => false,
        restoreSaved: async () => false,
        loadDefault: async () => false,
        drive: page.drive,
        files: lessonFiles(BASE),
      },
      () => {
        loads++;
        return import('./lessonActions.ts');
      },
    );
    const standIn = own.store.getState().showList;
    expect(loads).toBe(0);
    own.store.getState().showList(true);
    await own.store.getState().ready();
    expect(loads).toBe(1);
    expect(own.store.getState().listOpen).toBe(true);
    expect(own.store.getState().showList).not.toBe(standIn);
    own.store.getState().showList(false);
    expect(own.store.getState().listOpen).toBe(false);
    own.dispose();
  });
});

describe('the lessons on the page', () => {
  it('opens a lesson at its starting scenario, as an attempt at it the worker grades', async () => {
    const { page, side, lessons, graded } = lessonPage();
    expect(await lessons().open(FIXTURE_LESSON_ID)).toBe(true);
    const loaded = page.store.getState().loaded;
    expect(loaded?.source).toBe(lessonSource(LESSON.scenario));
    expect(loaded?.lesson).toEqual(LESSON);
    expect(attemptOf(LESSON, loaded?.source ?? '')).toEqual({ kind: 'start' });
    expect(side().store.getState().scenario?.title).toBe("VM1's traffic, without a queue of its own yet");
    const grade = await graded();
    expect(grade).toMatchObject({ lesson: FIXTURE_LESSON_ID, total: LESSON.checks.length });
    expect(grade?.verdicts.find((v) => v.id === 'queue-running')).toMatchObject({
      ok: false,
      explanation: LESSON.checks[0]?.fail,
    });
  });

  it("grades the user's console actions once they settle, and keeps the checks passed as progress", async () => {
    const { side, lessons, graded, storage } = lessonPage();
    await lessons().open(FIXTURE_LESSON_ID);
    await graded();
    expect(lessons().progress[FIXTURE_LESSON_ID]?.passed).toEqual(['no-violations']);
    await side().act((client) => client.requestOid(ALLOCATE));
    const grade = await graded();
    // Allocated is not Running yet: the check still fails, with the worker's own sentence for why.
    expect(grade?.verdicts.find((v) => v.id === 'queue-running')?.details).toEqual([
      'queue 1 state: expected Running, got Allocated',
    ]);
    expect(JSON.parse(storage.getItem('vmq-playground:lessons') ?? '{}')).toEqual({
      [FIXTURE_LESSON_ID]: { passed: ['no-violations'], hints: 0, completed: false },
    });
  });

  it("marks a lesson completed when the student's attempt passes every check, and it stays so", async () => {
    const { page, lessons, graded } = lessonPage();
    await lessons().open(FIXTURE_LESSON_ID);
    await graded();
    // The student opens a file of their own in the lesson: the solution's steps, under another name.
    await page.load(readFileSync(`${FIXTURE_LESSONS_DIR}${LESSON.solution}`, 'utf8'), 'mine.json', LESSON);
    expect(attemptOf(LESSON, 'mine.json')).toEqual({ kind: 'own', source: 'mine.json' });
    page.drive.step('scenario-step');
    for (let i = 0; i < 8; i++) page.drive.step('scenario-step');
    expect((await graded())?.ok).toBe(true);
    expect(lessons().progress[FIXTURE_LESSON_ID]).toEqual({
      passed: LESSON.checks.map((c) => c.id),
      hints: 0,
      completed: true,
    });
    await lessons().tryAttempt({ kind: 'start' });
    expect((await graded())?.ok).toBe(false);
    expect(lessons().progress[FIXTURE_LESSON_ID]?.completed).toBe(true);
  });

  it("runs the teacher's solution to its end, passing, and the wrong attempt failing as documented, counting neither as progress", async () => {
    const { page, lessons, graded } = lessonPage();
    await lessons().open(FIXTURE_LESSON_ID);
    await graded();
    const before = lessons().progress[FIXTURE_LESSON_ID];
    expect(await lessons().tryAttempt({ kind: 'solution' })).toBe(true);
    expect(page.store.getState().loaded?.source).toBe(lessonSource(LESSON.solution));
    const solved = await graded();
    expect(solved).toMatchObject({ ok: true, passed: LESSON.checks.length, runProblems: [] });
    expect(await lessons().tryAttempt({ kind: 'wrong', index: 0 })).toBe(true);
    const wrong = await graded();
    expect(wrong?.verdicts.filter((v) => !v.ok).map((v) => v.id)).toEqual(LESSON.wrong[0]?.fails);
    expect(lessons().progress[FIXTURE_LESSON_ID]).toEqual(before);
  });

  it('grades once a run of changes is quiet, and at least every so often while they keep coming', async () => {
    const { page, frame, timers, lessons, graded } = lessonPage();
    await lessons().open(FIXTURE_LESSON_ID);
    await graded();
    page.drive.step('event');
    await frame();
    expect(timers.pending()).toEqual([GRADE_QUIET_MS]);
    page.drive.step('event');
    await frame();
    // Each change waits the quiet time again, and only one grade is ever waiting.
    expect(timers.pending()).toEqual([GRADE_QUIET_MS]);
  });

  it('never waits past the longest delay for a grade, however often batches come', () => {
    expect(gradeDelay(0, 0)).toBe(GRADE_QUIET_MS);
    expect(gradeDelay(0, GRADE_MAX_WAIT_MS - 100)).toBe(100);
    expect(gradeDelay(0, GRADE_MAX_WAIT_MS + 500)).toBe(0);
  });

  it('says "no such lesson" for an id the lessons folder does not have, and leaves the page as it was', async () => {
    const { page, side, lessons } = lessonPage();
    await page.load(scenarioText(), 'default');
    const session = side().store.getState().sessionId;
    expect(await lessons().open('no-such-lesson')).toBe(false);
    expect(side().store.getState().loadProblem).toEqual({
      source: 'lessons/no-such-lesson.json',
      errors: [{ path: '', message: 'no such lesson: no-such-lesson' }],
    });
    expect(side().store.getState().sessionId).toBe(session);
    expect(page.store.getState().loaded?.lesson).toBeUndefined();
  });

  it("names what is wrong with a lesson file, with the parser's paths", async () => {
    serveLessons({ [`lessons/${FIXTURE_LESSON_ID}.json`]: JSON.stringify({ ...lessonDocument(), hints: [] }) });
    const { side, lessons } = lessonPage();
    expect(await lessons().open(FIXTURE_LESSON_ID)).toBe(false);
    expect(side().store.getState().loadProblem?.errors[0]?.message).toMatch(/^hints: /);
  });

  it('unlocks hints one at a time, up to the last, and remembers them', async () => {
    const storage = memoryStorage();
    const { lessons } = lessonPage(storage);
    await lessons().open(FIXTURE_LESSON_ID);
    for (let i = 0; i < LESSON.hints.length + 2; i++) lessons().showHint();
    expect(lessons().progress[FIXTURE_LESSON_ID]?.hints).toBe(LESSON.hints.length);
    expect((await readyPage(storage)).lessons().progress[FIXTURE_LESSON_ID]?.hints).toBe(LESSON.hints.length);
  });

  it("resets one lesson's progress, or all of it, and a new page reads what is left", async () => {
    const storage = memoryStorage([
      [
        'vmq-playground:lessons',
        JSON.stringify({
          a: { passed: ['x'], hints: 1, completed: true },
          b: { passed: [], hints: 2, completed: false },
        }),
      ],
    ]);
    const { lessons } = await readyPage(storage);
    expect(Object.keys(lessons().progress).sort()).toEqual(['a', 'b']);
    lessons().resetProgress('a');
    expect(Object.keys((await readyPage(storage)).lessons().progress)).toEqual(['b']);
    lessons().resetAllProgress();
    expect((await readyPage(storage)).lessons().progress).toEqual({});
  });

  it('leaves the lesson when another scenario is loaded: no lesson, no grade', async () => {
    const { page, lessons, graded } = lessonPage();
    await lessons().open(FIXTURE_LESSON_ID);
    await graded();
    await page.load(scenarioText(), 'default');
    expect(page.store.getState().loaded?.lesson).toBeUndefined();
    expect(lessons().graded).toBeNull();
  });

  it('remembers the teacher view, and reads the lesson list when it is first shown', async () => {
    const storage = memoryStorage();
    const { lessons, until } = await readyPage(storage);
    expect(lessons().teacher).toBe(false);
    lessons().setTeacher(true);
    expect((await readyPage(storage)).lessons().teacher).toBe(true);
    expect(lessons().catalog).toBeNull();
    lessons().showList(true);
    await until(() => lessons().catalog !== null);
    expect(lessons().catalog).toEqual(CATALOG.lessons);
  });

  it('opens the lesson the address names, in the teacher view when it says so', async () => {
    const { page, lessons, started } = lessonPage();
    await started(`?lesson=${FIXTURE_LESSON_ID}&teacher=1`);
    expect(page.store.getState().loaded?.lesson?.id).toBe(FIXTURE_LESSON_ID);
    expect(lessons().teacher).toBe(true);
  });

  it('says so when the address names no lesson there is, and opens the page as without it, losing nothing', async () => {
    const storage = memoryStorage();
    const before = lessonPage(storage);
    await before.page.load(scenarioText(), 'my-copy.json');
    before.page.drive.step('scenario-step');
    await before.frame();
    before.save();
    for (const search of ['?lesson=no-such-lesson', '?lesson=..%2Fsecret']) {
      const after = lessonPage(storage);
      await after.started(search);
      const message = search.includes('secret') ? 'no such lesson: ../secret' : 'no such lesson: no-such-lesson';
      expect(
        after
          .side()
          .store.getState()
          .loadProblem?.errors.map((e) => e.message),
      ).toEqual([message]);
      // The saved session came back beside the message.
      expect(after.side().store.getState().scenario?.source).toBe('my-copy.json');
      expect(after.side().store.getState().stats?.nextStepIndex).toBe(1);
    }
    // Everything the address asked for and did not get is said together.
    const both = lessonPage(storage);
    await both.started('?lesson=no-such-lesson&teacher=maybe');
    expect(
      both
        .side()
        .store.getState()
        .loadProblem?.errors.map((e) => e.message),
    ).toEqual(['no such lesson: no-such-lesson', 'teacher=maybe was ignored: teacher=1 turns the teacher view on']);
  });

  it("brings back the student's saved attempt when the lesson is opened again, as an attempt at it", async () => {
    const storage = memoryStorage();
    const before = lessonPage(storage);
    await before.started(`?lesson=${FIXTURE_LESSON_ID}`);
    await before.side().act((client) => client.requestOid(ALLOCATE));
    await before.frame();
    before.save();
    const after = lessonPage(storage);
    await after.started(`?lesson=${FIXTURE_LESSON_ID}`);
    expect(after.page.store.getState().loaded?.lesson?.id).toBe(FIXTURE_LESSON_ID);
    expect(
      after
        .side()
        .store.getState()
        .view?.queues.map((q) => q.QueueId),
    ).toEqual([0, 1]);
    const grade = await after.graded();
    expect(grade?.verdicts.find((v) => v.id === 'queue-running')?.details).toEqual([
      'queue 1 state: expected Running, got Allocated',
    ]);
  });
});
