/**
 * Which request types each OID accepts (§2.1, R1) and the structure its information buffer holds.
 */
import type { OidName, RequestTypeName } from './constants.ts';
import type { StructName } from './structs.ts';

export type RequestKind = 'query' | 'set' | 'method';

export interface OidInfo {
  kinds: RequestKind[];
  /** The structure at the start of the buffer (input for set/method, output for query). */
  struct: StructName;
}

export const OID_INFO: Record<OidName, OidInfo> = {
  OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: { kinds: ['query'], struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES' },
  OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: { kinds: ['query'], struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES' },
  OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: { kinds: ['query'], struct: 'NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS' },
  OID_RECEIVE_FILTER_ALLOCATE_QUEUE: { kinds: ['method'], struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS' },
  OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: {
    kinds: ['method'],
    struct: 'NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY',
  },
  OID_RECEIVE_FILTER_QUEUE_PARAMETERS: { kinds: ['method', 'set'], struct: 'NDIS_RECEIVE_QUEUE_PARAMETERS' },
  OID_RECEIVE_FILTER_SET_FILTER: { kinds: ['method'], struct: 'NDIS_RECEIVE_FILTER_PARAMETERS' },
  OID_RECEIVE_FILTER_CLEAR_FILTER: { kinds: ['set'], struct: 'NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS' },
  OID_RECEIVE_FILTER_FREE_QUEUE: { kinds: ['set'], struct: 'NDIS_RECEIVE_QUEUE_FREE_PARAMETERS' },
  OID_RECEIVE_FILTER_ENUM_QUEUES: { kinds: ['query'], struct: 'NDIS_RECEIVE_QUEUE_INFO_ARRAY' },
  OID_RECEIVE_FILTER_ENUM_FILTERS: { kinds: ['method'], struct: 'NDIS_RECEIVE_FILTER_INFO_ARRAY' },
  OID_RECEIVE_FILTER_PARAMETERS: { kinds: ['method'], struct: 'NDIS_RECEIVE_FILTER_PARAMETERS' },
  OID_RECEIVE_FILTER_MOVE_FILTER: { kinds: ['set'], struct: 'NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS' },
};

export function kindOf(type: RequestTypeName): RequestKind {
  switch (type) {
    case 'NdisRequestMethod':
      return 'method';
    case 'NdisRequestSetInformation':
      return 'set';
    case 'NdisRequestQueryInformation':
    case 'NdisRequestQueryStatistics':
      return 'query';
  }
}

export function naturalRequestType(oid: OidName): RequestTypeName {
  const kind = OID_INFO[oid].kinds[0];
  return kind === 'method'
    ? 'NdisRequestMethod'
    : kind === 'set'
      ? 'NdisRequestSetInformation'
      : 'NdisRequestQueryInformation';
}
