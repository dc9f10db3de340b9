/**
 * A student's progress through the lessons, and whether the lessons are shown as the teacher's view: both
 * remembered in the browser's storage, like the panels. Progress is per lesson: the checks the last grade of the
 * student's own attempt passed, how many hints they have unlocked, and whether they ever passed every check.
 * Anything unreadable there means no progress, lesson by lesson.
 */
import type { LessonGrade } from '../../lesson/grade.ts';

export interface LessonProgress {
  /** Ids of the checks the last grade of the student's attempt passed. */
  passed: readonly string[];
  /** Hints unlocked, in order. */
  hints: number;
  /** Every check passed at once, at least once: it stays so when a later attempt fails. */
  completed: boolean;
}

/** Progress by lesson id; a lesson not in it has NO_PROGRESS. */
export type CourseProgress = Readonly<Record<string, LessonProgress>>;

export const NO_PROGRESS: LessonProgress = { passed: [], hints: 0, completed: false };

const PROGRESS_KEY = 'vmq-playground:lessons';
const TEACHER_KEY = 'vmq-playground:teacher';

type ProgressStorage = Pick<Storage, 'getItem' | 'setItem'>;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function readProgress(value: unknown): LessonProgress | null {
  if (typeof value !== 'object' || value === null) return null;
  const { passed, hints, completed } = value as Record<string, unknown>;
  if (!Array.isArray(passed) || !passed.every((id) => typeof id === 'string')) return null;
  if (!isCount(hints) || typeof completed !== 'boolean') return null;
  return { passed, hints, completed };
}

export function rememberedProgress(storage: ProgressStorage): CourseProgress {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(PROGRESS_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
  const entries = Object.entries(saved).flatMap(([id, value]) => {
    const progress = readProgress(value);
    return progress ? [[id, progress] as const] : [];
  });
  // No prototype: a lesson id such as "constructor" is just a key.
  return Object.assign(Object.create(null) as Record<string, LessonProgress>, Object.fromEntries(entries));
}

export function rememberProgress(storage: ProgressStorage, progress: CourseProgress): void {
  storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
}

export const progressOf = (course: CourseProgress, id: string): LessonProgress =>
  Object.hasOwn(course, id) ? (course[id] as LessonProgress) : NO_PROGRESS;

/** The progress a grade of the student's own attempt leaves. */
export function progressAfter(progress: LessonProgress, grade: LessonGrade): LessonProgress {
  return {
    ...progress,
    passed: grade.verdicts.filter((verdict) => verdict.ok).map((verdict) => verdict.id),
    completed: progress.completed || grade.ok,
  };
}

export const rememberedTeacher = (storage: ProgressStorage): boolean => storage.getItem(TEACHER_KEY) === '1';

export function rememberTeacher(storage: ProgressStorage, on: boolean): void {
  storage.setItem(TEACHER_KEY, on ? '1' : '0');
}
