/** Each matcher word once holding and once failing with the sentence a grader reads (docs/scenario-format.md). */
import { describe, expect, it } from 'vitest';
import { match } from './match.ts';
import type { RefScope } from './refs.ts';

const scope: RefScope = {
  saved: (name) =>
    ({
      a: {
        stepIndex: 0,
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        status: 'NDIS_STATUS_SUCCESS',
        output: { QueueId: 1 },
      },
    })[name] as never,
  vm: () => undefined,
};
const problems = (expected: unknown, actual: unknown) => match(expected, actual, 'x', scope);

describe('matchers', () => {
  it.each([
    ['oneOf', { oneOf: ['Set', 'Running'] }, 'Running', 'Paused', 'x: expected one of Set, Running, got Paused'],
    ['not', { not: 3 }, 2, 3, 'x: expected not 3, got 3'],
    ['gt', { gt: 1 }, 2, 1, 'x: expected > 1, got 1'],
    ['gte', { gte: 1 }, 1, 0, 'x: expected ≥ 1, got 0'],
    ['lt', { lt: 1 }, 0, 1, 'x: expected < 1, got 1'],
    ['lte', { lte: 1 }, 1, 2, 'x: expected ≤ 1, got 2'],
    ['a range', { gte: 1, lte: 4 }, 4, 5, 'x: expected ≥ 1 and ≤ 4, got 5'],
    ['a reference as a bound', { gt: '$a.QueueId' }, 2, 1, 'x: expected > 1 ($a.QueueId), got 1'],
    [
      'failure',
      { failure: true },
      'NDIS_STATUS_INVALID_PARAMETER',
      'NDIS_STATUS_PENDING',
      'x: expected a failure status, got NDIS_STATUS_PENDING',
    ],
    [
      'failure: false',
      { failure: false },
      'NDIS_STATUS_SUCCESS',
      'NDIS_STATUS_RESOURCES',
      'x: expected a status that is not a failure, got NDIS_STATUS_RESOURCES',
    ],
    ['set', { set: [2, 1] }, [1, 2], [1, 1], 'x: expected the elements [2, 1] in any order, got [1, 1]'],
    ['contains', { contains: [3] }, [1, 3], [1, 2], 'x: expected an array containing [3], got [1, 2]'],
    ['length', { length: { gte: 2 } }, [1, 2], [1], 'x length: expected ≥ 2, got 1'],
    ['every', { every: { gt: 0 } }, [1, 2], [1, 0], 'x[1]: expected > 0, got 0'],
    [
      'flagsSet',
      { flagsSet: ['NDIS_RECEIVE_FLAGS_SINGLE_QUEUE'] },
      0x801,
      0x1,
      'x: expected [NDIS_RECEIVE_FLAGS_SINGLE_QUEUE] set, got 1',
    ],
    [
      'flagsClear',
      { flagsClear: ['NDIS_RECEIVE_FLAGS_SINGLE_QUEUE'] },
      0x1,
      0x801,
      'x: expected [NDIS_RECEIVE_FLAGS_SINGLE_QUEUE] clear, got 2049',
    ],
  ])('%s', (_, matcher, holds, fails, message) => {
    expect(problems(matcher, holds)).toEqual([]);
    expect(problems(matcher, fails)).toEqual([message]);
  });

  it('absent: a key that must not be there, or must', () => {
    expect(problems({ Name: { absent: true } }, { Other: 1 })).toEqual([]);
    expect(problems({ Name: { absent: true } }, { Name: 'q' })).toEqual(['x.Name: expected absent, got q']);
    expect(problems({ Name: { absent: false } }, {})).toEqual(['x.Name: missing']);
  });

  it('set and contains use each actual element once', () => {
    expect(problems({ contains: [1, 1] }, [1, 2])).toEqual(['x: expected an array containing [1, 1], got [1, 2]']);
    expect(problems({ set: [{ QueueId: 1 }, { QueueId: 2 }] }, [{ QueueId: 2 }, { QueueId: 1, More: 0 }])).toEqual([]);
  });

  it('comparisons refuse what is not a number', () => {
    expect(problems({ gte: 1 }, 'Running')).toEqual(['x: expected ≥ 1, got Running']);
  });

  it('matchers nest inside partial objects, and a plain array still matches element by element', () => {
    expect(problems({ Elements: { every: { CompletionStatus: 'NDIS_STATUS_SUCCESS' } } }, { Elements: [] })).toEqual(
      [],
    );
    expect(problems([1, { not: 1 }], [1, 2])).toEqual([]);
    expect(problems([1, 2], [1])).toEqual(['x: expected 2 elements, got 1']);
  });
});
