import { describe, expect, it } from 'vitest';
import { asQueueId, type Fault } from '../engine/index.ts';
import { parseScenario } from './parse.ts';
import { actionStep } from './sessionScenario.ts';

describe('actionStep: the lifecycle, a closed binding and a fault as the documented steps', () => {
  it('an adapter action is an adapter step, a closed binding a closeBinding step, and both parse', () => {
    const steps = [actionStep({ kind: 'adapter-action', action: 'pause' })];
    steps.push(actionStep({ kind: 'close-binding', binding: 'vmswitch' }));
    expect(steps).toEqual([{ adapter: 'pause' }, { closeBinding: 'vmswitch' }]);
    const parsed = parseScenario({
      format: 'vmq-scenario',
      version: 2,
      title: 't',
      adapter: { profile: 'ws2012' },
      steps,
    });
    expect(parsed.ok).toBe(true);
  });

  // Each fault beside the step docs/scenario-format.md shows for it ("### `fault`: inject a fault").
  it.each<[Fault, unknown]>([
    [
      { kind: 'refuse-oid', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES', count: 1 },
      { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES', count: 1 },
    ],
    [
      { kind: 'refuse-oid', oid: 'OID_RECEIVE_FILTER_SET_FILTER', status: 'NDIS_STATUS_FAILURE', count: 'always' },
      { refuseOid: 'OID_RECEIVE_FILTER_SET_FILTER', status: 'NDIS_STATUS_FAILURE', count: 'always' },
    ],
    [
      { kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: 500_000 },
      { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '500 µs' },
    ],
    [
      { kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: null },
      { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: null },
    ],
    [
      { kind: 'shared-memory-exhausted', afterBlocks: 1, status: 'NDIS_STATUS_RESOURCES' },
      { sharedMemoryExhausted: { afterBlocks: 1 } },
    ],
    [
      { kind: 'shared-memory-exhausted', afterBlocks: 0, status: 'NDIS_STATUS_FAILURE' },
      { sharedMemoryExhausted: { afterBlocks: 0, status: 'NDIS_STATUS_FAILURE' } },
    ],
    [{ kind: 'surprise-removal' }, 'surpriseRemoval'],
    [{ kind: 'delay-dpc', queueId: asQueueId(1), delayNs: 2_000_000 }, { delayDpc: { QueueId: 1, delay: '2 ms' } }],
    [{ kind: 'delay-dpc', queueId: null, delayNs: 1500 }, { delayDpc: { delay: '1.500 µs' } }],
    [{ kind: 'withhold-nbls', queueId: asQueueId(1), on: true }, { withholdNbls: { QueueId: 1 } }],
    [{ kind: 'withhold-nbls', queueId: null, on: false }, { resumeNbls: {} }],
    [{ kind: 'return-latency', latencyNs: 1_000_000 }, { returnLatency: '1 ms' }],
    [{ kind: 'return-latency', latencyNs: null }, { returnLatency: null }],
    [{ kind: 'live-migration', vm: 'VM1' }, { liveMigration: 'VM1' }],
  ])('%j is written as the fault step %j', (fault, step) => {
    expect(actionStep({ kind: 'inject-fault', fault })).toEqual({ fault: step });
  });
});
