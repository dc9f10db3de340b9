/**
 * Independent tests: every number in a buffer is checked against its NDIS type (issue 7, "A hardened
 * loader"; structures from docs/ndis-reference.md §4). ULONG is 0..2^32-1, USHORT 0..65535, UCHAR 0..255,
 * KAFFINITY 0..2^64-1, enums are ULONG-sized; all are integers. A value outside its type is an error at its
 * path, before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from './parse.ts';
import {
  allocateBuffer,
  macTest,
  RUNNING_QUEUE,
  scenarioDoc,
  setFilterBuffer,
  vlanTest,
} from './independent.testing.ts';

const ULONG_BAD: unknown[] = [-1, 0.5, 2 ** 32, '0x100000000', 1e300];
const USHORT_BAD: unknown[] = [-1, 0.5, 2 ** 16, '0x10000'];
const UCHAR_BAD: unknown[] = [-1, 1.5, 256];
const KAFFINITY_BAD: unknown[] = [-16, 0.5, 2 ** 64, '0x10000000000000000'];
/** An enum value no ULONG holds. A whole number that names no enum value (99) is a buffer a driver can send, so the
 * loader lets it through and NDIS answers it (R5, INVALID_PARAMETER): scenarios such as oid-errors show exactly that. */
const ENUM_BAD: unknown[] = [-1, 0.5, 2 ** 32];

/** A document whose step 3 (after a Running queue saved as q and filter f) is `oid` with `buffer`. */
const withStep = (step: Record<string, unknown>) => scenarioDoc([...RUNNING_QUEUE, step]);
const STEP = 3;

/** Sets `value` at a dotted path ("ProcessorAffinity.Mask", "FieldParameters.1.FieldShortValue") in a copy. */
function setAt(buffer: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(buffer);
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
  return copy;
}

/** "FieldParameters.1.FieldShortValue" → "FieldParameters[1].FieldShortValue", the loader's path style. */
const jsonPath = (path: string) => path.replace(/\.(\d+)/g, '[$1]');

interface Case {
  oid: string;
  requestType?: string;
  buffer: Record<string, unknown>;
  fields: [string, unknown[]][];
}

const CASES: Record<string, Case> = {
  'ALLOCATE_QUEUE (NDIS_RECEIVE_QUEUE_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    buffer: allocateBuffer(),
    fields: [
      ['Flags', ULONG_BAD],
      ['QueueType', ENUM_BAD],
      ['QueueId', ULONG_BAD],
      ['ProcessorAffinity.Mask', KAFFINITY_BAD],
      ['ProcessorAffinity.Group', USHORT_BAD],
      ['NumSuggestedReceiveBuffers', ULONG_BAD],
      ['LookaheadSize', ULONG_BAD],
      ['PortId', ULONG_BAD],
      ['Header.Type', UCHAR_BAD],
      ['Header.Revision', UCHAR_BAD],
      ['Header.Size', USHORT_BAD],
    ],
  },
  'QUEUE_PARAMETERS set (NDIS_RECEIVE_QUEUE_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
    requestType: 'NdisRequestSetInformation',
    buffer: {
      QueueId: '$q.QueueId',
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: 4, Group: 0 },
      NumSuggestedReceiveBuffers: 16,
    },
    fields: [
      ['QueueId', ULONG_BAD],
      ['Flags', ULONG_BAD],
      ['ProcessorAffinity.Mask', KAFFINITY_BAD],
      ['ProcessorAffinity.Group', USHORT_BAD],
      ['NumSuggestedReceiveBuffers', ULONG_BAD],
    ],
  },
  'SET_FILTER (NDIS_RECEIVE_FILTER_PARAMETERS + FIELD_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_SET_FILTER',
    buffer: setFilterBuffer(),
    fields: [
      ['Flags', ULONG_BAD],
      ['FilterType', ENUM_BAD],
      ['QueueId', ULONG_BAD],
      ['FilterId', ULONG_BAD],
      ['RequestedFilterIdBitCount', ULONG_BAD],
      ['MaxCoalescingDelay', ULONG_BAD],
      ['VPortId', ULONG_BAD],
      ['FieldParameters.0.Flags', ULONG_BAD],
      ['FieldParameters.0.FrameHeader', ENUM_BAD],
      ['FieldParameters.0.ReceiveFilterTest', ENUM_BAD],
      ['FieldParameters.0.MacHeaderField', ENUM_BAD],
      ['FieldParameters.1.FieldShortValue', USHORT_BAD],
    ],
  },
  'CLEAR_FILTER (NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
    buffer: { QueueId: '$q.QueueId', FilterId: '$f.FilterId' },
    fields: [
      ['Flags', ULONG_BAD],
      ['QueueId', ULONG_BAD],
      ['FilterId', ULONG_BAD],
    ],
  },
  'FREE_QUEUE (NDIS_RECEIVE_QUEUE_FREE_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
    buffer: { QueueId: '$q.QueueId' },
    fields: [
      ['Flags', ULONG_BAD],
      ['QueueId', ULONG_BAD],
    ],
  },
  'QUEUE_ALLOCATION_COMPLETE (…_ARRAY + …_PARAMETERS)': {
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: [{ QueueId: '$q.QueueId' }] },
    fields: [
      ['Flags', ULONG_BAD],
      ['Elements.0.QueueId', ULONG_BAD],
      ['Elements.0.Flags', ULONG_BAD],
    ],
  },
};

const stepOf = (c: Case, buffer: Record<string, unknown>) => ({
  oid: c.oid,
  ...(c.requestType ? { requestType: c.requestType } : {}),
  buffer,
});

describe.each(Object.entries(CASES))('%s', (_name, c) => {
  it('the valid buffer the cases start from is accepted', () => {
    const parsed = parseScenario(withStep(stepOf(c, c.buffer)));
    expect(parsed.ok ? [] : parsed.errors.map(formatScenarioError)).toEqual([]);
  });

  const rows = c.fields.flatMap(([field, values]) => values.map((value) => [field, value] as const));
  it.each(rows)('%s = %j is an error at its path', (field, value) => {
    const parsed = parseScenario(withStep(stepOf(c, setAt(c.buffer, field, value))));
    const messages = parsed.ok ? [] : parsed.errors.map(formatScenarioError);
    const path = `steps[${STEP}].buffer.${jsonPath(field)}`;
    expect(
      messages.filter((m) => m.startsWith(`${path}: `)),
      `an error at ${path}; got ${JSON.stringify(messages)}`,
    ).toHaveLength(1);
  });
});

describe('the edges of the types are accepted', () => {
  it.each([
    ['QueueId', 0xffff_ffff],
    ['Flags', 0],
  ])('FREE_QUEUE %s = %s is a valid ULONG (the engine, not the loader, judges it)', (field, value) => {
    const parsed = parseScenario(
      withStep({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1, [field]: value } }),
    );
    expect(parsed.ok ? [] : parsed.errors.map(formatScenarioError)).toEqual([]);
  });

  it('a VLAN FieldShortValue of 4094 and a hex "0xFFFF" USHORT are in range', () => {
    for (const FieldShortValue of [4094, '0xFFFF']) {
      const buffer = setFilterBuffer({ FieldParameters: [macTest(), vlanTest({ FieldShortValue })] });
      const parsed = parseScenario(withStep({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer }));
      expect(parsed.ok ? [] : parsed.errors.map(formatScenarioError)).toEqual([]);
    }
  });

  it('bufferLength is a ULONG too', () => {
    for (const bufferLength of [-1, 0.5, 2 ** 32]) {
      const parsed = parseScenario(
        withStep({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1 }, bufferLength }),
      );
      const messages = parsed.ok ? [] : parsed.errors.map(formatScenarioError);
      expect(messages.filter((m) => m.startsWith(`steps[${STEP}].bufferLength: `))).toHaveLength(1);
    }
  });
});
