/**
 * NDIS_REQUEST_TYPE as the OID table sees it (§2.1, R1): each request type is a query, a set or a
 * method, and an OID accepts some of these kinds.
 */
import type { RequestTypeName } from './constants.ts';

export type RequestKind = 'query' | 'set' | 'method';

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

/** The request type a request of `kind` is issued as when nothing else is asked for. */
export const requestTypeOf = (kind: RequestKind): RequestTypeName =>
  kind === 'method'
    ? 'NdisRequestMethod'
    : kind === 'set'
      ? 'NdisRequestSetInformation'
      : 'NdisRequestQueryInformation';
