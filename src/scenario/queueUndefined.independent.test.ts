/**
 * Independent tests of rule 1: a `queue` expectation with `state: "Undefined"` means "not allocated" (reference
 * §5.2: initial, and again after a completed free). It holds for a queue never allocated or already freed, and fails
 * for an allocated one ("expected Undefined, got X"). Any other key for a queue that is not allocated fails with
 * "no such queue". `exists: false` keeps working. Written from docs/scenario-format.md and the reference alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';
import { type ExpectationResult, runScenario } from './session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from './testing.ts';

const ALLOCATE_ONLY = [ALLOCATE_VM1_QUEUE[0]];
const CLEAR_FILTER = {
  oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
  buffer: { QueueId: '$vm1q.QueueId', FilterId: '$filter.FilterId' },
  expect: { status: 'NDIS_STATUS_SUCCESS' },
};
const FREE_QUEUE = {
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  buffer: { QueueId: '$vm1q.QueueId' },
  expect: { status: 'NDIS_STATUS_SUCCESS' },
};
/** Allocate, filter, complete, clear the filter and free: the queue's FREE_QUEUE completes at once. */
const ALLOCATED_THEN_FREED = [...ALLOCATE_VM1_QUEUE, CLEAR_FILTER, FREE_QUEUE];

/** Every key a queue expectation has besides QueueId, state and exists, with a value for each. */
const OTHER_KEYS: Record<string, unknown> = {
  reported: 'NdisReceiveQueueOperationalStatePaused',
  filters: 0,
  pending: 0,
  outstandingNbls: 0,
  buffers: 0,
  cpu: 0,
  classified: 0,
  indicated: 0,
  returned: 0,
  dropped: { 'no-free-buffer': 0 },
};

/** Runs `steps` (after which `queue` is checked by one last expect step) and returns that step's result. */
function lastExpect(
  steps: unknown[],
  queue: Record<string, unknown> | Record<string, unknown>[],
  adapter?: Record<string, unknown>,
): ExpectationResult {
  const all = [...steps, { expect: { queue } }];
  const { report } = runScenario(scenarioOf(all, adapter));
  const index = all.length - 1;
  const results = report.expectations.filter((r) => r.stepIndex === index);
  expect(results, JSON.stringify(report.expectations)).toHaveLength(1);
  return results[0] as ExpectationResult;
}

describe('1: state "Undefined" holds for a queue that is not allocated', () => {
  it('1: holds for a QueueId that was never allocated (nothing allocated at all)', () => {
    const result = lastExpect([], { QueueId: 1, state: 'Undefined' });
    expect(result.ok, result.detail).toBe(true);
  });

  it('1: holds for a never-allocated QueueId next to an allocated queue', () => {
    const result = lastExpect(ALLOCATE_VM1_QUEUE, { QueueId: 2, state: 'Undefined' });
    expect(result.ok, result.detail).toBe(true);
  });

  it('1: holds for a queue after its FREE_QUEUE completed (reference via saveAs)', () => {
    const result = lastExpect(ALLOCATED_THEN_FREED, { QueueId: '$vm1q.QueueId', state: 'Undefined' });
    expect(result.ok, result.detail).toBe(true);
  });

  it('1: holds for a queue freed straight from Allocated (no filter ever set)', () => {
    const result = lastExpect([...ALLOCATE_ONLY, FREE_QUEUE], { QueueId: '$vm1q.QueueId', state: 'Undefined' });
    expect(result.ok, result.detail).toBe(true);
  });

  it('1: holds after a pended FREE_QUEUE completes, and not while it is still pending', () => {
    const adapter = { options: { pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' } } };
    const pendedFree = { ...FREE_QUEUE, expect: { status: 'NDIS_STATUS_SUCCESS', pended: true } };
    const steps = [
      ...ALLOCATE_VM1_QUEUE,
      CLEAR_FILTER,
      pendedFree,
      { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Undefined' } } },
      { advance: '100us' },
      { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Undefined' } } },
    ];
    const { report } = runScenario(scenarioOf(steps, adapter));
    const before = report.expectations.find((r) => r.stepIndex === 5);
    const after = report.expectations.find((r) => r.stepIndex === 7);
    expect(before?.ok, before?.detail).toBe(false);
    // While the request pends the queue is still allocated (this engine keeps it Paused until completion).
    expect(before?.detail).toMatch(/expected Undefined, got (?!Undefined)\w+/);
    expect(after?.ok, after?.detail).toBe(true);
  });

  it('1: a queue Freeing with NBLs outstanding is not Undefined; once they return it is', () => {
    const adapter = { options: { returnLatencyNs: null } };
    const steps = [
      ...ALLOCATE_VM1_QUEUE,
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 128, count: 3, interval: '1us' } },
      { advance: '40us' },
      CLEAR_FILTER,
      { ...FREE_QUEUE, expect: { status: 'NDIS_STATUS_SUCCESS', pended: true } },
      { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Undefined' } } },
      { returnNbls: { QueueId: '$vm1q.QueueId', count: 'all' } },
      { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Undefined' } } },
    ];
    const { report } = runScenario(scenarioOf(steps, adapter));
    const freeing = report.expectations.find((r) => r.stepIndex === 7);
    const freed = report.expectations.find((r) => r.stepIndex === 9);
    expect(freeing?.ok, freeing?.detail).toBe(false);
    expect(freeing?.detail).toContain('expected Undefined, got Freeing');
    expect(freed?.ok, freed?.detail).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('1: holds for an array of not-allocated queues in one expect step', () => {
    const result = lastExpect(ALLOCATED_THEN_FREED, [
      { QueueId: '$vm1q.QueueId', state: 'Undefined' },
      { QueueId: 7, state: 'Undefined' },
    ]);
    expect(result.ok, result.detail).toBe(true);
  });

  it('1: property: any never-allocated QueueId is Undefined', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4_294_967_295 }), (queueId) => {
        const result = lastExpect(ALLOCATE_ONLY, { QueueId: queueId, state: 'Undefined' });
        return result.ok;
      }),
      { numRuns: 25 },
    );
  });
});

describe('1: state "Undefined" fails for an allocated queue', () => {
  it.each([
    ['Allocated', ALLOCATE_ONLY],
    ['Set', ALLOCATE_VM1_QUEUE.slice(0, 2)],
    ['Running', ALLOCATE_VM1_QUEUE],
    ['Paused', [...ALLOCATE_VM1_QUEUE, CLEAR_FILTER]],
  ] as const)('1: a %s queue fails with "expected Undefined, got %s"', (state, steps) => {
    const result = lastExpect([...steps], { QueueId: '$vm1q.QueueId', state: 'Undefined' });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain(`expected Undefined, got ${state}`);
  });

  it('1: the default queue (never Undefined, §5.2) fails "expected Undefined, got …"', () => {
    const result = lastExpect([], { QueueId: 0, state: 'Undefined' });
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/expected Undefined, got \w+/);
  });

  it('1: one allocated queue in an array fails the step even when the others are Undefined', () => {
    const result = lastExpect(ALLOCATE_VM1_QUEUE, [
      { QueueId: 5, state: 'Undefined' },
      { QueueId: '$vm1q.QueueId', state: 'Undefined' },
    ]);
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('expected Undefined, got Running');
  });

  it('1: a freed QueueId that is allocated again is no longer Undefined', () => {
    const steps = [...ALLOCATED_THEN_FREED, { ...ALLOCATE_VM1_QUEUE[0], saveAs: 'again' }];
    const result = lastExpect(steps, { QueueId: '$again.QueueId', state: 'Undefined' });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('expected Undefined, got Allocated');
  });
});

describe('1: any other key fails for a queue that is not allocated, with "no such queue"', () => {
  it.each(Object.entries(OTHER_KEYS))('1: "%s" fails for a never-allocated queue', (key, value) => {
    const result = lastExpect([], { QueueId: 3, [key]: value });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('no such queue');
  });

  it.each(Object.entries(OTHER_KEYS))('1: "%s" fails for a freed queue', (key, value) => {
    const result = lastExpect(ALLOCATED_THEN_FREED, { QueueId: '$vm1q.QueueId', [key]: value });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('no such queue');
  });

  it.each(Object.entries(OTHER_KEYS))('1: "%s" next to state "Undefined" still fails', (key, value) => {
    const result = lastExpect(ALLOCATED_THEN_FREED, { QueueId: '$vm1q.QueueId', state: 'Undefined', [key]: value });
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('no such queue');
  });

  it.each(['Allocated', 'Set', 'Running', 'Paused', 'StopDma', 'Freeing'])(
    '1: state "%s" for a not-allocated queue fails',
    (state) => {
      const result = lastExpect(ALLOCATED_THEN_FREED, { QueueId: '$vm1q.QueueId', state });
      expect(result.ok).toBe(false);
      expect(result.detail).toMatch(/no such queue|expected \w+, got Undefined/);
    },
  );

  it('1: exists: true for a not-allocated queue fails', () => {
    const result = lastExpect([], { QueueId: 4, exists: true });
    expect(result.ok).toBe(false);
  });

  it('1: property: every other key, for any never-allocated QueueId, fails with "no such queue"', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1_000_000 }),
        fc.constantFrom(...Object.keys(OTHER_KEYS)),
        (queueId, key) => {
          const result = lastExpect(ALLOCATE_ONLY, { QueueId: queueId, [key]: OTHER_KEYS[key] });
          return !result.ok && result.detail.includes('no such queue');
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('1: exists: false keeps working', () => {
  it('1: holds for a never-allocated queue and a freed one', () => {
    expect(lastExpect([], { QueueId: 1, exists: false }).ok).toBe(true);
    const freed = lastExpect(ALLOCATED_THEN_FREED, { QueueId: '$vm1q.QueueId', exists: false });
    expect(freed.ok, freed.detail).toBe(true);
  });

  it('1: fails for an allocated queue and for the default queue', () => {
    expect(lastExpect(ALLOCATE_VM1_QUEUE, { QueueId: '$vm1q.QueueId', exists: false }).ok).toBe(false);
    expect(lastExpect(ALLOCATE_ONLY, { QueueId: '$vm1q.QueueId', exists: false }).ok).toBe(false);
    expect(lastExpect([], { QueueId: 0, exists: false }).ok).toBe(false);
  });

  it('1: exists: true and other keys still check an allocated queue as before', () => {
    const result = lastExpect(ALLOCATE_VM1_QUEUE, {
      QueueId: '$vm1q.QueueId',
      exists: true,
      state: 'Running',
      filters: 1,
      buffers: 32,
      cpu: 1,
    });
    expect(result.ok, result.detail).toBe(true);
  });
});

describe('1: "Undefined" is a valid state value for the validator', () => {
  it('1: a queue expectation with state "Undefined" validates', () => {
    const parsed = parseScenario({
      format: 'vmq-scenario',
      version: 1,
      title: 't',
      adapter: { profile: 'ws2012' },
      steps: [{ expect: { queue: { QueueId: 1, state: 'Undefined' } } }],
    });
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  });
});
