/**
 * Evaluating expectations against the engine: each check reads as a sentence, e.g.
 * "queue 1 state: expected Running, got Paused" when it fails and "queue 1 state Running" when it holds.
 */
import { asQueueId, type Engine, type OidResult, type QueueId, type QueueView } from '../engine/index.ts';
import { canonicalMac, isMac } from './mac.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { ScenarioRuntimeError, isRecord, parseRef, resolveRef, resolveValue, type RefScope } from './refs.ts';
import type { ExpectSpec, OidExpect, QueueExpect } from './schema.ts';

export interface Check {
  ok: boolean;
  text: string;
}

const show = (value: unknown): string =>
  Array.isArray(value) ? `[${value.join(', ')}]` : typeof value === 'string' ? value : JSON.stringify(value);

function compare(label: string, expected: unknown, actual: unknown): Check {
  const ok = JSON.stringify(expected) === JSON.stringify(actual);
  return { ok, text: ok ? `${label} ${show(actual)}` : `${label}: expected ${show(expected)}, got ${show(actual)}` };
}

/** A queue ID written as a number or as "$name.QueueId". */
export function resolveQueueId(value: number | string, scope: RefScope): QueueId {
  const resolved = resolveValue(value, scope);
  if (typeof resolved !== 'number') throw new ScenarioRuntimeError(`${value} is ${show(resolved)}, not a queue ID`);
  return asQueueId(resolved);
}

/** The values a QueueExpect can name, read off the engine's view of the queue. */
export function queueFacts(view: QueueView) {
  return {
    state: view.state,
    reported: view.reported,
    filters: view.filterIds.length,
    pending: view.pending,
    outstandingNbls: view.outstandingNbls,
    buffers: view.buffers,
    cpu: view.cpu,
    classified: view.counters.classified,
    indicated: view.counters.indicated,
    returned: view.counters.returned,
  };
}

function checkQueue(expect: QueueExpect, engine: Engine, scope: RefScope): Check[] {
  const id = resolveQueueId(expect.QueueId, scope);
  const view = engine.queue(id);
  const exists = view !== undefined && view.state !== 'Undefined';
  const { QueueId: _, exists: expectedExists, dropped, ...fields } = expect;
  const checks: Check[] = [];
  if (expectedExists !== undefined) checks.push(compare(`queue ${id} exists`, expectedExists, exists));
  const wanted = Object.entries(fields).filter(([, value]) => value !== undefined);
  if (view === undefined) {
    // A queue that is not allocated (never, or freed) is in the Undefined state (§5.2: "not allocated"): that much can hold of it.
    const { state, ...others } = Object.fromEntries(wanted);
    if (state !== undefined) checks.push(compare(`queue ${id} state`, state, 'Undefined'));
    if (Object.keys(others).length > 0 || dropped !== undefined)
      checks.push({ ok: false, text: `queue ${id}: no such queue (it is not allocated)` });
    return checks;
  }
  const facts: Record<string, unknown> = queueFacts(view);
  for (const [field, value] of wanted) checks.push(compare(`queue ${id} ${field}`, value, facts[field]));
  for (const [reason, n] of Object.entries(dropped ?? {})) {
    checks.push(
      compare(
        `queue ${id} dropped ${reason}`,
        n,
        view.counters.dropped[reason as keyof typeof view.counters.dropped] ?? 0,
      ),
    );
  }
  return checks;
}

/** The checks of an `expect` step, against the engine now. */
export function checkState(expect: ExpectSpec, engine: Engine, scope: RefScope): Check[] {
  const view = engine.view();
  const checks: Check[] = [];
  for (const queue of expect.queue === undefined ? [] : [expect.queue].flat())
    checks.push(...checkQueue(queue, engine, scope));
  if (expect.totals !== undefined) {
    const { dropped, ...counts } = expect.totals;
    for (const [name, n] of Object.entries(counts)) {
      if (n !== undefined) checks.push(compare(`total ${name}`, n, view.totals[name as keyof typeof counts]));
    }
    for (const [reason, n] of Object.entries(dropped ?? {})) {
      checks.push(
        compare(`total dropped ${reason}`, n, view.totals.dropped[reason as keyof typeof view.totals.dropped] ?? 0),
      );
    }
  }
  for (const memory of expect.memory ?? []) {
    const queueId = memory.queueId === undefined ? undefined : resolveQueueId(memory.queueId, scope);
    const blocks = view.memory.filter(
      (b) =>
        (memory.space === undefined || b.space === memory.space) &&
        (memory.usage === undefined || b.usage === memory.usage) &&
        (queueId === undefined || b.queueId === queueId),
    );
    const which = [
      'shared memory',
      queueId === undefined ? '' : `of queue ${queueId}`,
      memory.usage ?? '',
      memory.space === undefined ? '' : `in ${memory.space}`,
    ]
      .filter((part) => part !== '')
      .join(' ');
    if (memory.count !== undefined) checks.push(compare(`${which} blocks`, memory.count, blocks.length));
    if (memory.bytes !== undefined)
      checks.push(
        compare(
          `${which} bytes`,
          memory.bytes,
          blocks.reduce((sum, b) => sum + b.length, 0),
        ),
      );
  }
  if (expect.violations !== undefined) {
    const seen = [...new Set(view.violations.map((v) => v.rule))].sort(byRuleNumber);
    checks.push(compare('violations', [...new Set(expect.violations)].sort(byRuleNumber), seen));
  }
  if (expect.adapter !== undefined) checks.push(compare('adapter state', expect.adapter, view.state));
  return checks;
}

const byRuleNumber = (a: string, b: string): number => Number(a.slice(1)) - Number(b.slice(1));

/** The checks of an OID step's `expect`, against its final result. */
export function checkOidResult(expect: OidExpect, result: OidResult, pended: boolean, scope: RefScope): Check[] {
  const checks: Check[] = [];
  if (expect.status !== undefined) {
    const check = compare('status', expect.status, result.status);
    checks.push(check.ok || result.message === '' ? check : { ok: false, text: `${check.text} (${result.message})` });
  }
  if (expect.pended !== undefined) checks.push(compare('pended', expect.pended, pended));
  if (expect.layer !== undefined) checks.push(compare('layer', expect.layer, result.layer));
  if (expect.bytesNeeded !== undefined) checks.push(compare('BytesNeeded', expect.bytesNeeded, result.bytesNeeded));
  if (expect.output !== undefined) {
    const mismatches =
      result.output === undefined
        ? ['output: the request returned no output']
        : matchPartial(expect.output, result.output, 'output', scope);
    checks.push({
      ok: mismatches.length === 0,
      text: mismatches.length === 0 ? 'output matches' : mismatches.join('; '),
    });
  }
  return checks;
}

/**
 * Mismatches between an expected partial value and the actual one: objects match when every expected key
 * matches (others are ignored); arrays element by element with equal length; strings may be references,
 * NDIS names (equal to the name or its number) or MACs (any spelling); an array of NDIS flag names also
 * matches the number they OR to.
 */
export function matchPartial(expected: unknown, actual: unknown, path: string, scope: RefScope): string[] {
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual ? matchPartial(value, actual[key], `${path}.${key}`, scope) : [`${path}.${key}: missing`],
    );
  }
  if (Array.isArray(expected)) {
    const flags = typeof actual === 'number' ? flagWord(expected) : undefined;
    if (flags !== undefined)
      return flags === actual ? [] : [`${path}: expected ${show(expected)} (${flags}), got ${actual}`];
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((value, i) => matchPartial(value, actual[i], `${path}[${i}]`, scope));
  }
  return scalarMatches(expected, actual, scope) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

/** The OR of an array of NDIS names, or undefined when it is not one. */
function flagWord(names: unknown[]): number | undefined {
  let word = 0;
  for (const name of names) {
    const named = typeof name === 'string' && looksLikeNdisName(name) ? ndisValue(name) : undefined;
    if (named === undefined || 'error' in named) return undefined;
    word = (word | named.value) >>> 0;
  }
  return word;
}

function scalarMatches(expected: unknown, actual: unknown, scope: RefScope): boolean {
  if (typeof expected !== 'string') return expected === actual;
  const ref = parseRef(expected);
  if (ref !== null && 'ref' in ref)
    return matchPartial(resolveRef(ref.ref, expected, scope), actual, '', scope).length === 0;
  if (looksLikeNdisName(expected)) {
    const named = ndisValue(expected);
    return actual === expected || ('value' in named && actual === named.value);
  }
  if (typeof actual === 'string' && isMac(expected) && isMac(actual))
    return canonicalMac(expected) === canonicalMac(actual);
  return expected === actual;
}
