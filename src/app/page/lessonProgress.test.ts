import { describe, expect, it } from 'vitest';
import type { LessonGrade } from '../../lesson/grade.ts';
import {
  NO_PROGRESS,
  progressAfter,
  progressOf,
  rememberedProgress,
  rememberedTeacher,
  rememberProgress,
  rememberTeacher,
} from './lessonProgress.ts';
import { memoryStorage } from './testing.ts';

const stored = (text: string) => memoryStorage([['vmq-playground:lessons', text]]);

const grade = (ok: Record<string, boolean>): LessonGrade => {
  const verdicts = Object.entries(ok).map(([id, passed]) => ({
    id,
    title: id,
    ok: passed,
    explanation: '',
    details: [],
  }));
  const passed = verdicts.filter((v) => v.ok).length;
  return {
    lesson: 'l',
    ok: passed === verdicts.length,
    passed,
    total: verdicts.length,
    verdicts,
    runProblems: [],
    ownExpectations: [],
  };
};

describe('lesson progress', () => {
  it('remembers each lesson’s checks passed, hints shown and completion', () => {
    const storage = memoryStorage();
    rememberProgress(storage, { 'free-sequence': { passed: ['a'], hints: 2, completed: false } });
    expect(rememberedProgress(storage)).toEqual({ 'free-sequence': { passed: ['a'], hints: 2, completed: false } });
    expect(progressOf(rememberedProgress(storage), 'vm-queues')).toEqual(NO_PROGRESS);
  });

  it('reads what it cannot trust as no progress, lesson by lesson', () => {
    for (const text of ['{not json', '[1]', 'null', '"x"']) expect(rememberedProgress(stored(text))).toEqual({});
    const read = rememberedProgress(
      stored(
        JSON.stringify({
          good: { passed: ['a'], hints: 0, completed: true },
          hints: { passed: [], hints: -1, completed: false },
          passed: { passed: [1], hints: 0, completed: false },
          done: { passed: [], hints: 0, completed: 'yes' },
          constructor: { passed: [], hints: 1, completed: false },
        }),
      ),
    );
    expect(Object.keys(read).sort()).toEqual(['constructor', 'good']);
    // A lesson called "constructor" or "toString" is a lesson, not a property of every object.
    expect(progressOf(read, 'constructor').hints).toBe(1);
    expect(progressOf(read, 'toString')).toEqual(NO_PROGRESS);
  });

  it('keeps the checks the last grade passed, and completion once every check passed', () => {
    const first = progressAfter({ ...NO_PROGRESS, hints: 1 }, grade({ a: true, b: false }));
    expect(first).toEqual({ passed: ['a'], hints: 1, completed: false });
    const done = progressAfter(first, grade({ a: true, b: true }));
    expect(done).toEqual({ passed: ['a', 'b'], hints: 1, completed: true });
    expect(progressAfter(done, grade({ a: false, b: false }))).toEqual({ passed: [], hints: 1, completed: true });
  });

  it('remembers the teacher view, off unless switched on', () => {
    const storage = memoryStorage();
    expect(rememberedTeacher(storage)).toBe(false);
    rememberTeacher(storage, true);
    expect(rememberedTeacher(storage)).toBe(true);
    rememberTeacher(storage, false);
    expect(rememberedTeacher(storage)).toBe(false);
  });
});
