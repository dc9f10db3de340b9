/**
 * What vmq check prints: the grade as a table for people, or as one JSON object ("vmq-grade", version 1) for
 * graders' scripts. Both are public contracts (docs/cli.md); change them only together with that document.
 */
import type { LessonGrade } from '../lesson/grade.ts';
import type { Lesson } from '../lesson/schema.ts';
import { plural } from '../scenario/plural.ts';
import type { FileError } from './files.ts';
import { errorLine, resultLine } from './format.ts';

export const GRADE_FORMAT = 'vmq-grade';
export const GRADE_VERSION = 1;

// ── table ─────────────────────────────────────────────────────────────────────────────────────────────

export const gradeHeading = (file: string, lesson: Lesson): string =>
  `▶ ${file} — lesson ${lesson.id}: ${lesson.title}`;

/** Per check: ✓/✗, id and title; its explanation; for a failure, what did not hold. */
export function gradeLines(grade: LessonGrade): string[] {
  const lines = grade.verdicts.flatMap((verdict) => [
    `  ${verdict.ok ? '✓' : '✗'} ${verdict.id}  ${verdict.title}`,
    `      ${verdict.explanation}`,
    ...(verdict.ok ? [] : verdict.details.map((detail) => `      · ${detail}`)),
  ]);
  if (grade.score !== undefined) {
    const { label, value, better } = grade.score;
    lines.push(`score: ${label} ${value} (${better} is better)`);
  }
  if (grade.runProblems.length > 0)
    lines.push('run problems (the run could not be judged fully)', ...grade.runProblems.map((p) => `  ✗ ${p}`));
  if (grade.ownExpectations.length > 0)
    lines.push("the scenario's own expectations (not graded)", ...grade.ownExpectations.map(resultLine));
  return lines;
}

export function gradeSummary(file: string, grade: LessonGrade): string {
  const failed = grade.total - grade.passed;
  const checks =
    failed === 0
      ? `${grade.passed} of ${plural(grade.total, 'check')} pass`
      : `${failed} of ${plural(grade.total, 'check')} failed`;
  const problems = grade.runProblems.length === 0 ? '' : `, ${plural(grade.runProblems.length, 'run problem')}`;
  return `${grade.ok ? 'PASS' : 'FAIL'} ${file}: lesson ${grade.lesson}, ${checks}${problems}`;
}

/** An input that could not be graded: every problem, with its file, then the summary. */
export const loadErrorLines = (file: string, errors: readonly FileError[]): string[] => [
  ...errors.map((error) => errorLine(error.file, error)),
  `INVALID ${file}: ${plural(errors.length, 'error')}`,
];

// ── JSON ──────────────────────────────────────────────────────────────────────────────────────────────

const header = (file: string, tool: string) => ({ format: GRADE_FORMAT, version: GRADE_VERSION, tool, file });

/** The grade (LessonGrade, src/lesson/grade.ts) after the header keys and the exit code. */
export const gradeJson = (file: string, tool: string, exitCode: 0 | 1, grade: LessonGrade): string =>
  JSON.stringify({ ...header(file, tool), exitCode, ...grade });

export const loadErrorJson = (file: string, tool: string, errors: readonly FileError[]): string =>
  JSON.stringify({ ...header(file, tool), exitCode: 2, ok: false, errors });

/** vmq could not finish because of a bug of its own (exit 3). */
export const internalErrorJson = (file: string, tool: string, message: string): string =>
  JSON.stringify({ ...header(file, tool), exitCode: 3, ok: false, internalError: message });
