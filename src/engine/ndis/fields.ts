/**
 * The members of each structure (§4) with their C types, as buffers carry them in JSON. A number in a buffer is
 * valid only as a value of its member's type: the engine refuses anything else with NDIS_STATUS_INVALID_DATA, and
 * the scenario schema reads the same table, so a file and the OID console are held to one rule.
 *
 * `Elements` and `FieldParameters` are this JSON form's names for the arrays that follow a structure at
 * FirstElementOffset / FieldParametersArrayOffset.
 */
import type { StructName } from './structs.ts';

/** The unsigned integer types of buffer members, with the largest value JSON can carry exactly for each. */
export const NDIS_INTEGER_TYPES = {
  UCHAR: 0xff,
  USHORT: 0xffff,
  ULONG: 0xffff_ffff,
  /** 64 bits in C; a JSON number is exact only up to 2^53 − 1. */
  ULONG64: Number.MAX_SAFE_INTEGER,
  /** GROUP_AFFINITY.Mask: a ULONG_PTR, 64 bits on x64. */
  KAFFINITY: Number.MAX_SAFE_INTEGER,
} as const;
export type NdisIntegerType = keyof typeof NDIS_INTEGER_TYPES;

/**
 * A member: an integer (also given as "0x…", an NDIS name or an array of flag names), an NDIS_IF_COUNTED_STRING,
 * a FieldValue-style union (MAC text, bytes or a number), a nested structure, or an array of structures.
 */
export type Member = NdisIntegerType | 'IF_COUNTED_STRING' | 'VALUE_UNION' | Layout | readonly [Layout];
export interface Layout {
  readonly [member: string]: Member;
}

/** IF_MAX_STRING_SIZE: an NDIS_IF_COUNTED_STRING (NDIS_VM_NAME, NDIS_QUEUE_NAME) holds 256 WCHARs. */
export const IF_MAX_STRING_SIZE = 256;

const NDIS_OBJECT_HEADER = { Type: 'UCHAR', Revision: 'UCHAR', Size: 'USHORT' } as const satisfies Layout;
const GROUP_AFFINITY = { Mask: 'KAFFINITY', Group: 'USHORT' } as const satisfies Layout;

/** The members NDIS_RECEIVE_QUEUE_PARAMETERS and NDIS_RECEIVE_QUEUE_INFO share. */
const QUEUE_COMMON = {
  Header: NDIS_OBJECT_HEADER,
  Flags: 'ULONG',
  QueueType: 'ULONG',
  QueueId: 'ULONG',
  QueueGroupId: 'ULONG',
  ProcessorAffinity: GROUP_AFFINITY,
  NumSuggestedReceiveBuffers: 'ULONG',
  MSIXTableEntry: 'ULONG',
  LookaheadSize: 'ULONG',
  VmName: 'IF_COUNTED_STRING',
  QueueName: 'IF_COUNTED_STRING',
  InterruptCoalescingDomainId: 'ULONG',
} as const satisfies Layout;

const FIELD_PARAMETERS = {
  Header: NDIS_OBJECT_HEADER,
  Flags: 'ULONG',
  FrameHeader: 'ULONG',
  ReceiveFilterTest: 'ULONG',
  HeaderField: 'ULONG',
  MacHeaderField: 'ULONG',
  ArpHeaderField: 'ULONG',
  IPv4HeaderField: 'ULONG',
  IPv6HeaderField: 'ULONG',
  UdpHeaderField: 'ULONG',
  FieldValue: 'VALUE_UNION',
  FieldByteValue: 'UCHAR',
  FieldShortValue: 'USHORT',
  FieldLongValue: 'ULONG',
  FieldLong64Value: 'ULONG64',
  FieldByteArrayValue: 'VALUE_UNION',
  ResultValue: 'VALUE_UNION',
  ResultByteValue: 'UCHAR',
  ResultShortValue: 'USHORT',
  ResultLongValue: 'ULONG',
  ResultLong64Value: 'ULONG64',
  ResultByteArrayValue: 'VALUE_UNION',
} as const satisfies Layout;

const QUEUE_INFO = { ...QUEUE_COMMON, QueueState: 'ULONG', NumFilters: 'ULONG' } as const satisfies Layout;
const FILTER_INFO = { Header: NDIS_OBJECT_HEADER, Flags: 'ULONG', FilterType: 'ULONG', FilterId: 'ULONG' } as const;
const ALLOCATION_COMPLETE_PARAMETERS = {
  Header: NDIS_OBJECT_HEADER,
  Flags: 'ULONG',
  QueueId: 'ULONG',
  CompletionStatus: 'ULONG',
} as const satisfies Layout;
const ARRAY_LAYOUT = { FirstElementOffset: 'ULONG', NumElements: 'ULONG', ElementSize: 'ULONG' } as const;

export const STRUCT_LAYOUTS: Readonly<Record<StructName, Layout>> = {
  NDIS_RECEIVE_QUEUE_PARAMETERS: { ...QUEUE_COMMON, PortId: 'ULONG', QosSqId: 'ULONG' },
  NDIS_RECEIVE_QUEUE_INFO: QUEUE_INFO,
  NDIS_RECEIVE_FILTER_CAPABILITIES: {
    Header: NDIS_OBJECT_HEADER,
    ...Object.fromEntries(
      [
        'Flags',
        'EnabledFilterTypes',
        'EnabledQueueTypes',
        'NumQueues',
        'SupportedQueueProperties',
        'SupportedFilterTests',
        'SupportedHeaders',
        'SupportedMacHeaderFields',
        'MaxMacHeaderFilters',
        'MaxQueueGroups',
        'MaxQueuesPerQueueGroup',
        'MinLookaheadSplitSize',
        'MaxLookaheadSplitSize',
        'SupportedARPHeaderFields',
        'SupportedIPv4HeaderFields',
        'SupportedIPv6HeaderFields',
        'SupportedUdpHeaderFields',
        'MaxFieldTestsPerPacketCoalescingFilter',
        'MaxPacketCoalescingFilters',
        'NdisReserved',
      ].map((member) => [member, 'ULONG' as const]),
    ),
  },
  NDIS_RECEIVE_FILTER_PARAMETERS: {
    Header: NDIS_OBJECT_HEADER,
    Flags: 'ULONG',
    FilterType: 'ULONG',
    QueueId: 'ULONG',
    FilterId: 'ULONG',
    FieldParametersArrayOffset: 'ULONG',
    FieldParametersArrayNumElements: 'ULONG',
    FieldParametersArrayElementSize: 'ULONG',
    RequestedFilterIdBitCount: 'ULONG',
    MaxCoalescingDelay: 'ULONG',
    VPortId: 'ULONG',
    FieldParameters: [FIELD_PARAMETERS],
  },
  NDIS_RECEIVE_FILTER_FIELD_PARAMETERS: FIELD_PARAMETERS,
  NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS: {
    Header: NDIS_OBJECT_HEADER,
    Flags: 'ULONG',
    QueueId: 'ULONG',
    FilterId: 'ULONG',
  },
  NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS: {
    Header: NDIS_OBJECT_HEADER,
    Flags: 'ULONG',
    EnabledFilterTypes: 'ULONG',
    EnabledQueueTypes: 'ULONG',
  },
  NDIS_RECEIVE_QUEUE_FREE_PARAMETERS: { Header: NDIS_OBJECT_HEADER, Flags: 'ULONG', QueueId: 'ULONG' },
  NDIS_RECEIVE_QUEUE_INFO_ARRAY: { Header: NDIS_OBJECT_HEADER, ...ARRAY_LAYOUT, Elements: [QUEUE_INFO] },
  NDIS_RECEIVE_FILTER_INFO: FILTER_INFO,
  NDIS_RECEIVE_FILTER_INFO_ARRAY: {
    Header: NDIS_OBJECT_HEADER,
    QueueId: 'ULONG',
    ...ARRAY_LAYOUT,
    Flags: 'ULONG',
    VPortId: 'ULONG',
    Elements: [FILTER_INFO],
  },
  NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS: ALLOCATION_COMPLETE_PARAMETERS,
  NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY: {
    Header: NDIS_OBJECT_HEADER,
    Flags: 'ULONG',
    ...ARRAY_LAYOUT,
    Elements: [ALLOCATION_COMPLETE_PARAMETERS],
  },
  NDIS_RECEIVE_QUEUE_STATE: { Header: NDIS_OBJECT_HEADER, Flags: 'ULONG', QueueId: 'ULONG', QueueState: 'ULONG' },
  NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS: {
    Header: NDIS_OBJECT_HEADER,
    FilterId: 'ULONG',
    SourceQueueId: 'ULONG',
    SourceVPortId: 'ULONG',
    DestQueueId: 'ULONG',
    DestVPortId: 'ULONG',
  },
  NDIS_SHARED_MEMORY_PARAMETERS: {
    Header: NDIS_OBJECT_HEADER,
    Flags: 'ULONG',
    QueueId: 'ULONG',
    SharedMemoryHandle: 'ULONG64',
    PreferredNode: 'ULONG',
    Usage: 'ULONG',
    Length: 'ULONG',
    VirtualAddress: 'ULONG64',
    SGListBufferLength: 'ULONG',
    SGListBuffer: 'ULONG64',
    VPortId: 'ULONG',
  },
};

const isIntegerType = (member: Member): member is NdisIntegerType =>
  typeof member === 'string' && member in NDIS_INTEGER_TYPES;

/** Every integer member's type by name; a name has one type in every structure (a unit test holds it to that). */
export const INTEGER_MEMBER_TYPES: ReadonlyMap<string, NdisIntegerType> = new Map(
  [...integerMembers(Object.values(STRUCT_LAYOUTS))].filter(([, type]) => isIntegerType(type)) as [
    string,
    NdisIntegerType,
  ][],
);

function* integerMembers(layouts: readonly Layout[]): Generator<[string, Member]> {
  for (const layout of layouts) {
    for (const [name, member] of Object.entries(layout)) {
      if (typeof member === 'string') yield [name, member];
      else if (Array.isArray(member)) yield* integerMembers(member as readonly Layout[]);
      else yield* integerMembers([member as Layout]);
    }
  }
}

/** Whether `value` is a value of `type`: an integer from 0 to the type's maximum. */
export const fitsInteger = (value: number, type: NdisIntegerType): boolean =>
  Number.isInteger(value) && value >= 0 && value <= NDIS_INTEGER_TYPES[type];

/** "a ULONG (an integer from 0 to 4294967295)", for refusals. */
export const integerTypeText = (type: NdisIntegerType): string =>
  `a ${type} (an integer from 0 to ${NDIS_INTEGER_TYPES[type]})`;

/**
 * The first number in `buffer` that its member's C type cannot hold ("VPortId: 0.5 is not a ULONG …"), or undefined.
 * Every member present is checked, also those this miniport never reads (VPortId for VMQ): a driver cannot send a
 * structure whose ULONG holds 0.5, whatever the receiver does with it. Names and "0x…" text are left to the readers.
 */
export function misfitNumber(layout: Layout, buffer: Readonly<Record<string, unknown>>, at = ''): string | undefined {
  for (const [name, member] of Object.entries(layout)) {
    if (!Object.hasOwn(buffer, name)) continue;
    const value = buffer[name];
    const path = `${at}${name}`;
    if (isIntegerType(member)) {
      for (const v of Array.isArray(value) ? value : [value])
        if (typeof v === 'number' && !fitsInteger(v, member)) return `${path}: ${v} is not ${integerTypeText(member)}`;
      continue;
    }
    if (typeof member === 'string' || typeof value !== 'object' || value === null) continue;
    const items: [string, unknown][] = Array.isArray(member)
      ? Array.isArray(value)
        ? value.map((item, i) => [`${path}[${i}].`, item])
        : []
      : [[`${path}.`, value]];
    const inner = (Array.isArray(member) ? member[0] : member) as Layout;
    for (const [where, item] of items) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const misfit = misfitNumber(inner, item as Record<string, unknown>, where);
      if (misfit !== undefined) return misfit;
    }
  }
  return undefined;
}
