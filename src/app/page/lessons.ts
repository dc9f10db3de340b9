/**
 * The guided lessons on the page: which lesson the first side runs an attempt at, its latest grade, the student's
 * progress, and the teacher's view. A lesson attempt is a scenario loaded with its lesson (LoadedScenario.lesson):
 * the worker records what the checks need and judges the session (protocol `grade-lesson`); this store asks for a
 * grade once a run has settled, and shows what the worker answered. It never judges anything itself.
 *
 * Everything comes in on demand: the first action called loads the store's actions (page/lessonActions.ts) and
 * puts them in place of the stand-ins below, opening a lesson loads its files and their parser (page/lessonFiles.ts),
 * and the views load when they are first shown. What the first view carries of the lessons is this module.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { LessonCatalogEntry } from '../../lesson/catalog.ts';
import type { LessonGrade } from '../../lesson/grade.ts';
import type { Lesson } from '../../lesson/schema.ts';
import type { Side } from '../side/createSide.ts';
import type { Drive } from './drive.ts';
import type { LessonFiles } from './lessonFiles.ts';
import type { CourseProgress } from './lessonProgress.ts';
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

/** The scenarios the lesson itself names: its starting scenario, its solution and its wrong attempts. */
export type NamedAttempt = Exclude<Attempt, { kind: 'own' }>;

export type LessonTool = Lesson['allow'][number];

/** Whether the student may use `tool`: always outside a lesson, else as the lesson's `allow` says. */
export const toolAllowed = (loaded: LoadedScenario | null, tool: LessonTool): boolean =>
  !loaded?.lesson || loaded.lesson.allow.includes(tool);

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
  /** Loads the lessons' code, if no action has yet; resolves once every action below is the real one. */
  ready(): Promise<void>;
  showList(open: boolean): void;
  setTeacher(on: boolean): void;
  /** Opens lesson `id` at its starting scenario (its saved session, if the student was working on it), or at
   * another attempt (tryAttempt). Returns whether it opened; if not, the first side's loadProblem says why and the
   * page is left as it was. */
  open(id: string, attempt?: NamedAttempt): Promise<boolean>;
  /** Loads another scenario of the lesson on screen: afresh, its solution or a wrong attempt. The teacher's two run
   * to their end, so their checks show how they pass or fail. */
  tryAttempt(attempt: NamedAttempt): Promise<boolean>;
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
  /** Sends each command to every side (the teacher's attempts run to their end through it). */
  drive: Drive;
  /** The lesson files: below the site's base URL unless a test says. */
  files?: LessonFiles;
  /** setTimeout in the page, returning how to cancel it, and the clock it counts by; tests pass their own. */
  schedule?: (callback: () => void, ms: number) => () => void;
  now?: () => number;
}

export interface Lessons {
  readonly store: LessonsStore;
  dispose(): void;
}

export interface Lessons {
  readonly store: LessonsStore;
  dispose(): void;
}

type ActionName =
  | 'showList'
  | 'setTeacher'
  | 'open'
  | 'tryAttempt'
  | 'leave'
  | 'gradeNow'
  | 'showHint'
  | 'resetProgress'
  | 'resetAllProgress';

/** The actions, as page/lessonActions.ts makes them, with what stops the subscriptions they made. */
export type LessonActions = Pick<LessonsState, ActionName> & { dispose(): void };

const ACTIONS: readonly ActionName[] = [
  'showList',
  'setTeacher',
  'open',
  'tryAttempt',
  'leave',
  'gradeNow',
  'showHint',
  'resetProgress',
  'resetAllProgress',
];

/** The lessons' store, with stand-ins for its actions: the first one called loads the real ones and calls them. */
export function createLessons(deps: LessonsDeps, load = () => import('./lessonActions.ts')): Lessons {
  let loading: Promise<LessonActions> | null = null;
  let actions: LessonActions | null = null;
  const ready = (): Promise<LessonActions> => {
    loading ??= load().then((module) => {
      actions = module.lessonActions(store, deps);
      const { dispose: _stops, ...real } = actions;
      store.setState(real);
      return actions;
    });
    // A chunk that did not arrive is asked for again next time.
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
  // Each stand-in answers with a promise of what the real action answers (the void ones' callers ignore it).
  const standIns = Object.fromEntries(
    ACTIONS.map((name) => [
      name,
      (...args: unknown[]) => ready().then((real) => (real[name] as (...a: unknown[]) => unknown)(...args)),
    ]),
  ) as unknown as Pick<LessonsState, ActionName>;
  const store = createStore<LessonsState>()(() => ({
    catalog: null,
    catalogProblem: null,
    listOpen: false,
    teacher: false,
    progress: {},
    opening: null,
    graded: null,
    gradeProblem: null,
    ready: () => ready().then(() => {}),
    ...standIns,
  }));
  return { store, dispose: () => actions?.dispose() };
}
