/**
 * NDIS identifiers and their values, verbatim from the public headers (ntddndis.h, ndis.h, ntstatus.h)
 * as condensed in docs/ndis-reference.md §2. Names are kept exactly so users can read
 * Microsoft's pages next to the tool. A bare "§2.1" in a comment anywhere in src/ means that section of
 * docs/ndis-reference.md, and "R21" its rule 21 of §12.
 */

/** §2.1 — the receive-filter OIDs and their values are their descriptors' (oids/catalog.ts). */
export type { OidName } from '../oids/catalog.ts';
import type { FilterId, QueueId } from '../types.ts';

/** `NDIS_REQUEST_TYPE` members a VMQ OID can arrive with. */
export const NDIS_REQUEST_TYPE = {
  NdisRequestQueryInformation: 0,
  NdisRequestSetInformation: 1,
  NdisRequestQueryStatistics: 2,
  NdisRequestMethod: 12,
} as const;
export type RequestTypeName = keyof typeof NDIS_REQUEST_TYPE;

/** §2.2 — statuses the interface returns. */
export const NDIS_STATUS = {
  NDIS_STATUS_SUCCESS: 0x00000000,
  NDIS_STATUS_PENDING: 0x00000103,
  NDIS_STATUS_NOT_ACCEPTED: 0x00010003,
  NDIS_STATUS_BUFFER_OVERFLOW: 0x80000005,
  NDIS_STATUS_FAILURE: 0xc0000001,
  NDIS_STATUS_INVALID_PARAMETER: 0xc000000d,
  NDIS_STATUS_RESOURCES: 0xc000009a,
  NDIS_STATUS_NOT_SUPPORTED: 0xc00000bb,
  NDIS_STATUS_INVALID_STATE: 0xc0000184,
  NDIS_STATUS_REQUEST_ABORTED: 0xc001000c,
  NDIS_STATUS_RESET_IN_PROGRESS: 0xc001000d,
  NDIS_STATUS_ADAPTER_NOT_READY: 0xc0010011,
  NDIS_STATUS_INVALID_LENGTH: 0xc0010014,
  NDIS_STATUS_INVALID_DATA: 0xc0010015,
  NDIS_STATUS_BUFFER_TOO_SHORT: 0xc0010016,
  NDIS_STATUS_INVALID_OID: 0xc0010017,
  NDIS_STATUS_FILE_NOT_FOUND: 0xc001001b,
  NDIS_STATUS_PAUSED: 0xc023002a,
  NDIS_STATUS_UNSUPPORTED_REVISION: 0xc023002c,
} as const;
export type NdisStatusName = keyof typeof NDIS_STATUS;

/** §2.2 — status indications (StatusCode of NDIS_STATUS_INDICATION). */
export const NDIS_STATUS_INDICATION_CODE = {
  NDIS_STATUS_RECEIVE_QUEUE_STATE: 0x4002000d,
  NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES: 0x40020010,
  NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES: 0x40020020,
  NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS: 0x40020030,
} as const;
export type StatusIndicationName = keyof typeof NDIS_STATUS_INDICATION_CODE;

export const NDIS_OBJECT_TYPE_DEFAULT = 0x80;
export const NDIS_DEFAULT_RECEIVE_QUEUE_ID = 0 as QueueId;
export const NDIS_DEFAULT_RECEIVE_FILTER_ID = 0 as FilterId;

/** §2.4 enumerations. */
export const NDIS_RECEIVE_QUEUE_TYPE = {
  NdisReceiveQueueTypeUnspecified: 0,
  NdisReceiveQueueTypeVMQueue: 1,
} as const;

export const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = {
  NdisReceiveQueueOperationalStateUndefined: 0,
  NdisReceiveQueueOperationalStateRunning: 1,
  NdisReceiveQueueOperationalStatePaused: 2,
  NdisReceiveQueueOperationalStateDmaStopped: 3,
} as const;
export type OperationalStateName = keyof typeof NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE;

export const NDIS_RECEIVE_FILTER_TYPE = {
  NdisReceiveFilterTypeUndefined: 0,
  NdisReceiveFilterTypeVMQueue: 1,
  NdisReceiveFilterTypePacketCoalescing: 2,
} as const;

export const NDIS_FRAME_HEADER = {
  NdisFrameHeaderUndefined: 0,
  NdisFrameHeaderMac: 1,
  NdisFrameHeaderArp: 2,
  NdisFrameHeaderIPv4: 3,
  NdisFrameHeaderIPv6: 4,
  NdisFrameHeaderUdp: 5,
} as const;

export const NDIS_MAC_HEADER_FIELD = {
  NdisMacHeaderFieldUndefined: 0,
  NdisMacHeaderFieldDestinationAddress: 1,
  NdisMacHeaderFieldSourceAddress: 2,
  NdisMacHeaderFieldProtocol: 3,
  NdisMacHeaderFieldVlanId: 4,
  NdisMacHeaderFieldPriority: 5,
  NdisMacHeaderFieldPacketType: 6,
} as const;

export const NDIS_RECEIVE_FILTER_TEST = {
  NdisReceiveFilterTestUndefined: 0,
  NdisReceiveFilterTestEqual: 1,
  NdisReceiveFilterTestMaskEqual: 2,
  NdisReceiveFilterTestNotEqual: 3,
} as const;

export const NDIS_SHARED_MEMORY_USAGE = {
  NdisSharedMemoryUsageUndefined: 0,
  NdisSharedMemoryUsageXmit: 1,
  NdisSharedMemoryUsageXmitHeader: 2,
  NdisSharedMemoryUsageXmitData: 3,
  NdisSharedMemoryUsageReceive: 4,
  NdisSharedMemoryUsageReceiveLookahead: 5,
  NdisSharedMemoryUsageReceivePostLookahead: 6,
  NdisSharedMemoryUsageReceiveHeader: 7,
  NdisSharedMemoryUsageReceiveData: 8,
  NdisSharedMemoryUsageOther: 9,
} as const;
export type SharedMemoryUsageName = keyof typeof NDIS_SHARED_MEMORY_USAGE;

/** §2.5 — NDIS_RECEIVE_QUEUE_PARAMETERS.Flags. */
export const NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION = 0x00000001;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED = 0x00000002;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED = 0x00010000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED = 0x00020000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED = 0x00040000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED = 0x00080000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED = 0x00100000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED = 0x00200000;
export const NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK = 0xffff0000;

export const NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO = 0x00000001;
export const NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE = 0x00000002;

/** §2.5 — NDIS_RECEIVE_FILTER_CAPABILITIES / GLOBAL_PARAMETERS bits. */
export const NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED = 0x1;
export const NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED = 0x2;
export const NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED = 0x1;
export const NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED = 0x1;
export const NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED = 0x2;
export const NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED = 0x4;
export const NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED = 0x8;
export const NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED = 0x10;
export const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED = 0x1;
export const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED = 0x2;
export const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED = 0x4;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED = 0x1;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED = 0x1;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED = 0x2;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED = 0x4;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED = 0x8;
export const NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED = 0x10;

/** §2.5 — receive/return flags carried by indications. */
export const NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL = 0x1;
export const NDIS_RECEIVE_FLAGS_SINGLE_QUEUE = 0x800;
export const NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID = 0x1000;
export const NDIS_RETURN_FLAGS_DISPATCH_LEVEL = 0x1;
export const NDIS_RETURN_FLAGS_SINGLE_QUEUE = 0x2;

/** Name lookups for flag words shown to users; order is the display order. */
export const QUEUE_PARAMETER_FLAG_NAMES: ReadonlyArray<readonly [string, number]> = [
  [
    'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
    NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
  ],
  ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED', NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED],
  ['NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED', NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED],
  [
    'NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED',
    NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
  ],
  [
    'NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED',
    NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
  ],
  ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED', NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED],
  [
    'NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED',
    NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
  ],
  ['NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED', NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED],
];

export const FIELD_FLAG_NAMES: ReadonlyArray<readonly [string, number]> = [
  [
    'NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO',
    NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
  ],
];

export const FILTER_FLAG_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE', NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE],
];

const statusByValue = new Map<number, NdisStatusName>(
  (Object.entries(NDIS_STATUS) as [NdisStatusName, number][]).map(([name, value]) => [value, name]),
);
export const statusName = (value: number): NdisStatusName | undefined => statusByValue.get(value >>> 0);

/** `0xC0010014` — how statuses are shown next to their names. */
export const hex32 = (value: number): string => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
