/**
 * Scenario files written for an older format version, brought up to the current one before validation.
 * Policy (docs/scenario-format.md): every version bump adds MIGRATIONS[old] here, turning a version-`old`
 * document into version `old + 1`, so files graders wrote years ago keep running unchanged.
 */
import { SCENARIO_VERSION } from './schema.ts';

type Document = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) one. Version 1 is the first: none yet. */
const MIGRATIONS: Readonly<Record<number, (document: Document) => Document>> = {};

/** The document at SCENARIO_VERSION, or why `version` cannot be read. */
export function migrateScenario(document: Document, version: number): { document: Document } | { error: string } {
  if (!Number.isInteger(version) || version < 1) return { error: `unknown version ${version}; the first version is 1` };
  if (version > SCENARIO_VERSION) {
    return { error: `version ${version} is newer than this vmq understands (${SCENARIO_VERSION}); update vmq` };
  }
  let current = document;
  for (let v = version; v < SCENARIO_VERSION; v++) {
    const migration = MIGRATIONS[v];
    if (!migration) throw new Error(`no migration from scenario version ${v} to ${v + 1}`);
    current = migration(current);
  }
  return { document: current };
}
