/**
 * Judging `events` and `order` over the recorded trace facts (traceRecord.ts); each check reads as a sentence:
 * "3 status-indicated events with QueueId 1, QueueState …DmaStopped: expected 1, got 3".
 */
import { formatMicros } from './duration.ts';
import type { TraceEventKind } from '../engine/index.ts';
import { type Facts, PER_FRAME_FACTS, PER_FRAME_KINDS } from './eventFacts.ts';
import { type Check, expectedText, match } from './match.ts';
import type { RefScope } from './refs.ts';
import type { EventPattern, EventsEntry, OrderEntry } from './traceSchema.ts';

const AT_LEAST_ONE = { gte: 1 };

/** "status-indicated with QueueId 1, QueueState NdisReceiveQueueOperationalStateDmaStopped". */
export function patternText(pattern: EventPattern, scope: RefScope): string {
  const { event, ...facts } = pattern;
  const parts = Object.entries(facts).map(([fact, value]) => `${fact} ${expectedText(value, scope)}`);
  return parts.length === 0 ? event : `${event} with ${parts.join(', ')}`;
}

const fits = (pattern: EventPattern, facts: Facts, scope: RefScope) => match(pattern, facts, '', scope).length === 0;

/** The facts a run recorded, which kinds it recorded, and whether it traced single frames (options.traceFrames). */
export interface RecordedTrace {
  facts: Facts[];
  kinds: ReadonlySet<TraceEventKind>;
  perFrame: boolean;
}

/** An event kind a check names, with every fact key it names at any depth (an events entry's `each` included). */
export interface PatternUse {
  event: TraceEventKind;
  facts: string[];
}

const useOf = (pattern: EventPattern, more: object = {}): PatternUse => ({
  event: pattern.event,
  facts: [...keysIn(pattern), ...keysIn(more)],
});
const eventsUses = (entry: EventsEntry): PatternUse[] => [useOf(entry.where, entry.each)];
const orderUses = (entry: OrderEntry): PatternUse[] =>
  ('sequence' in entry ? entry.sequence : [entry.after, entry.none]).map((pattern) => useOf(pattern));

/** What the `events` and `order` blocks of these expectations name: what a session must record and trace. */
export const patternUses = (expects: readonly { events?: EventsEntry[]; order?: OrderEntry[] }[]): PatternUse[] =>
  expects.flatMap((expect) => [
    ...(expect.events ?? []).flatMap(eventsUses),
    ...(expect.order ?? []).flatMap(orderUses),
  ]);

/** A use that needs per-frame tracing: a per-frame kind, or a fact about single frames. */
export const needsFrames = ({ event, facts }: PatternUse): boolean =>
  PER_FRAME_KINDS.has(event) || facts.some((fact) => PER_FRAME_FACTS.has(fact));

/** Every key named at any depth (`nbls: { every: { frameId: … } }` names frameId). */
const keysIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysIn)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, item]) => [key, ...keysIn(item)])
      : [];

/**
 * Why these uses cannot be judged on this trace, if they cannot: a kind the session did not record, or facts about
 * single frames without per-frame tracing. Such a check fails, so that "count: 0" never holds for want of events.
 */
function unjudgeable(uses: PatternUse[], trace: RecordedTrace): string | undefined {
  for (const use of uses) {
    if (!trace.kinds.has(use.event))
      return `${use.event} events were not recorded: the session was made without this check (pass it as alsoChecks)`;
    if (!trace.perFrame && needsFrames(use))
      return `${use.event} ${PER_FRAME_KINDS.has(use.event) ? 'events' : 'facts about single frames'} need per-frame tracing, and this adapter has options.traceFrames false`;
  }
  return undefined;
}

export function checkEvents(entry: EventsEntry, trace: RecordedTrace, scope: RefScope): Check[] {
  const cannot = unjudgeable(eventsUses(entry), trace);
  if (cannot !== undefined) return [{ ok: false, text: `${patternText(entry.where, scope)}: ${cannot}` }];
  const { facts } = trace;
  const selected = facts.filter((f) => fits(entry.where, f, scope));
  const which = patternText(entry.where, scope);
  const wanted = entry.count ?? AT_LEAST_ONE;
  const counted = match(wanted, selected.length, '', scope).length === 0;
  const checks: Check[] = [
    {
      ok: counted,
      text: counted
        ? `${selected.length} ${which}`
        : `${which}: expected ${expectedText(wanted, scope)} ${wanted === 1 ? 'event' : 'events'}, got ${selected.length}`,
    },
  ];
  if (entry.each !== undefined) {
    for (const event of selected) {
      // "nbls-indicated at 2.000 µs: cpu: expected 3, got 1": the event, then the fact that differs.
      const problems = match(entry.each, event, '', scope).map(
        (p) => `${event.event} at ${formatMicros(event.t)} µs: ${p.replace(/^\./, '')}`,
      );
      if (problems.length > 0) {
        checks.push({ ok: false, text: problems.join('; ') });
        return checks;
      }
    }
    if (selected.length > 0)
      checks.push({ ok: true, text: `every ${entry.where.event} selected has ${expectedText(entry.each, scope)}` });
  }
  return checks;
}

export function checkOrder(entry: OrderEntry, trace: RecordedTrace, scope: RefScope): Check {
  const cannot = unjudgeable(orderUses(entry), trace);
  if (cannot !== undefined) return { ok: false, text: `order: ${cannot}` };
  const { facts } = trace;
  if ('sequence' in entry) return checkSequence(entry.sequence, entry.within, facts, scope);
  const after = facts.findIndex((f) => fits(entry.after, f, scope));
  const afterText = patternText(entry.after, scope);
  if (after < 0) return { ok: false, text: `order: no ${afterText} happened` };
  const start = facts[after] as Facts;
  const offending = facts.slice(after + 1).find((f) => fits(entry.none, f, scope));
  const noneText = patternText(entry.none, scope);
  return offending === undefined
    ? { ok: true, text: `order: no ${noneText} after ${afterText} (t = ${formatMicros(start.t)} µs)` }
    : {
        ok: false,
        text: `order: ${noneText} at t = ${formatMicros(offending.t)} µs, after ${afterText} (t = ${formatMicros(start.t)} µs)`,
      };
}

function checkSequence(sequence: EventPattern[], within: number | undefined, facts: Facts[], scope: RefScope): Check {
  let from = 0;
  const found: Facts[] = [];
  for (const pattern of sequence) {
    const index = facts.findIndex((f, i) => i >= from && fits(pattern, f, scope));
    if (index < 0) {
      const previous = found.at(-1);
      const after = previous === undefined ? '' : ` after ${previous.event} (t = ${formatMicros(previous.t)} µs)`;
      return { ok: false, text: `order:${after} no ${patternText(pattern, scope)}` };
    }
    found.push(facts[index] as Facts);
    from = index + 1;
  }
  const first = found[0] as Facts;
  const last = found.at(-1) as Facts;
  const spanNs = last.t - first.t;
  const text = `order: ${found.map((f) => `${f.event} (${formatMicros(f.t)} µs)`).join(' → ')}`;
  if (within !== undefined && spanNs > within)
    return { ok: false, text: `${text}: took ${formatMicros(spanNs)} µs, expected within ${formatMicros(within)} µs` };
  return { ok: true, text };
}
