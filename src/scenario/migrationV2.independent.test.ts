/**
 * Independent tests of the version-1 → version-2 migration (docs/scenario-format.md "Versions and migration"):
 * the three renamed keys, a version-1 file running unchanged and giving the same trace, a version-2 file with a
 * version-1 key refused, version-2-only expectations refused in version 1, and newer versions refused.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { docV2, loaded, refused, runDoc } from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, scenarioDoc } from './independent.testing.ts';
import { runScenario } from './session.ts';

const Q = '$q.QueueId';
const HELD = { adapter: { profile: 'ws2012', options: { returnLatencyNs: null } } };
/** Frames for VM1's queue and, for no VM, for the default queue (§1.3): both hold their NBLs. */
const TRAFFIC = [
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 4, interval: '1us' } },
  { traffic: { name: 'to nobody', dst: '00-15-5D-00-00-77', frameBytes: 200, count: 3, interval: '1us' } },
  { advance: '20us' },
];
const SHORT_FREE = { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: Q }, bufferLength: 8 };

/**
 * The same scenario in each version's spelling: memory[].QueueId, returnNbls.QueueId and BytesNeeded. The return
 * names queue q, so the default queue keeps its NBLs: a queueId the loader dropped would return from every queue.
 */
const stepsIn = (names: { queueId: string; bytesNeeded: string }): unknown[] => [
  ...RUNNING_QUEUE,
  ...TRAFFIC,
  { returnNbls: { [names.queueId]: Q, count: 2 } },
  { advance: '5us' },
  {
    expect: {
      memory: [{ [names.queueId]: Q, usage: 'NdisSharedMemoryUsageReceive', count: 1 }],
      queue: [
        { QueueId: Q, returned: 2, outstandingNbls: 2 },
        { QueueId: 0, returned: 0, outstandingNbls: 3 },
      ],
    },
  },
  { ...SHORT_FREE, expect: { status: 'NDIS_STATUS_INVALID_LENGTH', [names.bytesNeeded]: 12 } },
];
const V1_STEPS = stepsIn({ queueId: 'queueId', bytesNeeded: 'bytesNeeded' });
const V2_STEPS = stepsIn({ queueId: 'QueueId', bytesNeeded: 'BytesNeeded' });
const v1 = (steps: unknown[]) => scenarioDoc(steps, HELD);
const v2 = (steps: unknown[]) => docV2(steps, HELD);

describe('a version-1 file runs unchanged', () => {
  it('its queueId and bytesNeeded keys are read as QueueId and BytesNeeded, and every expectation holds', () => {
    const { report } = runDoc(v1(V1_STEPS));
    expect(report.expectations).toHaveLength(2);
    for (const result of report.expectations) expect(result.ok, result.detail).toBe(true);
    expect(report.ok).toBe(true);
  });

  it('it gives the same trace and results as the version-2 file, event for event', () => {
    const old = runDoc(v1(V1_STEPS));
    const now = runDoc(v2(V2_STEPS));
    expect(old.events).toEqual(now.events);
    expect(old.report).toEqual(now.report);
  });

  it('every built-in scenario as written in version 1 gives the trace of its version-2 file', () => {
    const v1Dir = join(import.meta.dirname, '__v1__');
    const v2Dir = join(import.meta.dirname, '..', '..', 'public', 'scenarios');
    const files = readdirSync(v1Dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const old = JSON.parse(readFileSync(join(v1Dir, file), 'utf8'));
      const now = JSON.parse(readFileSync(join(v2Dir, file), 'utf8'));
      expect(old.version, file).toBe(1);
      expect(runScenario(loaded(old)).events, file).toEqual(runScenario(loaded(now)).events);
    }
  });

  it('vmq run passes a version-1 file (exit 0)', () => {
    const out: string[] = [];
    const code = runCli(['run', 'old.json', '--quiet'], {
      readFile: () => JSON.stringify(v1(V1_STEPS)),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      version: '0.1.0',
    });
    expect(code, out.join('\n')).toBe(0);
  });
});

describe('a version-2 file with a version-1 key is refused', () => {
  const memoryAt = `steps[${RUNNING_QUEUE.length + TRAFFIC.length + 2}].expect.memory[0]`;
  const returnAt = `steps[${RUNNING_QUEUE.length + TRAFFIC.length}].returnNbls`;
  const freeAt = `steps[${V1_STEPS.length - 1}].expect`;

  it.each([
    ['expect.memory[].queueId', memoryAt, 'QueueId'],
    ['returnNbls.queueId', returnAt, 'QueueId'],
    ['expect.bytesNeeded', freeAt, 'BytesNeeded'],
  ])('%s is an error at its path that names the version-2 key', (_key, path, newKey) => {
    const errors = refused(v2(V1_STEPS));
    const error = errors.find((e) => e.path.startsWith(path));
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error?.message).toContain(newKey);
  });

  it('vmq validate exits 2 and names the path', () => {
    const out: string[] = [];
    const code = runCli(['validate', 'new.json'], {
      readFile: () => JSON.stringify(v2(V1_STEPS)),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      version: '0.1.0',
    });
    expect(code).toBe(2);
    expect(out.join('\n')).toContain(returnAt);
  });
});

// The format's policy: new optional keys never need a version (docs "Versions and migration"), so a version-1
// file may use them; the migration only renames the three keys whose spelling changed.
describe('what version 2 added is accepted in a version-1 file', () => {
  const withExpect = (key: string, value: unknown) => v1([...RUNNING_QUEUE, { expect: { [key]: value } }]);
  const accepted = (doc: unknown) => expect(loaded(doc).version).toBe(2);

  it('BytesRead and BytesWritten', () => {
    accepted(v1([...RUNNING_QUEUE, { ...SHORT_FREE, bufferLength: 12, expect: { BytesRead: 12 } }]));
    accepted(v1([...RUNNING_QUEUE, { ...SHORT_FREE, bufferLength: 12, expect: { BytesWritten: 0 } }]));
  });

  it('events, order and values blocks', () => {
    accepted(withExpect('events', [{ where: { event: 'note' }, count: 0 }]));
    accepted(withExpect('order', [{ after: { event: 'note' }, none: { event: 'note' } }]));
    accepted(withExpect('values', [{ distinct: ['$q.QueueId', '$f.QueueId'] }]));
  });
});

describe('versions', () => {
  it('a newer version is refused with "update vmq"', () => {
    const errors = refused(scenarioDoc([], { version: 3 }));
    expect(errors.find((e) => e.path === 'version')?.message).toContain('update vmq');
  });

  it('a version-1 file with a v1 key misspelt still gets the v1 error, at the key the file has', () => {
    const steps = [...RUNNING_QUEUE, { expect: { memory: [{ queueid: Q, count: 1 }] } }];
    const errors = refused(v1(steps));
    expect(errors.some((e) => e.path.startsWith(`steps[${RUNNING_QUEUE.length}].expect.memory[0]`))).toBe(true);
  });
});
