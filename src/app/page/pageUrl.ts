/**
 * What the page's address asks for, read once at start-up: a built-in scenario (`?scenario=name.json`) or an empty
 * adapter (`?empty=ws2012&cpus=4&vms=2`), a lesson (`?lesson=free-sequence`), compare mode (`?compare=1`) and the
 * teacher's view of the lessons (`?teacher=1`). Every address gets a clear decision, never an exception: load this
 * file, build this adapter, open this lesson, no such scenario or lesson, or a parameter ignored with the reason.
 * A scenario name is a plain file name in the scenarios folder; anything that could reach elsewhere (a path, `..`,
 * a URL, a scheme) is no such scenario and is never fetched.
 */
import { EMPTY_ADAPTER_PARAMS, LESSON_PARAM, SCENARIO_PARAM, TEACHER_PARAM } from './address.ts';
import {
  checkEmptyAdapter,
  DEFAULT_EMPTY_ADAPTER,
  wholeNumber,
  type EmptyAdapter,
  type EmptyAdapterField,
} from './emptyAdapter.ts';

const EMPTY_PARAM = EMPTY_ADAPTER_PARAMS.profile;

/** Longest scenario name accepted, and the most of a bad value a message quotes. */
export const MAX_SCENARIO_NAME = 100;
const EXCERPT = 60;
/** A file name: letters, digits, dot, dash, underscore; not starting with a dot; ending in .json. */
const SCENARIO_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.json$/;
/** A lesson id (lesson/files.ts LESSON_ID_PATTERN, restated so the first view loads nothing of the lessons). */
const LESSON_ID = /^[A-Za-z0-9-]+$/;

export type ScenarioRequest =
  /** Fetch and load `file` from the scenarios folder. */
  | { kind: 'load'; file: string }
  /** Build and load this empty adapter. */
  | { kind: 'empty'; adapter: EmptyAdapter }
  /** The address names something that is not a scenario; the default loads and `message` says why. */
  | { kind: 'missing'; message: string };

export type LessonRequest =
  /** Open lesson `id` (the lessons folder has the last word on whether it exists). */
  | { kind: 'open'; id: string }
  /** The address names something that cannot be a lesson; `message` says so. */
  | { kind: 'missing'; message: string };

export interface PageUrl {
  /** Null when the address names no scenario. */
  scenario: ScenarioRequest | null;
  /** Null when the address names no lesson. A lesson brings its own scenario, so `scenario` is then null. */
  lesson: LessonRequest | null;
  compare: boolean;
  /** The teacher's view of the lessons: true or false when the address says, null when it does not. */
  teacher: boolean | null;
  /** Parameters that were ignored, each with why. */
  ignored: string[];
}

/** A short, printable quote of user input: control and direction characters shown as escapes, long values cut. */
export function excerpt(value: string): string {
  const shown = [...value.slice(0, 4 * EXCERPT)].map((ch) =>
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch) ? `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}` : ch,
  );
  const text = shown.join('');
  return value.length > 4 * EXCERPT || [...text].length > EXCERPT ? `${[...text].slice(0, EXCERPT).join('')}…` : text;
}

export const noSuchScenario = (name: string): string => `no such scenario: ${excerpt(name)}`;
export const noSuchLesson = (id: string): string => `no such lesson: ${excerpt(id)}`;

function readScenario(values: string[], ignored: string[]): ScenarioRequest | null {
  if (values.length === 0) return null;
  if (values.length > 1) {
    ignored.push(`scenario is given ${values.length} times; none was loaded`);
    return null;
  }
  const name = values[0] as string;
  if (name === '') {
    ignored.push('scenario is empty');
    return null;
  }
  if (name.length > MAX_SCENARIO_NAME || !SCENARIO_NAME.test(name))
    return { kind: 'missing', message: noSuchScenario(name) };
  return { kind: 'load', file: name };
}

function readLesson(values: string[], ignored: string[]): LessonRequest | null {
  if (values.length === 0) return null;
  if (values.length > 1) {
    ignored.push(`lesson is given ${values.length} times; none was opened`);
    return null;
  }
  const id = values[0] as string;
  if (id === '') {
    ignored.push('lesson is empty');
    return null;
  }
  if (id.length > MAX_SCENARIO_NAME || !LESSON_ID.test(id)) return { kind: 'missing', message: noSuchLesson(id) };
  return { kind: 'open', id };
}

/** A switch given as `name=1` (on) or `name=0` (off); null when the address does not give it, or gives it wrong. */
export function readSwitch(name: string, what: string, values: string[], ignored: string[]): boolean | null {
  if (values.length === 0) return null;
  if (values.length > 1 && new Set(values).size > 1) {
    ignored.push(`${name} is given ${values.length} different ways, so it was ignored`);
    return null;
  }
  if (values[0] === '1') return true;
  if (values[0] === '0') return false;
  ignored.push(`${name}=${excerpt(values[0] as string)} was ignored: ${name}=1 turns ${what} on`);
  return null;
}

const EMPTY_FIELDS = Object.keys(EMPTY_ADAPTER_PARAMS) as EmptyAdapterField[];

function readEmpty(params: URLSearchParams, ignored: string[]): ScenarioRequest | null {
  const param = (field: EmptyAdapterField) => EMPTY_ADAPTER_PARAMS[field];
  const given = EMPTY_FIELDS.filter((field) => params.has(param(field)));
  if (!params.has(EMPTY_PARAM)) {
    for (const field of given)
      ignored.push(`${param(field)} was ignored: it sizes an empty adapter, which ${EMPTY_PARAM}=<profile> asks for`);
    return null;
  }
  const repeated = given.find((field) => params.getAll(param(field)).length > 1);
  if (repeated) {
    ignored.push(
      `${param(repeated)} is given ${params.getAll(param(repeated)).length} times; no empty adapter was made`,
    );
    return null;
  }
  const text = (field: EmptyAdapterField) => params.get(param(field));
  const count = (field: 'cpus' | 'vms') => {
    const typed = text(field);
    return typed === null ? DEFAULT_EMPTY_ADAPTER[field] : wholeNumber(typed);
  };
  const checked = checkEmptyAdapter({ profile: text('profile') ?? '', cpus: count('cpus'), vms: count('vms') });
  if ('adapter' in checked) return { kind: 'empty', adapter: checked.adapter };
  const wrong = EMPTY_FIELDS.filter((field) => checked.problems[field] !== undefined);
  const quoted = wrong.map((field) => `${param(field)}=${excerpt(text(field) ?? '')}`).join(' and ');
  const why = wrong.map((field) => checked.problems[field]).join('; ');
  return { kind: 'missing', message: `no empty adapter for ${quoted}: ${why}` };
}

/** Reads `search` (location.search, with or without its leading "?"). */
export function readPageUrl(search: string): PageUrl {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const lesson = readLesson(params.getAll(LESSON_PARAM), ignored);
  const named = [SCENARIO_PARAM, EMPTY_PARAM].filter((name) => params.has(name));
  let scenario: ScenarioRequest | null = null;
  if (lesson?.kind === 'open' && named.length > 0) {
    ignored.push(
      `${named.join(' and ')} ${named.length > 1 ? 'were' : 'was'} ignored: a lesson brings its own scenario`,
    );
  } else if (named.length > 1) {
    ignored.push(`${SCENARIO_PARAM} and ${EMPTY_PARAM} are both given; neither was loaded`);
  } else {
    scenario = readScenario(params.getAll(SCENARIO_PARAM), ignored) ?? readEmpty(params, ignored);
  }
  const compare = readSwitch('compare', 'compare mode', params.getAll('compare'), ignored) ?? false;
  const teacher = readSwitch(TEACHER_PARAM, 'the teacher view', params.getAll(TEACHER_PARAM), ignored);
  return { scenario, lesson, compare, teacher, ignored };
}
