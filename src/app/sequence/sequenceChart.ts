/**
 * What the sequence panel and its exports draw: the model's messages that pass the reader's filter (a queue, a
 * request, a time range), and the lifelines they name, left to right. Read from the model when its version or the
 * filter changes, never per frame.
 */
import { LIFELINE_ORDER, MINIPORT, NDIS, NIC, type Lifeline, type SequenceMessage } from './sequenceModel.ts';
import type { SequenceModel } from './sequenceModel.ts';

export interface SequenceFilter {
  /** Only messages about this QueueId. */
  queueId: number | null;
  /** Only this request: its own arrows, and what happened to its queues while it was outstanding. */
  requestId: number | null;
  /** Only messages at or after / at or before these virtual times (ns). */
  fromNs: number | null;
  toNs: number | null;
}

export const NO_FILTER: SequenceFilter = { queueId: null, requestId: null, fromNs: null, toNs: null };

export interface SequenceChart {
  lifelines: Lifeline[];
  messages: SequenceMessage[];
}

/** The messages of `model` that pass `filter`, oldest first, with the lifelines they name. */
export function chartOf(model: SequenceModel, filter: SequenceFilter): SequenceChart {
  const passes = passing(model, filter);
  const messages: SequenceMessage[] = [];
  for (const message of model.messages) if (passes(message)) messages.push(message);
  return { lifelines: lifelinesOf(model, messages), messages };
}

function passing(model: SequenceModel, filter: SequenceFilter): (message: SequenceMessage) => boolean {
  const request = filter.requestId === null ? undefined : model.requests.get(filter.requestId);
  const requestQueues = request
    ? [...request.queueIds, ...(request.allocated === undefined ? [] : [request.allocated])]
    : [];
  const during = (m: SequenceMessage) =>
    request !== undefined &&
    m.pos >= request.pos &&
    (request.completedPos === undefined || m.pos <= request.completedPos);
  return (m) => {
    if (filter.fromNs !== null && m.t < filter.fromNs) return false;
    if (filter.toNs !== null && m.t > filter.toNs) return false;
    const queues = model.queuesOf(m);
    if (filter.queueId !== null && !queues.includes(filter.queueId)) return false;
    if (filter.requestId === null || m.requestId === filter.requestId) return true;
    // The memory a FREE_QUEUE frees and the NBLs it waits for name only the queue: they belong to the request
    // by happening on its queue while it is outstanding.
    return during(m) && queues.some((q) => requestQueues.includes(q));
  };
}

/** NDIS, the miniport and the NIC always; the drivers and VMs the messages name, in the order they first appear. */
function lifelinesOf(model: SequenceModel, messages: readonly SequenceMessage[]): Lifeline[] {
  const named = new Map<string, Lifeline>([NDIS, MINIPORT, NIC].map((l) => [l.id, l]));
  for (const m of messages) for (const id of [m.from, m.to]) if (!named.has(id)) named.set(id, model.lifeline(id));
  // A stable sort: within a kind, first appearance decides.
  return [...named.values()].sort((a, b) => LIFELINE_ORDER.indexOf(a.kind) - LIFELINE_ORDER.indexOf(b.kind));
}

/** The queues and requests the model's messages name, for the filter's choices. */
export function filterChoices(model: SequenceModel): { queueIds: number[]; requests: { id: number; label: string }[] } {
  const queueIds = new Set<number>();
  for (const m of model.messages) for (const q of model.queuesOf(m)) queueIds.add(q);
  const requests = [...model.requests.values()]
    .sort((a, b) => a.requestId - b.requestId)
    .map((r) => ({ id: r.requestId, label: `#${r.requestId} ${r.oid}` }));
  return { queueIds: [...queueIds].sort((a, b) => a - b), requests };
}
