/**
 * Independent tests of `order` (docs/scenario-format.md "Order and timing: `order`"): `sequence` with and
 * without `within`, and `after`/`none`, where they hold and where they fail, plus load-time validation. The
 * orders themselves are the reference's: R22 (DmaStopped before the memory is freed and before FREE_QUEUE
 * completes), R24 (FREE_QUEUE completes after every NBL came back and the memory is freed), R18 and R26 (no
 * indication after the last filter is cleared or the queue is freed).
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
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE } from './independent.testing.ts';

const Q = '$q.QueueId';
const HELD = { adapter: { profile: 'ws2012', options: { returnLatencyNs: null } } };
const DMA_STOPPED = { event: 'status-indicated', QueueId: Q, QueueState: 'NdisReceiveQueueOperationalStateDmaStopped' };
const MEMORY_FREED = { event: 'memory-freed', QueueId: Q };
const FREE_COMPLETED = { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_SUCCESS' };
const INDICATED_ON_Q = { event: 'nbls-indicated', queues: { contains: [Q] } };

/**
 * The overlying driver holds 3 NBLs; at 12 µs the filter is cleared and FREE_QUEUE pends (R24) until the NBLs come
 * back at 22 µs. DmaStopped is at 12 µs, the memory is freed and the request completes at 22 µs.
 */
const FREE_WHILE_HELD = [
  ...RUNNING_QUEUE,
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
  { advance: '12us' },
  CLEAR_F,
  FREE_Q,
  { advance: '10us' },
  { returnNbls: { QueueId: Q } },
  { advance: '10us' },
];
const order = (steps: unknown[], entries: unknown[], extra: Record<string, unknown> = HELD) =>
  lastCheck(steps, { order: entries }, extra);

describe('sequence', () => {
  it('R22 R24 DmaStopped, then the memory is freed, then FREE_QUEUE completes', () => {
    expectHolds(order(FREE_WHILE_HELD, [{ sequence: [DMA_STOPPED, MEMORY_FREED, FREE_COMPLETED] }]));
  });

  it('R22 fails in the wrong order, naming the pattern that found no event', () => {
    const result = order(FREE_WHILE_HELD, [{ sequence: [FREE_COMPLETED, DMA_STOPPED] }]);
    expectFailureNaming(result, 'status-indicated');
  });

  it('names the last event found with its time and the pattern that found none (the documented sentence)', () => {
    // Checked at 12 µs, while FREE_QUEUE still waits for the NBLs (R24): the memory is not freed yet.
    const steps = FREE_WHILE_HELD.slice(0, RUNNING_QUEUE.length + 4);
    const result = order(steps, [{ sequence: [DMA_STOPPED, { event: 'memory-freed', QueueId: 1 }] }]);
    expectFailureNaming(result, 'order: after status-indicated (t = 12.000 µs)', 'no memory-freed with QueueId 1');
  });

  it('each pattern needs its own, later event: one DmaStopped does not match two patterns (R22: exactly one)', () => {
    expect(order(FREE_WHILE_HELD, [{ sequence: [DMA_STOPPED, DMA_STOPPED] }]).ok).toBe(false);
  });

  it('"later" is trace order, even within one instant: a request completes after it is requested', () => {
    const requested = { event: 'oid-requested', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' };
    const completed = { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' };
    expectHolds(order(RUNNING_QUEUE, [{ sequence: [requested, completed] }]));
    expect(order(RUNNING_QUEUE, [{ sequence: [completed, requested] }]).ok).toBe(false);
  });
});

describe('within', () => {
  it('R24 holds when the whole sequence fits: 10 µs from DmaStopped to the completion', () => {
    expectHolds(order(FREE_WHILE_HELD, [{ sequence: [DMA_STOPPED, FREE_COMPLETED], within: '1ms' }]));
    expectHolds(order(FREE_WHILE_HELD, [{ sequence: [DMA_STOPPED, FREE_COMPLETED], within: '10us' }]));
  });

  it('is measured from the event that matched A, the first one: a later A does not restart the clock', () => {
    const steps = [{ note: 'mark' }, { advance: '50us' }, { note: 'mark' }, { advance: '5us' }, { note: 'end' }];
    const marks = [
      { event: 'note', text: 'mark' },
      { event: 'note', text: 'end' },
    ];
    expectHolds(order(steps, [{ sequence: marks, within: '55us' }], {}));
    expect(order(steps, [{ sequence: marks, within: '10us' }], {}).ok).toBe(false);
  });

  it('R24 fails when it does not, naming the bound and the time it took', () => {
    const result = order(FREE_WHILE_HELD, [{ sequence: [DMA_STOPPED, MEMORY_FREED, FREE_COMPLETED], within: '5us' }]);
    expectFailureNaming(result, '5');
    expect(result.detail).toMatch(/10(\.000)? µs|10000 ?ns/);
  });
});

describe('after / none', () => {
  it('R26 no indication for the queue after its DmaStopped, though traffic for VM1 goes on', () => {
    const steps = [
      ...FREE_WHILE_HELD,
      { traffic: { name: 'late', dst: '$vm:VM1', frameBytes: 200, count: 5, interval: '1us' } },
      { advance: '50us' },
    ];
    expectHolds(order(steps, [{ after: DMA_STOPPED, none: INDICATED_ON_Q }]));
  });

  it('R18 no indication for the queue after the CLEAR_FILTER of its last filter completed', () => {
    const clearCompleted = {
      event: 'oid-completed',
      oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
      status: 'NDIS_STATUS_SUCCESS',
    };
    const steps = [
      ...RECEIVED(3),
      CLEAR_F,
      { traffic: { name: 'late', dst: '$vm:VM1', frameBytes: 200, count: 5, interval: '1us' } },
      { advance: '50us' },
    ];
    expectHolds(order(steps, [{ after: clearCompleted, none: INDICATED_ON_Q }], {}));
  });

  it('fails when a B event follows the first A event, naming it', () => {
    const result = order(RECEIVED(3), [{ after: { event: 'flow-started' }, none: INDICATED_ON_Q }], {});
    expectFailureNaming(result, 'nbls-indicated');
  });

  it('counts from the first A event: a B between two A events is after the first', () => {
    const steps = [{ note: 'mark' }, ...RECEIVED(2), { note: 'mark' }];
    expect(order(steps, [{ after: { event: 'note', text: 'mark' }, none: INDICATED_ON_Q }], {}).ok).toBe(false);
  });

  it('fails when no A event happened: A must have happened', () => {
    const result = order(RECEIVED(3), [{ after: DMA_STOPPED, none: INDICATED_ON_Q }], {});
    expectFailureNaming(result, 'status-indicated');
  });
});

describe('load-time validation of order', () => {
  const at = `steps[${RUNNING_QUEUE.length}].expect.order[0]`;
  const withEntry = (entry: unknown) => docV2([...RUNNING_QUEUE, { expect: { order: [entry] } }]);
  const errorsUnder = (entry: unknown, path: string) => {
    const errors = refused(withEntry(entry));
    expect(
      errors.some((e) => e.path.startsWith(path)),
      JSON.stringify(errors),
    ).toBe(true);
    return errors;
  };

  it('an unknown form key is an error with a suggestion', () => {
    const errors = errorsUnder({ sequnce: [{ event: 'note' }] }, at);
    expect(errors.some((e) => e.message.includes('sequence'))).toBe(true);
  });

  it('after without none, and a mix of both forms, are errors', () => {
    errorsUnder({ after: { event: 'note' } }, at);
    errorsUnder({ sequence: [{ event: 'note' }], after: { event: 'note' }, none: { event: 'note' } }, at);
  });

  it('an empty sequence is an error, not an order that holds for nothing', () => {
    errorsUnder({ sequence: [] }, at);
  });

  it('within must be a duration', () => {
    errorsUnder({ sequence: [{ event: 'note' }, { event: 'note' }], within: '1 parsec' }, `${at}.within`);
  });

  it('a misspelt kind or fact in a pattern is an error', () => {
    errorsUnder({ sequence: [{ event: 'memory-free' }] }, `${at}.sequence[0]`);
    errorsUnder({ after: { event: 'memory-freed', QueueID: 1 }, none: { event: 'note' } }, `${at}.after`);
    errorsUnder({ after: { event: 'note' }, none: { event: 'nbls-indicated', queue: 1 } }, `${at}.none`);
  });

  it('a pattern is a where object: count and each have no place in it', () => {
    errorsUnder({ sequence: [{ event: 'note', count: 1 }] }, `${at}.sequence[0]`);
  });

  it('a reference to a saveAs no earlier step defines is an error', () => {
    errorsUnder(
      { after: { event: 'filter-set', QueueId: '$nope.QueueId' }, none: { event: 'note' } },
      `${at}.after.QueueId`,
    );
  });

  it('a misspelt matcher word in a pattern is an error', () => {
    errorsUnder(
      { after: { event: 'note' }, none: { event: 'nbls-indicated', queues: { contians: [1] } } },
      `${at}.none.queues`,
    );
  });
});
