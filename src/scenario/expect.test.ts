import { describe, expect, it } from 'vitest';
import { match as matchPartial } from './match.ts';
import type { RefScope } from './refs.ts';
import { runScenario } from './session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from './testing.ts';

const scope: RefScope = {
  saved: () => ({
    stepIndex: 0,
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    status: 'NDIS_STATUS_SUCCESS',
    output: { QueueId: 2 },
  }),
  vm: () => undefined,
};
const mismatches = (expected: unknown, actual: unknown) => matchPartial(expected, actual, 'output', scope);

describe('matchPartial', () => {
  it('checks only the keys the scenario names', () => {
    expect(mismatches({ QueueId: 2 }, { QueueId: 2, MSIXTableEntry: 1 })).toEqual([]);
    expect(mismatches({ QueueId: 2, Flags: 0 }, { QueueId: 3 })).toEqual([
      'output.QueueId: expected 2, got 3',
      'output.Flags: missing',
    ]);
  });

  it('takes NDIS names for their numbers, flag arrays for their OR, and MACs in any spelling', () => {
    expect(
      mismatches(
        { QueueType: 'NdisReceiveQueueTypeVMQueue', CompletionStatus: 'NDIS_STATUS_SUCCESS' },
        { QueueType: 1, CompletionStatus: 'NDIS_STATUS_SUCCESS' },
      ),
    ).toEqual([]);
    expect(mismatches({ Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION'] }, { Flags: 1 })).toEqual(
      [],
    );
    expect(mismatches({ Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED'] }, { Flags: 1 })).toEqual([
      'output.Flags: expected [NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED] (2), got 1',
    ]);
    expect(mismatches({ Mac: '00:15:5d:00:00:01' }, { Mac: '00-15-5D-00-00-01' })).toEqual([]);
  });

  it('resolves references and compares arrays element by element', () => {
    expect(
      mismatches({ Elements: [{ QueueId: '$q.QueueId' }] }, { Elements: [{ QueueId: 2, CompletionStatus: 0 }] }),
    ).toEqual([]);
    expect(mismatches({ Elements: [{ QueueId: 2 }] }, { Elements: [] })).toEqual([
      'output.Elements: expected 1 elements, got 0',
    ]);
  });
});

describe('expect step', () => {
  it('checks shared memory by queue and usage', () => {
    const { report } = runScenario(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        {
          expect: {
            memory: [
              { QueueId: '$vm1q.QueueId', usage: 'NdisSharedMemoryUsageReceive', count: 1, bytes: 65536 },
              { space: 'VM1', count: 1 },
            ],
          },
        },
      ]),
    );
    expect(report.expectations.at(-1)?.detail).toBe('shared memory in VM1 blocks: expected 1, got 0');
    expect(report.expectations.at(-1)?.ok).toBe(false);
  });

  it('a queue that is not allocated is in state Undefined (§5.2), and nothing else can be said of it', () => {
    const { report } = runScenario(
      scenarioOf([
        { expect: { queue: { QueueId: 5, state: 'Undefined' } } },
        { expect: { queue: { QueueId: 5, state: 'Undefined', buffers: 0 } } },
        ...ALLOCATE_VM1_QUEUE,
        { expect: { queue: { QueueId: '$vm1q.QueueId', state: 'Undefined' } } },
      ]),
    );
    const [never, more, allocated] = report.expectations.filter((e) => e.kind === 'expect');
    expect(never).toMatchObject({ ok: true, detail: 'queue 5 state Undefined' });
    expect(more).toMatchObject({ ok: false, detail: 'queue 5: no such queue (it is not allocated)' });
    expect(allocated).toMatchObject({ ok: false, detail: 'queue 1 state: expected Undefined, got Running' });
  });
});
