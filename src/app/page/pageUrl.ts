/**
 * What the page's address asks for, read once at start-up: a built-in scenario (`?scenario=name.json`) or an empty
 * adapter (`?empty=ws2012&cpus=4&vms=2`), and compare mode (`?compare=1`). Every address gets a clear decision,
 * never an exception: load this file, build this adapter, no such scenario, or a parameter ignored with the reason.
 * A scenario name is a plain file name in the scenarios folder; anything that could reach elsewhere (a path, `..`,
 * a URL, a scheme) is no such scenario and is never fetched.
 */
import { EMPTY_ADAPTER_PARAMS, SCENARIO_PARAM } from './address.ts';
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

export type ScenarioRequest =
  /** Fetch and load `file` from the scenarios folder. */
  | { kind: 'load'; file: string }
  /** Build and load this empty adapter. */
  | { kind: 'empty'; adapter: EmptyAdapter }
  /** The address names something that is not a scenario; the default loads and `message` says why. */
  | { kind: 'missing'; message: string };

export interface PageUrl {
  /** Null when the address names no scenario. */
  scenario: ScenarioRequest | null;
  compare: boolean;
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

function readCompare(values: string[], ignored: string[]): boolean {
  if (values.length === 0) return false;
  if (values.length > 1 && new Set(values).size > 1) {
    ignored.push(`compare is given ${values.length} different ways; compare mode stays off`);
    return false;
  }
  if (values[0] === '1') return true;
  if (values[0] !== '0')
    ignored.push(`compare=${excerpt(values[0] as string)} was ignored: compare=1 turns compare mode on`);
  return false;
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
  const both = params.has(SCENARIO_PARAM) && params.has(EMPTY_PARAM);
  if (both) ignored.push(`${SCENARIO_PARAM} and ${EMPTY_PARAM} are both given; neither was loaded`);
  const scenario = both ? null : (readScenario(params.getAll(SCENARIO_PARAM), ignored) ?? readEmpty(params, ignored));
  const compare = readCompare(params.getAll('compare'), ignored);
  return { scenario, compare, ignored };
}
