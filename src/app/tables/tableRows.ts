/**
 * The drawings' facts as table rows (their text alternative, issue 12): the same AdapterView and trace digest the
 * adapter diagram and the memory map draw from, one row per queue, filter, request, drop reason and memory block.
 * Nothing is worked out here that the engine did not report.
 */
import { type AdapterView, MANAGEMENT_OS } from '../../engine/index.ts';
import { macFromInt } from '../../scenario/mac.ts';
import { DROP_REASON_WORDS } from '../../scenario/dropReasons.ts';
import { totalDropped } from '../../scenario/dropReasons.ts';
import type { OidFact, QueueStateIndication } from '../viz/traceDigest.ts';

export interface QueueRow {
  QueueId: number;
  owner: string;
  reported: string;
  state: string;
  cpu: number;
  filters: string;
  buffers: number;
  awaitingDpc: number;
  held: number;
  free: number;
  classified: number;
  indicated: number;
  dropped: number;
  /** The NDIS_STATUS_RECEIVE_QUEUE_STATE standing for the queue, and the request it answers. */
  indication: string;
  broken: string;
}

export function queueRows(view: AdapterView, indications: ReadonlyMap<number, QueueStateIndication>): QueueRow[] {
  return view.queues.map((q) => {
    const standing = indications.get(q.QueueId);
    const cause = standing?.cause;
    const rules = [...new Set(view.violations.filter((v) => v.queueId === q.QueueId).map((v) => v.rule))];
    return {
      QueueId: q.QueueId,
      owner: q.QueueId === 0 ? 'default queue' : q.VmName || q.QueueName,
      reported: q.reported,
      state: q.state,
      cpu: q.cpu,
      filters: q.filterIds.join(', '),
      buffers: q.buffers,
      awaitingDpc: q.pending,
      held: q.outstandingNbls,
      free: q.buffers - q.pending - q.outstandingNbls,
      classified: q.counters.classified,
      indicated: q.counters.indicated,
      dropped: totalDropped(q.counters.dropped),
      indication: standing?.state ? `${standing.state}${cause ? ` for ${cause.oid} #${cause.requestId}` : ''}` : '',
      broken: rules.join(', '),
    };
  });
}

export interface FilterRow {
  FilterId: number;
  QueueId: number;
  mac: string;
  vlan: string;
  inHardwareTable: boolean;
}

export function filterRows(view: AdapterView): FilterRow[] {
  return view.filters.map((f) => ({
    FilterId: f.FilterId,
    QueueId: f.QueueId,
    mac: macFromInt(f.filter.mac),
    vlan:
      f.filter.vlanId !== null
        ? `VLAN ${f.filter.vlanId}`
        : f.filter.untaggedOrZero
          ? 'untagged or 0'
          : f.vlanAgnostic
            ? 'any VLAN'
            : 'no VLAN test',
    inHardwareTable: f.inHardwareTable,
  }));
}

export interface RequestRow {
  requestId: number;
  oid: string;
  status: string;
}

export const requestRows = (requests: readonly OidFact[]): RequestRow[] =>
  requests.map((r) => ({
    requestId: r.requestId,
    oid: r.oid,
    status: r.status ?? (r.pended ? 'NDIS_STATUS_PENDING (not completed yet)' : 'not answered yet'),
  }));

export const dropRows = (view: AdapterView): { reason: string; count: number }[] =>
  Object.entries(view.totals.dropped)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => ({
      reason: DROP_REASON_WORDS[reason as keyof typeof DROP_REASON_WORDS].text,
      count: n ?? 0,
    }));

export interface BlockRow {
  blockId: number;
  QueueId: number;
  space: string;
  usage: string;
  buffers: number;
  bufferStride: number;
  length: number;
  backfill: number;
}

/** The memory map's blocks, grouped by address space in the map's order. */
export function blockRows(view: AdapterView): BlockRow[] {
  return view.addressSpaces.flatMap((space) =>
    view.memory
      .filter((b) => b.space === space)
      .map((b) => ({
        blockId: b.blockId,
        QueueId: b.queueId,
        space: space === MANAGEMENT_OS ? 'management OS' : space,
        usage: b.usage,
        buffers: b.buffers,
        bufferStride: b.bufferStride,
        length: b.length,
        backfill: b.backfill,
      })),
  );
}
