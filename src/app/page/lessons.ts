/**
 * The guided lessons on the page: which lesson the first side runs an attempt at, its latest grade, the student's
 * progress, and the teacher's view. A lesson attempt is a scenario loaded with its lesson (LoadedScenario.lesson):
 * the worker records what the checks need and judges the session (protocol `grade-lesson`); this store asks for a
 * grade once a run has settled, and shows what the worker answered. It never judges anything itself.
 *
 * Everything heavy comes in on demand: the lesson files and their parser (page/lessonFiles.ts) when a lesson is
 * first opened, the views when they are first shown. What the first view loads of the lessons is this store.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { LessonCatalogEntry } from '../../lesson/catalog.ts';
import type { LessonGrade } from '../../lesson/grade.ts';
import type { Lesson } from '../../lesson/schema.ts';
import type { Side } from '../side/createSide.ts';
import { messageOf } from '../store/simStore.ts';
import type { LessonFiles } from './lessonFiles.ts';
import {
  type CourseProgress,
  progressAfter,
  progressOf,
  rememberedProgress,
  rememberedTeacher,
  rememberProgress,
  rememberTeacher,
} from './lessonProgress.ts';
import { noSuchLesson } from './pageUrl.ts';
import type { LoadedScenario, PageStore } from './pageStore.ts';

/** Which scenario of the lesson the first side runs. */
export type Attempt =
  /** The lesson's starting scenario: the student's own attempt. */
  | { kind: 'start' }
  /** The lesson's solution, which passes every check. */
  | { kind: 'solution' }
  /** One of its wrong attempts (lesson.wrong[index]), which fail for a documented reason. */
  | { kind: 'wrong'; index: number }
  /** A scenario file the student opened while in the lesson: their own attempt too. */
  | { kind: 'own'; source: string };

/** The attempts the page loads for the asking: all but the student's own files. */
export type TeacherAttempt = Exclude<Attempt, { kind: 'own' }>;

/** How the page names a lesson's file (its source), so an attempt can be told from its source alone. */
export const lessonSource = (path: string): string => `lessons/${path}`;

export function attemptOf(lesson: Lesson, source: string): Attempt {
  if (source === lessonSource(lesson.scenario)) return { kind: 'start' };
  if (source === lessonSource(lesson.solution)) return { kind: 'solution' };
  const index = lesson.wrong.findIndex((wrong) => source === lessonSource(wrong.scenario));
  return index >= 0 ? { kind: 'wrong', index } : { kind: 'own', source };
}

/** Grades of the student's own attempts count as their progress; the teacher's solution and wrong attempts do not. */
export const isStudentsAttempt = (attempt: Attempt): boolean => attempt.kind === 'start' || attempt.kind === 'own';

/** The lesson the first side runs an attempt at, or null. */
export function currentLesson(loaded: LoadedScenario | null): { lesson: Lesson; attempt: Attempt } | null {
  return loaded?.lesson ? { lesson: loaded.lesson, attempt: attemptOf(loaded.lesson, loaded.source) } : null;
}

export type LessonTool = Lesson['allow'][number];

/** How the page names each tool a lesson may allow. */
export const TOOL_NAMES: Record<LessonTool, string> = {
  console: 'the OID console',
  traffic: 'the traffic generator',
  editor: 'scenario files of your own (Open file…)',
};

/** Whether the student may use `tool`: always outside a lesson, else as the lesson's `allow` says. */
export const toolAllowed = (loaded: LoadedScenario | null, tool: LessonTool): boolean =>
  !loaded?.lesson || loaded.lesson.allow.includes(tool);

/** A grade wait this long after the last batch that changed something, so a run of commands is graded once… */
export const GRADE_QUIET_MS = 250;
/** …but never longer than this while the simulation keeps playing, so the checks follow it. */
export const GRADE_MAX_WAIT_MS = 1000;

/** How long a grade waits when a change arrives at `nowMs` and the oldest change not yet graded at `sinceMs`. */
export const gradeDelay = (sinceMs: number, nowMs: number): number =>
  Math.max(0, Math.min(GRADE_QUIET_MS, GRADE_MAX_WAIT_MS - (nowMs - sinceMs)));

export interface LessonsState {
  /** The lessons in number order; null until first read. */
  catalog: LessonCatalogEntry[] | null;
  /** Why the catalogue could not be read. */
  catalogProblem: string | null;
  /** The lesson list is shown. */
  listOpen: boolean;
  /** The teacher's view: estimated minutes, solutions one click away, and type large enough for a projector. */
  teacher: boolean;
  progress: CourseProgress;
  /** The lesson being opened (its id), while its files load. */
  opening: string | null;
  /** The latest grade of the first side's session, and which session it judged. */
  graded: { sessionId: number; grade: LessonGrade } | null;
  /** Why the worker could not grade the session (the grader did not load, the worker broke). */
  gradeProblem: string | null;
  showList(open: boolean): void;
  setTeacher(on: boolean): void;
  /** Opens lesson `id` at its starting scenario (its saved session, if the student was working on it), or at
   * another attempt (tryAttempt). Returns whether it opened; if not, the first side's loadProblem says why and the
   * page is left as it was. */
  open(id: string, attempt?: TeacherAttempt): Promise<boolean>;
  /** Loads another scenario of the lesson on screen: afresh, its solution or a wrong attempt. The teacher's two run
   * to their end, so their checks show how they pass or fail. */
  tryAttempt(attempt: TeacherAttempt): Promise<boolean>;
  /** Leaves the lesson for the playground's default scenario. */
  leave(): Promise<void>;
  /** Grades the session now, instead of once the run settles. */
  gradeNow(): void;
  /** Unlocks the next hint of the lesson on screen. */
  showHint(): void;
  resetProgress(id: string): void;
  resetAllProgress(): void;
}

export type LessonsStore = StoreApi<LessonsState>;

export interface LessonsDeps {
  /** The browser's storage (localStorage in the page). */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  page: PageStore;
  /** The side whose session is the attempt: the first one. */
  firstSide(): Side | undefined;
  /** Loads a scenario on every side, as the page does; returns whether the first side took it. */
  load(loaded: LoadedScenario): Promise<boolean>;
  /** Restores the autosaved session if it is an attempt at `lesson`; returns whether it did. */
  restoreSaved(lesson: Lesson): Promise<boolean>;
  loadDefault(): Promise<boolean>;
  /** Runs the first side's scenario to its end. */
  runToEnd(): void;
  /** The lesson files; the page loads page/lessonFiles.ts on first use. */
  files(): Promise<LessonFiles>;
  /** setTimeout in the page, returning how to cancel it, and the clock it counts by; tests pass their own. */
  schedule?: (callback: () => void, ms: number) => () => void;
  now?: () => number;
}

export interface Lessons {
  readonly store: LessonsStore;
  dispose(): void;
}

export function createLessons(deps: LessonsDeps): Lessons {
  const { storage, page, firstSide } = deps;
  const later =
    deps.schedule ??
    ((callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    });
  const clock = deps.now ?? (() => performance.now());

  const current = () => currentLesson(page.getState().loaded);

  const store = createStore<LessonsState>()((set, get) => {
    const updateProgress = (id: string, update: (progress: ReturnType<typeof progressOf>) => typeof progress) => {
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
        text = await (await deps.files()).scenario(path);
      } catch (error) {
        report(source, [messageOf(error)]);
        return false;
      }
      return deps.load({ scenario: text, source, lesson });
    };

    /** Loads `attempt`; the teacher's solution and wrong attempts run to their end, so their checks are judged. */
    const loadAttempt = async (lesson: Lesson, attempt: TeacherAttempt): Promise<boolean> => {
      const path =
        attempt.kind === 'start'
          ? lesson.scenario
          : attempt.kind === 'solution'
            ? lesson.solution
            : lesson.wrong[attempt.index]?.scenario;
      if (path === undefined || !(await loadScenarioOf(lesson, path))) return false;
      if (attempt.kind !== 'start') deps.runToEnd();
      return true;
    };

    const readCatalog = async () => {
      try {
        const catalog = await (await deps.files()).catalog();
        set({ catalog, catalogProblem: catalog.length === 0 ? 'the lesson list is empty' : null });
      } catch (error) {
        set({ catalog: [], catalogProblem: messageOf(error) });
      }
    };

    return {
      catalog: null,
      catalogProblem: null,
      listOpen: false,
      teacher: rememberedTeacher(storage),
      progress: rememberedProgress(storage),
      opening: null,
      graded: null,
      gradeProblem: null,
      showList: (open) => {
        set({ listOpen: open });
        if (open && get().catalog === null) void readCatalog();
      },
      setTeacher: (on) => {
        rememberTeacher(storage, on);
        set({ teacher: on });
      },
      open: async (id, attempt = { kind: 'start' }) => {
        set({ opening: id });
        try {
          const source = lessonSource(`${id}.json`);
          let read: Awaited<ReturnType<LessonFiles['lesson']>>;
          try {
            read = await (await deps.files()).lesson(id);
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
      tryAttempt: async (attempt) => {
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
      resetProgress: (id) => {
        const { [id]: _forgotten, ...rest } = get().progress;
        rememberProgress(storage, rest);
        set({ progress: rest });
      },
      resetAllProgress: () => {
        rememberProgress(storage, {});
        set({ progress: {} });
      },
    };
  });

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
          const progress = isStudentsAttempt(attempt.attempt)
            ? {
                ...store.getState().progress,
                [grade.lesson]: progressAfter(progressOf(store.getState().progress, grade.lesson), grade),
              }
            : null;
          if (progress) rememberProgress(storage, progress);
          store.setState({
            graded: { sessionId: judged, grade },
            gradeProblem: null,
            ...(progress ? { progress } : {}),
          });
        },
        (error: unknown) => {
          // A session loaded since, without the lesson, has nothing to grade; anything else is worth saying.
          if (current() !== null && side.store.getState().sessionId === sessionId)
            store.setState({ gradeProblem: messageOf(error) });
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
        if (state.sessionId !== previous.sessionId) store.setState({ graded: null, gradeProblem: null });
        if (current() && state.stats !== previous.stats && state.stats?.backlog === 0) grader.soon();
      }) ?? (() => {});
  };
  followSide();
  const unfollowPage = page.subscribe((state, previous) => {
    if (state.sides !== previous.sides) followSide();
    if (state.loaded !== previous.loaded && state.loaded?.lesson?.id !== previous.loaded?.lesson?.id) {
      grader.stop();
      store.setState({ graded: null, gradeProblem: null });
    }
  });

  return {
    store,
    dispose: () => {
      grader.stop();
      unfollowSide();
      unfollowPage();
    },
  };
}
