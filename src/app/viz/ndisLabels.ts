/**
 * Short on-screen forms of NDIS names, for drawings where the full identifier does not fit. Each drops only a
 * prefix every value shares, so the short form still matches Microsoft's pages when read next to them.
 */
import type { NdisStatusName, OidName, OperationalStateName } from '../../engine/ndis/constants.ts';
import type { DropReason } from '../../engine/types.ts';

/** "NdisReceiveQueueOperationalStateDmaStopped" → "DmaStopped". */
export const shortOperationalState = (state: OperationalStateName): string => state.replace(/^NdisReceiveQueueOperationalState/, '');

/** "OID_RECEIVE_FILTER_FREE_QUEUE" → "FREE_QUEUE". */
export const shortOid = (oid: OidName): string => oid.replace(/^OID_RECEIVE_FILTER_/, '').replace(/^OID_/, '');

/** "NDIS_STATUS_PENDING" → "PENDING". */
export const shortStatus = (status: NdisStatusName): string => status.replace(/^NDIS_STATUS_/, '');

/** The discard bin's compartment labels. */
export const DROP_REASON_LABEL: Record<DropReason, string> = {
  'no-free-buffer': 'no free receive buffer',
  'filters-cleared': 'flushed: last filter cleared',
  'packet-filter': 'rejected by packet filter',
  'malformed-frame': 'malformed frame',
  'adapter-paused': 'adapter paused',
  'adapter-resetting': 'adapter resetting',
  'adapter-halted': 'adapter halted',
};

/**
 * `text` cut to about `maxPx` wide with an ellipsis, for SVG labels (which cannot clip themselves). Character
 * advance is approximated per font size: exact fitting would need a DOM measurement per label and frame.
 */
export function fitText(text: string, maxPx: number, fontPx: number, mono = false): string {
  const advance = fontPx * (mono ? 0.62 : 0.56);
  const fits = Math.floor(maxPx / advance);
  return text.length <= fits ? text : `${text.slice(0, Math.max(fits - 1, 1))}…`;
}
