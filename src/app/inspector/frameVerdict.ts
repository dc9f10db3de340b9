/**
 * Why a frame went where it went: for every queue, whether it took the frame and, if not, why not (wrong MAC,
 * wrong VLAN, a queue whose filters are not in the hardware table yet, no filter at all).
 *
 * The rules are the emulator's (docs/decisions.md, "Match order across queues" and "Filters the miniport
 * accepts"): only filters of Running queues (and of the default queue) are in the table; VM queues are tried in
 * ascending QueueId, then the default queue; within a queue, ascending FilterId; a frame no filter takes falls to
 * the default queue. A model test holds this to the engine's own frame-classified events.
 */
import { NDIS_DEFAULT_RECEIVE_QUEUE_ID } from '../../engine/ndis/constants.ts';
import { macFromInt } from '../../scenario/mac.ts';
import type { AdapterAt, FilterAt, QueueAt } from './adapterAt.ts';

export interface FrameKey {
  /** "00-15-5D-00-00-01". */
  dst: string;
  /** 802.1Q VID, or null when untagged. */
  vlanId: number | null;
}

export interface QueueVerdict {
  queueId: number;
  vmName: string;
  /** The queue the classifier picks. */
  takes: boolean;
  /** The filter that steers the frame there (none for the default queue's fallback). */
  filterId?: number;
  /** One sentence per filter or reason. */
  reasons: string[];
}

const vlanText = (vlanId: number | null): string =>
  vlanId === null ? 'untagged' : vlanId === 0 ? 'priority-tagged (VLAN 0)' : `on VLAN ${vlanId}`;

/** Null when `filter` matches the frame, else why not. */
function filterMismatch(filter: FilterAt, frame: FrameKey): string | null {
  const mac = macFromInt(filter.spec.mac);
  if (mac !== frame.dst) return `wrong MAC: FilterId ${filter.filterId} wants destination ${mac}`;
  if (filter.vlanAgnostic) return null;
  if (filter.spec.vlanId !== null) {
    return frame.vlanId === filter.spec.vlanId
      ? null
      : `wrong VLAN: FilterId ${filter.filterId} wants VLAN ${filter.spec.vlanId}; the frame is ${vlanText(frame.vlanId)}`;
  }
  return frame.vlanId === null || frame.vlanId === 0
    ? null
    : `wrong VLAN: FilterId ${filter.filterId} takes only untagged or VLAN-0 frames (NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO); the frame is ${vlanText(frame.vlanId)}`;
}

/** Whether the queue's filters are in the NIC's table (§5.2: a queue indicates only while Running). */
const inHardwareTable = (queue: QueueAt): boolean =>
  queue.queueId === NDIS_DEFAULT_RECEIVE_QUEUE_ID || queue.state === 'Running';

function notInTableReason(queue: QueueAt): string {
  return queue.state === 'Set'
    ? 'queue is Set: its filters go into the hardware table at OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE'
    : `queue is ${queue.state}: only Running queues' filters are in the hardware table`;
}

/** Classifier order: VM queues by ascending QueueId, the default queue last. */
const matchOrder = (queueId: number): number =>
  queueId === NDIS_DEFAULT_RECEIVE_QUEUE_ID ? Number.MAX_SAFE_INTEGER : queueId;

/** Every live queue's verdict on `frame`, in classifier order. Exactly one verdict `takes` the frame. */
export function frameVerdicts(adapter: AdapterAt, frame: FrameKey): QueueVerdict[] {
  const queues = [...adapter.queues.values()].sort((a, b) => matchOrder(a.queueId) - matchOrder(b.queueId));
  const filtersOf = (queueId: number): FilterAt[] =>
    [...adapter.filters.values()].filter((f) => f.queueId === queueId).sort((a, b) => a.filterId - b.filterId);
  let taken = false;
  const verdicts = queues.map((queue): QueueVerdict => {
    const verdict: QueueVerdict = { queueId: queue.queueId, vmName: queue.vmName, takes: false, reasons: [] };
    const filters = filtersOf(queue.queueId);
    if (filters.length === 0 && queue.queueId !== NDIS_DEFAULT_RECEIVE_QUEUE_ID)
      verdict.reasons.push('no filter is set on this queue');
    for (const filter of filters) {
      const mismatch = filterMismatch(filter, frame);
      if (mismatch !== null) verdict.reasons.push(mismatch);
      else if (!inHardwareTable(queue))
        verdict.reasons.push(`FilterId ${filter.filterId} matches, but the ${notInTableReason(queue)}`);
      else if (taken)
        verdict.reasons.push(
          `FilterId ${filter.filterId} matches too, but an earlier queue in the match order took the frame`,
        );
      else {
        taken = true;
        verdict.takes = true;
        verdict.filterId = filter.filterId;
        verdict.reasons.push(
          `FilterId ${filter.filterId} matches: destination ${frame.dst}, ${vlanText(frame.vlanId)}`,
        );
      }
    }
    return verdict;
  });
  const fallback = verdicts.find((v) => v.queueId === NDIS_DEFAULT_RECEIVE_QUEUE_ID);
  if (!taken && fallback) {
    fallback.takes = true;
    fallback.reasons.push('no filter matched, so the default queue takes the frame');
  } else if (fallback && !fallback.takes) {
    fallback.reasons.push('the default queue takes only frames no filter matched');
  }
  return verdicts;
}
