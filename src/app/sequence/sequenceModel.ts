/**
 * The trace as a message sequence chart, folded event by event (a TraceFold: each event is read once, as it
 * arrives; a rewind or an eviction drops what it removed). Each message is one call or answer between two
 * lifelines: the overlying drivers (one per binding the trace names), NDIS, the miniport, the NIC (its filters and
 * DMA) and the VMs whose queues receive. Every fact comes from the engine's events: who decided a request (the
 * result's `layer`), which request caused an indication (`causeRequestId`), which VM a queue serves (its
 * ALLOCATE_QUEUE's VmName, as the completion reports it). The chart adds no VMQ reasoning of its own.
 *
 * Lifelines, left to right, follow the stack from the guest down to the hardware: a VM is reached through the
 * switch, so every arrow spans exactly the layers its call passes through.
 */
import type { NdisStatusName, OidName, TimeNs, TraceEvent } from '../../engine/index.ts';
import { allocatedQueue, refsOf } from '../trace/eventRefs.ts';
import { PositionedList, type TraceFold } from '../trace/traceFold.ts';
import { shortOperationalState } from '../ndis/ndisLabels.ts';

export type LifelineKind = 'vm' | 'driver' | 'ndis' | 'miniport' | 'nic';

export interface Lifeline {
  /** 'ndis', 'miniport', 'nic', 'driver:<binding>' or 'vm:<VmName>'. */
  id: string;
  kind: LifelineKind;
  name: string;
}

export type MessageKind =
  | 'request'
  | 'pending'
  | 'completion'
  | 'status'
  | 'dma-stop'
  | 'filter'
  | 'queue-parameters'
  | 'receive'
  | 'return'
  | 'memory-allocate'
  | 'memory-free'
  | 'close';

export interface SequenceMessage {
  /** The position of the event it draws (traceFold.ts); messages are in position order. */
  pos: number;
  /** The event's seq: selecting the message selects this event. */
  seq: number;
  t: TimeNs;
  kind: MessageKind;
  from: string;
  to: string;
  /** What the arrow says, NDIS names verbatim. */
  label: string;
  /** The request it belongs to: its own arrows and what the engine says it caused. */
  requestId?: number;
  /** The QueueIds it is about (a request's are looked up with requestQueues: ALLOCATE_QUEUE learns its own late). */
  queueIds: readonly number[];
  /** A completion's status, for colouring a failure. */
  status?: NdisStatusName;
}

export interface RequestInfo {
  requestId: number;
  oid: OidName;
  pos: number;
  /** The QueueIds its buffer names, and the one ALLOCATE_QUEUE returned once it completed. */
  queueIds: number[];
  completedPos?: number;
  allocated?: number;
  /** Where the request's arrow ends once the engine has said the miniport took it (pended or completed by it). */
  reachedPos?: number;
}

export const NDIS: Lifeline = { id: 'ndis', kind: 'ndis', name: 'NDIS' };
export const MINIPORT: Lifeline = { id: 'miniport', kind: 'miniport', name: 'miniport' };
export const NIC: Lifeline = { id: 'nic', kind: 'nic', name: 'NIC (DMA)' };

const driver = (binding: string): Lifeline => ({ id: `driver:${binding}`, kind: 'driver', name: binding });
const vm = (vmName: string): Lifeline => ({ id: `vm:${vmName}`, kind: 'vm', name: vmName });

/** Left to right: the stack from the guest down to the hardware. */
export const LIFELINE_ORDER: readonly LifelineKind[] = ['vm', 'driver', 'ndis', 'miniport', 'nic'];

/** A queue's allocation as the trace reported it; a freed QueueId may be allocated again, so each is kept in turn. */
interface Allocation {
  pos: number;
  vmName: string;
}

const kib = (bytes: number): string => (bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`);

export class SequenceModel implements TraceFold {
  readonly messages = new PositionedList<SequenceMessage>();
  readonly requests = new Map<number, RequestInfo>();
  /** Every lifeline a message has named since the reset, by id. */
  #known = new Map<string, Lifeline>([NDIS, MINIPORT, NIC].map((l) => [l.id, l]));
  #allocations = new Map<number, Allocation[]>();
  /** The request message of each requestId, so its arrow can be extended to the miniport. */
  #requestMessages = new Map<number, SequenceMessage>();
  #version = 0;

  get version(): number {
    return this.#version;
  }

  /** The lifeline a message names by `id`. */
  lifeline(id: string): Lifeline {
    return this.#known.get(id) as Lifeline;
  }

  /** The QueueIds a message is about, its request's included (ALLOCATE_QUEUE's own QueueId is in its output). */
  queuesOf(message: SequenceMessage): readonly number[] {
    const request = message.requestId === undefined ? undefined : this.requests.get(message.requestId);
    const ownArrow = message.kind === 'request' || message.kind === 'pending' || message.kind === 'completion';
    if (!request || !ownArrow) return message.queueIds;
    const own = request.allocated === undefined ? request.queueIds : [...request.queueIds, request.allocated];
    return [...new Set([...message.queueIds, ...own])];
  }

  append(events: readonly TraceEvent[], firstPos: number): void {
    events.forEach((event, i) => {
      this.#fold(event, firstPos + i);
    });
  }

  evictBefore(pos: number): void {
    const dropped = this.messages.dropBefore(pos);
    for (const [id, request] of this.requests) {
      if (request.completedPos !== undefined && request.completedPos < pos) {
        this.requests.delete(id);
        this.#requestMessages.delete(id);
      }
    }
    if (dropped > 0) this.#version++;
  }

  truncateFrom(pos: number): void {
    this.messages.dropFrom(pos);
    for (const [id, request] of this.requests) {
      if (request.pos >= pos) {
        this.requests.delete(id);
        this.#requestMessages.delete(id);
        continue;
      }
      if (request.completedPos !== undefined && request.completedPos >= pos) {
        delete request.completedPos;
        delete request.allocated;
      }
      if (request.reachedPos !== undefined && request.reachedPos >= pos) {
        delete request.reachedPos;
        this.#retarget(id, NDIS);
      }
    }
    for (const [queueId, allocations] of this.#allocations) {
      const kept = allocations.filter((a) => a.pos < pos);
      if (kept.length > 0) this.#allocations.set(queueId, kept);
      else this.#allocations.delete(queueId);
    }
    this.#version++;
  }

  reset(): void {
    this.messages.clear();
    this.requests.clear();
    this.#known = new Map([NDIS, MINIPORT, NIC].map((l) => [l.id, l]));
    this.#allocations.clear();
    this.#requestMessages.clear();
    this.#version++;
  }

  #fold(event: TraceEvent, pos: number): void {
    const message = this.#messageOf(event, pos);
    if (!message) return;
    this.messages.push(message);
    this.#version++;
  }

  #messageOf(event: TraceEvent, pos: number): SequenceMessage | undefined {
    const base = { pos, seq: event.seq, t: event.t };
    switch (event.kind) {
      case 'oid-requested': {
        const queueIds = refsOf(event).queueIds;
        this.requests.set(event.requestId, { requestId: event.requestId, oid: event.oid, pos, queueIds });
        // NDIS's own cleanup requests start at NDIS and go to the miniport, which validates them when it takes them.
        const ndisIssued = event.issuedBy === 'NDIS';
        const message: SequenceMessage = {
          ...base,
          kind: 'request',
          from: ndisIssued ? NDIS.id : this.#lifeline(driver(event.binding)),
          to: ndisIssued ? MINIPORT.id : NDIS.id,
          label: `#${event.requestId} ${event.oid}${queueIds.length > 0 ? ` (QueueId ${queueIds.join(', ')})` : ''}`,
          requestId: event.requestId,
          queueIds,
        };
        this.#requestMessages.set(event.requestId, message);
        return message;
      }
      case 'oid-pended': {
        const from = event.layer === 'miniport' ? MINIPORT : NDIS;
        if (event.layer === 'miniport') this.#reached(event.requestId, pos);
        return {
          ...base,
          kind: 'pending',
          from: from.id,
          to: this.#issuerOf(event.requestId),
          label: `#${event.requestId} NDIS_STATUS_PENDING`,
          requestId: event.requestId,
          queueIds: [],
        };
      }
      case 'oid-completed': {
        const { result } = event;
        const request = this.requests.get(result.requestId);
        const allocated = allocatedQueue(event);
        if (request) {
          request.completedPos = pos;
          if (allocated) request.allocated = allocated.queueId;
        }
        if (allocated) this.#allocated(allocated.queueId, allocated.vmName, pos);
        const from = result.layer === 'miniport' ? MINIPORT : NDIS;
        if (result.layer === 'miniport') this.#reached(result.requestId, pos);
        const to = result.issuedBy === 'NDIS' ? NDIS.id : this.#lifeline(driver(result.binding));
        return {
          ...base,
          kind: 'completion',
          from: from.id,
          to,
          label: `#${result.requestId} ${result.status}${allocated ? ` (QueueId ${allocated.queueId})` : ''}`,
          requestId: result.requestId,
          queueIds: allocated ? [allocated.queueId] : [],
          status: result.status,
        };
      }
      case 'status-indicated': {
        const state = event.queueState === undefined ? '' : ` QueueState ${shortOperationalState(event.queueState)}`;
        return {
          ...base,
          kind: 'status',
          from: MINIPORT.id,
          to: this.#indicatedTo(event.causeRequestId),
          label: `${event.code}${state} (QueueId ${event.queueId})`,
          ...(event.causeRequestId === undefined ? {} : { requestId: event.causeRequestId }),
          queueIds: [event.queueId],
        };
      }
      case 'queue-state-changed':
        // The one state change that is a command to the hardware: FREE_QUEUE's first step, stop DMA (§3.9).
        if (event.to !== 'StopDma') return undefined;
        return {
          ...base,
          kind: 'dma-stop',
          from: MINIPORT.id,
          to: NIC.id,
          label: `stop DMA (QueueId ${event.queueId})`,
          ...(event.causeRequestId === undefined ? {} : { requestId: event.causeRequestId }),
          queueIds: [event.queueId],
        };
      case 'filter-set':
        return {
          ...base,
          kind: 'filter',
          from: MINIPORT.id,
          to: NIC.id,
          label: `set FilterId ${event.filterId} on QueueId ${event.queueId}`,
          requestId: event.causeRequestId,
          queueIds: [event.queueId],
        };
      case 'filter-cleared':
        return {
          ...base,
          kind: 'filter',
          from: MINIPORT.id,
          to: NIC.id,
          label: `clear FilterId ${event.filterId} from QueueId ${event.queueId}`,
          ...(event.causeRequestId === undefined ? {} : { requestId: event.causeRequestId }),
          queueIds: [event.queueId],
        };
      case 'queue-parameters-changed':
        return {
          ...base,
          kind: 'queue-parameters',
          from: MINIPORT.id,
          to: NIC.id,
          label: `QueueId ${event.queueId}: ${event.changed.join(', ')} (CPU ${event.cpu})`,
          requestId: event.causeRequestId,
          queueIds: [event.queueId],
        };
      case 'nbls-indicated': {
        const queueIds = event.parts.map((p) => p.queueId);
        const count = event.parts.reduce((sum, p) => sum + p.count, 0);
        return {
          ...base,
          kind: 'receive',
          from: MINIPORT.id,
          to: this.#receiverOf(queueIds),
          label: `NdisMIndicateReceiveNetBufferLists: ${count} NBL${count === 1 ? '' : 's'} of QueueId ${queueIds.join(', ')} (CPU ${event.cpu})`,
          queueIds,
        };
      }
      case 'nbls-returned':
        return {
          ...base,
          kind: 'return',
          from: this.#receiverOf([event.queueId]),
          to: MINIPORT.id,
          label: `NdisReturnNetBufferLists: ${event.count} NBL${event.count === 1 ? '' : 's'} of QueueId ${event.queueId}`,
          queueIds: [event.queueId],
        };
      case 'memory-allocated':
        return {
          ...base,
          kind: 'memory-allocate',
          from: MINIPORT.id,
          to: NDIS.id,
          label: `NdisAllocateSharedMemory: QueueId ${event.queueId}, ${kib(event.length)} ${event.usage.replace(/^NdisSharedMemoryUsage/, '')} in ${event.space}`,
          queueIds: [event.queueId],
        };
      case 'memory-freed':
        return {
          ...base,
          kind: 'memory-free',
          from: MINIPORT.id,
          to: NDIS.id,
          label: `NdisFreeSharedMemory: QueueId ${event.queueId}, block ${event.blockId}`,
          queueIds: [event.queueId],
        };
      case 'binding-closed':
        return {
          ...base,
          kind: 'close',
          from: this.#lifeline(driver(event.binding)),
          to: NDIS.id,
          label: 'NdisCloseAdapterEx',
          queueIds: [],
        };
      default:
        return undefined;
    }
  }

  /** Who issued a request: its binding's lifeline, or NDIS for its own (and NDIS when the request fell out). */
  #issuerOf(requestId: number): string {
    const message = this.#requestMessages.get(requestId);
    return message?.from === NDIS.id || !message ? NDIS.id : message.from;
  }

  /** A status indication goes up through NDIS to the binding whose request caused it, or stops at NDIS. */
  #indicatedTo(causeRequestId: number | undefined): string {
    return causeRequestId === undefined ? NDIS.id : this.#issuerOf(causeRequestId);
  }

  /** Receive indications reach the VM the queue was allocated for; the default queue's, NDIS (it has no VM). */
  #receiverOf(queueIds: readonly number[]): string {
    const vmName = this.#allocations.get(queueIds[0] ?? 0)?.at(-1)?.vmName;
    return vmName ? this.#lifeline(vm(vmName)) : NDIS.id;
  }

  #allocated(queueId: number, vmName: string, pos: number): void {
    const allocations = this.#allocations.get(queueId) ?? [];
    allocations.push({ pos, vmName });
    this.#allocations.set(queueId, allocations);
  }

  /** The engine said the miniport took the request: its arrow goes on through NDIS to the miniport. */
  #reached(requestId: number, pos: number): void {
    const request = this.requests.get(requestId);
    if (!request || request.reachedPos !== undefined) return;
    request.reachedPos = pos;
    this.#retarget(requestId, MINIPORT);
  }

  #retarget(requestId: number, to: Lifeline): void {
    const message = this.#requestMessages.get(requestId);
    if (!message || message.from === NDIS.id) return;
    message.to = to.id;
  }

  /** Registers a lifeline, so a chart can name it by id, and returns its id. */
  #lifeline(lifeline: Lifeline): string {
    if (!this.#known.has(lifeline.id)) this.#known.set(lifeline.id, lifeline);
    return lifeline.id;
  }
}

/** The side's sequence chart of its kept trace (Side.digest names it by this function). */
export const sequenceDigest = (): SequenceModel => new SequenceModel();
