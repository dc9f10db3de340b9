/**
 * Independent tests of held instants (protocol v5): Step event shows one trace event at a time, playing shows each
 * queue state of a multi-state instant for a beat, other commands let the held rest out first, and Step back
 * retraces exactly. Written from the behaviour description, docs/ndis-reference.md (§3.9, §5, R22–R24) and
 * docs/decisions.md ("Instants are shown a piece at a time"), without reading the implementation.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdapterView, TraceEvent } from '../engine/index.ts';
import type { SimCommandInput, StepKind } from '../protocol/commands.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createScenarioSession, runScenario, type ScenarioSession } from '../scenario/session.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const FREE_PROPERLY = 'free-queue-properly.json';
const DEFAULT_STORY = 'vmq-in-a-minute.json';
const OUTSTANDING = 'free-with-outstanding-nbls.json';
/** A query with no effect on the adapter; no built-in story used below issues it. */
const HARMLESS: SimCommandInput = { type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' } };
/** The brief's limit: instants with more events than this are delivered whole. */
const HOLD_LIMIT = 256;

type Harness = ReturnType<typeof harness>;

function parsed(file: string): Scenario {
  const result = parseScenario(scenarioText(file));
  if (!result.ok) throw new Error(`${file} does not parse`);
  return result.scenario;
}

function parseText(text: string): Scenario {
  const result = parseScenario(text);
  if (!result.ok) throw new Error(`scenario does not parse: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.scenario;
}

/** The reference trace: the scenario run directly, without a host. */
function directRun(file: string) {
  return runScenario(parsed(file));
}

/** The engine's view after the whole scenario ran directly. */
function directFinalView(text: string): AdapterView {
  const session: ScenarioSession = createScenarioSession(parseText(text));
  session.runToEnd();
  return session.engine.view();
}

function load(file: string, options?: { text?: string }): Harness & { first: BatchMessage } {
  const h = harness();
  const reply = h.send({ type: 'load-scenario', scenario: options?.text ?? scenarioText(file), source: file });
  if (reply?.type !== 'scenario-loaded') throw new Error(`${file} did not load: ${JSON.stringify(reply)}`);
  return { ...h, first: h.pull() };
}

/** Sends a command, then pulls until the backlog is empty; returns every batch. */
function act(h: Harness, command: SimCommandInput | null, wallMs = 16): BatchMessage[] {
  if (command) h.send(command);
  const batches = [h.pull(wallMs)];
  for (let i = 0; i < 1000 && (batches.at(-1) as BatchMessage).stats.backlog > 0; i++) batches.push(h.pull(0));
  return batches;
}

const last = <T>(items: readonly T[]): T => {
  const item = items.at(-1);
  if (item === undefined) throw new Error('empty');
  return item;
};

/** Event identity for trace comparisons. */
const idOf = (e: TraceEvent) => `${e.seq}:${e.kind}@${e.t}`;

/** Drops the fields a user's extra request shifts (seq, request ids), so traces can be compared modulo it. */
function strip<T>(value: T): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      key === 'seq' || key === 'requestId' || key === 'causeRequestId' ? undefined : v,
    ),
  );
}

const withoutNow = (view: AdapterView) => strip({ ...view, nowNs: 0 });

const queueStates = (view: AdapterView) => view.queues.map((q) => `${q.QueueId}:${q.state}`).join(',');

/**
 * Follows the batches the way the UI does: checks the batch invariants, applies rewound cuts, and keeps the trace
 * as the UI would show it.
 */
class Trace {
  readonly events: TraceEvent[] = [];
  omitted = 0;
  #lastBatchSeq: number | undefined;
  #lastToNs: number | undefined;
  #sessionId: number | undefined;

  apply(batch: BatchMessage): void {
    if (this.#sessionId !== undefined && batch.sessionId !== this.#sessionId) {
      this.events.length = 0;
      this.omitted = 0;
      this.#lastToNs = undefined;
    }
    this.#sessionId = batch.sessionId;
    if (this.#lastBatchSeq !== undefined) expect(batch.seq, 'batch seq +1 per batch').toBe(this.#lastBatchSeq + 1);
    this.#lastBatchSeq = batch.seq;
    expect(batch.toNs, 'toNs >= fromNs').toBeGreaterThanOrEqual(batch.fromNs);
    if (batch.rewound) {
      const cut = batch.rewound.lastEventSeq;
      while (this.events.length > 0 && last(this.events).seq > cut) this.events.pop();
    } else if (this.#lastToNs !== undefined) {
      expect(batch.toNs, 'toNs never goes back without a rewind').toBeGreaterThanOrEqual(this.#lastToNs);
    }
    this.#lastToNs = batch.toNs;
    for (const event of batch.events) {
      const previous = this.events.at(-1);
      if (previous)
        expect(event.seq, `event seqs increase (${idOf(previous)} then ${idOf(event)})`).toBeGreaterThan(previous.seq);
      this.events.push(event);
    }
    for (const gap of batch.omitted) this.omitted += gap.omitted;
    expect(batch.stats.heldEvents).toBeGreaterThanOrEqual(0);
    if (batch.stats.heldEvents > 0) expect(batch.stats.finished, 'not finished while events are held').toBe(false);
    // Events in the backlog (batch full) are produced and not held; they come with the next pulls.
    expect(
      batch.stats.eventCount - batch.stats.heldEvents - batch.stats.backlog,
      'eventCount − heldEvents − backlog = events delivered',
    ).toBe(this.events.length + this.omitted);
  }

  applyAll(batches: readonly BatchMessage[]): void {
    for (const batch of batches) this.apply(batch);
  }
}

/** What a trace prefix says the adapter holds: each queue's last state, live memory blocks and filters. */
function stateFromTrace(events: readonly TraceEvent[]) {
  const queues = new Map<number, string>([[0, 'Running']]);
  const memory = new Set<number>();
  const filters = new Set<number>();
  for (const e of events) {
    if (e.kind === 'queue-state-changed') {
      if (e.to === 'Undefined') queues.delete(e.queueId);
      else queues.set(e.queueId, e.to);
    } else if (e.kind === 'memory-allocated') memory.add(e.blockId);
    else if (e.kind === 'memory-freed') memory.delete(e.blockId);
    else if (e.kind === 'filter-set') filters.add(e.filterId);
    else if (e.kind === 'filter-cleared') filters.delete(e.filterId);
  }
  return {
    queues: [...queues].sort((a, b) => a[0] - b[0]).map(([id, state]) => `${id}:${state}`),
    memory: [...memory].sort((a, b) => a - b),
    filters: [...filters].sort((a, b) => a - b),
  };
}

function stateOfView(view: AdapterView) {
  return {
    queues: view.queues
      .map((q) => `${q.QueueId}:${q.state}`)
      .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10)),
    memory: view.memory.map((m) => m.blockId).sort((a, b) => a - b),
    filters: view.filters.map((f) => f.FilterId).sort((a, b) => a - b),
  };
}

/** Steps a fresh host by 'event' to the end, recording the view at every delivered count (the reference). */
function eventStepped(file: string, text?: string) {
  const h = load(file, text === undefined ? undefined : { text });
  const trace = new Trace();
  trace.apply(h.first);
  const batches: BatchMessage[] = [h.first];
  const viewAt = new Map<number, { view: AdapterView; held: number }>();
  viewAt.set(trace.events.length, { view: h.first.view, held: 0 });
  for (let i = 0; i < 5000 && !last(batches).stats.finished; i++) {
    const got = act(h, { type: 'step', kind: 'event' });
    trace.applyAll(got);
    batches.push(...got);
    viewAt.set(trace.events.length, { view: last(got).view, held: last(got).stats.heldEvents });
  }
  expect(last(batches).stats.finished).toBe(true);
  return { batches, trace, viewAt };
}

const referenceCache = new Map<string, ReturnType<typeof eventStepped>>();
const referenceOf = (file: string) => {
  let ref = referenceCache.get(file);
  if (!ref) {
    ref = eventStepped(file);
    referenceCache.set(file, ref);
  }
  return ref;
};

describe('Step event walks an instant one trace event at a time', () => {
  for (const file of [FREE_PROPERLY, DEFAULT_STORY]) {
    it(`${file}: at most one event per batch, none only when the instant had none; the trace equals a direct run`, () => {
      const h = load(file);
      const trace = new Trace();
      trace.apply(h.first);
      let previous = h.first;
      for (let i = 0; i < 5000 && !previous.stats.finished; i++) {
        const batches = act(h, { type: 'step', kind: 'event' });
        expect(batches).toHaveLength(1);
        const batch = last(batches);
        trace.apply(batch);
        expect(batch.events.length).toBeLessThanOrEqual(1);
        if (batch.events.length === 0) {
          // Nothing shown: then nothing was produced and nothing is held.
          expect(batch.stats.eventCount).toBe(previous.stats.eventCount);
          expect(batch.stats.heldEvents).toBe(0);
        }
        if (previous.stats.heldEvents > 0) {
          // Inside an instant: the next held event, no engine progress.
          expect(batch.events).toHaveLength(1);
          expect(batch.stats.heldEvents).toBe(previous.stats.heldEvents - 1);
          expect(batch.stats.eventCount).toBe(previous.stats.eventCount);
          expect(batch.stats.nextStepIndex).toBe(previous.stats.nextStepIndex);
        }
        previous = batch;
      }
      expect(previous.stats.finished).toBe(true);
      expect(previous.stats.heldEvents).toBe(0);
      const direct = directRun(file);
      expect(trace.events.map(idOf)).toEqual(direct.events.map(idOf));
      expect(trace.events).toEqual(direct.events);
      expect(previous.view).toEqual(directFinalView(scenarioText(file)));
      expect(previous.report.expectations).toEqual(direct.report.expectations);
    });

    it(`${file}: no view shows a queue state, block or filter the delivered trace has not reached`, () => {
      const { batches, trace } = referenceOf(file);
      const replay = new Trace();
      for (const batch of batches) {
        replay.apply(batch);
        expect(stateOfView(batch.view), `after ${replay.events.at(-1) && idOf(last(replay.events))}`).toEqual(
          stateFromTrace(replay.events),
        );
      }
      expect(replay.events.length).toBe(trace.events.length);
    });

    it(`${file}: where an instant ends, Step event shows what Step instant shows`, () => {
      const { batches } = referenceOf(file);
      const h = load(file);
      const byInstant = new Map<number, AdapterView>();
      const trace = new Trace();
      trace.apply(h.first);
      byInstant.set(trace.events.length, h.first.view);
      for (let i = 0; i < 5000; i++) {
        const got = act(h, { type: 'step', kind: 'instant' });
        trace.applyAll(got);
        const batch = last(got);
        expect(batch.stats.heldEvents, "'instant' holds nothing").toBe(0);
        if (!byInstant.has(trace.events.length)) byInstant.set(trace.events.length, batch.view);
        if (batch.stats.finished) break;
      }
      const replay = new Trace();
      let compared = 0;
      for (const batch of batches) {
        replay.apply(batch);
        if (batch.events.length === 0 || batch.stats.heldEvents > 0) continue;
        const expected = byInstant.get(replay.events.length);
        expect(expected, `Step instant stops after ${idOf(last(replay.events))} too`).toBeDefined();
        expect(batch.view).toEqual(expected);
        compared++;
      }
      expect(compared).toBeGreaterThan(10);
    });
  }

  it('every built-in scenario: Step event to the end gives the direct trace, and each view agrees with it', () => {
    const files = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url))).filter((f) =>
      f.endsWith('.json'),
    );
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const { batches, trace } = referenceOf(file);
      expect(trace.events, file).toEqual(directRun(file).events);
      const replay = new Trace();
      for (const batch of batches) {
        replay.apply(batch);
        if (batch !== batches[0]) expect(batch.events.length, file).toBeLessThanOrEqual(1);
        expect(stateOfView(batch.view), `${file} after ${idOf(last(replay.events))}`).toEqual(
          stateFromTrace(replay.events),
        );
      }
      expect(last(batches).view, file).toEqual(directFinalView(scenarioText(file)));
    }
  });

  it('R22 free-queue-properly.json: Stop DMA, the DmaStopped indication, Freeing, the free and the completion are seen in that order', () => {
    const { batches } = referenceOf(FREE_PROPERLY);
    const replay = new Trace();
    // The freed queue as each view shows it, from its FREE_QUEUE request to its completion.
    const seen: string[] = [];
    let freeRequestId: number | undefined;
    let freedQueue: number | undefined;
    for (const batch of batches) {
      replay.apply(batch);
      const event = batch.events[0];
      if (event?.kind === 'oid-requested' && event.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE') {
        freeRequestId = event.requestId;
        freedQueue = (event.buffer as { QueueId: number }).QueueId;
      }
      if (freeRequestId === undefined || freedQueue === undefined || !event) continue;
      const queue = batch.view.queues.find((q) => q.QueueId === freedQueue);
      const blocks = batch.view.memory.filter((m) => m.queueId === freedQueue).length;
      seen.push(`${event.kind} | ${queue ? `${queue.state}/${queue.reported}` : 'gone'} | blocks ${blocks}`);
      if (event.kind === 'oid-completed' && event.result.requestId === freeRequestId) break;
    }
    expect(seen).toEqual([
      'oid-requested | Paused/NdisReceiveQueueOperationalStatePaused | blocks 1',
      'queue-state-changed | StopDma/NdisReceiveQueueOperationalStateDmaStopped | blocks 1',
      'status-indicated | StopDma/NdisReceiveQueueOperationalStateDmaStopped | blocks 1',
      'queue-state-changed | Freeing/NdisReceiveQueueOperationalStateDmaStopped | blocks 1',
      'memory-freed | Freeing/NdisReceiveQueueOperationalStateDmaStopped | blocks 0',
      'queue-state-changed | gone | blocks 0',
      'oid-completed | gone | blocks 0',
    ]);
  });

  it('R22 R23 every DmaStopped indication answers a FREE_QUEUE of that queue, comes once, before its memory is freed and its OID completes', () => {
    for (const file of [FREE_PROPERLY, DEFAULT_STORY, OUTSTANDING]) {
      const { trace } = referenceOf(file);
      const frees = new Map<number, { queueId: number; indications: number; freedAt?: number; completedAt?: number }>();
      trace.events.forEach((e, index) => {
        if (e.kind === 'oid-requested' && e.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE')
          frees.set(e.requestId, { queueId: (e.buffer as { QueueId: number }).QueueId, indications: 0 });
        if (e.kind === 'status-indicated' && e.queueState === 'NdisReceiveQueueOperationalStateDmaStopped') {
          expect(e.queueId, 'R23 never for queue 0').not.toBe(0);
          const free = [...frees.values()].find((f) => f.queueId === e.queueId && f.completedAt === undefined);
          expect(free, `R23 DmaStopped for queue ${e.queueId} without a FREE_QUEUE`).toBeDefined();
          if (!free) return;
          expect(free.freedAt, 'R22 indicated before the memory is freed').toBeUndefined();
          expect(e.code).toBe('NDIS_STATUS_RECEIVE_QUEUE_STATE');
          expect(e.payload).toMatchObject({
            Header: { Type: 0x80, Revision: 1, Size: 16 },
            QueueId: e.queueId,
            QueueState: 3,
          });
          free.indications++;
        }
        if (e.kind === 'memory-freed') {
          const free = [...frees.values()].find((f) => f.queueId === e.queueId && f.completedAt === undefined);
          if (free) free.freedAt = index;
        }
        if (e.kind === 'oid-completed' && frees.has(e.result.requestId)) {
          const free = frees.get(e.result.requestId);
          if (free) free.completedAt = index;
        }
      });
      expect(frees.size).toBeGreaterThan(0);
      for (const free of frees.values()) {
        expect(free.indications, `R22 exactly one DmaStopped for queue ${free.queueId} (${file})`).toBe(1);
        expect(free.freedAt).toBeDefined();
        expect(free.completedAt).toBeGreaterThan(free.freedAt ?? Number.POSITIVE_INFINITY);
      }
    }
  });

  it('the view after each event shows that event done (a DMA write fills its slot, counters follow the trace)', () => {
    // "view = the engine's view right after that event, even inside one instant".
    const problems: string[] = [];
    for (const file of [DEFAULT_STORY, FREE_PROPERLY]) {
      const { batches } = referenceOf(file);
      const indicated = new Map<number, number>();
      let arrived = 0;
      for (const batch of batches) {
        for (const e of batch.events) {
          const queue = (id: number) => batch.view.queues.find((q) => q.QueueId === id);
          if (e.kind === 'frame-arrived') arrived++;
          if (e.kind === 'queue-state-changed' && e.from === 'Undefined') indicated.set(e.queueId, 0);
          if (e.kind === 'nbls-indicated')
            for (const part of e.parts) indicated.set(part.queueId, (indicated.get(part.queueId) ?? 0) + part.count);
          if (e.kind === 'dma-written') {
            const slot = queue(e.queueId)?.ring.slots[e.slot];
            if (slot !== 'dma-written')
              problems.push(
                `${file}: after ${idOf(e)} (queue ${e.queueId} slot ${e.slot}, ${batch.stats.heldEvents} held) the view's slot is ${slot}`,
              );
          }
          for (const [id, count] of indicated) {
            const q = queue(id);
            if (q && q.counters.indicated !== count)
              problems.push(`${file}: after ${idOf(e)} queue ${id} indicated ${q.counters.indicated}, trace ${count}`);
          }
          if (batch.view.totals.arrived !== arrived)
            problems.push(`${file}: after ${idOf(e)} arrived ${batch.view.totals.arrived}, trace ${arrived}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe('Step back retraces held instants exactly', () => {
  it('takes back one held event at a time, then restores the checkpoint before the instant', () => {
    const h = load(FREE_PROPERLY);
    for (let i = 0; i < 12; i++) act(h, { type: 'step', kind: 'scenario-step' });
    const before = last(act(h, { type: 'pause' }));
    const forward: BatchMessage[] = [];
    for (let i = 0; i < 5; i++) forward.push(last(act(h, { type: 'step', kind: 'event' })));
    expect(forward.map((b) => b.events.map((e) => e.kind).join())).toEqual([
      'oid-requested',
      'queue-state-changed',
      'status-indicated',
      'queue-state-changed',
      'memory-freed',
    ]);
    for (let k = forward.length - 2; k >= 0; k--) {
      const back = last(act(h, { type: 'step-back' }));
      const target = forward[k] as BatchMessage;
      expect(back.rewound).toEqual({ lastEventSeq: (target.events[0] as TraceEvent).seq });
      expect(back.events).toEqual([]);
      expect(back.view).toEqual(target.view);
      expect(back.stats.heldEvents).toBe(target.stats.heldEvents);
      expect(back.stats.eventCount).toBe(target.stats.eventCount);
    }
    const toCheckpoint = last(act(h, { type: 'step-back' }));
    expect(toCheckpoint.rewound).toEqual({
      lastEventSeq: ((forward[0] as BatchMessage).events[0] as TraceEvent).seq - 1,
    });
    expect(toCheckpoint.view).toEqual(before.view);
    expect(toCheckpoint.stats.heldEvents).toBe(0);
    expect(toCheckpoint.stats.eventCount).toBe(before.stats.eventCount);
    expect(toCheckpoint.stats.nextStepIndex).toBe(before.stats.nextStepIndex);
    // And forward again: the same events, seq for seq.
    const again = Array.from({ length: 5 }, () => last(act(h, { type: 'step', kind: 'event' })));
    expect(again.map((b) => b.events)).toEqual(forward.map((b) => b.events));
    expect(again.map((b) => b.view)).toEqual(forward.map((b) => b.view));
  });

  it('after Step event has shown an instant to its last event, step back takes back that last event only', () => {
    // The free instant shown to its end one event at a time (oid-requested … oid-completed), nothing held any more.
    const h = load(FREE_PROPERLY);
    for (let i = 0; i < 12; i++) act(h, { type: 'step', kind: 'scenario-step' });
    const forward = Array.from({ length: 7 }, () => last(act(h, { type: 'step', kind: 'event' })));
    expect(forward.map((b) => b.stats.heldEvents)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    const back = last(act(h, { type: 'step-back' }));
    const target = forward[5] as BatchMessage;
    expect(back.rewound).toEqual({ lastEventSeq: (target.events[0] as TraceEvent).seq });
    expect(back.stats.heldEvents).toBe(1);
    expect(back.view).toEqual(target.view);
  });

  const kindArb = fc.constantFrom<StepKind>('event', 'event', 'event', 'instant', 'scenario-step');
  for (const file of [FREE_PROPERLY, OUTSTANDING]) {
    it(`${file}: after any mix of step kinds, each step back shows exactly what was shown before that step`, () => {
      fc.assert(
        fc.property(fc.array(kindArb, { minLength: 1, maxLength: 70 }), (kinds) => {
          const h = load(file);
          const trace = new Trace();
          trace.apply(h.first);
          const shown: { view: AdapterView; held: number; count: number; next: number; lastSeq: number }[] = [];
          const record = (b: BatchMessage) =>
            shown.push({
              view: b.view,
              held: b.stats.heldEvents,
              count: b.stats.eventCount,
              next: b.stats.nextStepIndex,
              lastSeq: last(trace.events).seq,
            });
          record(h.first);
          const forward: TraceEvent[][] = [];
          for (const kind of kinds) {
            const got = act(h, { type: 'step', kind });
            trace.applyAll(got);
            forward.push(got.flatMap((b) => b.events));
            record(last(got));
          }
          const after = trace.events.slice();
          let undone = 0;
          for (let k = shown.length - 2; k >= 0; k--) {
            const got = act(h, { type: 'step-back' });
            trace.applyAll(got);
            const back = last(got);
            const target = shown[k] as (typeof shown)[number];
            if (back.rewound === null) break; // no checkpoint left (a bounded history); nothing changed
            undone++;
            expect(back.rewound.lastEventSeq, `step back #${undone}`).toBe(target.lastSeq);
            expect(back.view).toEqual(target.view);
            expect(back.stats.heldEvents).toBe(target.held);
            expect(back.stats.eventCount).toBe(target.count);
            expect(back.stats.nextStepIndex).toBe(target.next);
            if (!back.stats.canStepBack) break;
          }
          expect(undone).toBe(kinds.length);
          // Forward again with the same kinds: the same events, seq for seq.
          for (const [i, kind] of kinds.entries()) {
            const got = act(h, { type: 'step', kind });
            trace.applyAll(got);
            expect(got.flatMap((b) => b.events)).toEqual(forward[i]);
          }
          expect(trace.events).toEqual(after);
        }),
        { numRuns: 25 },
      );
    });
  }
});

/** The free instant held after its first two events (oid-requested, Stop DMA). */
function heldInFree(): Harness & { held: BatchMessage; trace: Trace } {
  const h = load(FREE_PROPERLY);
  const trace = new Trace();
  trace.apply(h.first);
  for (let i = 0; i < 12; i++) trace.applyAll(act(h, { type: 'step', kind: 'scenario-step' }));
  trace.applyAll(act(h, { type: 'step', kind: 'event' }));
  const got = act(h, { type: 'step', kind: 'event' });
  trace.applyAll(got);
  const held = last(got);
  expect(held.events[0]?.kind).toBe('queue-state-changed');
  expect(queueStates(held.view)).toBe('0:Running,1:StopDma');
  expect(held.stats.heldEvents).toBe(5);
  return { ...h, held, trace };
}

describe('Other commands let the held rest out first', () => {
  const letOut: [string, SimCommandInput][] = [
    ['request-oid', HARMLESS],
    ['step instant', { type: 'step', kind: 'instant' }],
    ['step scenario-step', { type: 'step', kind: 'scenario-step' }],
    ['return-nbls', { type: 'return-nbls', queueId: null, count: 'all' }],
    [
      'start-traffic',
      {
        type: 'start-traffic',
        flow: { name: 'extra', dst: '00-15-5D-00-00-02', frameBytes: 128, count: 1, intervalNs: 1000 },
      },
    ],
    ['stop-traffic', { type: 'stop-traffic', flow: 'to VM1 again' }],
    ['seek forwards', { type: 'seek', tNs: 200_000 }],
  ];
  for (const [name, command] of letOut) {
    it(`${name}: the held events come first, in order, and nothing stays held`, () => {
      const h = heldInFree();
      const got = act(h, command);
      h.trace.applyAll(got);
      const events = got.flatMap((b) => b.events);
      expect(events.slice(0, 5).map((e) => e.kind)).toEqual([
        'status-indicated',
        'queue-state-changed',
        'memory-freed',
        'queue-state-changed',
        'oid-completed',
      ]);
      expect(events[0]?.seq).toBe((h.held.events[0] as TraceEvent).seq + 1);
      expect(last(got).stats.heldEvents).toBe(0);
      expect(last(got).view.queues.some((q) => q.QueueId === 1 && q.state !== 'Allocated')).toBe(false);
    });
  }

  for (const [name, command] of letOut) {
    it(`${name}: step back to the checkpoint right after it holds the instant again where it was`, () => {
      const h = heldInFree();
      h.trace.applyAll(act(h, command));
      const got = act(h, { type: 'step-back' });
      h.trace.applyAll(got);
      const back = last(got);
      expect(back.rewound).toEqual({ lastEventSeq: (h.held.events[0] as TraceEvent).seq });
      expect(back.view).toEqual(h.held.view);
      expect(back.stats.heldEvents).toBe(h.held.stats.heldEvents);
      // Forward by event again: the same held events, seq for seq.
      const next = last(act(h, { type: 'step', kind: 'event' }));
      expect(next.events.map(idOf)).toEqual([`${(h.held.events[0] as TraceEvent).seq + 1}:status-indicated@100000`]);
    });
  }

  it('request-oid while held: the OID sees the real engine state and its events follow the held ones', () => {
    const h = heldInFree();
    const reply = h.send(HARMLESS);
    expect(reply?.type).toBe('oid-answered');
    const got = act(h, null);
    h.trace.applyAll(got);
    const kinds = got.flatMap((b) => b.events).map((e) => e.kind);
    expect(kinds).toEqual([
      'status-indicated',
      'queue-state-changed',
      'memory-freed',
      'queue-state-changed',
      'oid-completed',
      'oid-requested',
      'oid-completed',
    ]);
    // An ENUM_QUEUES from user mode lists every queue: the freed one must already be gone.
    const enumReply = h.send({
      type: 'request-oid',
      request: { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', requestType: 'NdisRequestQueryStatistics' },
    });
    expect(enumReply?.type).toBe('oid-answered');
    if (enumReply?.type === 'oid-answered')
      expect(JSON.stringify(enumReply.result.output ?? {})).not.toContain('VM1 queue');
  });

  it('set-trace-frames while held: the held events stay held and come; later frames are not traced', () => {
    const h = heldInFree();
    h.trace.applyAll(act(h, { type: 'set-trace-frames', on: false }));
    const after = last(act(h, { type: 'pause' }));
    expect(after.stats.traceFrames).toBe(false);
    expect(after.stats.heldEvents).toBe(5);
    h.trace.applyAll([after]);
    // Run to the end by instant, with a flow started now: no frame events appear.
    h.trace.applyAll(
      act(h, {
        type: 'start-traffic',
        flow: { name: 'x', dst: '00-15-5D-00-00-01', frameBytes: 128, count: 3, intervalNs: 1000 },
      }),
    );
    for (let i = 0; i < 100 && !h.trace.events.some((e) => e.kind === 'flow-ended' && e.flow === 'x'); i++)
      h.trace.applyAll(act(h, { type: 'step', kind: 'instant' }));
    const start = h.trace.events.findIndex((e) => e.kind === 'flow-started' && e.flow === 'x');
    expect(start).toBeGreaterThan(0);
    expect(h.trace.events.slice(start).filter((e) => e.kind.startsWith('frame-') || e.kind === 'dma-written')).toEqual(
      [],
    );
  });
});

describe('Commands that keep what is held', () => {
  const keep: [string, SimCommandInput | null][] = [
    ['pause', { type: 'pause' }],
    ['set-speed', { type: 'set-speed', speed: 7 }],
    ['pull-batch (paused, 10 s of frames)', null],
    // Tracing decides what later instants record; the held events are already recorded (docs/decisions.md).
    ['set-trace-frames', { type: 'set-trace-frames', on: false }],
  ];
  for (const [name, command] of keep) {
    it(`${name} keeps the held events; Step event then shows the next one`, () => {
      const h = heldInFree();
      const got = command ? act(h, command) : [h.pull(10_000), h.pull(10_000)];
      h.trace.applyAll(got);
      expect(got.flatMap((b) => b.events)).toEqual([]);
      expect(last(got).stats.heldEvents).toBe(5);
      expect(last(got).view).toEqual(h.held.view);
      const next = act(h, { type: 'step', kind: 'event' });
      h.trace.applyAll(next);
      expect(next.flatMap((b) => b.events).map((e) => e.kind)).toEqual(['status-indicated']);
      expect(last(next).stats.heldEvents).toBe(4);
    });
  }

  it('play keeps the held events and shows them at the beat, in order, without skipping', () => {
    const h = heldInFree();
    h.send({ type: 'play', speed: 1 });
    const views: string[] = [];
    for (let i = 0; i < 400; i++) {
      const got = act(h, null, 16);
      h.trace.applyAll(got);
      views.push(queueStates(last(got).view));
      if (h.trace.events.some((e) => e.kind === 'note' && e.seq > (h.held.events[0] as TraceEvent).seq)) break;
    }
    const after = h.trace.events.filter((e) => e.seq > (h.held.events[0] as TraceEvent).seq).map((e) => e.kind);
    expect(after.slice(0, 5)).toEqual([
      'status-indicated',
      'queue-state-changed',
      'memory-freed',
      'queue-state-changed',
      'oid-completed',
    ]);
    // Freeing is on screen for a beat (about 1.2 s: 75 frames of 16 ms), not one frame.
    expect(views.filter((v) => v === '0:Running,1:Freeing').length).toBeGreaterThanOrEqual(60);
  });

  it('load-scenario while held starts a new session with nothing held', () => {
    const h = heldInFree();
    const reply = h.send({ type: 'load-scenario', scenario: scenarioText(FREE_PROPERLY), source: FREE_PROPERLY });
    expect(reply?.type).toBe('scenario-loaded');
    const batch = h.pull();
    expect(batch.sessionId).not.toBe(h.held.sessionId);
    expect(batch.stats.heldEvents).toBe(0);
    expect(batch.stats.nextStepIndex).toBe(0);
    expect(batch.stats.canStepBack).toBe(false);
    expect(batch.events.map(idOf)).toEqual([idOf(directRun(FREE_PROPERLY).events[0] as TraceEvent)]);
    expect(batch.stats.eventCount).toBe(1);
    expect(queueStates(batch.view)).toBe('0:Running');
    // The new session steps from its own start.
    const next = h.pull(16);
    expect(next.events).toEqual([]);
    h.send({ type: 'step', kind: 'event' });
    expect(h.pull().events.map((e) => e.seq)).toEqual([1]);
  });
});

describe('seek while held', () => {
  it('backwards: a rewound cut, nothing held, and the trace is the direct run up to there', () => {
    const h = heldInFree();
    const got = act(h, { type: 'seek', tNs: 50_000 });
    h.trace.applyAll(got);
    const batch = last(got);
    expect(got[0]?.rewound).not.toBeNull();
    expect(batch.stats.heldEvents).toBe(0);
    expect(batch.toNs).toBe(50_000);
    const direct = directRun(FREE_PROPERLY).events;
    expect(h.trace.events).toEqual(direct.slice(0, h.trace.events.length));
    expect(h.trace.events.every((e) => e.t <= 50_000)).toBe(true);
    expect(queueStates(batch.view)).toBe('0:Running,1:Paused');
    // The same as a fresh host seeking there: holding left nothing behind.
    const fresh = load(FREE_PROPERLY);
    const freshTrace = new Trace();
    freshTrace.apply(fresh.first);
    const seeked = act(fresh, { type: 'seek', tNs: 50_000 });
    freshTrace.applyAll(seeked);
    expect(h.trace.events).toEqual(freshTrace.events);
    expect(batch.view).toEqual(last(seeked).view);
    expect(batch.stats.nextStepIndex).toBe(last(seeked).stats.nextStepIndex);
  });

  it('forwards: the held events, then the rest, equal to the direct run', () => {
    const h = heldInFree();
    const got = act(h, { type: 'seek', tNs: 1_000_000 });
    h.trace.applyAll(got);
    expect(got.every((b) => b.rewound === null)).toBe(true);
    expect(h.trace.events).toEqual(directRun(FREE_PROPERLY).events);
    expect(last(got).stats.heldEvents).toBe(0);
    expect(last(got).stats.finished).toBe(true);
  });

  it('to the instant it holds: a consistent trace, nothing held, the instant done', () => {
    const h = heldInFree();
    const got = act(h, { type: 'seek', tNs: 100_000 });
    h.trace.applyAll(got);
    const direct = directRun(FREE_PROPERLY).events;
    expect(h.trace.events).toEqual(direct.slice(0, h.trace.events.length));
    expect(last(got).stats.heldEvents).toBe(0);
    expect(h.trace.events.some((e) => e.kind === 'memory-freed')).toBe(true);
  });
});

describe('Playing shows each state of a multi-state instant for a beat', () => {
  it('vmq-in-a-minute.json at 1× in 16 ms frames: DmaStopped stays on screen for more than a second; ≤ 65 s in all', () => {
    const h = load(DEFAULT_STORY);
    const trace = new Trace();
    trace.apply(h.first);
    h.send({ type: 'play', speed: 1 });
    let frames = 0;
    let batch = h.first;
    const runs: { state: string; frames: number }[] = [];
    while (!batch.stats.finished && frames < 10_000) {
      const got = act(h, null, 16);
      trace.applyAll(got);
      batch = last(got);
      frames++;
      const q2 = batch.view.queues.find((q) => q.QueueId === 2);
      const state = q2 ? q2.state : 'gone';
      if (runs.at(-1)?.state === state) (runs.at(-1) as (typeof runs)[number]).frames++;
      else runs.push({ state, frames: 1 });
    }
    expect(batch.stats.finished).toBe(true);
    expect(frames * 16, 'wall time of the whole story').toBeLessThanOrEqual(65_000);
    const of = (state: string) => runs.filter((r) => r.state === state).reduce((n, r) => n + r.frames, 0);
    expect(of('StopDma') + of('Freeing'), 'DmaStopped frames').toBeGreaterThanOrEqual(62);
    expect(of('StopDma'), 'Stop DMA frames').toBeGreaterThanOrEqual(62);
    expect(of('Freeing'), 'Freeing frames').toBeGreaterThanOrEqual(62);
    expect(runs.map((r) => r.state)).toEqual([
      'gone',
      'Allocated',
      'Set',
      'Running',
      'Paused',
      'StopDma',
      'Freeing',
      'gone',
    ]);
    const direct = directRun(DEFAULT_STORY);
    expect(trace.events).toEqual(direct.events);
    expect(batch.view).toEqual(directFinalView(scenarioText(DEFAULT_STORY)));
  });

  for (const [speed, maxEvents] of [
    [1, 500],
    [100, 500],
    [100, 1],
    [7, 3],
  ] as const) {
    it(`never skips or reorders held events (speed ${speed}, at most ${maxEvents} events a batch)`, () => {
      for (const file of [FREE_PROPERLY, OUTSTANDING, DEFAULT_STORY]) {
        const h = load(file);
        const trace = new Trace();
        trace.apply(h.first);
        h.send({ type: 'play', speed });
        let batch = h.first;
        for (let i = 0; i < 20_000 && !batch.stats.finished; i++) {
          batch = h.pull(16, maxEvents);
          trace.apply(batch);
          expect(batch.events.length).toBeLessThanOrEqual(maxEvents);
        }
        expect(batch.stats.finished).toBe(true);
        expect(trace.events).toEqual(directRun(file).events);
        expect(batch.view).toEqual(directFinalView(scenarioText(file)));
      }
    });
  }

  it('free-with-outstanding-nbls.json: Freeing lasts across instants until the last NBL returns (R24)', () => {
    const { batches } = referenceOf(OUTSTANDING);
    const replay = new Trace();
    const freeingAt = new Set<number>();
    let completedAfterFreed = false;
    let freed = false;
    for (const batch of batches) {
      replay.apply(batch);
      const q1 = batch.view.queues.find((q) => q.QueueId === 1);
      if (q1?.state === 'Freeing') {
        freeingAt.add(batch.toNs);
        expect(q1.reported).toBe('NdisReceiveQueueOperationalStateDmaStopped');
      }
      for (const e of batch.events) {
        if (e.kind === 'memory-freed' && e.queueId === 1) {
          freed = true;
          // R24: every NBL of the queue has come back before its memory is freed.
          expect(q1?.outstandingNbls ?? 0).toBe(0);
        }
        if (e.kind === 'oid-completed' && e.result.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE') {
          expect(e.pended).toBe(true);
          completedAfterFreed = freed;
        }
      }
    }
    expect(completedAfterFreed).toBe(true);
    // The queue is Freeing over several scenario steps (the two returnNbls steps), not in one instant only.
    const freeingBatches = batches.filter((b) => b.view.queues.some((q) => q.QueueId === 1 && q.state === 'Freeing'));
    expect(new Set(freeingBatches.map((b) => b.stats.nextStepIndex)).size).toBeGreaterThanOrEqual(3);
    expect(freeingAt.size).toBeGreaterThanOrEqual(1);
  });
});

describe('limits and the end of the story', () => {
  const allocate = (i: number) => ({
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: `q${i}`,
    buffer: {
      QueueType: 'NdisReceiveQueueTypeVMQueue',
      ProcessorAffinity: { Mask: 1, Group: 0 },
      NumSuggestedReceiveBuffers: 1,
      VmName: 'VM1',
      QueueName: `q${i}`,
    },
  });
  /** k queues allocated one by one, then one QUEUE_ALLOCATION_COMPLETE for all: 2k + 2 events at one instant. */
  const manyQueues = (k: number) =>
    JSON.stringify({
      format: 'vmq-scenario',
      version: 1,
      title: `${k} queues`,
      adapter: { profile: 'ws2012', capabilities: { NumQueues: 200, MaxMacHeaderFilters: 200 } },
      vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01' }],
      steps: [
        ...Array.from({ length: k }, (_, i) => allocate(i)),
        {
          oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
          buffer: { Elements: Array.from({ length: k }, (_, i) => ({ QueueId: `$q${i}.QueueId` })) },
        },
      ],
    });

  for (const [k, whole] of [
    [127, false],
    [128, true],
  ] as const) {
    it(`an instant of ${2 * k + 2} events is ${whole ? 'delivered whole' : 'held'} (limit ${HOLD_LIMIT})`, () => {
      const text = manyQueues(k);
      const h = load('many.json', { text });
      const trace = new Trace();
      trace.apply(h.first);
      for (let i = 0; i < k; i++) trace.applyAll(act(h, { type: 'step', kind: 'scenario-step' }));
      const got = act(h, { type: 'step', kind: 'event' });
      trace.applyAll(got);
      const events = got.flatMap((b) => b.events);
      expect(events.length).toBe(whole ? 2 * k + 2 : 1);
      expect(last(got).stats.heldEvents).toBe(whole ? 0 : 2 * k + 1);
      for (let i = 0; i < 2 * k + 4 && !last(got).stats.finished; i++)
        trace.applyAll(act(h, { type: 'step', kind: 'event' }));
      expect(trace.events).toEqual(runScenario(parseText(text)).events);
    });
  }

  it('finished stays false while the last step’s instant is held', () => {
    // free-queue-properly.json cut after its FREE_QUEUE: the last step is the multi-state instant.
    const json = JSON.parse(scenarioText(FREE_PROPERLY)) as { steps: { oid?: string }[] };
    const cut = json.steps.findIndex((s) => s.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE');
    json.steps = json.steps.slice(0, cut + 1);
    const text = JSON.stringify(json);
    const h = load('cut.json', { text });
    const trace = new Trace();
    trace.apply(h.first);
    for (let i = 0; i < cut; i++) trace.applyAll(act(h, { type: 'step', kind: 'scenario-step' }));
    let batch = last(act(h, { type: 'step', kind: 'event' }));
    trace.apply(batch);
    expect(batch.stats.nextStepIndex).toBe(batch.stats.stepCount);
    let heldSeen = 0;
    while (batch.stats.heldEvents > 0) {
      heldSeen++;
      expect(batch.stats.finished).toBe(false);
      batch = last(act(h, { type: 'step', kind: 'event' }));
      trace.apply(batch);
    }
    expect(heldSeen).toBe(6);
    expect(batch.stats.finished).toBe(true);
    expect(trace.events).toEqual(runScenario(parseText(text)).events);
  });

  it('eventCount counts held events: it is what the engine produced', () => {
    const h = heldInFree();
    expect(h.held.stats.eventCount).toBe(
      directRun(FREE_PROPERLY).events.findIndex(
        (e) => e.kind === 'oid-completed' && e.result.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE',
      ) + 1,
    );
  });
});

// ————— mixed random command sequences —————

type Op =
  | { op: 'step'; kind: StepKind }
  | { op: 'back' }
  | { op: 'play'; speed: number; pulls: number; wallMs: number }
  | { op: 'pause' }
  | { op: 'oid' }
  | { op: 'seek'; fraction: number }
  | { op: 'speed'; speed: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Op>({ op: 'step', kind: 'event' }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<StepKind>('instant', 'scenario-step').map((kind): Op => ({ op: 'step', kind })),
  },
  { weight: 3, arbitrary: fc.constant<Op>({ op: 'back' }) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        speed: fc.constantFrom(1, 3, 100),
        pulls: fc.integer({ min: 1, max: 40 }),
        wallMs: fc.constantFrom(16, 16, 100, 1000),
      })
      .map((r): Op => ({ op: 'play', ...r })),
  },
  { weight: 1, arbitrary: fc.constant<Op>({ op: 'pause' }) },
  { weight: 2, arbitrary: fc.constant<Op>({ op: 'oid' }) },
  {
    weight: 1,
    arbitrary: fc.double({ min: 0, max: 1.05, noNaN: true }).map((fraction): Op => ({ op: 'seek', fraction })),
  },
  { weight: 1, arbitrary: fc.constantFrom(0.5, 2, 50).map((speed): Op => ({ op: 'speed', speed })) },
);

const isUserOid = (e: TraceEvent) =>
  (e.kind === 'oid-requested' && e.oid === 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES') ||
  (e.kind === 'oid-completed' && e.result.oid === 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');

describe('mixed random command sequences', () => {
  for (const file of [FREE_PROPERLY, DEFAULT_STORY, OUTSTANDING]) {
    it(`${file}: the delivered trace replays the deterministic run and every view is the one for that point`, () => {
      const direct = directRun(file).events;
      expect(direct.some(isUserOid)).toBe(false);
      const directStripped = direct.map((e) => JSON.stringify(strip(e)));
      const reference = referenceOf(file).viewAt;
      const endNs = last(direct).t;
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
          const h = load(file);
          const trace = new Trace();
          trace.apply(h.first);
          const check = (batches: readonly BatchMessage[], what: string) => {
            trace.applyAll(batches);
            const batch = last(batches);
            const scenarioEvents = trace.events.filter((e) => !isUserOid(e));
            const got = scenarioEvents.map((e) => JSON.stringify(strip(e)));
            expect(got, `${what}: the trace is a prefix of the direct run`).toEqual(
              directStripped.slice(0, got.length),
            );
            expect(
              trace.events.map((e) => e.seq),
              `${what}: seqs are contiguous after cuts`,
            ).toEqual(trace.events.map((_, i) => i));
            const expected = reference.get(scenarioEvents.length);
            expect(expected, `${what}: a Step-event host shows ${scenarioEvents.length} events too`).toBeDefined();
            if (expected) {
              expect(withoutNow(batch.view), `${what}: view after ${scenarioEvents.length} events`).toEqual(
                withoutNow(expected.view),
              );
              if (batch.stats.heldEvents > 0) expect(batch.stats.heldEvents).toBe(expected.held);
            }
            const lastEvent = trace.events.at(-1);
            if (lastEvent) expect(batch.view.nowNs).toBeGreaterThanOrEqual(lastEvent.t);
            if (batch.stats.finished) expect(scenarioEvents.length).toBe(direct.length);
          };
          for (const [i, op] of ops.entries()) {
            const what = `op ${i} ${JSON.stringify(op)}`;
            switch (op.op) {
              case 'step':
                check(act(h, { type: 'step', kind: op.kind }), what);
                break;
              case 'back':
                check(act(h, { type: 'step-back' }), what);
                break;
              case 'pause':
                check(act(h, { type: 'pause' }), what);
                break;
              case 'speed':
                check(act(h, { type: 'set-speed', speed: op.speed }), what);
                break;
              case 'oid': {
                const before = h.outbox.length;
                h.send(HARMLESS);
                expect(h.outbox.slice(before).map((m) => m.type)).toEqual(['oid-answered']);
                const got = act(h, null, 0);
                check(got, what);
                // The OID ran on the real state: every event produced before it has been delivered.
                const tail = trace.events.slice(-2).map((e) => (isUserOid(e) ? e.kind : 'other'));
                expect(tail).toEqual(['oid-requested', 'oid-completed']);
                break;
              }
              case 'seek':
                check(act(h, { type: 'seek', tNs: Math.round(op.fraction * endNs) }), what);
                break;
              case 'play': {
                h.send({ type: 'play', speed: op.speed });
                for (let p = 0; p < op.pulls; p++) check(act(h, null, op.wallMs), `${what} pull ${p}`);
                break;
              }
            }
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
