/**
 * The engine's explanation of a frame's classification (QueueMatch, MatchReason) in sentences. The engine decides
 * which queue took the frame and why every other did not; this only words it.
 */
import type { MatchReason } from '../../engine/index.ts';
import { macFromInt } from '../../scenario/mac.ts';

export interface MatchedFrame {
  /** "00-15-5D-00-00-01". */
  dst: string;
  /** 802.1Q VID, or null when untagged. */
  vlanId: number | null;
}

const vlanText = (vlanId: number | null): string =>
  vlanId === null ? 'untagged' : vlanId === 0 ? 'priority-tagged (VLAN 0)' : `on VLAN ${vlanId}`;

export function matchReasonText(reason: MatchReason, frame: MatchedFrame): string {
  switch (reason.kind) {
    case 'matches':
      return `FilterId ${reason.filterId} matches: destination ${frame.dst}, ${vlanText(frame.vlanId)}`;
    case 'wrong-mac':
      return `wrong MAC: FilterId ${reason.filterId} wants destination ${macFromInt(reason.mac)}`;
    case 'wrong-vlan':
      return `wrong VLAN: FilterId ${reason.filterId} wants VLAN ${reason.vlanId}; the frame is ${vlanText(frame.vlanId)}`;
    case 'untagged-or-zero-only':
      return `wrong VLAN: FilterId ${reason.filterId} takes only untagged or VLAN-0 frames (NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO); the frame is ${vlanText(frame.vlanId)}`;
    case 'not-in-hardware-table':
      return reason.queueState === 'Set'
        ? `FilterId ${reason.filterId} matches, but the queue is Set: its filters go into the hardware table at OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE`
        : `FilterId ${reason.filterId} matches, but the queue is ${reason.queueState}: only Running queues' filters are in the hardware table`;
    case 'taken-earlier':
      return `FilterId ${reason.filterId} matches too, but an earlier queue in the match order took the frame`;
    case 'no-filter':
      return 'no filter is set on this queue';
    case 'default-fallback':
      return 'no filter matched, so the default queue takes the frame';
    case 'only-unmatched':
      return 'the default queue takes only frames no filter matched';
  }
}
