import { describe, expect, it } from 'vitest';
import { asFilterId, type MatchReason } from '../../engine/types.ts';
import { matchReasonText } from './matchReasons.ts';

const frame = { dst: '00-15-5D-00-00-01', vlanId: 20 };
const text = (reason: MatchReason, vlanId: number | null = 20) => matchReasonText(reason, { ...frame, vlanId });

describe('match reasons in words', () => {
  it("words each of the engine's reasons with the frame's destination and VLAN", () => {
    expect(text({ kind: 'wrong-vlan', filterId: asFilterId(1), vlanId: 10 })).toBe(
      'wrong VLAN: FilterId 1 wants VLAN 10; the frame is on VLAN 20',
    );
    expect(text({ kind: 'wrong-mac', filterId: asFilterId(2), mac: 0x00155d000002 })).toBe(
      'wrong MAC: FilterId 2 wants destination 00-15-5D-00-00-02',
    );
    expect(text({ kind: 'untagged-or-zero-only', filterId: asFilterId(2) }, 5)).toContain(
      'takes only untagged or VLAN-0 frames (NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO); the frame is on VLAN 5',
    );
    expect(text({ kind: 'matches', filterId: asFilterId(1) }, null)).toBe(
      'FilterId 1 matches: destination 00-15-5D-00-00-01, untagged',
    );
    expect(text({ kind: 'no-filter' })).toBe('no filter is set on this queue');
    expect(text({ kind: 'default-fallback' })).toBe('no filter matched, so the default queue takes the frame');
  });

  it('says when a matching filter is not in the hardware table, and when it gets there', () => {
    expect(text({ kind: 'not-in-hardware-table', filterId: asFilterId(3), queueState: 'Set' })).toBe(
      'FilterId 3 matches, but the queue is Set: its filters go into the hardware table at OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    );
    expect(text({ kind: 'not-in-hardware-table', filterId: asFilterId(3), queueState: 'Paused' })).toBe(
      "FilterId 3 matches, but the queue is Paused: only Running queues' filters are in the hardware table",
    );
  });
});
