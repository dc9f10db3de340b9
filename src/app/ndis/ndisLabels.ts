import type { OperationalStateName, NdisStatusName, OidName } from '../../engine/index.ts';
/**
 * Short on-screen forms of NDIS names, for drawings where the full identifier does not fit. Each drops only a
 * prefix every value shares, so the short form still matches Microsoft's pages when read next to them.
 */

/** "NdisReceiveQueueOperationalStateDmaStopped" → "DmaStopped". */
export const shortOperationalState = (state: OperationalStateName): string =>
  state.replace(/^NdisReceiveQueueOperationalState/, '');

/** "OID_RECEIVE_FILTER_FREE_QUEUE" → "FREE_QUEUE". */
export const shortOid = (oid: OidName): string => oid.replace(/^OID_RECEIVE_FILTER_/, '').replace(/^OID_/, '');

/** "NDIS_STATUS_PENDING" → "PENDING". */
export const shortStatus = (status: NdisStatusName): string => status.replace(/^NDIS_STATUS_/, '');
