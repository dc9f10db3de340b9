/**
 * Numbers in NDIS structures, spelled the way Microsoft's pages spell them: flag words as the names of their set
 * bits, enumerations as their member names, statuses as NDIS_STATUS_* names. The OID console shows an output
 * buffer with these beside the raw values, so `Flags: 0x00000001` reads as
 * NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION.
 */
import { ndis, OID_INFO, type OidName, type StructName } from '../../engine/index.ts';

type Bits = ReadonlyArray<readonly [string, number]>;

type NdisConstantName = { [K in keyof typeof ndis]: (typeof ndis)[K] extends number ? K : never }[keyof typeof ndis];

const bits = (...names: NdisConstantName[]): Bits => names.map((name) => [name, ndis[name]] as const);

/** NDIS_RECEIVE_FILTER_CAPABILITIES and GLOBAL_PARAMETERS members that are flag words (§2.5, §4.7). */
const CAPABILITY_BITS: Readonly<Record<string, Bits>> = {
  EnabledFilterTypes: bits(
    'NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED',
    'NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED',
  ),
  EnabledQueueTypes: bits('NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED'),
  SupportedQueueProperties: bits(
    'NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED',
    'NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED',
    'NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED',
    'NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED',
    'NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED',
  ),
  SupportedFilterTests: bits(
    'NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED',
    'NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED',
    'NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED',
  ),
  SupportedHeaders: bits('NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED'),
  SupportedMacHeaderFields: bits(
    'NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED',
    'NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED',
    'NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED',
    'NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED',
    'NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED',
  ),
};

/** Enumeration members by the field that holds them (§2.4). */
const ENUMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  QueueType: ndis.NDIS_RECEIVE_QUEUE_TYPE,
  QueueState: ndis.NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
  FilterType: ndis.NDIS_RECEIVE_FILTER_TYPE,
  FrameHeader: ndis.NDIS_FRAME_HEADER,
  ReceiveFilterTest: ndis.NDIS_RECEIVE_FILTER_TEST,
  MacHeaderField: ndis.NDIS_MAC_HEADER_FIELD,
};

/** The structures whose own Flags member names bits, and those names. */
const TOP_LEVEL_FLAGS: Partial<Record<StructName, Bits>> = {
  NDIS_RECEIVE_QUEUE_PARAMETERS: ndis.QUEUE_PARAMETER_FLAG_NAMES,
  NDIS_RECEIVE_FILTER_PARAMETERS: ndis.FILTER_FLAG_NAMES,
};

/** "A | B", with any bits no name covers as hex; "none" for 0. */
export function flagText(value: number, names: Bits): string {
  let rest = value >>> 0;
  const set: string[] = [];
  for (const [name, bit] of names) {
    if (bit !== 0 && (rest & bit) === bit) {
      set.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) set.push(ndis.hex32(rest));
  return set.length === 0 ? 'none' : set.join(' | ');
}

/** "CPU 1", "CPUs 0, 2" for a GROUP_AFFINITY mask. */
export function cpuText(mask: number): string {
  const cpus: number[] = [];
  for (let cpu = 0; cpu < 64; cpu++) if (Math.floor(mask / 2 ** cpu) % 2 === 1) cpus.push(cpu);
  return cpus.length === 0 ? 'no CPU' : `${cpus.length === 1 ? 'CPU' : 'CPUs'} ${cpus.join(', ')}`;
}

function flagsMeaning(oid: OidName, path: readonly (string | number)[]): Bits | undefined {
  if (path.includes('FieldParameters')) return ndis.FIELD_FLAG_NAMES;
  if (path.length !== 1) return undefined;
  return TOP_LEVEL_FLAGS[OID_INFO[oid].struct];
}

/**
 * What a number at `path` of an `oid` buffer means, in NDIS names; null when it is just a number.
 * @example decodeField('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', ['ProcessorAffinity', 'Mask'], 2) // "CPU 1"
 */
export function decodeField(oid: OidName, path: readonly (string | number)[], value: number): string | null {
  const key = path.at(-1);
  if (typeof key !== 'string') return null;
  if (key === 'Flags') {
    const names = flagsMeaning(oid, path);
    return names === undefined ? null : flagText(value, names);
  }
  if (key === 'Mask' && path.includes('ProcessorAffinity')) return cpuText(value);
  if (key === 'CompletionStatus') return ndis.statusName(value) ?? null;
  if (key === 'Type' && path.includes('Header'))
    return value === ndis.NDIS_OBJECT_TYPE_DEFAULT ? 'NDIS_OBJECT_TYPE_DEFAULT' : null;
  const capability = CAPABILITY_BITS[key];
  if (capability) return flagText(value, capability);
  const members = ENUMS[key];
  if (members) return Object.entries(members).find(([, v]) => v === value)?.[0] ?? null;
  return null;
}
