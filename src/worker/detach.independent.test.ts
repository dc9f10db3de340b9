/**
 * Independent tests of detaching a loaded scenario (issue 8): a Set or Method request, traffic started or stopped,
 * or NBLs returned by the user stop the scenario's own steps; a Query does not; `keep-scenario-steps` runs them
 * again; Step back to before the action undoes the detach as if the action never happened; a new load starts
 * attached. Written from docs/scenario-format.md ("Files the playground writes"), docs/decisions.md ("A sandbox, and
 * a session saved as a scenario"), docs/ndis-reference.md §12 (R1) and the protocol, without reading the host.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asQueueId,
  naturalRequestType,
  type OidName,
  type OidRequest,
  type TraceEvent,
  type VmConfig,
} from '../engine/index.ts';
import type { SimCommandInput } from '../protocol/commands.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const BUILT_INS = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url)))
  .filter((file) => file.endsWith('.json') && file !== 'index.json')
  .sort();

const DEFAULT_STORY = 'vmq-in-a-minute.json';

type Harness = ReturnType<typeof harness>;
type Loaded = Harness & { vms: VmConfig[]; stepCount: number; first: BatchMessage };

function load(file: string, h: Harness = harness()): Loaded {
  const reply = h.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
  if (reply?.type !== 'scenario-loaded') throw new Error(`${file} did not load: ${JSON.stringify(reply)}`);
  return { ...h, vms: reply.scenario.vms, stepCount: reply.scenario.stepCount, first: drain(h) };
}

/** Pulls without letting wall time pass until the backlog is empty; returns the last batch. */
function drain(h: Harness, wallMs = 0): BatchMessage {
  let batch = h.pull(wallMs, 100_000);
  for (let i = 0; i < 1000 && batch.stats.backlog > 0; i++) batch = h.pull(0, 100_000);
  return batch;
}

/** Runs `count` scenario steps while paused; returns the batch after them. */
function runSteps(h: Harness, count: number): BatchMessage {
  for (let i = 0; i < count; i++) h.send({ type: 'step', kind: 'scenario-step' });
  return drain(h);
}

/** Plays at 100× until the host says it has finished (or a bound is reached); returns every batch. */
function playToEnd(h: Harness): BatchMessage[] {
  h.send({ type: 'play', speed: 100 });
  const batches: BatchMessage[] = [];
  for (let i = 0; i < 5000; i++) {
    const batch = h.pull(16, 100_000);
    batches.push(batch);
    if (batch.stats.finished && batch.stats.backlog === 0) break;
  }
  return batches;
}

/** The trace as the UI keeps it: rewound cuts applied. */
function uiTrace(batches: readonly BatchMessage[]): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const batch of batches) {
    if (batch.rewound) {
      const cut = batch.rewound.lastEventSeq;
      while (events.length > 0 && (events.at(-1) as TraceEvent).seq > cut) events.pop();
    }
    events.push(...batch.events);
  }
  return events;
}

const allocateFor = (vm: string, name = `${vm} by hand`): OidRequest => ({
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: {
    QueueType: 'NdisReceiveQueueTypeVMQueue',
    ProcessorAffinity: { Mask: 1, Group: 0 },
    NumSuggestedReceiveBuffers: 8,
    VmName: vm,
    QueueName: name,
  },
});

/** The kinds of user action the contract says detach, each resolved against the session as it is. */
type DetachingKind =
  | 'allocate'
  | 'free-queue'
  | 'clear-filter'
  | 'enum-filters'
  | 'set-as-query-oid'
  | 'method-on-set-oid'
  | 'start-traffic'
  | 'stop-traffic'
  | 'return-all'
  | 'return-one';

const DETACHING: readonly DetachingKind[] = [
  'allocate',
  'free-queue',
  'clear-filter',
  'enum-filters',
  'set-as-query-oid',
  'method-on-set-oid',
  'start-traffic',
  'stop-traffic',
  'return-all',
  'return-one',
];

let flowCounter = 0;

function detachingCommand(kind: DetachingKind, s: Loaded, view: BatchMessage['view']): SimCommandInput {
  const vm = s.vms[0]?.name ?? 'VM1';
  const lastQueue = view.queues.at(-1)?.QueueId ?? asQueueId(0);
  switch (kind) {
    case 'allocate':
      return { type: 'request-oid', request: allocateFor(vm) };
    case 'free-queue':
      return { type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: lastQueue } } };
    case 'clear-filter':
      return {
        type: 'request-oid',
        request: {
          oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
          buffer: { QueueId: view.filters[0]?.QueueId ?? 0, FilterId: view.filters[0]?.FilterId ?? 9 },
        },
      };
    case 'enum-filters':
      return {
        type: 'request-oid',
        request: { oid: 'OID_RECEIVE_FILTER_ENUM_FILTERS', buffer: { QueueId: lastQueue } },
      };
    case 'set-as-query-oid':
      // R1: the request type decides, not the OID: a Set of a query-only OID is a Set (NDIS refuses it).
      return {
        type: 'request-oid',
        request: { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', requestType: 'NdisRequestSetInformation' },
      };
    case 'method-on-set-oid':
      return {
        type: 'request-oid',
        request: { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', requestType: 'NdisRequestMethod', buffer: { QueueId: 1 } },
      };
    case 'start-traffic':
      return {
        type: 'start-traffic',
        flow: {
          name: `user flow ${++flowCounter}`,
          dst: '00-15-5D-00-00-77',
          frameBytes: 128,
          count: 5,
          intervalNs: 1000,
        },
      };
    case 'stop-traffic':
      return { type: 'stop-traffic', flow: 'no such flow' };
    case 'return-all':
      return { type: 'return-nbls', queueId: null, count: 'all' };
    case 'return-one':
      return { type: 'return-nbls', queueId: lastQueue, count: 1 };
  }
}

/** What a detached session may be asked to do; none of it may run a scenario step. */
type Move =
  | { t: 'play'; speed: number; frames: number; wallMs: number }
  | { t: 'step'; kind: 'event' | 'instant' | 'scenario-step' }
  | { t: 'seek-forward'; byNs: number }
  | { t: 'pause' };

const moveArb: fc.Arbitrary<Move> = fc.oneof(
  fc.record({
    t: fc.constant('play' as const),
    speed: fc.constantFrom(0.5, 1, 10, 100),
    frames: fc.integer({ min: 1, max: 6 }),
    wallMs: fc.constantFrom(16, 50, 200),
  }),
  fc.record({
    t: fc.constant('step' as const),
    kind: fc.constantFrom('event' as const, 'instant' as const, 'scenario-step' as const),
  }),
  fc.record({ t: fc.constant('seek-forward' as const), byNs: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({ t: fc.constant('pause' as const) }),
);

function applyMove(h: Harness, move: Move, at: BatchMessage): BatchMessage[] {
  switch (move.t) {
    case 'play': {
      h.send({ type: 'play', speed: move.speed });
      const batches: BatchMessage[] = [];
      for (let i = 0; i < move.frames; i++) batches.push(h.pull(move.wallMs, 100_000));
      h.send({ type: 'pause' });
      batches.push(drain(h));
      return batches;
    }
    case 'step':
      h.send({ type: 'step', kind: move.kind });
      return [drain(h)];
    case 'seek-forward':
      h.send({ type: 'seek', tNs: at.view.nowNs + move.byNs });
      return [drain(h)];
    case 'pause':
      h.send({ type: 'pause' });
      return [drain(h)];
  }
}

/** Where to cut a built-in story: after `steps` scenario steps, then `events` single events (maybe mid-advance). */
const cutArb = fc.record({
  file: fc.constantFrom(...BUILT_INS),
  fraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
  events: fc.integer({ min: 0, max: 3 }),
});

function cut(file: string, fraction: number, events: number): { s: Loaded; at: BatchMessage } {
  const s = load(file);
  let at = runSteps(s, Math.floor(fraction * s.stepCount));
  for (let i = 0; i < events && at.stats.nextStepIndex < s.stepCount; i++) {
    s.send({ type: 'step', kind: 'event' });
    at = drain(s);
  }
  return { s, at };
}

/** The engine's own view at `where`: a request first lets a held instant's unshown rest out (docs/decisions.md,
 * "held instants"), so that is the view a Query must leave unchanged. */
function engineViewAt(where: { file: string; fraction: number; events: number }): BatchMessage['view'] {
  let { s, at } = cut(where.file, where.fraction, where.events);
  while (at.stats.heldEvents > 0) {
    s.send({ type: 'step', kind: 'event' });
    at = drain(s);
  }
  return at.view;
}

describe('detaching the loaded scenario', () => {
  it('R1: a Set or Method request, traffic started or stopped, or NBLs returned detach the steps not yet run, and afterwards play, Step and seek only move engine time', () => {
    fc.assert(
      fc.property(cutArb, fc.constantFrom(...DETACHING), fc.array(moveArb, { maxLength: 8 }), (where, kind, moves) => {
        const { s, at } = cut(where.file, where.fraction, where.events);
        fc.pre(at.stats.nextStepIndex < s.stepCount);
        s.send(detachingCommand(kind, s, at.view));
        const detached = drain(s);
        const index = detached.stats.nextStepIndex;
        expect(index, 'the action itself runs no scenario step').toBe(at.stats.nextStepIndex);
        expect(detached.stats.detachedSteps, 'detachedSteps = stepCount - nextStepIndex').toBe(s.stepCount - index);
        let previous = detached;
        for (const move of moves) {
          const target = move.t === 'seek-forward' ? previous.view.nowNs + move.byNs : null;
          for (const batch of applyMove(s, move, previous)) {
            expect(batch.stats.nextStepIndex, `no scenario step runs on ${JSON.stringify(move)}`).toBe(index);
            expect(batch.stats.detachedSteps).toBe(s.stepCount - index);
            expect(batch.report.stepsRun).toBe(index);
            // Only OID expectations of steps already run may be decided (their pended requests complete).
            for (const result of batch.report.expectations) expect(result.stepIndex).toBeLessThan(index);
            if (!batch.rewound) expect(batch.toNs).toBeGreaterThanOrEqual(previous.toNs);
            previous = batch;
          }
          if (target !== null) expect(previous.view.nowNs, 'a seek moves engine time to it').toBe(target);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('a seek forward while detached moves engine time exactly to the time asked for', () => {
    const s = load(DEFAULT_STORY);
    runSteps(s, 5);
    s.send({ type: 'request-oid', request: allocateFor('VM1') });
    const detached = drain(s);
    const target = detached.view.nowNs + 123_000;
    s.send({ type: 'seek', tNs: target });
    const sought = drain(s);
    expect(sought.view.nowNs).toBe(target);
    expect(sought.toNs).toBe(target);
    expect(sought.stats).toMatchObject({ nextStepIndex: 5, detachedSteps: s.stepCount - 5 });
  });

  it('R1: a Query (natural or explicit, QueryStatistics too) does not detach: the scenario goes on running its own steps', () => {
    const queries: OidRequest[] = [
      { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' },
      { oid: 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' },
      { oid: 'OID_RECEIVE_FILTER_GLOBAL_PARAMETERS' },
      { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES' },
      { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', requestType: 'NdisRequestQueryStatistics' },
      // Sent as a Query, a method OID is still a Query: R1 has NDIS refuse it, and it changes nothing.
      { ...allocateFor('VM1'), requestType: 'NdisRequestQueryInformation' },
    ];
    for (const request of queries) {
      expect(naturalRequestType('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES')).toBe('NdisRequestQueryInformation');
      fc.assert(
        fc.property(cutArb, (where) => {
          const { s, at } = cut(where.file, where.fraction, where.events);
          fc.pre(at.stats.nextStepIndex < s.stepCount);
          const reply = s.send({ type: 'request-oid', request });
          expect(reply?.type).toBe('oid-answered');
          const after = drain(s);
          expect(after.stats.detachedSteps, `${request.oid} ${request.requestType ?? ''}`).toBe(0);
          expect(after.view.queues).toEqual(engineViewAt(where).queues);
          s.send({ type: 'step', kind: 'scenario-step' });
          expect(drain(s).stats.nextStepIndex).toBe(at.stats.nextStepIndex + 1);
          const end = playToEnd(s).at(-1) as BatchMessage;
          expect(end.stats).toMatchObject({ nextStepIndex: s.stepCount, detachedSteps: 0, finished: true });
        }),
        { seed: 42, numRuns: 8 },
      );
    }
  });

  it('R1: every OID whose natural request type is Set or Method detaches when sent without a requestType', () => {
    const oids = (
      [
        'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        'OID_RECEIVE_FILTER_FREE_QUEUE',
        'OID_RECEIVE_FILTER_SET_FILTER',
        'OID_RECEIVE_FILTER_CLEAR_FILTER',
        'OID_RECEIVE_FILTER_ENUM_FILTERS',
        'OID_RECEIVE_FILTER_PARAMETERS',
        'OID_RECEIVE_FILTER_MOVE_FILTER',
        'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
      ] as OidName[]
    ).filter((oid) => naturalRequestType(oid) !== 'NdisRequestQueryInformation');
    expect(oids.length).toBe(9);
    for (const oid of oids) {
      const s = load(DEFAULT_STORY);
      runSteps(s, 3);
      s.send({ type: 'request-oid', request: { oid, buffer: { QueueId: 1 } } });
      expect(drain(s).stats, oid).toMatchObject({ nextStepIndex: 3, detachedSteps: s.stepCount - 3 });
    }
  });

  it('a detached session still carries traffic the user started, and pended requests complete', () => {
    // pending-oids: step 3 is a SET_FILTER the miniport pends for 10 µs; nothing has advanced yet.
    const s = load('pending-oids.json');
    const at = runSteps(s, 4);
    expect(at.view.queues.find((q) => q.QueueId === 1)?.filterIds ?? []).toEqual([]);
    s.send({
      type: 'start-traffic',
      flow: { name: 'mine', dst: '00-15-5D-00-00-42', frameBytes: 64, count: 20, intervalNs: 1000 },
    });
    const detached = drain(s);
    expect(detached.stats.detachedSteps).toBe(s.stepCount - 4);
    const batches = playToEnd(s);
    const end = batches.at(-1) as BatchMessage;
    expect(end.stats.nextStepIndex).toBe(4);
    expect(end.view.totals.arrived).toBe(20);
    const completed = uiTrace(batches).filter((e) => e.kind === 'oid-completed');
    expect(completed.map((e) => e.kind === 'oid-completed' && e.result.oid)).toContain('OID_RECEIVE_FILTER_SET_FILTER');
    expect(end.view.queues.find((q) => q.QueueId === 1)?.filterIds).toEqual([1]);
    // The step's OID expectation (pended, then SUCCESS) is decided although the scenario is detached.
    expect(end.report.expectations.find((r) => r.stepIndex === 3)).toMatchObject({ kind: 'oid', ok: true });
  });

  it("stopping the scenario's own flow mid-advance detaches, and the flow ends there", () => {
    const s = load(DEFAULT_STORY);
    // Steps 10–12 start three flows, step 13 is the advance that carries them.
    const started = runSteps(s, 13);
    s.send({ type: 'seek', tNs: started.view.nowNs + 3_500 });
    const midway = drain(s);
    expect(midway.stats.detachedSteps).toBe(0);
    const index = midway.stats.nextStepIndex;
    expect(index).toBeLessThanOrEqual(14);
    s.send({ type: 'stop-traffic', flow: 'to VM1' });
    const stopped = drain(s);
    expect(stopped.stats).toMatchObject({ nextStepIndex: index, detachedSteps: s.stepCount - index });
    expect(stopped.events.some((e) => e.kind === 'flow-ended' && e.flow === 'to VM1')).toBe(true);
    const end = playToEnd(s).at(-1) as BatchMessage;
    expect(end.stats.nextStepIndex).toBe(index);
  });

  it('a user action mid-play detaches at once: playing on runs no further step', () => {
    const s = load(DEFAULT_STORY);
    s.send({ type: 'play', speed: 10 });
    let batch = s.pull(16);
    for (let i = 0; i < 200 && batch.stats.nextStepIndex < 11; i++) batch = s.pull(16);
    expect(batch.stats.nextStepIndex).toBeGreaterThanOrEqual(11);
    s.send({ type: 'return-nbls', queueId: null, count: 'all' });
    const detached = s.pull(0);
    const index = detached.stats.nextStepIndex;
    expect(detached.stats.detachedSteps).toBe(s.stepCount - index);
    s.send({ type: 'play', speed: 100 });
    for (let i = 0; i < 100; i++) expect(s.pull(50).stats.nextStepIndex).toBe(index);
  });

  it('a scenario with no steps left, or none at all, has nothing to detach', () => {
    for (const file of BUILT_INS) {
      const s = load(file);
      const end = runSteps(s, s.stepCount);
      expect(end.stats.nextStepIndex).toBe(s.stepCount);
      for (const kind of DETACHING) {
        s.send(detachingCommand(kind, s, end.view));
        expect(drain(s).stats.detachedSteps, `${file} ${kind}`).toBe(0);
      }
      s.send({ type: 'play', speed: 100 });
      expect(s.pull(50).stats.detachedSteps).toBe(0);
    }
    const h = harness();
    const empty = { format: 'vmq-scenario', version: 1, title: 'Empty', adapter: { profile: 'ws2012' }, steps: [] };
    const loaded = h.send({ type: 'load-scenario', scenario: empty, source: 'Empty adapter' });
    expect(loaded?.type).toBe('scenario-loaded');
    const s: Loaded = { ...h, vms: [], stepCount: 0, first: drain(h) };
    for (const kind of DETACHING) {
      s.send(detachingCommand(kind, s, drain(s).view));
      expect(drain(s).stats, kind).toMatchObject({ detachedSteps: 0, stepCount: 0, nextStepIndex: 0 });
    }
    s.send({ type: 'play', speed: 100 });
    for (let i = 0; i < 5; i++) expect(s.pull(50).stats.detachedSteps).toBe(0);
  });

  it('keep-scenario-steps reattaches: detachedSteps 0, and Step and play run the remaining steps again', () => {
    fc.assert(
      fc.property(cutArb, fc.constantFrom(...DETACHING), fc.array(moveArb, { maxLength: 4 }), (where, kind, moves) => {
        const { s, at } = cut(where.file, where.fraction, where.events);
        fc.pre(at.stats.nextStepIndex < s.stepCount - 1);
        s.send(detachingCommand(kind, s, at.view));
        let now = drain(s);
        for (const move of moves) now = applyMove(s, move, now).at(-1) as BatchMessage;
        const index = now.stats.nextStepIndex;
        expect(index).toBe(at.stats.nextStepIndex);
        s.send({ type: 'keep-scenario-steps' });
        const kept = drain(s);
        expect(kept.stats.detachedSteps).toBe(0);
        expect(kept.stats.nextStepIndex).toBe(index);
        s.send({ type: 'step', kind: 'scenario-step' });
        const stepped = drain(s);
        expect(stepped.stats.nextStepIndex).toBe(index + 1);
        expect(stepped.stats.detachedSteps).toBe(0);
        const end = playToEnd(s).at(-1) as BatchMessage;
        expect(end.stats).toMatchObject({ nextStepIndex: s.stepCount, detachedSteps: 0, finished: true });
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('Step back to before the detaching action attaches again, and the story then runs as if the action never happened', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILT_INS),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.constantFrom(...DETACHING),
        fc.array(
          fc.record({ t: fc.constant('step' as const), kind: fc.constantFrom('event' as const, 'instant' as const) }),
          { maxLength: 3 },
        ),
        (file, fraction, kind, moves) => {
          const s = load(file);
          const steps = Math.floor(fraction * s.stepCount);
          const batches: BatchMessage[] = [s.first];
          for (let i = 0; i < steps; i++) {
            s.send({ type: 'step', kind: 'scenario-step' });
            batches.push(drain(s));
          }
          const before = batches.at(-1) as BatchMessage;
          s.send(detachingCommand(kind, s, before.view));
          batches.push(drain(s));
          expect((batches.at(-1) as BatchMessage).stats.detachedSteps).toBe(s.stepCount - steps);
          for (const move of moves) batches.push(...applyMove(s, move, batches.at(-1) as BatchMessage));
          let back = batches.at(-1) as BatchMessage;
          for (let i = 0; i < 20 && back.stats.detachedSteps > 0; i++) {
            s.send({ type: 'step-back' });
            back = drain(s);
            batches.push(back);
          }
          expect(back.stats).toMatchObject({ detachedSteps: 0, nextStepIndex: steps });
          expect(back.view).toEqual(before.view);
          expect(back.report).toEqual(before.report);
          expect(back.stats.eventCount).toBe(before.stats.eventCount);
          batches.push(...playToEnd(s));

          const clean = load(file);
          const cleanBatches: BatchMessage[] = [clean.first];
          for (let i = 0; i < steps; i++) {
            clean.send({ type: 'step', kind: 'scenario-step' });
            cleanBatches.push(drain(clean));
          }
          cleanBatches.push(...playToEnd(clean));
          const end = batches.at(-1) as BatchMessage;
          const cleanEnd = cleanBatches.at(-1) as BatchMessage;
          expect(end.stats).toMatchObject({ nextStepIndex: s.stepCount, detachedSteps: 0 });
          expect(uiTrace(batches)).toEqual(uiTrace(cleanBatches));
          expect(end.view).toEqual(cleanEnd.view);
          expect(end.report).toEqual(cleanEnd.report);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });

  it('a seek back to a moment after the user acted keeps what the user did: the adapter is as a seek straight there leaves it, and seeking on returns to where it was', () => {
    fc.assert(
      fc.property(
        cutArb,
        fc.constantFrom('allocate', 'start-traffic', 'return-all', 'free-queue') as fc.Arbitrary<DetachingKind>,
        fc.constantFrom(1, 10, 100),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (where, kind, speed, frames, back) => {
          const session = () => {
            flowCounter = 0;
            const { s, at } = cut(where.file, where.fraction, where.events);
            // A flow that outlasts the play, so there is traffic of the user's to lose.
            s.send({
              type: 'start-traffic',
              flow: {
                name: 'long user flow',
                dst: 'FF-FF-FF-FF-FF-FF',
                frameBytes: 64,
                count: 10_000,
                intervalNs: 1000,
              },
            });
            s.send(detachingCommand(kind, s, at.view));
            return { s, acted: drain(s) };
          };
          const { s, acted } = session();
          s.send({ type: 'play', speed });
          for (let i = 0; i < frames; i++) s.pull(16, 100_000);
          s.send({ type: 'pause' });
          const reached = drain(s);
          fc.pre(reached.view.nowNs > acted.view.nowNs + 1);
          const t = acted.view.nowNs + 1 + Math.floor(back * (reached.view.nowNs - acted.view.nowNs - 1));

          s.send({ type: 'seek', tNs: t });
          const sought = drain(s);
          const direct = session().s;
          direct.send({ type: 'seek', tNs: t });
          const straight = drain(direct);
          expect(sought.stats.nextStepIndex).toBe(acted.stats.nextStepIndex);
          expect(sought.stats.detachedSteps).toBe(acted.stats.detachedSteps);
          expect(sought.view, `seek back to ${t} after acting at ${acted.view.nowNs}`).toEqual(straight.view);

          s.send({ type: 'seek', tNs: reached.view.nowNs });
          expect(drain(s).view, 'seeking on returns to where the session was').toEqual(reached.view);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });

  it('after play, a seek back to just after the user acted keeps what the user did and runs no detached step', () => {
    const cases: { steps: number; order: DetachingKind[] }[] = [
      { steps: 0, order: ['start-traffic'] },
      { steps: 14, order: ['start-traffic'] },
      { steps: 0, order: ['start-traffic', 'allocate'] },
      { steps: 0, order: ['allocate', 'start-traffic'] },
    ];
    for (const { steps, order } of cases) {
      const label = `${steps} steps, then ${order.join(' then ')}`;
      flowCounter = 0;
      const s = load(DEFAULT_STORY);
      const at = runSteps(s, steps);
      for (const kind of order) s.send(detachingCommand(kind, s, at.view));
      const acted = drain(s);
      s.send({ type: 'play', speed: 10 });
      s.pull(16);
      s.send({ type: 'pause' });
      const played = drain(s);
      expect(played.view.nowNs, label).toBeGreaterThan(acted.view.nowNs + 1);
      expect(played.stats.nextStepIndex, label).toBe(steps);

      s.send({ type: 'seek', tNs: acted.view.nowNs + 1 });
      const back = drain(s);
      expect.soft(back.stats, label).toMatchObject({ nextStepIndex: steps, detachedSteps: s.stepCount - steps });
      expect
        .soft(
          back.view.queues.map((q) => q.QueueId),
          label,
        )
        .toEqual(acted.view.queues.map((q) => q.QueueId));
      s.send({ type: 'seek', tNs: played.view.nowNs });
      expect.soft(drain(s).view, label).toEqual(played.view);
    }
  });

  it('a seek to the moment the user acted (the playhead itself) runs no detached step and keeps the action', () => {
    const s = load(DEFAULT_STORY);
    // Steps 0–13 end with the 100 µs advance; steps 14–19 are instants at 100 µs.
    runSteps(s, 14);
    s.send({ type: 'request-oid', request: allocateFor('VM2', 'mine') });
    const acted = drain(s);
    expect(acted.view.nowNs).toBe(100_000);
    expect(acted.stats).toMatchObject({ nextStepIndex: 14, detachedSteps: s.stepCount - 14 });
    s.send({ type: 'seek', tNs: acted.view.nowNs });
    const sought = drain(s);
    expect(sought.stats).toMatchObject({ nextStepIndex: 14, detachedSteps: s.stepCount - 14 });
    expect(sought.view.queues.map((q) => q.QueueName)).toContain('mine');
  });

  it('loading a scenario starts it attached, even after the previous one was detached', () => {
    const h = harness();
    const s = load(DEFAULT_STORY, h);
    runSteps(s, 2);
    s.send({ type: 'request-oid', request: allocateFor('VM1') });
    expect(drain(s).stats.detachedSteps).toBe(s.stepCount - 2);
    for (const file of [DEFAULT_STORY, 'pending-oids.json']) {
      const again = load(file, h);
      expect(again.first.stats).toMatchObject({ detachedSteps: 0, nextStepIndex: 0 });
      again.send({ type: 'step', kind: 'scenario-step' });
      expect(drain(again).stats).toMatchObject({ detachedSteps: 0, nextStepIndex: 1 });
      again.send({ type: 'request-oid', request: allocateFor('VM1') });
      expect(drain(again).stats.detachedSteps).toBe(again.stepCount - 1);
    }
  });
});
