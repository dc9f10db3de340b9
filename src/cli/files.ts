/** Reading the files a command names: scenario files, lesson files, with every problem worded as a ScenarioError. */
import { basename, dirname, join } from 'node:path';
import { lessonCatalog, type LessonCatalog } from '../lesson/catalog.ts';
import { checkLessonScenario } from '../lesson/check.ts';
import { LESSON_ID_PATTERN, lessonFileName, lessonIdsIn } from '../lesson/files.ts';
import { lessonFromFile } from '../lesson/load.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { ScenarioError } from '../scenario/errors.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { unknownName } from '../scenario/suggest.ts';
import type { CliIo } from './io.ts';

/** A problem in one of the files a command read. */
export interface FileError extends ScenarioError {
  file: string;
}

function readText(file: string, io: CliIo): { text: string } | { error: ScenarioError } {
  try {
    return { text: io.readFile(file) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      error: {
        path: '',
        message: code === 'ENOENT' ? 'no such file' : `cannot read the file: ${(error as Error).message}`,
      },
    };
  }
}

export function loadScenario(file: string, io: CliIo): { scenario: Scenario } | { errors: ScenarioError[] } {
  const read = readText(file, io);
  if ('error' in read) return { errors: [read.error] };
  const parsed = parseScenario(read.text);
  return parsed.ok ? { scenario: parsed.scenario } : { errors: parsed.errors };
}

const inFile = (file: string, errors: readonly ScenarioError[]): FileError[] =>
  errors.map((error) => ({ file, ...error }));

/**
 * The lesson `spec` names: an id of the lesson directory ("free-sequence"), or a lesson file's path. Its starting
 * scenario must parse and agree with its checks (the VMs and spaces they name), so a broken lesson is refused here
 * rather than failing every student.
 */
export function loadLesson(spec: string, io: CliIo): { lesson: Lesson; file: string } | { errors: FileError[] } {
  const byId = LESSON_ID_PATTERN.test(spec);
  if (byId && io.lessonsDir === undefined)
    return {
      errors: [
        {
          file: spec,
          path: '',
          message: 'no lesson directory (public/lessons/ of the vmq checkout) was found; give the lesson file instead',
        },
      ],
    };
  const file = byId ? join(io.lessonsDir!, lessonFileName(spec)) : spec;
  const read = readText(file, io);
  if ('error' in read) {
    if (byId && read.error.message === 'no such file') return { errors: [unknownLesson(spec, io)] };
    return { errors: inFile(file, [read.error]) };
  }
  const parsed = lessonFromFile(read.text, basename(file, '.json'));
  if (!parsed.ok) return { errors: inFile(file, parsed.errors) };
  const { lesson } = parsed;
  const startFile = join(dirname(file), lesson.scenario);
  const start = loadScenario(startFile, io);
  if ('errors' in start) return { errors: inFile(startFile, start.errors) };
  const disagreements = checkLessonScenario(lesson, start.scenario);
  return disagreements.length > 0 ? { errors: inFile(file, disagreements) } : { lesson, file };
}

function unknownLesson(id: string, io: CliIo): FileError {
  const dir = io.lessonsDir!;
  let known: string[] = [];
  try {
    known = lessonIdsIn(io.listDir?.(dir) ?? []);
  } catch {
    // No directory at all: nothing to suggest.
  }
  return { file: dir, path: '', message: unknownName('lesson', id, known) };
}

/** Every lesson of a lesson directory, and their catalogue. */
export function loadLessonDirectory(dir: string, io: CliIo): { catalog: LessonCatalog } | { errors: FileError[] } {
  let names: string[];
  try {
    names = io.listDir?.(dir) ?? [];
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = code === 'ENOENT' ? 'no such directory' : `cannot list the directory: ${(error as Error).message}`;
    return { errors: [{ file: dir, path: '', message }] };
  }
  const lessons: Lesson[] = [];
  const errors: FileError[] = [];
  for (const id of lessonIdsIn(names)) {
    const loaded = loadLesson(join(dir, lessonFileName(id)), io);
    if ('errors' in loaded) errors.push(...loaded.errors);
    else lessons.push(loaded.lesson);
  }
  if (errors.length > 0) return { errors };
  const catalog = lessonCatalog(lessons);
  return 'error' in catalog ? { errors: [{ file: dir, path: '', message: catalog.error }] } : { catalog };
}
