/** The `fault` step: each documented shape parses to the engine's Fault, and each mistake is named where it is. */
import { describe, expect, it } from 'vitest';
import type { Fault } from '../engine/index.ts';
import { faultOf } from './faultStep.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import type { RefScope } from './refs.ts';
import { scenarioDocument } from './testing.ts';

function parsedFaults(...faults: unknown[]) {
  const parsed = parseScenario(scenarioDocument(faults.map((fault) => ({ fault }))));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('\n'));
  return parsed.scenario.steps.map((step) => ('fault' in step ? step.fault : undefined));
}

const problems = (...faults: unknown[]): string[] => {
  const parsed = parseScenario(scenarioDocument(faults.map((fault) => ({ fault }))));
  return parsed.ok ? [] : parsed.errors.map(formatScenarioError);
};

/** Queue references are resolved by the session (session.test.ts and the built-in scenarios use them). */
const scope: RefScope = { saved: () => undefined, vm: () => undefined };

describe('fault step: every documented shape', () => {
  it('parses each shape, fills its defaults and gives the engine the Fault it names', () => {
    const specs = parsedFaults(
      { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES' },
      { refuseOid: 'OID_RECEIVE_FILTER_SET_FILTER', status: 'NDIS_STATUS_FAILURE', count: 'always' },
      { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '500us' },
      { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: null },
      { sharedMemoryExhausted: { afterBlocks: 1 } },
      { sharedMemoryExhausted: { status: 'NDIS_STATUS_FAILURE' } },
      'surpriseRemoval',
      { delayDpc: { QueueId: 2, delay: '2ms' } },
      { delayDpc: { delay: 1000 } },
      { withholdNbls: { QueueId: 1 } },
      { resumeNbls: {} },
      { returnLatency: '1ms' },
      { returnLatency: null },
      { liveMigration: 'VM1' },
    );
    const faults: Fault[] = specs.map((spec) => faultOf(spec!, scope));
    expect(faults).toEqual([
      { kind: 'refuse-oid', oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES', count: 1 },
      { kind: 'refuse-oid', oid: 'OID_RECEIVE_FILTER_SET_FILTER', status: 'NDIS_STATUS_FAILURE', count: 'always' },
      { kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: 500_000 },
      { kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: null },
      { kind: 'shared-memory-exhausted', afterBlocks: 1, status: 'NDIS_STATUS_RESOURCES' },
      { kind: 'shared-memory-exhausted', afterBlocks: 0, status: 'NDIS_STATUS_FAILURE' },
      { kind: 'surprise-removal' },
      { kind: 'delay-dpc', queueId: 2, delayNs: 2_000_000 },
      { kind: 'delay-dpc', queueId: null, delayNs: 1000 },
      { kind: 'withhold-nbls', queueId: 1, on: true },
      { kind: 'withhold-nbls', queueId: null, on: false },
      { kind: 'return-latency', latencyNs: 1_000_000 },
      { kind: 'return-latency', latencyNs: null },
      { kind: 'live-migration', vm: 'VM1' },
    ]);
  });
});

describe('fault step: messages for mistakes', () => {
  it('names the step and the key, with a "did you mean"', () => {
    expect(
      problems(
        'surpriseRemovel',
        { refuseOID: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' },
        { refuseOid: 'OID_RECEIVE_FILTER_ALLOC_QUEUE', status: 'NDIS_STATUS_RESOURCES' },
        { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' },
        { refuseOid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES', count: -1 },
        { pendOid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delay: '5 parsecs' },
        { sharedMemoryExhausted: { status: 'NDIS_STATUS_SUCCESS' } },
        { delayDpc: { QueueId: 1 } },
        { withholdNbls: { QueueId: 1 }, resumeNbls: {} },
        42,
      ),
    ).toEqual([
      'steps[0].fault: unknown fault "surpriseRemovel" — did you mean surpriseRemoval?',
      'steps[1].fault: unknown fault "refuseOID" — did you mean refuseOid?',
      'steps[2].fault.refuseOid: unknown OID "OID_RECEIVE_FILTER_ALLOC_QUEUE" — did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE?',
      'steps[3].fault.status: expected one of 19 values such as "NDIS_STATUS_SUCCESS", "NDIS_STATUS_PENDING", "NDIS_STATUS_NOT_ACCEPTED", got nothing',
      'steps[4].fault.count: must be at least 0, got -1',
      'steps[5].fault.delay: "5 parsecs" is not a duration; a duration is integer nanoseconds, or a string like "500ns", "10us", "2ms", "1s"',
      'steps[6].fault.sharedMemoryExhausted.status: unknown NdisAllocateSharedMemory status "NDIS_STATUS_SUCCESS"; expected one of NDIS_STATUS_RESOURCES, NDIS_STATUS_FAILURE',
      'steps[7].fault.delayDpc.delay: expected a number or a string, got nothing',
      'steps[8].fault: a fault step injects one fault, found "withholdNbls" and "resumeNbls"; put them in separate steps',
      'steps[9].fault: expected "surpriseRemoval" or an object with one of refuseOid, pendOid, sharedMemoryExhausted, delayDpc, withholdNbls, resumeNbls, returnLatency, liveMigration, got 42',
    ]);
  });

  it('liveMigration names a VM from vms', () => {
    expect(problems({ liveMigration: 'VM9' }, { liveMigration: 'vm1' })).toEqual([
      'steps[0].fault.liveMigration: liveMigration names "VM9", which is not in vms — did you mean "VM1"?',
      'steps[1].fault.liveMigration: liveMigration names "vm1", which is not in vms — did you mean "VM1"?',
    ]);
  });
});
