/** vmq check (grade one scenario by one lesson) and vmq lessons (list a lesson directory). */
import { gradeScenario, type LessonGrade } from '../lesson/grade.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { CheckOptions } from './args.ts';
import { type FileError, loadLesson, loadLessonDirectory, loadScenario } from './files.ts';
import type { ExitCode } from './format.ts';
import { gradeHeading, gradeJson, gradeLines, gradeSummary, loadErrorJson, loadErrorLines } from './gradeFormat.ts';
import type { CliIo } from './io.ts';
import { junitLoadErrorXml, junitXml } from './junit.ts';

/** The lesson and the scenario, or every problem of both (a broken lesson and a broken scenario are both told). */
function load(
  options: CheckOptions,
  io: CliIo,
): { lesson: Lesson; scenario: Scenario } | { errors: FileError[]; lessonId: string } {
  const lesson = loadLesson(options.lesson, io);
  const scenario = loadScenario(options.file, io);
  const errors: FileError[] = [
    ...('errors' in lesson ? lesson.errors : []),
    ...('errors' in scenario ? scenario.errors.map((error) => ({ file: options.file, ...error })) : []),
  ];
  if ('errors' in lesson || 'errors' in scenario)
    return { errors, lessonId: 'lesson' in lesson ? lesson.lesson.id : options.lesson };
  return { lesson: lesson.lesson, scenario: scenario.scenario };
}

export function checkCommand(options: CheckOptions, io: CliIo): ExitCode {
  const { file } = options;
  const tool = `vmq ${io.version}`;
  if (options.junit !== undefined && io.writeFile === undefined) {
    io.err('vmq: --junit: this vmq cannot write files');
    return 2;
  }
  const loaded = load(options, io);
  if ('errors' in loaded) {
    if (options.json) io.out(loadErrorJson(file, tool, loaded.errors));
    else for (const line of loadErrorLines(file, loaded.errors)) io.out(line);
    return writeJunit(options, io, () => junitLoadErrorXml(loaded.lessonId, loaded.errors)) ?? 2;
  }
  const { lesson, scenario } = loaded;
  const grade: LessonGrade = gradeScenario(lesson, scenario);
  const exitCode = grade.ok ? 0 : 1;
  if (options.json) io.out(gradeJson(file, tool, exitCode, grade));
  else for (const line of [gradeHeading(file, lesson), ...gradeLines(grade), gradeSummary(file, grade)]) io.out(line);
  return writeJunit(options, io, () => junitXml(grade)) ?? exitCode;
}

/** Writes the JUnit file when asked; exit 2 when it cannot be written (CI would miss the grade). */
function writeJunit(options: CheckOptions, io: CliIo, xml: () => string): ExitCode | undefined {
  if (options.junit === undefined) return undefined;
  try {
    io.writeFile!(options.junit, xml());
    return undefined;
  } catch (error) {
    io.err(`vmq: --junit ${options.junit}: cannot write the file: ${(error as Error).message}`);
    return 2;
  }
}

export function lessonsCommand(options: { dir?: string; json: boolean }, io: CliIo): ExitCode {
  const dir = options.dir ?? io.lessonsDir;
  if (dir === undefined) {
    io.err('vmq: no lesson directory (public/lessons/ of the vmq checkout) was found; give one: vmq lessons DIR');
    return 2;
  }
  const loaded = loadLessonDirectory(dir, io);
  if ('errors' in loaded) {
    for (const line of loadErrorLines(dir, loaded.errors)) io.err(line);
    return 2;
  }
  const { lessons } = loaded.catalog;
  if (options.json) io.out(JSON.stringify(loaded.catalog, null, 2));
  else if (lessons.length === 0) io.out(`${dir}: no lessons`);
  else
    for (const lesson of lessons)
      io.out(
        `${String(lesson.number).padStart(3)}  ${lesson.id.padEnd(24)}  ${`${lesson.minutes} min`.padStart(7)}  ${lesson.title}`,
      );
  return 0;
}
