/**
 * What the page says aloud about the run (issue 12): each event a listener must hear, in the reference's words —
 * state changes, status indications, OID requests pended and completed, rule findings, faults, the story's notes —
 * and the traffic counted, not spoken frame by frame ("12 frames to queue 1, 3 dropped: no free receive buffer").
 * Every sentence is made from the event's own fields: what the engine reported, never a fact worked out here.
 */
import type { DropReason, OidName, TraceEvent } from '../../engine/index.ts';
import { DROP_REASON_WORDS } from '../../scenario/dropReasons.ts';
import { shortOid, shortOperationalState } from '../ndis/ndisLabels.ts';

const queueName = (queueId: number | null): string =>
  queueId === null ? 'the adapter' : queueId === 0 ? 'the default queue' : `queue ${queueId}`;
const QueueName = (queueId: number | null): string => {
  const name = queueName(queueId);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** Requests by id, for "in answer to FREE_QUEUE #7": the events name only the request's id. */
export type RequestNames = ReadonlyMap<number, OidName>;

const inAnswerTo = (requests: RequestNames, requestId: number | undefined): string => {
  if (requestId === undefined) return '';
  const oid = requests.get(requestId);
  return `, in answer to ${oid ? `${shortOid(oid)} ` : 'request '}#${requestId}`;
};

/** The sentence for an event a listener must hear, or null for traffic (counted instead) and bookkeeping. */
export function sentenceFor(event: TraceEvent, requests: RequestNames): string | null {
  switch (event.kind) {
    case 'status-indicated':
      return event.queueState
        ? `${QueueName(event.queueId)} is now ${shortOperationalState(event.queueState)}: ${event.code}${inAnswerTo(requests, event.causeRequestId)}`
        : `${event.code} for ${queueName(event.queueId)}${inAnswerTo(requests, event.causeRequestId)}`;
    case 'queue-state-changed':
      return `${QueueName(event.queueId)}: ${event.from} → ${event.to}${inAnswerTo(requests, event.causeRequestId)}`;
    case 'oid-pended':
      return `${event.oid} #${event.requestId}: NDIS_STATUS_PENDING`;
    case 'oid-completed': {
      const { result } = event;
      // What the request made, as its output names it: the new QueueId, the new FilterId.
      const made =
        result.oid === 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE'
          ? 'QueueId'
          : result.oid === 'OID_RECEIVE_FILTER_SET_FILTER'
            ? 'FilterId'
            : null;
      const id = made ? result.output?.[made] : undefined;
      const got = result.status === 'NDIS_STATUS_SUCCESS' && typeof id === 'number' ? `, ${made} ${id}` : '';
      return `${result.oid} #${result.requestId} ${event.pended ? 'completed' : 'answered'}: ${result.status}${got}`;
    }
    case 'filter-set':
      return `Filter ${event.filterId} set on ${queueName(event.queueId)}`;
    case 'filter-cleared':
      return `Filter ${event.filterId} cleared from ${queueName(event.queueId)}`;
    case 'queue-parameters-changed':
      return `${QueueName(event.queueId)} now runs on CPU ${event.cpu}`;
    case 'adapter-state-changed':
      return `The adapter is now ${event.to}`;
    case 'binding-closed':
      return `${event.binding} closed its binding (NdisCloseAdapterEx)`;
    case 'rule-violated':
      return `Rule ${event.rule} ${event.severity}: ${event.message}`;
    case 'fault-injected':
      return `Fault: ${event.effect}`;
    case 'note':
      return event.text;
    default:
      return null;
  }
}

/** The traffic of a stretch of time, counted: frames per queue, drops per reason. */
export class Tally {
  readonly #frames = new Map<number, number>();
  readonly #drops = new Map<DropReason, number>();

  /** Counts the event if it is traffic; says whether it was. */
  count(event: TraceEvent): boolean {
    if (event.kind === 'frame-classified') {
      this.#frames.set(event.queueId, (this.#frames.get(event.queueId) ?? 0) + 1);
      return true;
    }
    if (event.kind === 'frame-dropped' || event.kind === 'frames-dropped') {
      const n = event.kind === 'frames-dropped' ? event.count : 1;
      this.#drops.set(event.reason, (this.#drops.get(event.reason) ?? 0) + n);
      return true;
    }
    return false;
  }

  get empty(): boolean {
    return this.#frames.size === 0 && this.#drops.size === 0;
  }

  clear(): void {
    this.#frames.clear();
    this.#drops.clear();
  }

  /** "12 frames to queue 1, 3 to the default queue, 3 dropped: no free receive buffer", or '' when nothing came. */
  summary(): string {
    // The busiest queue first: it is what the listener is following.
    const queues = [...this.#frames].sort(([a, n], [b, m]) => m - n || a - b);
    const frames = queues.map(
      ([queueId, n], i) => `${n}${i === 0 ? ` frame${n === 1 ? '' : 's'}` : ''} to ${queueName(queueId)}`,
    );
    const drops = [...this.#drops].map(([reason, n]) => `${n} dropped: ${DROP_REASON_WORDS[reason].text}`);
    return [...frames, ...drops].join(', ');
  }
}

/** The most sentences one message holds; the rest are counted ("and 14 more events"), so a jump far ahead (a
 * link, a seek) is not read out event by event. */
export const MAX_SENTENCES = 12;

/** One message from what waited: the sentences in order, then the traffic. */
export function compose(sentences: readonly string[], traffic: string): string {
  const said = sentences.slice(0, MAX_SENTENCES);
  const more = sentences.length - said.length;
  const parts = [...said];
  if (more > 0) parts.push(`and ${more} more event${more === 1 ? '' : 's'} (the event log lists them)`);
  if (traffic) parts.push(traffic);
  return parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ') + (parts.length ? '.' : '');
}
