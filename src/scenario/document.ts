/**
 * Reading a versioned file of ours (a scenario, a lesson) up to its header: JSON text or an already-parsed value,
 * not too deep, an object, of the expected format. What follows (version, schema) is each format's own.
 */
import type { z } from 'zod/mini';
import { flattenIssues, formatPath, shown, type ScenarioError } from './errors.ts';
import { depthProblem, parseJson } from './json-syntax.ts';
import { isRecord } from './refs.ts';

export function formatDocument(
  input: unknown,
  format: string,
  headerHint: string,
): { document: Record<string, unknown> } | { errors: ScenarioError[] } {
  let document = input;
  if (typeof input === 'string') {
    const json = parseJson(input);
    if ('error' in json) return { errors: [json.error] };
    document = json.value;
  } else {
    const tooDeep = depthProblem(input);
    if (tooDeep !== undefined) return { errors: [{ path: '', message: tooDeep }] };
  }
  if (!isRecord(document)) return { errors: [{ path: '', message: `expected a JSON object; ${headerHint}` }] };
  if (document.format !== format) {
    const got = document.format === undefined ? 'it is missing' : `got ${shown(document.format)}`;
    return { errors: [{ path: 'format', message: `expected "${format}", ${got}; ${headerHint}` }] };
  }
  return { document };
}

/** A schema's complaints as file errors, one per problem, with readable paths. */
export const schemaErrors = (issues: readonly z.core.$ZodIssue[]): ScenarioError[] =>
  flattenIssues(issues).map(({ path, message }) => ({ path: formatPath(path), message }));
