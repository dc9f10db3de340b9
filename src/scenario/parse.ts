/** parseScenario: JSON text or a parsed value in, a validated Scenario or every problem with its path out. */
import { checkScenario } from './check.ts';
import { formatDocument, schemaErrors } from './document.ts';
import { humanIssue, shown, type ScenarioError } from './errors.ts';
import { migrateScenario } from './migrate.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION, scenarioSchema, type Scenario } from './schema.ts';

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

const HEADER_HINT = `a scenario file starts with "format": "${SCENARIO_FORMAT}", "version": ${SCENARIO_VERSION}`;

/** A string is JSON text; anything else is taken as the already-parsed document. */
export function parseScenario(input: unknown): ParseResult {
  const read = formatDocument(input, SCENARIO_FORMAT, HEADER_HINT);
  if ('errors' in read) return failed(read.errors);
  const { document } = read;
  if (typeof document.version !== 'number') {
    return failed([
      { path: 'version', message: `expected a version number, got ${shown(document.version)}; ${HEADER_HINT}` },
    ]);
  }
  const migrated = migrateScenario(document, document.version);
  if ('error' in migrated) return failed([{ path: 'version', message: migrated.error }]);

  const parsed = scenarioSchema.safeParse(migrated.document, { error: humanIssue });
  if (!parsed.success) {
    return failed(schemaErrors(parsed.error.issues));
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
