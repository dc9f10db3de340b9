/** parseScenario: JSON text or a parsed value in, a validated Scenario or every problem with its path out. */
import { checkScenario } from './check.ts';
import { depthProblem, parseJson } from './json-syntax.ts';
import { flattenIssues, formatPath, humanIssue, shown, type ScenarioError } from './errors.ts';
import { migrateScenario } from './migrate.ts';
import { isRecord } from './refs.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioSchema, type Scenario } from './schema.ts';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

const HEADER_HINT = `a scenario file starts with "format": "${SCENARIO_FORMAT}", "version": ${SCENARIO_VERSION}`;

/** A string is JSON text; anything else is taken as the already-parsed document. */
export function parseScenario(input: unknown): ParseResult {
  let document = input;
  if (typeof input === 'string') {
    const json = parseJson(input);
    if ('error' in json) return failed([json.error]);
    document = json.value;
  } else {
    const tooDeep = depthProblem(input);
    if (tooDeep !== undefined) return failed([{ path: '', message: tooDeep }]);
  }
  if (!isRecord(document)) return failed([{ path: '', message: `expected a JSON object; ${HEADER_HINT}` }]);
  if (document.format !== SCENARIO_FORMAT) {
    const got = document.format === undefined ? 'it is missing' : `got ${shown(document.format)}`;
    return failed([{ path: 'format', message: `expected "${SCENARIO_FORMAT}", ${got}; ${HEADER_HINT}` }]);
  }
  if (typeof document.version !== 'number') {
    return failed([
      { path: 'version', message: `expected a version number, got ${shown(document.version)}; ${HEADER_HINT}` },
    ]);
  }
  const migrated = migrateScenario(document, document.version);
  if ('error' in migrated) return failed([{ path: 'version', message: migrated.error }]);

  const parsed = scenarioSchema.safeParse(migrated.document, { error: humanIssue });
  if (!parsed.success) {
    return failed(flattenIssues(parsed.error.issues).map(({ path, message }) => ({ path: formatPath(path), message })));
  }
  const errors = checkScenario(parsed.data);
  return errors.length > 0 ? failed(errors) : { ok: true, scenario: parsed.data };
}

const failed = (errors: ScenarioError[]): ParseResult => ({ ok: false, errors });

/** "steps[3].oid: unknown OID …", or "3:14: …" for JSON syntax errors. */
export function formatScenarioError(error: ScenarioError): string {
  if (error.line !== undefined) return `${error.line}:${error.column}: ${error.message}`;
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}
