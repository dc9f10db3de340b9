/**
 * The few facts the drawings need from the trace that the AdapterView does not carry, folded incrementally:
 * - the OID requests (so a status indication can name the request that caused it);
 * - the latest NDIS_STATUS_RECEIVE_QUEUE_STATE per queue;
 * - what DMA last wrote into each slot of each queue's ring (the ring's state is on QueueView.ring).
 *
 * It lives outside React (one per simulation side) and is mutated in place; `revision` changes when a fact does,
 * so components re-read it at most once per batch.
 */
import type {
  NdisStatusName,
  OidName,
  OperationalStateName,
  SharedMemorySegment,
  TimeNs,
  TraceEvent,
} from '../../engine/index.ts';

export interface OidFact {
  requestId: number;
  oid: OidName;
  /** The final status; null while the request is pending (or not answered yet). */
  status: NdisStatusName | null;
  /** NDIS_STATUS_PENDING was returned first. */
  pended: boolean;
  issuedNs: TimeNs;
  /** The `seq` of its oid-requested event: what selecting the request shows in the inspector. */
  issuedSeq: number;
}

export interface QueueStateIndication {
  queueId: number;
  seq: number;
  tNs: TimeNs;
  state: OperationalStateName | undefined;
  /** The request whose processing made the miniport indicate it (FREE_QUEUE for DmaStopped). */
  cause: OidFact | null;
}

export interface SlotWrite {
  frameId: number;
  lengthBytes: number;
  segments: SharedMemorySegment[];
}

export interface LatestWrite extends SlotWrite {
  queueId: number;
  slot: number;
}

/** OID requests kept for the "recent requests" list; causes are looked up before they could fall out of it. */
const RECENT_OIDS = 5;

export class TraceDigest {
  /** Every request of the session by requestId, for cause lookups. */
  readonly oids = new Map<number, OidFact>();
  /** The newest requests, oldest first. */
  recentOids: OidFact[] = [];
  /** Latest NDIS_STATUS_RECEIVE_QUEUE_STATE per live queue; gone once the queue is freed. */
  readonly queueStateIndications = new Map<number, QueueStateIndication>();
  /** What DMA last wrote into each slot, per queue. */
  readonly slotWrites = new Map<number, Map<number, SlotWrite>>();
  /** The newest DMA write of all, for the memory map's anatomy of a frame. */
  latestWrite: LatestWrite | null = null;
  /** Changes whenever a fact changes. */
  revision = 0;

  /** Folds events in trace order; returns whether any fact changed. */
  apply(events: readonly TraceEvent[]): boolean {
    let changed = false;
    for (const event of events) changed = this.#applyOne(event) || changed;
    if (changed) this.revision++;
    return changed;
  }

  /** Drops the facts derived from the trace before a rewind. */
  reset(): void {
    this.oids.clear();
    this.recentOids = [];
    this.queueStateIndications.clear();
    this.slotWrites.clear();
    this.latestWrite = null;
    this.revision++;
  }

  #applyOne(event: TraceEvent): boolean {
    switch (event.kind) {
      case 'oid-requested': {
        const fact: OidFact = {
          requestId: event.requestId,
          oid: event.oid,
          status: null,
          pended: false,
          issuedNs: event.t,
          issuedSeq: event.seq,
        };
        this.oids.set(event.requestId, fact);
        this.recentOids = [...this.recentOids, fact].slice(-RECENT_OIDS);
        return true;
      }
      case 'oid-pended':
        return this.#updateOid(event.requestId, { pended: true });
      case 'oid-completed':
        return this.#updateOid(event.result.requestId, { status: event.result.status, pended: event.pended });
      case 'status-indicated':
        if (event.code !== 'NDIS_STATUS_RECEIVE_QUEUE_STATE') return false;
        this.queueStateIndications.set(event.queueId, {
          queueId: event.queueId,
          seq: event.seq,
          tNs: event.t,
          state: event.queueState,
          cause: event.causeRequestId === undefined ? null : (this.oids.get(event.causeRequestId) ?? null),
        });
        return true;
      case 'queue-state-changed':
        if (event.to !== 'Undefined') return false;
        // A freed QueueId may be reused by the next ALLOCATE_QUEUE: nothing of the old queue may show on it.
        this.queueStateIndications.delete(event.queueId);
        this.slotWrites.delete(event.queueId);
        if (this.latestWrite?.queueId === event.queueId) this.latestWrite = null;
        return true;
      case 'dma-written': {
        let slots = this.slotWrites.get(event.queueId);
        if (!slots) {
          slots = new Map();
          this.slotWrites.set(event.queueId, slots);
        }
        const lengthBytes = event.segments.reduce((sum, s) => sum + s.length, 0);
        const write = { frameId: event.frameId, lengthBytes, segments: event.segments };
        slots.set(event.slot, write);
        this.latestWrite = { ...write, queueId: event.queueId, slot: event.slot };
        return true;
      }
      default:
        return false;
    }
  }

  #updateOid(requestId: number, change: Partial<OidFact>): boolean {
    const fact = this.oids.get(requestId);
    if (!fact) return false;
    // Replaced, not mutated, so a component holding the old object sees a new identity.
    const next = { ...fact, ...change };
    this.oids.set(requestId, next);
    this.recentOids = this.recentOids.map((f) => (f.requestId === requestId ? next : f));
    for (const [queueId, indication] of this.queueStateIndications) {
      if (indication.cause?.requestId === requestId)
        this.queueStateIndications.set(queueId, { ...indication, cause: next });
    }
    return true;
  }
}
