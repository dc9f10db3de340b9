/**
 * The OID console's form of an information buffer, as each OID's descriptor declares it: the members a
 * user edits, under their NDIS names, and a sensible request to start from (the scenario's VMs, the
 * adapter's live queues and filters). A form edits the JSON buffer in place, member by member (`path`),
 * so whatever the buffer holds is still sent verbatim.
 */
import type { InfoBuffer } from '../ndis/buffer.ts';
import { FIELD_FLAG_NAMES } from '../ndis/constants.ts';
import type { RequestKind } from '../ndis/requestTypes.ts';
import type { AdapterView, QueueView, VmConfig } from '../types.ts';

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

/** What a form knows when it builds a default request. */
export interface FormContext {
  vms: readonly VmConfig[];
  cpus: number;
  view: AdapterView | null;
}

export interface OidForm {
  fields: readonly FieldSpec[];
  /** The buffer to start from. */
  defaults(context: FormContext): InfoBuffer;
}

export const QUEUE_ID: FieldSpec = { kind: 'queueId', path: ['QueueId'] };

/** For the OIDs whose buffer NDIS fills in: nothing to edit. */
export const NO_INPUT: OidForm = { fields: [], defaults: () => ({}) };

export const vmQueues = (view: AdapterView | null): QueueView[] =>
  (view?.queues ?? []).filter((q) => q.QueueId !== 0 && q.state !== 'Undefined');

/** The queue a request most likely means: the most recently allocated VM queue (highest QueueId), else 0. */
export const latestQueue = (view: AdapterView | null): QueueView | undefined => vmQueues(view).at(-1);

/** A filter of `queue`, else the adapter's first one. */
export const filterOf = (view: AdapterView | null, queue: QueueView | undefined) =>
  view?.filters.find((f) => f.QueueId === queue?.QueueId) ?? view?.filters[0];

/** The form of the OIDs that name one queue, defaulting to the newest. */
export const LATEST_QUEUE: OidForm = {
  fields: [QUEUE_ID],
  defaults: ({ view }) => ({ QueueId: latestQueue(view)?.QueueId ?? 0 }),
};

// SET_FILTER's field tests (§4.5), as the miniport model accepts them (docs/decisions.md): one destination-MAC
// EQUAL test, plus a VLAN-ID EQUAL test or the UNTAGGED_OR_ZERO flag. The editor also lets a user set both, to see
// the miniport refuse it.

export interface MacFilterTests {
  mac: string;
  /** The VLAN-ID test's FieldShortValue, or null for no VLAN test. */
  vlanId: number | null;
  untaggedOrZero: boolean;
}

export const UNTAGGED_OR_ZERO = (FIELD_FLAG_NAMES[0] as readonly [string, number])[0];
export const MAC_FIELD = 'NdisMacHeaderFieldDestinationAddress';
export const VLAN_FIELD = 'NdisMacHeaderFieldVlanId';
const TEST_BASE = { FrameHeader: 'NdisFrameHeaderMac', ReceiveFilterTest: 'NdisReceiveFilterTestEqual' } as const;

export function writeFilterTests(tests: MacFilterTests): InfoBuffer[] {
  const macTest: InfoBuffer = { ...TEST_BASE, MacHeaderField: MAC_FIELD, FieldByteArrayValue: tests.mac };
  if (tests.untaggedOrZero) macTest['Flags'] = [UNTAGGED_OR_ZERO];
  const vlanTest =
    tests.vlanId === null ? [] : [{ ...TEST_BASE, MacHeaderField: VLAN_FIELD, FieldShortValue: tests.vlanId }];
  return [macTest, ...vlanTest];
}
