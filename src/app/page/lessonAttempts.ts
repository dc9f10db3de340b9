/**
 * Which of a lesson's scenarios the first side runs, told from the loaded scenario's source alone, and what the page
 * calls the tools a lesson may allow. Only the lessons' own code (loaded on demand) needs these.
 */
import type { Lesson } from '../../lesson/schema.ts';
import type { Attempt, LessonTool } from './lessons.ts';
import type { LoadedScenario } from './pageStore.ts';

/** How the page names a lesson's file (its source), so an attempt can be told from its source alone. */
export const lessonSource = (path: string): string => `lessons/${path}`;

export function attemptOf(lesson: Lesson, source: string): Attempt {
  if (source === lessonSource(lesson.scenario)) return { kind: 'start' };
  if (source === lessonSource(lesson.solution)) return { kind: 'solution' };
  const index = lesson.wrong.findIndex((wrong) => source === lessonSource(wrong.scenario));
  return index >= 0 ? { kind: 'wrong', index } : { kind: 'own', source };
}

/** The lesson the first side runs an attempt at, or null. */
export function currentLesson(loaded: LoadedScenario | null): { lesson: Lesson; attempt: Attempt } | null {
  return loaded?.lesson ? { lesson: loaded.lesson, attempt: attemptOf(loaded.lesson, loaded.source) } : null;
}

/** How the page names each tool a lesson may allow. */
export const TOOL_NAMES: Record<LessonTool, string> = {
  console: 'the OID console',
  traffic: 'the traffic generator',
  editor: 'scenario files of your own (Open file…)',
};
