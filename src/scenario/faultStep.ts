/**
 * A scenario's `fault` step (docs/scenario-format.md, "fault: inject a fault") as the engine's Fault: defaults
 * filled in, queue references resolved against what earlier steps saved.
 */
import type { Fault } from '../engine/index.ts';
import { resolveQueueId } from './expect.ts';
import type { RefScope } from './refs.ts';
import type { FaultSpec } from './schema.ts';

export function faultOf(spec: FaultSpec, scope: RefScope): Fault {
  if (spec === 'surpriseRemoval') return { kind: 'surprise-removal' };
  const queue = (value: number | string | undefined) => (value === undefined ? null : resolveQueueId(value, scope));
  if ('refuseOid' in spec)
    return { kind: 'refuse-oid', oid: spec.refuseOid, status: spec.status, count: spec.count ?? 1 };
  if ('pendOid' in spec) return { kind: 'pend-oid', oid: spec.pendOid, delayNs: spec.delay };
  if ('sharedMemoryExhausted' in spec) {
    const { afterBlocks = 0, status = 'NDIS_STATUS_RESOURCES' } = spec.sharedMemoryExhausted;
    return { kind: 'shared-memory-exhausted', afterBlocks, status };
  }
  if ('delayDpc' in spec)
    return { kind: 'delay-dpc', queueId: queue(spec.delayDpc.QueueId), delayNs: spec.delayDpc.delay };
  if ('withholdNbls' in spec) return { kind: 'withhold-nbls', queueId: queue(spec.withholdNbls.QueueId), on: true };
  if ('resumeNbls' in spec) return { kind: 'withhold-nbls', queueId: queue(spec.resumeNbls.QueueId), on: false };
  if ('returnLatency' in spec) return { kind: 'return-latency', latencyNs: spec.returnLatency };
  return { kind: 'live-migration', vm: spec.liveMigration };
}
