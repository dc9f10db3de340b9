/**
 * The OID console's forms: for each of the 13 OIDs, the fields of its information buffer under their NDIS names,
 * and a sensible request to start from (the scenario's VMs, the adapter's live queues and filters).
 *
 * A form edits an OidRequest's JSON buffer in place, field by field (`path`), so the form and the raw JSON mode are
 * two views of one draft and anything the raw mode writes is still sent verbatim.
 */
import {
  FIELD_FLAG_NAMES,
  FILTER_FLAG_NAMES,
  NDIS_RECEIVE_FILTER_TYPE,
  NDIS_RECEIVE_QUEUE_TYPE,
  NDIS_REQUEST_TYPE,
  OID_NAMES,
  QUEUE_PARAMETER_FLAG_NAMES,
  naturalRequestType,
  type OidName,
  type RequestKind,
  type AdapterView,
  type OidRequest,
  type QueueView,
  type VmConfig,
} from '../../engine/index.ts';

export type FieldPath = readonly string[];

type Bits = ReadonlyArray<readonly [string, number]>;

/** One editable member of the buffer. `only` limits it to one request kind (QUEUE_PARAMETERS reads or sets). */
export type FieldSpec = { only?: RequestKind; note?: string } & (
  | { kind: 'number'; path: FieldPath }
  | { kind: 'enum'; path: FieldPath; members: Readonly<Record<string, number>> }
  | { kind: 'flags'; path: FieldPath; flags: Bits }
  | { kind: 'text'; path: FieldPath; vmNames?: boolean }
  | { kind: 'queueId'; path: FieldPath }
  | { kind: 'filterId'; path: FieldPath }
  /** ProcessorAffinity.Mask as one checkbox per CPU. */
  | { kind: 'cpuMask'; path: FieldPath }
  /** SET_FILTER's FieldParameters: the destination-MAC test, the VLAN-ID test, the UNTAGGED_OR_ZERO flag. */
  | { kind: 'filterTests' }
  /** QUEUE_ALLOCATION_COMPLETE's Elements: which queues end this allocation batch. */
  | { kind: 'queueList' }
);

export interface OidForm {
  /** The structure the buffer holds (§4). */
  struct: string;
  /** The reference section that describes the OID (§3.x). */
  section: string;
  /** What the request does, in one line. */
  purpose: string;
  fields: FieldSpec[];
}

const QUEUE_ID: FieldSpec = { kind: 'queueId', path: ['QueueId'] };

/** Flags an ALLOCATE_QUEUE may carry (§3.4: the others are not used at allocation). */
const ALLOCATION_FLAGS = QUEUE_PARAMETER_FLAG_NAMES.filter(([name]) => !name.endsWith('_CHANGED'));

export const OID_FORMS: Readonly<Record<OidName, OidForm>> = {
  OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: {
    struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES',
    section: '3.1',
    purpose: 'Everything the NIC can do, answered by NDIS from what the miniport registered.',
    fields: [],
  },
  OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: {
    struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES',
    section: '3.2',
    purpose: 'What is enabled now (the *VMQ keywords), answered by NDIS.',
    fields: [],
  },
  OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: {
    struct: 'NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS',
    section: '3.3',
    purpose: 'Which filter and queue types are enabled, answered by NDIS.',
    fields: [],
  },
  OID_RECEIVE_FILTER_ALLOCATE_QUEUE: {
    struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS',
    section: '3.4',
    purpose: 'A new VM queue: NDIS assigns the QueueId, the miniport its MSIXTableEntry.',
    fields: [
      { kind: 'enum', path: ['QueueType'], members: NDIS_RECEIVE_QUEUE_TYPE },
      { kind: 'flags', path: ['Flags'], flags: ALLOCATION_FLAGS },
      { kind: 'cpuMask', path: ['ProcessorAffinity', 'Mask'] },
      { kind: 'number', path: ['ProcessorAffinity', 'Group'] },
      { kind: 'number', path: ['NumSuggestedReceiveBuffers'], note: '0 = the miniport’s default' },
      { kind: 'number', path: ['LookaheadSize'], note: 'only with LOOKAHEAD_SPLIT_REQUIRED, on NDIS 6.20' },
      { kind: 'text', path: ['VmName'], vmNames: true },
      { kind: 'text', path: ['QueueName'] },
    ],
  },
  OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: {
    struct: 'NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY',
    section: '3.5',
    purpose: 'Ends an allocation batch: receive buffers are allocated, queues with filters start Running.',
    fields: [{ kind: 'queueList' }],
  },
  OID_RECEIVE_FILTER_QUEUE_PARAMETERS: {
    struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS',
    section: '3.6',
    purpose: 'Method: read a queue’s parameters from NDIS’s cache. Set: change the members named by …_CHANGED flags.',
    fields: [
      QUEUE_ID,
      { kind: 'flags', path: ['Flags'], flags: QUEUE_PARAMETER_FLAG_NAMES, only: 'set' },
      { kind: 'cpuMask', path: ['ProcessorAffinity', 'Mask'], only: 'set' },
      { kind: 'number', path: ['NumSuggestedReceiveBuffers'], only: 'set' },
      { kind: 'text', path: ['QueueName'], only: 'set' },
    ],
  },
  OID_RECEIVE_FILTER_SET_FILTER: {
    struct: 'NDIS_RECEIVE_FILTER_PARAMETERS',
    section: '3.7',
    purpose: 'Steers frames to a queue: NDIS assigns the FilterId, the miniport programs its MAC/VLAN table.',
    fields: [
      { kind: 'enum', path: ['FilterType'], members: NDIS_RECEIVE_FILTER_TYPE },
      QUEUE_ID,
      { kind: 'flags', path: ['Flags'], flags: FILTER_FLAG_NAMES },
      { kind: 'filterTests' },
    ],
  },
  OID_RECEIVE_FILTER_CLEAR_FILTER: {
    struct: 'NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS',
    section: '3.8',
    purpose: 'Removes a filter; clearing a queue’s last one stops its indications.',
    fields: [QUEUE_ID, { kind: 'filterId', path: ['FilterId'] }],
  },
  OID_RECEIVE_FILTER_FREE_QUEUE: {
    struct: 'NDIS_RECEIVE_QUEUE_FREE_PARAMETERS',
    section: '3.9',
    purpose:
      'Frees a queue whose filters are all cleared: DMA stops, DmaStopped is indicated, NBLs come back, memory is freed.',
    fields: [QUEUE_ID],
  },
  OID_RECEIVE_FILTER_ENUM_QUEUES: {
    struct: 'NDIS_RECEIVE_QUEUE_INFO_ARRAY',
    section: '3.10',
    purpose: 'Lists the binding’s queues (NdisRequestQueryStatistics: every queue, as user mode sees them).',
    fields: [],
  },
  OID_RECEIVE_FILTER_ENUM_FILTERS: {
    struct: 'NDIS_RECEIVE_FILTER_INFO_ARRAY',
    section: '3.11',
    purpose: 'Lists the filters of one queue.',
    fields: [QUEUE_ID],
  },
  OID_RECEIVE_FILTER_PARAMETERS: {
    struct: 'NDIS_RECEIVE_FILTER_PARAMETERS',
    section: '3.12',
    purpose: 'Reads one filter’s parameters from NDIS’s cache.',
    fields: [{ kind: 'filterId', path: ['FilterId'] }],
  },
  OID_RECEIVE_FILTER_MOVE_FILTER: {
    struct: 'NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS',
    section: '3.13',
    purpose: 'Moves a filter between SR-IOV virtual ports (NDIS 6.30+); a VMQ-only adapter refuses it.',
    fields: [
      { kind: 'filterId', path: ['FilterId'] },
      { kind: 'queueId', path: ['SourceQueueId'] },
      { kind: 'queueId', path: ['DestQueueId'] },
    ],
  },
};

/** The fields a request of `kind` shows. */
export const fieldsFor = (oid: OidName, kind: RequestKind): FieldSpec[] =>
  OID_FORMS[oid].fields.filter((field) => field.only === undefined || field.only === kind);

export function getPath(buffer: Record<string, unknown> | undefined, path: FieldPath): unknown {
  let value: unknown = buffer;
  for (const key of path)
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A copy of `buffer` with `path` set to `value` (removed when `value` is undefined; emptied parents go too). */
export function setPath(buffer: Record<string, unknown>, path: FieldPath, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path;
  if (key === undefined) return buffer;
  const copy = { ...buffer };
  const inner =
    rest.length === 0 ? value : setPath((copy[key] as Record<string, unknown> | undefined) ?? {}, rest, value);
  if (inner === undefined || (rest.length > 0 && Object.keys(inner as object).length === 0)) delete copy[key];
  else copy[key] = inner;
  return copy;
}

/** A typed number, a "0x…" number, nothing (the member is left out), or the text as typed (NDIS answers INVALID_DATA). */
export function parseNumber(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (/^0x[0-9a-f]+$/i.test(trimmed)) return parseInt(trimmed.slice(2), 16);
  return text;
}

// SET_FILTER's field tests (§4.5), as the miniport model accepts them (docs/decisions.md): one destination-MAC
// EQUAL test, plus a VLAN-ID EQUAL test or the UNTAGGED_OR_ZERO flag. The editor also lets a user set both, to see
// the miniport refuse it.

export interface MacFilterTests {
  mac: string;
  /** The VLAN-ID test's FieldShortValue, or null for no VLAN test. */
  vlanId: number | null;
  untaggedOrZero: boolean;
}

const UNTAGGED_OR_ZERO = (FIELD_FLAG_NAMES[0] as readonly [string, number])[0];
const MAC_FIELD = 'NdisMacHeaderFieldDestinationAddress';
const VLAN_FIELD = 'NdisMacHeaderFieldVlanId';
const TEST_BASE = { FrameHeader: 'NdisFrameHeaderMac', ReceiveFilterTest: 'NdisReceiveFilterTestEqual' } as const;

export function writeFilterTests(tests: MacFilterTests): Record<string, unknown>[] {
  const macTest: Record<string, unknown> = { ...TEST_BASE, MacHeaderField: MAC_FIELD, FieldByteArrayValue: tests.mac };
  if (tests.untaggedOrZero) macTest['Flags'] = [UNTAGGED_OR_ZERO];
  const vlanTest =
    tests.vlanId === null ? [] : [{ ...TEST_BASE, MacHeaderField: VLAN_FIELD, FieldShortValue: tests.vlanId }];
  return [macTest, ...vlanTest];
}

/** The field tests as the editor shows them, or null when they hold something it cannot show (raw JSON can). */
export function readFilterTests(fieldParameters: unknown): MacFilterTests | null {
  if (!Array.isArray(fieldParameters)) return null;
  const tests = fieldParameters as Record<string, unknown>[];
  const mac = tests.filter((t) => t?.['MacHeaderField'] === MAC_FIELD);
  const vlan = tests.filter((t) => t?.['MacHeaderField'] === VLAN_FIELD);
  const [macTest] = mac;
  if (!macTest || mac.length !== 1 || vlan.length > 1 || tests.length !== 1 + vlan.length) return null;
  if (typeof macTest['FieldByteArrayValue'] !== 'string') return null;
  const flags = macTest['Flags'];
  if (flags !== undefined && !(Array.isArray(flags) && flags.every((f) => f === UNTAGGED_OR_ZERO))) return null;
  const vlanValue = vlan[0]?.['FieldShortValue'];
  if (vlan.length === 1 && typeof vlanValue !== 'number') return null;
  return {
    mac: macTest['FieldByteArrayValue'],
    vlanId: typeof vlanValue === 'number' ? vlanValue : null,
    untaggedOrZero: Array.isArray(flags) && flags.length > 0,
  };
}

/** What the console knows when it builds a default request. */
export interface ConsoleContext {
  vms: readonly VmConfig[];
  cpus: number;
  view: AdapterView | null;
}

const vmQueues = (view: AdapterView | null): QueueView[] =>
  (view?.queues ?? []).filter((q) => q.QueueId !== 0 && q.state !== 'Undefined');

/** The queue a request most likely means: the most recently allocated VM queue (highest QueueId), else 0. */
const latestQueue = (view: AdapterView | null): QueueView | undefined => vmQueues(view).at(-1);

function defaultBuffer(oid: OidName, { vms, cpus, view }: ConsoleContext): Record<string, unknown> {
  const latest = latestQueue(view);
  const latestId = latest?.QueueId ?? 0;
  const filterOf = (queue: QueueView | undefined) =>
    view?.filters.find((f) => f.QueueId === queue?.QueueId) ?? view?.filters[0];
  switch (oid) {
    case 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE': {
      // The first VM without a queue, on the next CPU round-robin (CPU 0 stays with the default queue when it can).
      const vm = vms.find((v) => !vmQueues(view).some((q) => q.VmName === v.name)) ?? vms[0];
      const cpu = cpus > 1 ? 1 + (vmQueues(view).length % (cpus - 1)) : 0;
      const name = vm?.name ?? 'VM';
      return {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 2 ** cpu, Group: 0 },
        NumSuggestedReceiveBuffers: 32,
        VmName: name,
        QueueName: `${name} queue`,
      };
    }
    case 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE': {
      const batch = vmQueues(view).filter(
        (q) => !q.allocationComplete && (q.state === 'Allocated' || q.state === 'Set'),
      );
      return { Elements: batch.map((q) => ({ QueueId: q.QueueId })) };
    }
    case 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS':
      return { QueueId: latestId };
    case 'OID_RECEIVE_FILTER_SET_FILTER': {
      // The newest queue that has no filter yet, for its own VM.
      const target =
        vmQueues(view)
          .filter((q) => q.filterIds.length === 0)
          .at(-1) ?? latest;
      const vm = vms.find((v) => v.name === target?.VmName) ?? vms[0];
      const vlanId = vm?.vlan ?? null;
      return {
        FilterType: 'NdisReceiveFilterTypeVMQueue',
        QueueId: target?.QueueId ?? 0,
        FieldParameters: writeFilterTests({
          mac: vm?.mac ?? '00-15-5D-00-00-01',
          vlanId,
          untaggedOrZero: vlanId === null,
        }),
      };
    }
    case 'OID_RECEIVE_FILTER_CLEAR_FILTER': {
      const filter = filterOf(latest);
      return { QueueId: filter?.QueueId ?? latestId, FilterId: filter?.FilterId ?? 1 };
    }
    case 'OID_RECEIVE_FILTER_FREE_QUEUE':
    case 'OID_RECEIVE_FILTER_ENUM_FILTERS':
      return { QueueId: latestId };
    case 'OID_RECEIVE_FILTER_PARAMETERS':
      return { FilterId: filterOf(latest)?.FilterId ?? 1 };
    case 'OID_RECEIVE_FILTER_MOVE_FILTER':
      return { FilterId: filterOf(latest)?.FilterId ?? 1, SourceQueueId: 0, DestQueueId: 0 };
    case 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES':
    case 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES':
    case 'OID_RECEIVE_FILTER_GLOBAL_PARAMETERS':
    case 'OID_RECEIVE_FILTER_ENUM_QUEUES':
      return {};
  }
}

/** A request to start from: the OID's natural request type, the vSwitch's binding, and a filled-in buffer. */
export function defaultRequest(oid: OidName, context: ConsoleContext): OidRequest {
  return { oid, requestType: naturalRequestType(oid), binding: 'vmswitch', buffer: defaultBuffer(oid, context) };
}

const REQUEST_KEYS = new Set(['oid', 'requestType', 'binding', 'buffer', 'bufferLength']);

/** The raw JSON mode's text as an OidRequest, or what is wrong with it (the engine judges the buffer itself). */
export function parseRawRequest(text: string): { request: OidRequest } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'expected an object such as { "oid": "OID_RECEIVE_FILTER_ENUM_QUEUES" }' };
  const request = value as Record<string, unknown>;
  const unknown = Object.keys(request).find((key) => !REQUEST_KEYS.has(key));
  if (unknown !== undefined)
    return { error: `unknown key "${unknown}"; a request has oid, requestType, binding, buffer and bufferLength` };
  if (!(OID_NAMES as readonly unknown[]).includes(request['oid']))
    return { error: `oid must be one of the 13 OID_RECEIVE_FILTER_* names` };
  if (request['requestType'] !== undefined && !((request['requestType'] as string) in NDIS_REQUEST_TYPE)) {
    return { error: `requestType must be one of ${Object.keys(NDIS_REQUEST_TYPE).join(', ')}` };
  }
  if (request['binding'] !== undefined && typeof request['binding'] !== 'string')
    return { error: 'binding must be a string' };
  const buffer = request['buffer'];
  if (buffer !== undefined && (buffer === null || typeof buffer !== 'object' || Array.isArray(buffer)))
    return { error: 'buffer must be an object of NDIS members' };
  const length = request['bufferLength'];
  if (length !== undefined && !(Number.isInteger(length) && (length as number) >= 0))
    return { error: 'bufferLength must be a whole number of bytes' };
  return { request: request as unknown as OidRequest };
}
