/**
 * Independent tests of how `events` entries select and judge trace events (docs/scenario-format.md "Trace
 * events: `events`"): `where`, `count`, `each`, the default "at least one", the failure sentences, and load-time
 * validation of kinds, facts and matchers. The facts of each kind are tested in traceFacts.independent.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  CLEAR_F,
  FREE_Q,
  RECEIVED,
  docV2,
  expectFailureNaming,
  expectHolds,
  lastCheck,
  refused,
  resultOf,
  runDoc,
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, allocateBuffer } from './independent.testing.ts';

const Q = '$q.QueueId';
const DMA_STOPPED = {
  event: 'status-indicated',
  code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
  QueueId: Q,
  QueueState: 'NdisReceiveQueueOperationalStateDmaStopped',
};
const FREED = [...RUNNING_QUEUE, CLEAR_F, FREE_Q];
const events = (steps: unknown[], entries: unknown[], extra?: Record<string, unknown>) =>
  lastCheck(steps, { events: entries }, extra);

describe('count', () => {
  it('R22 FREE_QUEUE indicates DmaStopped exactly once for the queue', () => {
    expectHolds(events(FREED, [{ where: DMA_STOPPED, count: 1 }]));
    expectFailureNaming(events(FREED, [{ where: DMA_STOPPED, count: 2 }]), 'status-indicated', '2', '1');
  });

  it('R23 clearing the last filter indicates no DmaStopped: count 0 holds, count 1 fails naming 0', () => {
    const cleared = [...RUNNING_QUEUE, CLEAR_F];
    expectHolds(events(cleared, [{ where: DMA_STOPPED, count: 0 }]));
    expectFailureNaming(events(cleared, [{ where: DMA_STOPPED, count: 1 }]), 'status-indicated', '1', '0');
  });

  it('takes a matcher', () => {
    expectHolds(events(FREED, [{ where: DMA_STOPPED, count: { gte: 1, lte: 1 } }]));
    expectFailureNaming(events(FREED, [{ where: DMA_STOPPED, count: { gt: 1 } }]), '1');
  });
});

describe('the default: at least one selected event', () => {
  it('an entry with only a where holds when an event matches and fails when none does', () => {
    expectHolds(events(FREED, [{ where: DMA_STOPPED }]));
    expect(events(RUNNING_QUEUE, [{ where: DMA_STOPPED }]).ok).toBe(false);
  });

  it('an each over nothing selected fails: it cannot hold vacuously', () => {
    const result = events(RUNNING_QUEUE, [{ where: DMA_STOPPED, each: { payload: { QueueState: 3 } } }]);
    expectFailureNaming(result, 'status-indicated');
  });

  it('an each with count 0 holds only while nothing is selected', () => {
    const entry = { where: DMA_STOPPED, count: 0, each: { QueueId: Q } };
    expectHolds(events(RUNNING_QUEUE, [entry]));
    expect(events(FREED, [entry]).ok).toBe(false);
  });
});

describe('each', () => {
  it('is matched against every selected event: §9 a Mask-2 queue indicates on CPU 1', () => {
    const where = { event: 'nbls-indicated', queues: { contains: [Q] } };
    expectHolds(events(RECEIVED(5), [{ where, each: { cpu: 1 } }]));
  });

  it('fails naming the fact, the expected and the actual value', () => {
    const where = { event: 'nbls-indicated', queues: { contains: [Q] } };
    expectFailureNaming(events(RECEIVED(5), [{ where, each: { cpu: 2 } }]), 'cpu', '2', '1');
  });

  it('one event that does not match is enough to fail', () => {
    // Frames for no VM go to the default queue (§1.3), so not every indication is queue q's.
    const steps = [
      ...RUNNING_QUEUE,
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
      { traffic: { name: 'to nobody', dst: '00-15-5D-00-00-77', frameBytes: 200, count: 3, interval: '1us' } },
      { advance: '100us' },
    ];
    expectHolds(events(steps, [{ where: { event: 'nbls-indicated', queues: { contains: [Q] } }, each: { cpu: 1 } }]));
    expect(events(steps, [{ where: { event: 'nbls-indicated' }, each: { queues: [Q] } }]).ok).toBe(false);
  });

  it('several entries must all hold, and the detail names the one that failed', () => {
    const result = events(FREED, [
      { where: DMA_STOPPED, count: 1 },
      { where: { event: 'memory-freed', QueueId: Q }, count: 0 },
    ]);
    expectFailureNaming(result, 'memory-freed');
  });
});

describe('references in where and each', () => {
  it('are resolved when the step runs', () => {
    expectHolds(events(FREED, [{ where: { event: 'filter-cleared', FilterId: '$f.FilterId' }, each: { QueueId: Q } }]));
  });

  it('a reference into a request that failed is a failed step, not a count that holds', () => {
    // R5: Mask 0 is refused, so "bad" has no output.
    const steps = [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'bad',
        buffer: allocateBuffer({ ProcessorAffinity: { Mask: 0, Group: 0 } }),
      },
      { expect: { events: [{ where: { event: 'status-indicated', QueueId: '$bad.QueueId' }, count: 0 }] } },
    ];
    const run = runDoc(docV2(steps));
    const result = resultOf(run, 1);
    expectFailureNaming(result, 'bad');
    expect(run.report.ok).toBe(false);
  });
});

describe('load-time validation of events', () => {
  const at = `steps[${RUNNING_QUEUE.length}].expect.events[0]`;
  const withEntry = (entry: unknown) => docV2([...RUNNING_QUEUE, { expect: { events: [entry] } }]);
  const errorsUnder = (entry: unknown, path: string) => {
    const errors = refused(withEntry(entry));
    const found = errors.filter((e) => e.path.startsWith(path));
    expect(found, JSON.stringify(errors)).not.toHaveLength(0);
    return found;
  };

  it('a misspelt kind is an error with a suggestion', () => {
    const [error] = errorsUnder({ where: { event: 'status-indicate' }, count: 0 }, `${at}.where.event`);
    expect(error?.message).toContain('status-indicated');
  });

  it('a misspelt fact in where is an error with a "did you mean", so count 0 cannot hold by accident', () => {
    const [error] = errorsUnder({ where: { event: 'status-indicated', QueueID: 1 }, count: 0 }, `${at}.where`);
    expect(error?.message).toContain('QueueId');
  });

  it('a misspelt fact in each is an error with a "did you mean"', () => {
    const [error] = errorsUnder({ where: { event: 'nbls-indicated' }, each: { receiveFlags: 1 } }, `${at}.each`);
    expect(error?.message).toContain('ReceiveFlags');
  });

  it('a fact the kind does not have is an error: memory-freed has no cpu', () => {
    errorsUnder({ where: { event: 'memory-freed', cpu: 1 }, count: 0 }, `${at}.where`);
  });

  it('a fact of another kind in each is an error: dpc-ran has no ReceiveFlags', () => {
    errorsUnder({ where: { event: 'dpc-ran' }, each: { ReceiveFlags: 0 } }, `${at}.each`);
  });

  it('a where without an event kind is an error', () => {
    errorsUnder({ where: { QueueId: 1 }, count: 0 }, at);
  });

  it('an unknown key in an entry is an error with a suggestion', () => {
    const [error] = errorsUnder({ wher: { event: 'note' }, count: 0 }, at);
    expect(error?.message).toContain('where');
  });

  it('a misspelt matcher word in where is an error, so count 0 cannot hold by accident', () => {
    errorsUnder({ where: { event: 'nbls-indicated', queues: { contain: [1] } }, count: 0 }, `${at}.where.queues`);
  });

  it('a misspelt matcher word in each is an error naming the word', () => {
    const [error] = errorsUnder(
      { where: { event: 'nbls-indicated' }, each: { cpu: { lte: 1, gtt: 0 } } },
      `${at}.each.cpu`,
    );
    expect(error?.message).toContain('"gtt"');
  });

  it('a comparison on an array fact is an error (else count 0 holds for nothing): queues is a list of QueueIds', () => {
    errorsUnder({ where: { event: 'nbls-indicated', queues: { gte: 1 } }, count: 0 }, `${at}.where.queues`);
  });

  it('an array word on a number fact is an error (else count 0 holds for nothing): cpu is a number', () => {
    errorsUnder({ where: { event: 'nbls-indicated', cpu: { contains: [1] } }, count: 0 }, `${at}.where.cpu`);
  });

  // A value that cannot occur makes `count: 0` hold whatever the run did. The format refuses such values elsewhere:
  // a misspelt NDIS name ("NDIS names in buffers"), a memory space that is not one (`expect.memory`), a state, a
  // drop reason.
  it.each([
    ['a misspelt NDIS status code', { event: 'status-indicated', code: 'NDIS_STATUS_RECEIVE_QUEUE_STAT' }, 'code'],
    ['a misspelt shared-memory usage', { event: 'memory-freed', usage: 'NdisSharedMemoryUsageRecieve' }, 'usage'],
    ['a misspelt OID', { event: 'oid-requested', oid: 'OID_RECEIVE_FILTER_FREE_QUEU' }, 'oid'],
    ['a misspelt address space', { event: 'memory-freed', space: 'VMl' }, 'space'],
    ['a misspelt drop reason', { event: 'frames-dropped', reason: 'filter-cleared' }, 'reason'],
    ['a misspelt queue state', { event: 'queue-state-changed', to: 'Runing' }, 'to'],
    ['a malformed MAC', { event: 'filter-set', mac: '00-15-5D-00-00-0G' }, 'mac'],
    ['an empty object on a number fact', { event: 'nbls-indicated', cpu: {} }, 'cpu'],
  ])('%s in where is an error, so count 0 cannot hold by accident', (_what, where, fact) => {
    errorsUnder({ where, count: 0 }, `${at}.where.${fact}`);
  });

  it('a reference to a saveAs no earlier step defines is an error, in where and in each', () => {
    errorsUnder({ where: { event: 'filter-set', QueueId: '$nope.QueueId' }, count: 0 }, `${at}.where.QueueId`);
    errorsUnder({ where: { event: 'filter-set' }, each: { FilterId: '$later.FilterId' } }, `${at}.each.FilterId`);
  });

  it('a reference to a saveAs that only a later step defines is an error', () => {
    const doc = docV2([
      { expect: { events: [{ where: { event: 'filter-set', QueueId: '$q.QueueId' }, count: 0 }] } },
      ...RUNNING_QUEUE,
    ]);
    const errors = refused(doc);
    expect(errors.some((e) => e.path.startsWith('steps[0].expect.events[0].where.QueueId'))).toBe(true);
  });

  it('a count that is not a count is an error', () => {
    errorsUnder({ where: { event: 'note' }, count: 'one' }, `${at}.count`);
    errorsUnder({ where: { event: 'note' }, count: -1 }, `${at}.count`);
  });
});
