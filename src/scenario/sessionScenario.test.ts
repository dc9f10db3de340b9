import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asQueueId, type Fault, NDIS_STATUS, type NdisStatusName, OID_NAMES } from '../engine/index.ts';
import { faultOf } from './faultStep.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import { actionStep } from './sessionScenario.ts';
import { scenarioDocument } from './testing.ts';

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

const durationArb = fc.integer({ min: 0, max: 3_600_000_000_000 });
const queueArb = fc.option(fc.integer({ min: 0, max: 63 }).map(asQueueId), { nil: null });
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({
    kind: fc.constant('refuse-oid' as const),
    oid: fc.constantFrom(...OID_NAMES),
    status: fc.constantFrom(...(Object.keys(NDIS_STATUS) as NdisStatusName[])),
    count: fc.oneof(fc.nat({ max: 1000 }), fc.constant('always' as const)),
  }),
  fc.record({
    kind: fc.constant('pend-oid' as const),
    oid: fc.constantFrom(...OID_NAMES),
    delayNs: fc.option(durationArb, { nil: null }),
  }),
  fc.record({
    kind: fc.constant('shared-memory-exhausted' as const),
    afterBlocks: fc.nat({ max: 1000 }),
    status: fc.constantFrom('NDIS_STATUS_RESOURCES' as const, 'NDIS_STATUS_FAILURE' as const),
  }),
  fc.constant({ kind: 'surprise-removal' as const }),
  fc.record({ kind: fc.constant('delay-dpc' as const), queueId: queueArb, delayNs: durationArb }),
  fc.record({ kind: fc.constant('withhold-nbls' as const), queueId: queueArb, on: fc.boolean() }),
  fc.record({ kind: fc.constant('return-latency' as const), latencyNs: fc.option(durationArb, { nil: null }) }),
  fc.constant({ kind: 'live-migration' as const, vm: 'VM1' }),
);

describe('a saved session replays the faults the user injected', () => {
  it('every fault, written as its step, parses back to the same fault', () => {
    const scope = { saved: () => undefined, vm: () => undefined };
    fc.assert(
      fc.property(faultArb, (fault) => {
        const parsed = parseScenario(scenarioDocument([actionStep({ kind: 'inject-fault', fault })]));
        if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('\n'));
        const [step] = parsed.scenario.steps;
        expect(step && 'fault' in step ? faultOf(step.fault, scope) : step).toEqual(fault);
      }),
      { numRuns: 400 },
    );
  });
});
