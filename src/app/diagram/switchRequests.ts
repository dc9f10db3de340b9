/**
 * Which OID requests the switch lists: the newest ones, but never at the cost of a request that is still pending or
 * that a standing status indication points at (those are what a viewer needs to connect).
 */
import type { OidFact, TraceDigest } from '../viz/traceDigest.ts';

export function requestsToList(digest: TraceDigest, max: number): OidFact[] {
  const byId = new Map<number, OidFact>();
  const must: OidFact[] = [];
  for (const indication of digest.queueStateIndications.values()) if (indication.cause) must.push(indication.cause);
  for (const fact of digest.oids.values()) if (fact.status === null) must.push(fact);
  for (const fact of must.slice(-max)) byId.set(fact.requestId, fact);
  for (const fact of [...digest.recentOids].reverse()) {
    if (byId.size >= max) break;
    byId.set(fact.requestId, fact);
  }
  return [...byId.values()].sort((a, b) => a.requestId - b.requestId);
}
