/**
 * Independent tests of the matcher words (docs/scenario-format.md "Matchers"), each once where it holds and once
 * where it fails, with the failure sentence naming what was wanted and what was found. The VMQ facts they lean on
 * are cited from docs/ndis-reference.md.
 */
import { describe, expect, it } from 'vitest';
import {
  docV2,
  errorAt,
  expectFailureNaming,
  expectHolds,
  lastCheck,
  oidCheck,
  refused,
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, allocateBuffer } from './independent.testing.ts';

const Q = '$q.QueueId';
const queueCheck = (keys: Record<string, unknown>, steps: unknown[] = RUNNING_QUEUE) =>
  lastCheck(steps, { queue: { QueueId: Q, ...keys } });

/** Two queues allocated by vmswitch (saveAs a, b) on CPUs 1 and 2. */
const TWO_QUEUES = [
  { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'a', buffer: allocateBuffer() },
  {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: 'b',
    buffer: allocateBuffer({ ProcessorAffinity: { Mask: 4, Group: 0 } }),
  },
];
/** ENUM_QUEUES from vmswitch with an `output` expectation: it lists the queues vmswitch allocated (R30, §3.10). */
const enumQueues = (output: unknown) =>
  oidCheck(TWO_QUEUES, { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', expect: { output } });
/** QUEUE_ALLOCATION_COMPLETE for queues a and b, with an `output` expectation (§3.5). */
const completeBoth = (output: unknown, elements: unknown[] = [{ QueueId: '$a.QueueId' }, { QueueId: '$b.QueueId' }]) =>
  oidCheck(TWO_QUEUES, {
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: elements },
    expect: { output },
  });

describe('plain values', () => {
  it('a plain state name must be equal: Running after allocate, filter, complete (§3.5, §5.3)', () => {
    expectHolds(queueCheck({ state: 'Running' }));
    expectFailureNaming(queueCheck({ state: 'Paused' }), 'expected Paused', 'got Running');
  });

  it('an NDIS name equals its number: reported Running is 1 (§2.4 NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE)', () => {
    expectHolds(queueCheck({ reported: 1 }));
    expectFailureNaming(queueCheck({ reported: 2 }), 'Running');
  });

  it('an NDIS name equals its number in an output: CompletionStatus 0 is NDIS_STATUS_SUCCESS (§2.2)', () => {
    expectHolds(completeBoth({ Elements: [{ CompletionStatus: 0 }, { CompletionStatus: 0 }] }));
    expectFailureNaming(
      completeBoth({ Elements: [{ CompletionStatus: 0xc0000001 }, { CompletionStatus: 0 }] }),
      'NDIS_STATUS_SUCCESS',
    );
  });

  it('a plain array in an output matches element by element, with equal lengths', () => {
    expectHolds(completeBoth({ Elements: [{ QueueId: '$a.QueueId' }, { QueueId: '$b.QueueId' }] }));
    // Reversed order, and one element short: both are different arrays.
    expect(completeBoth({ Elements: [{ QueueId: '$b.QueueId' }, { QueueId: '$a.QueueId' }] }).ok).toBe(false);
    expect(completeBoth({ Elements: [{ QueueId: '$a.QueueId' }] }).ok).toBe(false);
  });

  it('an array of flag names matches the number they OR to, and only that number', () => {
    const perQueue = 'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION';
    const alloc = (output: unknown) =>
      oidCheck([], {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer({ Flags: [perQueue] }),
        expect: { output },
      });
    // Flags is in/out (§4.1): the requested PER_QUEUE flag (0x1) comes back.
    expectHolds(alloc({ Flags: [perQueue] }));
    expectHolds(alloc({ Flags: 1 }));
    expect(alloc({ Flags: [perQueue, 'NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED'] }).ok).toBe(false);
  });
});

describe('oneOf', () => {
  it('holds when one of the values matches, each of which may itself be a matcher', () => {
    expectHolds(queueCheck({ state: { oneOf: ['Paused', 'Running'] } }));
    // Mask 2 → CPU 1, the lowest set bit (§9).
    expectHolds(queueCheck({ cpu: { oneOf: [{ gte: 3 }, 1] } }));
  });

  it('fails with the documented sentence: expected one of …, got …', () => {
    const result = oidCheck([], {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: allocateBuffer(),
      expect: { status: { oneOf: ['NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE'] } },
    });
    expectFailureNaming(
      result,
      'status: expected one of NDIS_STATUS_RESOURCES, NDIS_STATUS_FAILURE, got NDIS_STATUS_SUCCESS',
    );
  });
});

describe('not', () => {
  it('holds when the value does not match: a Mask-2 queue does not run on CPU 0 (§9)', () => {
    expectHolds(queueCheck({ cpu: { not: 0 } }));
  });

  it('fails when it does, naming the value it got', () => {
    expectFailureNaming(queueCheck({ cpu: { not: 1 } }), 'cpu', '1');
  });

  it('takes any matcher: not oneOf', () => {
    expectHolds(queueCheck({ state: { not: { oneOf: ['Paused', 'Allocated'] } } }));
    expectFailureNaming(queueCheck({ state: { not: { oneOf: ['Running', 'Set'] } } }), 'Running');
  });
});

describe('gt, gte, lt, lte and ranges', () => {
  it('fails with the documented sentence: queue 1 outstandingNbls: expected ≥ 1, got 0', () => {
    // Nothing was indicated, so nothing is outstanding (§8.2).
    expectFailureNaming(queueCheck({ outstandingNbls: { gte: 1 } }), 'queue 1 outstandingNbls: expected ≥ 1, got 0');
  });

  it('each comparison holds on its side of the value and fails on the other (cpu 1)', () => {
    expectHolds(queueCheck({ cpu: { gt: 0 } }));
    expectHolds(queueCheck({ cpu: { gte: 1 } }));
    expectHolds(queueCheck({ cpu: { lt: 2 } }));
    expectHolds(queueCheck({ cpu: { lte: 1 } }));
    expectFailureNaming(queueCheck({ cpu: { gt: 1 } }), 'got 1');
    expectFailureNaming(queueCheck({ cpu: { gte: 2 } }), 'got 1');
    expectFailureNaming(queueCheck({ cpu: { lt: 1 } }), 'got 1');
    expectFailureNaming(queueCheck({ cpu: { lte: 0 } }), 'got 1');
  });

  it('several words in one matcher must all hold: a range', () => {
    expectHolds(queueCheck({ cpu: { gte: 1, lte: 4 } }));
    expectFailureNaming(queueCheck({ cpu: { gte: 2, lte: 4 } }), 'got 1');
    expectFailureNaming(queueCheck({ cpu: { gte: 0, lt: 1 } }), 'got 1');
  });

  it('the bound may be a reference: filters ≤ QueueId 1 holds, filters < QueueId 1 does not', () => {
    expectHolds(queueCheck({ filters: { lte: Q } }));
    expectFailureNaming(queueCheck({ filters: { lt: Q } }), 'got 1');
  });
});

describe('failure', () => {
  const allocate = (status: unknown, over: Record<string, unknown> = {}) =>
    oidCheck([], { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer(over), expect: { status } });

  it('R5 holds for NDIS_STATUS_INVALID_PARAMETER (0xC000000D): ProcessorAffinity.Mask 0 is refused', () => {
    expectHolds(allocate({ failure: true }, { ProcessorAffinity: { Mask: 0, Group: 0 } }));
    expectFailureNaming(
      allocate({ failure: false }, { ProcessorAffinity: { Mask: 0, Group: 0 } }),
      'NDIS_STATUS_INVALID_PARAMETER',
    );
  });

  it('NDIS_STATUS_SUCCESS is not a failure', () => {
    expectHolds(allocate({ failure: false }));
    expectFailureNaming(allocate({ failure: true }), 'NDIS_STATUS_SUCCESS');
  });

  it('R27 works inside an output: an element naming a queue that was never allocated gets a failure status', () => {
    const elements = [{ QueueId: '$a.QueueId' }, { QueueId: 7 }];
    expectHolds(
      completeBoth(
        { Elements: [{ CompletionStatus: { failure: false } }, { CompletionStatus: { failure: true } }] },
        elements,
      ),
    );
    expectFailureNaming(
      completeBoth(
        { Elements: [{ CompletionStatus: { failure: false } }, { CompletionStatus: { failure: false } }] },
        elements,
      ),
      'CompletionStatus',
    );
  });
});

describe('set', () => {
  it('R30 holds for the two queues vmswitch allocated, in either order', () => {
    expectHolds(enumQueues({ Elements: { set: [{ QueueId: '$b.QueueId' }, { QueueId: '$a.QueueId' }] } }));
    expectHolds(enumQueues({ Elements: { set: [{ QueueId: '$a.QueueId' }, { QueueId: '$b.QueueId' }] } }));
  });

  it('fails when an element is missing from the set or the array has one more', () => {
    expectFailureNaming(enumQueues({ Elements: { set: [{ QueueId: '$a.QueueId' }] } }), 'Elements');
    expect(
      enumQueues({ Elements: { set: [{ QueueId: '$a.QueueId' }, { QueueId: '$b.QueueId' }, { QueueId: 3 }] } }).ok,
    ).toBe(false);
  });

  it('matches each element once: {QueueId a} twice is not the set {a, b}', () => {
    expect(enumQueues({ Elements: { set: [{ QueueId: '$a.QueueId' }, { QueueId: '$a.QueueId' }] } }).ok).toBe(false);
  });
});

describe('contains', () => {
  it('holds when an element matches each pattern', () => {
    expectHolds(enumQueues({ Elements: { contains: [{ QueueId: '$b.QueueId' }] } }));
    expectHolds(enumQueues({ Elements: { contains: [{ QueueId: '$b.QueueId' }, { QueueId: '$a.QueueId' }] } }));
  });

  it('fails when no element matches, naming what it looked for', () => {
    expectFailureNaming(enumQueues({ Elements: { contains: [{ QueueId: 5 }] } }), 'Elements');
  });

  it('needs distinct elements: two patterns for QueueId a do not both match the one element a', () => {
    expect(enumQueues({ Elements: { contains: [{ QueueId: '$a.QueueId' }, { QueueId: '$a.QueueId' }] } }).ok).toBe(
      false,
    );
  });
});

describe('length', () => {
  it('holds for the number of elements, plain or as a matcher', () => {
    expectHolds(enumQueues({ Elements: { length: 2 } }));
    expectHolds(enumQueues({ Elements: { length: { gte: 1 } } }));
  });

  it('fails naming the expected and the actual length', () => {
    expectFailureNaming(enumQueues({ Elements: { length: 3 } }), '3', '2');
    expectFailureNaming(enumQueues({ Elements: { length: { gte: 3 } } }), '3', '2');
  });

  it('combines with every in one matcher', () => {
    expectHolds(completeBoth({ Elements: { length: 2, every: { CompletionStatus: 'NDIS_STATUS_SUCCESS' } } }));
    expect(completeBoth({ Elements: { length: 1, every: { CompletionStatus: 'NDIS_STATUS_SUCCESS' } } }).ok).toBe(
      false,
    );
  });
});

describe('every', () => {
  it('R27 holds when every element completed', () => {
    expectHolds(completeBoth({ Elements: { every: { CompletionStatus: 'NDIS_STATUS_SUCCESS' } } }));
  });

  it('R27 fails when one element names a queue that was never allocated, naming the status it got', () => {
    const result = completeBoth({ Elements: { every: { CompletionStatus: 'NDIS_STATUS_SUCCESS' } } }, [
      { QueueId: '$a.QueueId' },
      { QueueId: 7 },
    ]);
    expectFailureNaming(result, 'CompletionStatus');
    expect(result.detail).toMatch(/NDIS_STATUS_(?!SUCCESS)[A-Z_]+/);
  });
});

describe('flagsSet and flagsClear', () => {
  const perQueue = 'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION';
  const split = 'NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED';
  const flags = (matcher: unknown) =>
    oidCheck([], {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: allocateBuffer({ Flags: [perQueue] }),
      expect: { output: { Flags: matcher } },
    });

  it('flagsSet holds for the PER_QUEUE bit the allocator asked for (§2.5, §4.1 Flags in/out), by name or number', () => {
    expectHolds(flags({ flagsSet: [perQueue] }));
    expectHolds(flags({ flagsSet: [1] }));
  });

  it('flagsSet fails for a bit that is clear, naming the flag', () => {
    expectFailureNaming(flags({ flagsSet: [perQueue, split] }), split);
  });

  it('flagsClear holds for a bit that is clear and fails for one that is set', () => {
    expectHolds(flags({ flagsClear: [split] }));
    expectFailureNaming(flags({ flagsClear: [perQueue] }), perQueue);
  });
});

describe('absent', () => {
  const allocOutput = (output: unknown, profile: string) =>
    oidCheck(
      [],
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer(), expect: { output } },
      { adapter: { profile } },
    );

  it('§4.1: PortId is a 6.30 member, so the revision-1 output of a 2008 R2 adapter lacks it', () => {
    expectHolds(allocOutput({ PortId: { absent: true } }, 'ws2008r2'));
    expectFailureNaming(allocOutput({ PortId: { absent: false } }, 'ws2008r2'), 'PortId');
  });

  it('§4.1: the revision-2 output of a 2012 adapter has PortId, with any value', () => {
    expectHolds(allocOutput({ PortId: { absent: false } }, 'ws2012'));
    expectFailureNaming(allocOutput({ PortId: { absent: true } }, 'ws2012'), 'PortId');
  });
});

describe('load-time validation of matchers', () => {
  const withCheck = (check: Record<string, unknown>) => docV2([...RUNNING_QUEUE, { expect: check }]);
  const at = `steps[${RUNNING_QUEUE.length}].expect`;

  it('a misspelt word is an error with its path and the documented suggestion', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, cpu: { gtee: 1 } } }));
    expect(errorAt(errors, `${at}.queue.cpu.gtee`).message).toBe('unknown matcher word "gtee" — did you mean gte?');
  });

  it('matcher words are case-sensitive: "oneof" is not oneOf', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, state: { oneof: ['Running'] } } }));
    const error = errors.find((e) => e.path.startsWith(`${at}.queue.state`));
    expect(error?.message, JSON.stringify(errors)).toContain('oneOf');
  });

  it('a misspelt word in an OID step’s output is an error too', () => {
    const errors = refused(
      docV2([
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: allocateBuffer(),
          expect: { output: { QueueId: { nott: 0 } } },
        },
      ]),
    );
    expect(errorAt(errors, 'steps[0].expect.output.QueueId.nott').message).toContain('"nott"');
  });

  it('a comparison on a state name is an error (the documented example: gte on a state)', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, state: { gte: 'Running' } } }));
    expect(errors.some((e) => e.path.startsWith(`${at}.queue.state`))).toBe(true);
  });

  it.each([
    ['an array word on a number', { cpu: { contains: [1] } }, 'cpu'],
    ['length on a number', { filters: { length: 1 } }, 'filters'],
    ['flagsSet on a state name', { state: { flagsSet: ['Running'] } }, 'state'],
    ['failure on a counter', { indicated: { failure: true } }, 'indicated'],
    ['every on a state name', { reported: { every: 'Running' } }, 'reported'],
  ])('%s is an error at its path', (_what, keys, key) => {
    const errors = refused(withCheck({ queue: { QueueId: Q, ...keys } }));
    expect(
      errors.some((e) => e.path.startsWith(`${at}.queue.${key}`)),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it.each([
    ['contains', { cpu: { not: { contains: [5] } } }, 'cpu'],
    ['failure', { indicated: { not: { failure: true } } }, 'indicated'],
    ['every', { reported: { not: { every: 'NdisReceiveQueueOperationalStatePaused' } } }, 'reported'],
  ])('a wrong-kind word (%s) under not is refused, so it cannot make the check hold by failing', (_word, keys, key) => {
    const errors = refused(withCheck({ queue: { QueueId: Q, ...keys } }));
    expect(errors.some((e) => e.path.startsWith(`${at}.queue.${key}`))).toBe(true);
  });

  it('a misspelt status name inside a matcher is an error, not a value that never matches', () => {
    const errors = refused(
      docV2([
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: allocateBuffer(),
          expect: { status: { not: 'NDIS_STATUS_SUCCES' } },
        },
      ]),
    );
    expect(
      errors.some((e) => e.path.startsWith('steps[0].expect.status')),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it('a reference in a matcher must name an earlier saveAs', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, cpu: { gt: '$later.QueueId' } } }));
    expect(errors.some((e) => e.path.startsWith(`${at}.queue.cpu`) && e.message.includes('later'))).toBe(true);
  });
});
