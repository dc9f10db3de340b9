/**
 * Evaluating expectations against the engine: each check reads as a sentence, e.g.
 * "queue 1 state: expected Running, got Paused" when it fails and "queue 1 state Running" when it holds.
 */
import { asQueueId, type Engine, type OidResult, type QueueId, type QueueView } from '../engine/index.ts';
import { bytesReadAndWritten } from './eventFacts.ts';
import { type Check, expectedText, match, show } from './match.ts';
import { ScenarioRuntimeError, resolveValue, type RefScope } from './refs.ts';
import type { ExpectSpec, OidExpect, QueueExpect } from './schema.ts';
import { checkEvents, checkOrder, type RecordedTrace } from './traceChecks.ts';

export type { Check };

/** One value judged: "queue 1 state Running", or "queue 1 state: expected Running, got Paused". */
function judge(label: string, expected: unknown, actual: unknown, scope: RefScope): Check {
  const problems = match(expected, actual, label, scope);
  return { ok: problems.length === 0, text: problems.length === 0 ? `${label} ${show(actual)}` : problems.join('; ') };
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
  if (expectedExists !== undefined) checks.push(judge(`queue ${id} exists`, expectedExists, exists, scope));
  const wanted = Object.entries(fields).filter(([, value]) => value !== undefined);
  if (view === undefined) {
    // A queue that is not allocated (never, or freed) is in the Undefined state (§5.2: "not allocated"): that much can hold of it.
    const { state, ...others } = Object.fromEntries(wanted);
    if (state !== undefined) checks.push(judge(`queue ${id} state`, state, 'Undefined', scope));
    if (Object.keys(others).length > 0 || dropped !== undefined)
      checks.push({ ok: false, text: `queue ${id}: no such queue (it is not allocated)` });
    return checks;
  }
  const facts: Record<string, unknown> = queueFacts(view);
  for (const [field, value] of wanted) checks.push(judge(`queue ${id} ${field}`, value, facts[field], scope));
  for (const [reason, n] of Object.entries(dropped ?? {})) {
    checks.push(
      judge(
        `queue ${id} dropped ${reason}`,
        n,
        view.counters.dropped[reason as keyof typeof view.counters.dropped] ?? 0,
        scope,
      ),
    );
  }
  return checks;
}

/** The checks of an `expect` step, against the engine now and the trace recorded so far. */
export function checkState(expect: ExpectSpec, engine: Engine, scope: RefScope, trace: RecordedTrace): Check[] {
  const view = engine.view();
  const checks: Check[] = [];
  for (const queue of expect.queue === undefined ? [] : [expect.queue].flat())
    checks.push(...checkQueue(queue, engine, scope));
  if (expect.totals !== undefined) {
    const { dropped, ...counts } = expect.totals;
    for (const [name, n] of Object.entries(counts)) {
      if (n !== undefined) checks.push(judge(`total ${name}`, n, view.totals[name as keyof typeof counts], scope));
    }
    for (const [reason, n] of Object.entries(dropped ?? {})) {
      const actual = view.totals.dropped[reason as keyof typeof view.totals.dropped] ?? 0;
      checks.push(judge(`total dropped ${reason}`, n, actual, scope));
    }
  }
  for (const memory of expect.memory ?? []) checks.push(...checkMemory(memory, view.memory, scope));
  if (expect.violations !== undefined) {
    const seen = [...new Set(view.violations.map((v) => v.rule))].sort(byRuleNumber);
    const wanted = [...new Set(expect.violations)].sort(byRuleNumber);
    // A set of rule ids: say which, not "expected 0 elements, got 1".
    const same = JSON.stringify(wanted) === JSON.stringify(seen);
    checks.push({
      ok: same,
      text: same ? `violations ${show(seen)}` : `violations: expected ${show(wanted)}, got ${show(seen)}`,
    });
  }
  if (expect.adapter !== undefined) checks.push(judge('adapter state', expect.adapter, view.state, scope));
  for (const entry of expect.events ?? []) checks.push(...checkEvents(entry, trace, scope));
  for (const entry of expect.order ?? []) checks.push(checkOrder(entry, trace, scope));
  for (const entry of expect.values ?? []) checks.push(checkValues(entry, scope));
  return checks;
}

const byRuleNumber = (a: string, b: string): number => Number(a.slice(1)) - Number(b.slice(1));

type MemoryExpect = NonNullable<ExpectSpec['memory']>[number];
type Block = ReturnType<Engine['view']>['memory'][number];

/** The blocks an entry selects, their count and bytes, and the per-block facts of every one of them. */
function checkMemory(memory: MemoryExpect, allBlocks: readonly Block[], scope: RefScope): Check[] {
  const queueId = memory.QueueId === undefined ? undefined : resolveQueueId(memory.QueueId, scope);
  const blocks = allBlocks.filter(
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
  const perBlock = { buffers: memory.buffers, bufferSize: memory.bufferSize, backfill: memory.backfill };
  const asked = Object.entries(perBlock).filter(([, value]) => value !== undefined);
  const checks: Check[] = [];
  // Per-block facts of no block would hold for nothing: without a count they need at least one block.
  const count = memory.count ?? (asked.length > 0 ? { gte: 1 } : undefined);
  if (count !== undefined) checks.push(judge(`${which} blocks`, count, blocks.length, scope));
  if (memory.bytes !== undefined)
    checks.push(
      judge(
        `${which} bytes`,
        memory.bytes,
        blocks.reduce((sum, b) => sum + b.length, 0),
        scope,
      ),
    );
  for (const block of blocks) {
    const facts = { buffers: block.buffers, bufferSize: block.bufferStride, backfill: block.backfill };
    for (const [fact, value] of asked) {
      const check = judge(`block ${block.blockId} (${which}) ${fact}`, value, facts[fact as keyof typeof facts], scope);
      if (!check.ok) checks.push(check);
    }
  }
  if (asked.length > 0 && blocks.length > 0 && checks.every((c) => c.ok))
    checks.push({
      ok: true,
      text: `every block of ${which} has ${asked.map(([f, v]) => `${f} ${expectedText(v, scope)}`).join(', ')}`,
    });
  return checks;
}

type ValuesEntry = NonNullable<ExpectSpec['values']>[number];

function checkValues(entry: ValuesEntry, scope: RefScope): Check {
  if ('distinct' in entry) {
    const values = entry.distinct.map((ref) => resolveValue(ref, scope));
    const seen = new Map<string, string>();
    for (const [i, value] of values.entries()) {
      const key = JSON.stringify(value);
      const earlier = seen.get(key);
      const ref = entry.distinct[i] as string;
      if (earlier !== undefined)
        return { ok: false, text: `${earlier} and ${ref} are both ${show(value)}; expected distinct values` };
      seen.set(key, ref);
    }
    return { ok: true, text: `${entry.distinct.join(', ')} are distinct: ${show(values)}` };
  }
  return judge(entry.value, entry.is, resolveValue(entry.value, scope), scope);
}

/** The checks of an OID step's `expect`, against its final result. */
export function checkOidResult(expect: OidExpect, result: OidResult, pended: boolean, scope: RefScope): Check[] {
  const checks: Check[] = [];
  if (expect.status !== undefined) {
    const check = judge('status', expect.status, result.status, scope);
    checks.push(check.ok || result.message === '' ? check : { ok: false, text: `${check.text} (${result.message})` });
  }
  if (expect.pended !== undefined) checks.push(judge('pended', expect.pended, pended, scope));
  if (expect.layer !== undefined) checks.push(judge('layer', expect.layer, result.layer, scope));
  const bytes = { BytesNeeded: result.bytesNeeded, ...bytesReadAndWritten(result) };
  for (const name of ['BytesNeeded', 'BytesRead', 'BytesWritten'] as const)
    if (expect[name] !== undefined) checks.push(judge(name, expect[name], bytes[name], scope));
  if (expect.output !== undefined) {
    const mismatches =
      result.output === undefined
        ? ['output: the request returned no output']
        : match(expect.output, result.output, 'output', scope);
    checks.push({
      ok: mismatches.length === 0,
      text: mismatches.length === 0 ? 'output matches' : mismatches.join('; '),
    });
  }
  return checks;
}
