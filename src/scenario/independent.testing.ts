/**
 * Scenario documents for the independent tests, written from docs/scenario-format.md alone so that they
 * test what the format promises, not what the loader happens to accept.
 */

export const VM1 = { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 } as const;

/** A ws2012 adapter (4 CPUs by default) with VM1, running `steps`. */
export function scenarioDoc(steps: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'vmq-scenario',
    version: 1,
    title: 'independent test',
    adapter: { profile: 'ws2012' },
    vms: [VM1],
    steps,
    ...extra,
  };
}

/** A valid NDIS_RECEIVE_QUEUE_PARAMETERS for ALLOCATE_QUEUE (§4.1), with `over` replacing fields. */
export const allocateBuffer = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  QueueType: 'NdisReceiveQueueTypeVMQueue',
  ProcessorAffinity: { Mask: 2, Group: 0 },
  NumSuggestedReceiveBuffers: 32,
  VmName: 'VM1',
  QueueName: 'VM1 queue',
  ...over,
});

/** One NDIS_RECEIVE_FILTER_FIELD_PARAMETERS test on the destination MAC (§4.5). */
export const macTest = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  FrameHeader: 'NdisFrameHeaderMac',
  ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
  MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
  FieldByteArrayValue: VM1.mac,
  ...over,
});

/** One NDIS_RECEIVE_FILTER_FIELD_PARAMETERS test on the VLAN ID (§4.5). */
export const vlanTest = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  FrameHeader: 'NdisFrameHeaderMac',
  ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
  MacHeaderField: 'NdisMacHeaderFieldVlanId',
  FieldShortValue: VM1.vlan,
  ...over,
});

/** A valid NDIS_RECEIVE_FILTER_PARAMETERS for SET_FILTER on the queue saved as `q` (§4.4). */
export const setFilterBuffer = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  FilterType: 'NdisReceiveFilterTypeVMQueue',
  QueueId: '$q.QueueId',
  FieldParameters: [macTest(), vlanTest()],
  ...over,
});

/** Allocate (saveAs q), filter (saveAs f) and complete: VM1's queue ends Running. */
export const RUNNING_QUEUE: unknown[] = [
  { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'q', buffer: allocateBuffer() },
  { oid: 'OID_RECEIVE_FILTER_SET_FILTER', saveAs: 'f', buffer: setFilterBuffer() },
  { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: '$q.QueueId' }] } },
];

/** `depth` nested objects around a number: {"a":{"a":…1…}}. */
export function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** `doc` as JSON text with `nested(depth)` at `"Deep"`, built as text: JSON.stringify itself overflows the stack on
 * such a value, before the loader under test ever sees it. */
export function withNestedText(doc: unknown, depth: number): string {
  const text = JSON.stringify(doc, (key, value) => (key === 'Deep' ? '__DEEP__' : value));
  return text.replace('"__DEEP__"', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}
