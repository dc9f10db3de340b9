/**
 * What the "Faults & lifecycle" tab offers, read off what the engine reports: the lifecycle calls the adapter's
 * state allows, the bindings that are open, the queues whose NBLs the overlying driver holds. The tab decides no VMQ
 * fact of its own: the engine reports the state and judges every call.
 */
import {
  NDIS_STATUS,
  type AdapterAction,
  type AdapterState,
  type AdapterView,
  type NdisStatusName,
  type TraceEvent,
} from '../../engine/index.ts';
import { EventSubset } from '../trace/eventSubset.ts';

export interface LifecycleCall {
  action: AdapterAction;
  /** The miniport handler NDIS calls (§5.5). */
  handler: 'MiniportPause' | 'MiniportRestart' | 'MiniportResetEx' | 'MiniportHaltEx';
  /** What follows, said before the click: the sandbox has no confirmations, Step back undoes. */
  effect: string;
  /** The adapter states NDIS makes this call in (§5.5); in any other the call would not be made. */
  from: readonly AdapterState[];
}

export const LIFECYCLE_CALLS: readonly LifecycleCall[] = [
  {
    action: 'pause',
    handler: 'MiniportPause',
    effect: 'The adapter stops indicating receives: frames DMA’d and not yet indicated are dropped.',
    from: ['Running'],
  },
  {
    action: 'restart',
    handler: 'MiniportRestart',
    effect: 'The paused adapter runs again.',
    from: ['Paused'],
  },
  {
    action: 'reset',
    handler: 'MiniportResetEx',
    effect: 'Pending requests are aborted (NDIS_STATUS_REQUEST_ABORTED) and receives flushed; the reset takes 50 µs.',
    from: ['Running', 'Paused', 'Resetting'],
  },
  {
    action: 'halt',
    handler: 'MiniportHaltEx',
    effect:
      'Pending requests are aborted, NDIS clears every filter and frees every queue (R42), then the miniport halts. Step back undoes it.',
    from: ['Running', 'Paused', 'Resetting'],
  },
];

export const callAllowed = (call: LifecycleCall, state: AdapterState): boolean => call.from.includes(state);

/** The statuses a refusal can carry: every NDIS status but success, and pending, which is the pend fault's. */
export const REFUSAL_STATUSES = (Object.keys(NDIS_STATUS) as NdisStatusName[]).filter(
  (name) => name !== 'NDIS_STATUS_SUCCESS' && name !== 'NDIS_STATUS_PENDING',
);

type BindingEvent = Extract<TraceEvent, { kind: 'oid-requested' | 'binding-closed' }>;

const isBindingEvent = (event: TraceEvent): event is BindingEvent =>
  (event.kind === 'oid-requested' && event.issuedBy !== 'NDIS') || event.kind === 'binding-closed';

/** The bindings that issued requests in the trace, in the order they first did, and those that closed since. */
export interface BindingsSeen {
  opened: readonly string[];
  closed: ReadonlySet<string>;
}

function bindingsOf(events: readonly BindingEvent[]): BindingsSeen {
  const opened = new Set<string>();
  const closed = new Set<string>();
  for (const event of events) {
    if (event.kind === 'binding-closed') closed.add(event.binding);
    else opened.add(event.binding);
  }
  return { opened: [...opened], closed };
}

/** The side's digest of the bindings the trace tells of. */
export const bindingsDigest = () => new EventSubset(isBindingEvent, bindingsOf);

/** The binding every request of the OID console and of a scenario's `oid` step uses unless it names another. */
export const DEFAULT_BINDING = 'vmswitch';

/** The bindings that can be closed now: those that issued requests or own a queue or a filter, and have not closed
 * (NDIS refuses a closed binding's requests). Before any request, the default binding: it is the one a request
 * would use. */
export function openBindings(seen: BindingsSeen, view: AdapterView | null): string[] {
  const owners = [...(view?.queues ?? []).map((q) => q.owner), ...(view?.filters ?? []).map((f) => f.owner)];
  const all = new Set([...seen.opened, ...owners.filter((owner): owner is string => owner !== null)]);
  if (all.size === 0) all.add(DEFAULT_BINDING);
  return [...all].filter((binding) => !seen.closed.has(binding));
}
