/**
 * The schema of the check language's trace blocks (`events`, `order`) and of `values`: event patterns are
 * checked against the facts their kind has (eventFacts.ts), with a "did you mean" for a misspelt kind or fact.
 */
import { z } from 'zod/mini';
import { FAULT_KINDS, type TraceEventKind } from '../engine/index.ts';
import { shown } from './errors.ts';
import { EVENT_FACTS, EVENT_KINDS } from './eventFacts.ts';
import {
  ANY,
  anyValue,
  booleanValue,
  COUNT,
  countValue,
  type Issue,
  matchIssues,
  nameValue,
  type Slot,
  slot,
} from './matchSchema.ts';
import {
  ADAPTER_STATES,
  DROP_REASONS,
  LAYERS,
  OID_NAMES,
  OPERATIONAL_STATES,
  QUEUE_STATES,
  REQUEST_TYPES,
  STATUS_INDICATIONS,
  STATUS_NAMES,
  USAGES,
} from './vocabulary.ts';
import { quoted } from './quote.ts';
import { isRecord, parseRef } from './refs.ts';
import { isMac } from './mac.ts';
import { unknownName } from './suggest.ts';

export type EventPattern = { event: TraceEventKind } & Record<string, unknown>;
export interface EventsEntry {
  where: EventPattern;
  /** A count or a matcher; without one, at least one event must be selected. */
  count?: unknown;
  each?: Record<string, unknown>;
}
export type OrderEntry = { sequence: EventPattern[]; within?: number } | { after: EventPattern; none: EventPattern };
export type ValuesEntry = { value: string; is: unknown } | { distinct: string[] };

const isKind = (kind: unknown): kind is TraceEventKind => typeof kind === 'string' && Object.hasOwn(EVENT_FACTS, kind);

const text = (noun: string, names: readonly string[], more?: Omit<Slot, 'shape' | 'plain'>) =>
  slot('text', nameValue(noun, names), more);
const anyText = slot('text', (value) => (typeof value === 'string' ? undefined : `expected text, got ${shown(value)}`));
const flag = slot('boolean', booleanValue);
const numbers = slot('array', () => 'expected an array of numbers or a matcher', { element: COUNT });
const texts = slot('array', () => 'expected an array of names or a matcher', { element: anyText });
const flagWord = (prefix: string) => slot('number', countValue, { flagPrefix: prefix });
const vlan = slot('number', (value) =>
  value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 4095)
    ? undefined
    : `expected a VLAN ID (0–4095) or null, got ${shown(value)}`,
);
const mac = slot('text', (value) =>
  typeof value === 'string' && isMac(value)
    ? undefined
    : `${shown(value)} is not a MAC address; expected 6 hex octets like 00-15-5D-00-00-01`,
);
const ruleId = slot('text', (value) =>
  typeof value === 'string' && /^R\d+$/.test(value) ? undefined : `${shown(value)} is not a rule id like "R21"`,
);
const segment = slot('object', anyValue, {
  members: { blockId: COUNT, usage: text('shared memory usage', USAGES), space: anyText, offset: COUNT, bytes: COUNT },
});
const nbl = slot('object', anyValue, { members: { QueueId: COUNT, FilterId: COUNT, frameId: COUNT } });

/** What each fact holds, so that a misspelt name or a word on the wrong kind of value is refused when loading. */
const FACT_SLOTS: Readonly<Record<string, Slot>> = {
  t: COUNT,
  requestId: COUNT,
  oid: text('OID', OID_NAMES),
  requestType: text('request type', REQUEST_TYPES),
  binding: anyText,
  issuedBy: text('issuer', ['NDIS', 'driver']),
  bufferLength: COUNT,
  buffer: ANY,
  layer: text('layer', LAYERS),
  status: text('NDIS status', STATUS_NAMES, { status: true }),
  pended: flag,
  BytesNeeded: COUNT,
  BytesRead: COUNT,
  BytesWritten: COUNT,
  output: ANY,
  code: text('status indication', STATUS_INDICATIONS),
  QueueId: COUNT,
  QueueState: text('operational state', OPERATIONAL_STATES),
  payload: ANY,
  causeRequestId: COUNT,
  reported: text('operational state', OPERATIONAL_STATES),
  changed: texts,
  cpu: COUNT,
  FilterId: COUNT,
  mac,
  vlanId: vlan,
  vlanAgnostic: flag,
  blockId: COUNT,
  space: anyText,
  usage: text('shared memory usage', USAGES),
  length: COUNT,
  buffers: COUNT,
  bufferSize: COUNT,
  backfill: COUNT,
  frameId: COUNT,
  dst: mac,
  flow: anyText,
  vlanStripped: flag,
  segments: slot('array', () => 'expected an array of segments or a matcher', { element: segment }),
  spaces: texts,
  reason: text('drop reason', DROP_REASONS),
  count: COUNT,
  frames: numbers,
  queues: numbers,
  indicationId: COUNT,
  ReceiveFlags: flagWord('NDIS_RECEIVE_FLAGS_'),
  mixesQueues: flag,
  nbls: slot('array', () => 'expected an array of NBLs or a matcher', { element: nbl }),
  ReturnFlags: flagWord('NDIS_RETURN_FLAGS_'),
  frameBytes: COUNT,
  intervalNs: COUNT,
  sent: COUNT,
  rule: ruleId,
  severity: text('severity', ['error', 'warning']),
  text: anyText,
  fault: text('fault', FAULT_KINDS),
  vm: anyText,
  effect: anyText,
};

/** A drop before any queue, and a fault aimed at every queue, have QueueId null. */
const queueOrNone = slot('number', (value) => (value === null ? undefined : countValue(value)));

/** `from` and `to` are a queue's driver-internal states, or the adapter's. */
const factSlot = (kind: TraceEventKind, fact: string): Slot =>
  fact === 'from' || fact === 'to'
    ? kind === 'adapter-state-changed'
      ? text('adapter state', ADAPTER_STATES)
      : text('queue state', QUEUE_STATES)
    : fact === 'QueueId' && (kind === 'frame-dropped' || kind === 'frames-dropped' || kind === 'fault-injected')
      ? queueOrNone
      : (FACT_SLOTS[fact] ?? ANY);

/** Problems with facts named for events of `kind` (a pattern's, or an `each`). */
function factIssues(facts: Record<string, unknown>, kind: TraceEventKind, path: PropertyKey[], skip: string[]) {
  const known: readonly string[] = ['t', ...EVENT_FACTS[kind]];
  return Object.entries(facts).flatMap(([fact, value]): Issue[] => {
    if (skip.includes(fact)) return [];
    if (!known.includes(fact))
      return [{ path: [...path, fact], message: unknownName(`fact of ${kind} events`, fact, known) }];
    return matchIssues(value, factSlot(kind, fact), [...path, fact]);
  });
}

function patternIssues(value: unknown, path: PropertyKey[]): Issue[] {
  if (!isRecord(value))
    return [
      { path, message: `expected an event pattern like { "event": "status-indicated", … }, got ${shown(value)}` },
    ];
  if (value.event === undefined)
    return [
      { path, message: 'an event pattern names its kind in "event", such as "status-indicated" or "nbls-indicated"' },
    ];
  if (!isKind(value.event))
    return [
      {
        path: [...path, 'event'],
        message:
          typeof value.event === 'string' ? unknownName('event', value.event, EVENT_KINDS) : 'expected an event kind',
      },
    ];
  return factIssues(value, value.event, path, ['event']);
}

/** Unknown keys of an entry, with a "did you mean". */
function keyIssues(entry: Record<string, unknown>, known: readonly string[], path: PropertyKey[]): Issue[] {
  return Object.keys(entry)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: [...path, key], message: unknownName('key', key, known) }));
}

function eventsEntryIssues(entry: unknown): Issue[] {
  if (!isRecord(entry))
    return [{ path: [], message: `expected { "where": { "event": … }, "count": …, "each": … }, got ${shown(entry)}` }];
  const issues = [...keyIssues(entry, ['where', 'count', 'each'], []), ...patternIssues(entry.where, ['where'])];
  if (entry.count !== undefined) issues.push(...matchIssues(entry.count, COUNT, ['count']));
  if (entry.each !== undefined) {
    if (!isRecord(entry.each) || Object.keys(entry.each).length === 0)
      issues.push({ path: ['each'], message: '"each" names facts every selected event must have' });
    else if (isRecord(entry.where) && isKind(entry.where.event))
      issues.push(...factIssues(entry.each, entry.where.event, ['each'], []));
  }
  return issues;
}

function orderEntryIssues(entry: unknown, durationProblem: (value: unknown) => string | undefined): Issue[] {
  const forms = '{ "sequence": [A, B, …], "within": duration } or { "after": A, "none": B }';
  if (!isRecord(entry)) return [{ path: [], message: `expected ${forms}, got ${shown(entry)}` }];
  if ('sequence' in entry) {
    const issues = keyIssues(entry, ['sequence', 'within'], []);
    if (!Array.isArray(entry.sequence) || entry.sequence.length === 0)
      return [...issues, { path: ['sequence'], message: '"sequence" takes an array of event patterns' }];
    issues.push(...entry.sequence.flatMap((pattern, i) => patternIssues(pattern, ['sequence', i])));
    const problem = entry.within === undefined ? undefined : durationProblem(entry.within);
    if (problem !== undefined) issues.push({ path: ['within'], message: problem });
    return issues;
  }
  if ('after' in entry || 'none' in entry) {
    const missing = ['after', 'none'].filter((key) => !(key in entry));
    return [
      ...keyIssues(entry, ['after', 'none'], []),
      ...missing.map((key) => ({ path: [], message: `${quoted(key)} is missing: ${forms}` })),
      ...(['after', 'none'] as const).flatMap((key) => (key in entry ? patternIssues(entry[key], [key]) : [])),
    ];
  }
  return [{ path: [], message: `expected ${forms}` }];
}

const savedRefIssue = (value: unknown, path: PropertyKey[]): Issue[] => {
  const ref = typeof value === 'string' ? parseRef(value) : null;
  return ref !== null && 'ref' in ref && ref.ref.kind === 'saved'
    ? []
    : [{ path, message: `expected a reference to a saved output like "$a.QueueId", got ${shown(value)}` }];
};

function valuesEntryIssues(entry: unknown): Issue[] {
  if (!isRecord(entry))
    return [
      { path: [], message: `expected { "value": "$a.Field", "is": … } or { "distinct": […] }, got ${shown(entry)}` },
    ];
  if ('distinct' in entry) {
    const issues = keyIssues(entry, ['distinct'], []);
    if (!Array.isArray(entry.distinct) || entry.distinct.length < 2)
      return [...issues, { path: ['distinct'], message: '"distinct" takes at least two references' }];
    return [...issues, ...entry.distinct.flatMap((ref, i) => savedRefIssue(ref, ['distinct', i]))];
  }
  const issues = [...keyIssues(entry, ['value', 'is', 'distinct'], []), ...savedRefIssue(entry.value, ['value'])];
  if (entry.is === undefined) issues.push({ path: ['is'], message: '"is" is missing: the value or matcher to hold' });
  else issues.push(...matchIssues(entry.is, ANY, ['is']));
  return issues;
}

/** A value checked by `issues`, then passed through as `T`. */
const checkedAs = <T>(issues: (value: unknown) => Issue[]) =>
  z.pipe(
    z.unknown().check(
      z.superRefine((value, ctx) => {
        for (const { path, message } of issues(value)) ctx.addIssue({ code: 'custom', path, message, input: value });
      }),
    ),
    z.transform((value) => value as T),
  );

export const eventsEntrySchema = checkedAs<EventsEntry>(eventsEntryIssues);
export const valuesEntrySchema = checkedAs<ValuesEntry>(valuesEntryIssues);

/** `within` is a duration, normalized to ns like every other duration. */
export const orderEntrySchema = (duration: z.ZodMiniType<number, unknown>) =>
  z.pipe(
    checkedAs<OrderEntry>((entry) =>
      orderEntryIssues(entry, (value) => {
        const parsed = duration.safeParse(value);
        return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'not a duration');
      }),
    ),
    z.transform((entry): OrderEntry => {
      if (!('sequence' in entry) || entry.within === undefined) return entry;
      return { ...entry, within: duration.parse(entry.within) };
    }),
  );
