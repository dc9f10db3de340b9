/**
 * The lessons' actions (page/lessons.ts puts them in its store the first time one is called): opening a lesson and
 * its attempts, hints and progress, and asking the worker for a grade once the first side's run settles. The
 * worker judges; these show what it answered.
 */
import type { Lesson } from '../../lesson/schema.ts';
import { messageOf } from '../store/simStore.ts';
import {
  type LessonProgress,
  progressAfter,
  progressOf,
  rememberedProgress,
  rememberedTeacher,
  rememberProgress,
  rememberTeacher,
} from './lessonProgress.ts';
import { currentLesson, lessonSource } from './lessonAttempts.ts';
import { type LessonFiles, lessonFiles } from './lessonFiles.ts';
import type { Attempt, LessonActions, LessonsDeps, LessonsStore, NamedAttempt } from './lessons.ts';
import { noSuchLesson } from './pageUrl.ts';
import { siteBase } from './siteBase.ts';

/** A grade wait this long after the last batch that changed something, so a run of commands is graded once… */
export const GRADE_QUIET_MS = 250;
/** …but never longer than this while the simulation keeps playing, so the checks follow it. */
export const GRADE_MAX_WAIT_MS = 1000;

/** How long a grade waits when a change arrives at `nowMs` and the oldest change not yet graded at `sinceMs`. */
export const gradeDelay = (sinceMs: number, nowMs: number): number =>
  Math.max(0, Math.min(GRADE_QUIET_MS, GRADE_MAX_WAIT_MS - (nowMs - sinceMs)));

/** Grades of the student's own attempts count as their progress; the teacher's solution and wrong attempts do not. */
export const isStudentsAttempt = (attempt: Attempt): boolean => attempt.kind === 'start' || attempt.kind === 'own';

export function lessonActions(store: LessonsStore, deps: LessonsDeps): LessonActions {
  const { storage, page, firstSide } = deps;
  const later =
    deps.schedule ??
    ((callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    });
  const clock = deps.now ?? (() => performance.now());

  const current = () => currentLesson(page.getState().loaded);
  const files = deps.files ?? lessonFiles(siteBase());
  /** Step scenario through every step, and once more to settle what they left running. */
  const runToEnd = () => {
    const steps = firstSide()?.store.getState().scenario?.stepCount ?? 0;
    for (let i = 0; i <= steps; i++) deps.drive.step('scenario-step');
  };

  const { setState: set, getState: get } = store;
  // The remembered choice and progress, read now that the lessons are first wanted.
  set({ teacher: rememberedTeacher(storage), progress: rememberedProgress(storage) });

  const updateProgress = (id: string, update: (progress: LessonProgress) => LessonProgress) => {
    const progress = { ...get().progress, [id]: update(progressOf(get().progress, id)) };
    rememberProgress(storage, progress);
    set({ progress });
  };

  /** Shows why the lesson could not be opened where load problems show; the session on screen stays. */
  const report = (source: string, messages: string[]) =>
    firstSide()?.store.setState({
      loadProblem: { source, errors: messages.map((message) => ({ path: '', message })) },
    });

  const loadScenarioOf = async (lesson: Lesson, path: string): Promise<boolean> => {
    const source = lessonSource(path);
    let text: string;
    try {
      text = await files.scenario(path);
    } catch (error) {
      report(source, [messageOf(error)]);
      return false;
    }
    return deps.load({ scenario: text, source, lesson });
  };

  /** Loads `attempt`; the teacher's solution and wrong attempts run to their end, so their checks are judged. */
  const loadAttempt = async (lesson: Lesson, attempt: NamedAttempt): Promise<boolean> => {
    const path =
      attempt.kind === 'start'
        ? lesson.scenario
        : attempt.kind === 'solution'
          ? lesson.solution
          : lesson.wrong[attempt.index]?.scenario;
    if (path === undefined || !(await loadScenarioOf(lesson, path))) return false;
    if (attempt.kind !== 'start') runToEnd();
    return true;
  };

  const readCatalog = async () => {
    try {
      const catalog = await files.catalog();
      set({ catalog, catalogProblem: catalog.length === 0 ? 'the lesson list is empty' : null });
    } catch (error) {
      set({ catalog: [], catalogProblem: messageOf(error) });
    }
  };

  const actions = {
    showList: (open: boolean) => {
      set({ listOpen: open });
      if (open && get().catalog === null) void readCatalog();
    },
    setTeacher: (on: boolean) => {
      rememberTeacher(storage, on);
      set({ teacher: on });
    },
    open: async (id: string, attempt: NamedAttempt = { kind: 'start' }) => {
      set({ opening: id });
      try {
        const source = lessonSource(`${id}.json`);
        let read: Awaited<ReturnType<LessonFiles['lesson']>>;
        try {
          read = await files.lesson(id);
        } catch (error) {
          const missing = messageOf(error).startsWith('no such lesson file');
          report(source, [missing ? noSuchLesson(id) : messageOf(error)]);
          return false;
        }
        if ('errors' in read) {
          report(
            source,
            read.errors.map(({ path, message }) => (path ? `${path}: ${message}` : message)),
          );
          return false;
        }
        const resumed = attempt.kind === 'start' && (await deps.restoreSaved(read.lesson));
        const opened = resumed || (await loadAttempt(read.lesson, attempt));
        if (opened) set({ listOpen: false });
        return opened;
      } finally {
        set({ opening: null });
      }
    },
    tryAttempt: async (attempt: NamedAttempt) => {
      const lesson = current()?.lesson;
      return lesson ? loadAttempt(lesson, attempt) : false;
    },
    leave: async () => {
      await deps.loadDefault();
    },
    gradeNow: () => grader.now(),
    showHint: () => {
      const lesson = current()?.lesson;
      if (!lesson) return;
      updateProgress(lesson.id, (progress) => ({
        ...progress,
        hints: Math.min(lesson.hints.length, progress.hints + 1),
      }));
    },
    resetProgress: (id: string) => {
      const { [id]: _forgotten, ...rest } = get().progress;
      rememberProgress(storage, rest);
      set({ progress: rest });
    },
    resetAllProgress: () => {
      rememberProgress(storage, {});
      set({ progress: {} });
    },
  };

  /** Grades the first side's session once its batches settle (GRADE_QUIET_MS after the last that changed
   * something), at least every GRADE_MAX_WAIT_MS while they keep coming, and at once when asked. A grade that comes
   * back for a session since replaced is dropped. */
  const grader = (() => {
    let cancel: (() => void) | null = null;
    /** When the oldest change not yet graded arrived; null when every change is graded. */
    let since: number | null = null;
    const run = () => {
      cancel?.();
      cancel = null;
      since = null;
      const side = firstSide();
      const sessionId = side?.store.getState().sessionId ?? null;
      if (!side || !current() || sessionId === null || side.client.broken !== null) return;
      side.client.gradeLesson().then(
        ({ sessionId: judged, grade }) => {
          const attempt = current();
          if (judged !== side.store.getState().sessionId || attempt?.lesson.id !== grade.lesson) return;
          set({ graded: { sessionId: judged, grade }, gradeProblem: null });
          if (isStudentsAttempt(attempt.attempt))
            updateProgress(grade.lesson, (progress) => progressAfter(progress, grade));
        },
        (error: unknown) => {
          // A session loaded since, without the lesson, has nothing to grade; anything else is worth saying.
          if (current() !== null && side.store.getState().sessionId === sessionId)
            set({ gradeProblem: messageOf(error) });
        },
      );
    };
    return {
      now: run,
      soon: () => {
        const now = clock();
        since ??= now;
        cancel?.();
        cancel = later(run, gradeDelay(since, now));
      },
      stop: () => {
        cancel?.();
        cancel = null;
        since = null;
      },
    };
  })();

  /** Follows the first side: every batch that changed the playback facts (a run, a step, an action) asks for a
   * grade once it settles; a new session drops the grade of the old one. */
  let unfollowSide: () => void = () => {};
  const followSide = () => {
    unfollowSide();
    const side = firstSide();
    unfollowSide =
      side?.store.subscribe((state, previous) => {
        if (state.sessionId !== previous.sessionId) set({ graded: null, gradeProblem: null });
        if (current() && state.stats !== previous.stats && state.stats?.backlog === 0) grader.soon();
      }) ?? (() => {});
  };
  followSide();
  const unfollowPage = page.subscribe((state, previous) => {
    if (state.sides !== previous.sides) followSide();
    if (state.loaded !== previous.loaded && state.loaded?.lesson?.id !== previous.loaded?.lesson?.id) {
      grader.stop();
      set({ graded: null, gradeProblem: null });
    }
  });

  return {
    ...actions,
    dispose: () => {
      grader.stop();
      unfollowSide();
      unfollowPage();
    },
  };
}
