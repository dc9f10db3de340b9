/**
 * Scenario files written for an older format version, brought up to the current one before validation.
 * Policy (docs/scenario-format.md): every version bump adds MIGRATIONS[old] here, turning a version-`old`
 * document into version `old + 1`, so files graders wrote years ago keep running unchanged.
 */
import { isRecord } from './refs.ts';
import { SCENARIO_VERSION } from './version.ts';

type Document = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) one. */
const MIGRATIONS: Readonly<Record<number, (document: Document) => Document>> = {
  1: (document) => ({ ...document, version: 2, steps: mapArray(document.steps, queueIdsSpelledAsNdis) }),
};

/**
 * Version 2 spells every queue ID `QueueId` and the OID result members as NDIS_OID_REQUEST does (BytesNeeded):
 * `returnNbls.queueId`, `expect.memory[].queueId` and an OID step's `expect.bytesNeeded` are renamed; nothing else
 * changes. Values that are not what the schema expects are left for the schema to report.
 */
function queueIdsSpelledAsNdis(step: unknown): unknown {
  if (!isRecord(step)) return step;
  const out: Document = { ...step };
  if (isRecord(step.returnNbls)) out.returnNbls = renamed(step.returnNbls, 'queueId', 'QueueId');
  if (isRecord(step.expect)) {
    const expect = renamed(step.expect, 'bytesNeeded', 'BytesNeeded');
    if (Array.isArray(expect.memory))
      expect.memory = expect.memory.map((m) => (isRecord(m) ? renamed(m, 'queueId', 'QueueId') : m));
    out.expect = expect;
  }
  return out;
}

/** `object` with key `from` renamed to `to`, in place of the original key (unless `to` is already there). */
function renamed(object: Document, from: string, to: string): Document {
  if (!(from in object) || to in object) return { ...object };
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key === from ? to : key, value]));
}

const mapArray = (value: unknown, f: (item: unknown) => unknown) => (Array.isArray(value) ? value.map(f) : value);

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
