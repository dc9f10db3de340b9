import { describe, expect, it } from 'vitest';
import { asQueueId } from '../../engine/index.ts';
import { pack } from './linkCodec.ts';
import { packActions, type Replayable, unpackActions } from './linkFiles.ts';

const at = (eventCount: number) => ({ tNs: 1000 * eventCount, stepIndex: 3, eventCount });

/** The user actions of the "Faults & lifecycle" tab, as the journal keeps them. */
const lifecycleAndFaults: Replayable = [
  { action: { kind: 'adapter-action', action: 'pause' }, at: at(10) },
  { action: { kind: 'adapter-action', action: 'restart' }, at: at(11) },
  { action: { kind: 'close-binding', binding: 'vmswitch' }, at: at(12) },
  {
    action: {
      kind: 'inject-fault',
      fault: {
        kind: 'refuse-oid',
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        status: 'NDIS_STATUS_RESOURCES',
        count: 1,
      },
    },
    at: at(13),
  },
  {
    action: { kind: 'inject-fault', fault: { kind: 'pend-oid', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', delayNs: null } },
    at: at(14),
  },
  {
    action: {
      kind: 'inject-fault',
      fault: { kind: 'shared-memory-exhausted', afterBlocks: 2, status: 'NDIS_STATUS_FAILURE' },
    },
    at: at(15),
  },
  { action: { kind: 'inject-fault', fault: { kind: 'surprise-removal' } }, at: at(16) },
  { action: { kind: 'inject-fault', fault: { kind: 'delay-dpc', queueId: null, delayNs: 2000 } }, at: at(17) },
  { action: { kind: 'inject-fault', fault: { kind: 'withhold-nbls', queueId: asQueueId(1), on: true } }, at: at(18) },
  { action: { kind: 'inject-fault', fault: { kind: 'return-latency', latencyNs: null } }, at: at(19) },
  { action: { kind: 'inject-fault', fault: { kind: 'live-migration', vm: 'VM1' } }, at: at(20) },
];

const packedList = (actions: unknown[]) => pack(JSON.stringify(actions.map((action, i) => ({ action, at: at(i) }))));

describe("a link's acts with the lifecycle, closed bindings and faults", () => {
  it('round trip: every new kind of action comes back as it was packed', async () => {
    expect(await unpackActions(await packActions(lifecycleAndFaults))).toEqual({ value: lifecycleAndFaults });
  });

  it.each([
    ['an adapter action NDIS does not have', { kind: 'adapter-action', action: 'reboot' }],
    ['a binding that is not a name', { kind: 'close-binding', binding: 7 }],
    ['a fault of no known kind', { kind: 'inject-fault', fault: { kind: 'meteor' } }],
    [
      'a refusal with a status that is not an NDIS status',
      { kind: 'inject-fault', fault: { kind: 'refuse-oid', oid: 'OID_X', status: 'NDIS_STATUS_OOPS', count: 1 } },
    ],
    [
      'a shared memory failure with another status',
      {
        kind: 'inject-fault',
        fault: { kind: 'shared-memory-exhausted', afterBlocks: 0, status: 'NDIS_STATUS_PENDING' },
      },
    ],
    ['a negative delay', { kind: 'inject-fault', fault: { kind: 'delay-dpc', queueId: asQueueId(1), delayNs: -5 } }],
    ['a withhold that is neither on nor off', { kind: 'inject-fault', fault: { kind: 'withhold-nbls', queueId: 1 } }],
  ])('%s makes the actions a problem, not a command', async (_what, action) => {
    expect(await unpackActions(await packedList([action]))).toHaveProperty('problem');
  });
});
