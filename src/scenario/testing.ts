/** Scenario documents shared by the scenario and CLI tests. */
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';
import { SCENARIO_VERSION } from './version.ts';

/** Allocate → set a MAC+VLAN filter → allocation complete: VM1's queue is Running. */
export const ALLOCATE_VM1_QUEUE = [
  {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: 'vm1q',
    buffer: {
      QueueType: 'NdisReceiveQueueTypeVMQueue',
      ProcessorAffinity: { Mask: 2, Group: 0 },
      NumSuggestedReceiveBuffers: 32,
      VmName: 'VM1',
    },
    expect: { status: 'NDIS_STATUS_SUCCESS' },
  },
  {
    oid: 'OID_RECEIVE_FILTER_SET_FILTER',
    saveAs: 'filter',
    buffer: {
      FilterType: 'NdisReceiveFilterTypeVMQueue',
      QueueId: '$vm1q.QueueId',
      FieldParameters: [
        {
          FrameHeader: 'NdisFrameHeaderMac',
          ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
          MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
          FieldByteArrayValue: '$vm:VM1.mac',
        },
        {
          FrameHeader: 'NdisFrameHeaderMac',
          ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
          MacHeaderField: 'NdisMacHeaderFieldVlanId',
          FieldShortValue: '$vm:VM1.vlan',
        },
      ],
    },
  },
  { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: '$vm1q.QueueId' }] } },
];

/** A document of the current version around `steps`, with one VM on VLAN 10. */
export function scenarioDocument(steps: unknown[], adapter: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'vmq-scenario',
    version: SCENARIO_VERSION,
    title: 'test scenario',
    seed: 7,
    adapter: { profile: 'ws2012', ...adapter },
    vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 }],
    steps,
  };
}

/** The parsed scenario; throws with the parser's messages when the document is invalid. */
export function scenarioOf(steps: unknown[], adapter?: Record<string, unknown>): Scenario {
  const parsed = parseScenario(scenarioDocument(steps, adapter));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return parsed.scenario;
}
