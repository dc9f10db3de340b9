/**
 * The version 1 → 2 migration over every built-in scenario as it was written in version 1 (src/scenario/__v1__/):
 * each still parses, means the same (the same golden trace, byte for byte), and meets its expectations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { goldenTrace } from './goldenTrace.ts';
import { migrateScenario } from './migrate.ts';
import { parseScenario } from './parse.ts';
import { runScenario } from './session.ts';

const V1 = new URL('./__v1__/', import.meta.url);
const files = readdirSync(V1)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('scenario format version 1 → 2', () => {
  test('every built-in scenario version 1 could express has its version 1 text kept', () => {
    const dir = new URL('../../public/scenarios/', import.meta.url);
    // The fault scenarios (fault-*.json) came with the fault step, after version 2: they never had a version 1 text.
    const builtIns = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('fault-'));
    expect(builtIns.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(builtIns.sort());
  });

  test.each(files)('%s, written in version 1, gives its golden trace and meets its expectations', (file) => {
    const text = readFileSync(new URL(file, V1), 'utf8');
    expect(JSON.parse(text).version).toBe(1);
    const parsed = parseScenario(text);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const { events, report } = runScenario(parsed.scenario, { traceFrames: true });
    expect(report.expectations.filter((e) => !e.ok)).toEqual([]);
    const golden = readFileSync(new URL(`__golden__/${file.replace(/\.json$/, '.trace')}`, import.meta.url), 'utf8');
    expect(goldenTrace(events)).toBe(golden);
  });

  test('renames returnNbls.queueId, expect.memory[].queueId and an OID expect bytesNeeded to their NDIS names', () => {
    const v1 = {
      format: 'vmq-scenario',
      version: 1,
      steps: [
        { returnNbls: { queueId: '$q.QueueId', count: 2 } },
        { expect: { memory: [{ queueId: 1, count: 1 }], totals: { arrived: 3 } } },
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', expect: { status: 'NDIS_STATUS_INVALID_LENGTH', bytesNeeded: 8 } },
        { note: 'queueId here is prose, not a key' },
      ],
    };
    const migrated = migrateScenario(v1, 1);
    expect(migrated).toEqual({
      document: {
        format: 'vmq-scenario',
        version: 2,
        steps: [
          { returnNbls: { QueueId: '$q.QueueId', count: 2 } },
          { expect: { memory: [{ QueueId: 1, count: 1 }], totals: { arrived: 3 } } },
          { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', expect: { status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: 8 } },
          { note: 'queueId here is prose, not a key' },
        ],
      },
    });
  });

  test('a version 2 file with the version 1 spelling is refused with the new name', () => {
    const parsed = parseScenario({
      format: 'vmq-scenario',
      version: 2,
      title: 't',
      adapter: { profile: 'ws2012' },
      steps: [{ returnNbls: { queueId: 1 } }],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors.map((e) => e.message).join('\n')).toContain('unknown key "queueId" — did you mean QueueId?');
  });
});
