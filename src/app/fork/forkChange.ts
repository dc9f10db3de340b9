/**
 * The one change a fork makes, as a user action sent to the fork's side only at the fork's position (the same
 * action the OID console would send, so the engine judges it like any other request), and how a side's header
 * names it: a filter set or cleared, a queue's processor affinity, a flow of traffic started, or the overlying driver's
 * return latency (a runtime change the engine makes as a fault). The profile is not offered: a NIC's NDIS version
 * does not change mid-run (compare mode runs a scenario as another Windows version from the start).
 */
import { type Fault, OID_INFO, writeFilterTests, type AdapterView, type OidRequest } from '../../engine/index.ts';
import type { UserAction } from '../../client/SessionJournal.ts';
import type { SideDescriptor } from '../side/createSide.ts';
import { formatUs } from '../ui/format.ts';

/** Where a fork leaves the original and what it changes there. */
export type ForkPoint = NonNullable<SideDescriptor['fork']>;

export type ForkChange =
  | { kind: 'set-filter'; mac: string; vlanId: number | null; queueId: number }
  | { kind: 'clear-filter'; filterId: number; queueId: number }
  | { kind: 'affinity'; queueId: number; cpu: number }
  | { kind: 'traffic'; dst: string; count: number; intervalNs: number }
  | { kind: 'return-latency'; latencyNs: number | null };

/** The flow a traffic fork starts; its frames are as the traffic generator's default. */
export const FORK_FLOW = 'fork traffic';
const FORK_FRAME_BYTES = 128;

const request = (
  oid: OidRequest['oid'],
  buffer: Record<string, unknown>,
  requestType?: OidRequest['requestType'],
): UserAction => ({
  kind: 'request-oid',
  request: { oid, binding: 'vmswitch', buffer, ...(requestType ? { requestType } : {}) },
});

export function actionOf(change: ForkChange): UserAction {
  switch (change.kind) {
    case 'clear-filter':
      return request('OID_RECEIVE_FILTER_CLEAR_FILTER', { QueueId: change.queueId, FilterId: change.filterId });
    case 'affinity':
      return request(
        'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
        {
          QueueId: change.queueId,
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
          ProcessorAffinity: { Mask: 2 ** change.cpu, Group: 0 },
        },
        'NdisRequestSetInformation',
      );
    case 'traffic':
      return {
        kind: 'start-traffic',
        flow: {
          name: FORK_FLOW,
          dst: change.dst,
          frameBytes: FORK_FRAME_BYTES,
          count: change.count,
          intervalNs: change.intervalNs,
        },
      };
    case 'return-latency':
      return { kind: 'inject-fault', fault: { kind: 'return-latency', latencyNs: change.latencyNs } };
    case 'set-filter':
      return setFilter(change);
  }
}

function setFilter(change: Extract<ForkChange, { kind: 'set-filter' }>): UserAction {
  return request('OID_RECEIVE_FILTER_SET_FILTER', {
    FilterType: 'NdisReceiveFilterTypeVMQueue',
    QueueId: change.queueId,
    FieldParameters: writeFilterTests({
      mac: change.mac,
      vlanId: change.vlanId,
      untaggedOrZero: change.vlanId === null,
    }),
  });
}

/** The MAC a SET_FILTER's field tests match, or null. */
const macOf = (buffer: Record<string, unknown>): string | null => {
  const tests = buffer['FieldParameters'];
  if (!Array.isArray(tests)) return null;
  const mac = tests.find((test) => test?.['MacHeaderField'] === 'NdisMacHeaderFieldDestinationAddress');
  return typeof mac?.['FieldByteArrayValue'] === 'string' ? mac['FieldByteArrayValue'] : null;
};

/** What a fork changed, for its side's header: "SET_FILTER 00-15-5D-00-00-77 on QueueId 1". */
export function describeAction(action: UserAction): string {
  switch (action.kind) {
    case 'request-oid': {
      const { oid, buffer = {} } = action.request;
      const name = oid.replace('OID_RECEIVE_FILTER_', '');
      const on = buffer['QueueId'] === undefined ? '' : ` on QueueId ${String(buffer['QueueId'])}`;
      if (oid === 'OID_RECEIVE_FILTER_SET_FILTER') return `${name} ${macOf(buffer) ?? ''}${on}`;
      if (oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER') return `${name} FilterId ${String(buffer['FilterId'])}${on}`;
      const mask = (buffer['ProcessorAffinity'] as { Mask?: unknown } | undefined)?.Mask;
      if (oid === 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS' && typeof mask === 'number')
        return `${name}${on} to CPU ${Math.log2(mask)}`;
      return `${name}${on}`;
    }
    case 'start-traffic':
      return `${action.flow.count} frames to ${action.flow.dst} every ${formatUs(action.flow.intervalNs)} µs`;
    case 'stop-traffic':
      return `traffic “${action.flow}” stopped`;
    case 'return-nbls':
      return `${action.count} NBLs returned`;
    case 'keep-scenario-steps':
      return 'scenario steps kept';
    case 'adapter-action':
      return `adapter ${action.action}`;
    case 'close-binding':
      return `binding ${action.binding} closed`;
    case 'inject-fault':
      return faultText(action.fault);
  }
}

function faultText(fault: Fault): string {
  switch (fault.kind) {
    case 'return-latency':
      return fault.latencyNs === null
        ? 'NBLs returned only on request'
        : `return latency ${formatUs(fault.latencyNs)} µs`;
    default:
      return `fault ${fault.kind}`;
  }
}

/** The change a fork offers first: a filter for the first VM's MAC on the newest VM queue (the console's default). */
export function defaultChange(view: AdapterView | null, vms: readonly { mac: string; vlan?: number }[]): ForkChange {
  const buffer = OID_INFO.OID_RECEIVE_FILTER_SET_FILTER.form.defaults({ vms: vms as never, cpus: 1, view });
  return {
    kind: 'set-filter',
    mac: macOf(buffer) ?? '00-15-5D-00-00-01',
    vlanId: null,
    queueId: Number(buffer['QueueId'] ?? 0),
  };
}
