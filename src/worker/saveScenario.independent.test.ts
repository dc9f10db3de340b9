/**
 * Independent tests of "Save as scenario" (issue 8, protocol `save-scenario` → `scenario-written`): the file the
 * host writes parses, keeps the loaded scenario's seed, adapter and VMs, writes time as `advance` steps, leaves out
 * what Step back undid, and replays (createScenarioSession, every step, no settle) to the adapter the host showed when
 * it was saved, with its closing `expect` holding — for random interleavings of scenario steps, playback, user
 * requests, traffic, returns, Step back and seek. Written from docs/scenario-format.md ("Files the playground
 * writes", "Time"), docs/decisions.md ("A sandbox, and a session saved as a scenario") and the protocol, without
 * reading the host or the writer.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AdapterView, asQueueId, type OidRequest, type TraceEvent, type VmConfig } from '../engine/index.ts';
import type { SimCommandInput } from '../protocol/commands.ts';
import type { BatchMessage, ScenarioWrittenMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario, Step } from '../scenario/schema.ts';
import { createScenarioSession } from '../scenario/session.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const BUILT_INS = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url)))
  .filter((file) => file.endsWith('.json') && file !== 'index.json')
  .sort();

type Harness = ReturnType<typeof harness>;

interface Session extends Harness {
  trace: TraceEvent[];
  file: string;
  scenario: Scenario;
  vms: VmConfig[];
  stepCount: number;
  flowCounter: number;
  last: BatchMessage;
}

function parsedOrThrow(text: string, what: string): Scenario {
  const parsed = parseScenario(text);
  if (!parsed.ok)
    throw new Error(`${what} does not parse: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.scenario;
}

/** A harness whose batches also keep the trace as the UI does (rewound cuts applied). */
function tracedHarness(): Harness & { trace: TraceEvent[] } {
  const h = harness();
  const trace: TraceEvent[] = [];
  const pull = (wallMs?: number, maxEvents?: number): BatchMessage => {
    const batch = h.pull(wallMs, maxEvents);
    if (batch.rewound) {
      const cut = batch.rewound.lastEventSeq;
      while (trace.length > 0 && (trace.at(-1) as TraceEvent).seq > cut) trace.pop();
    }
    trace.push(...batch.events);
    return batch;
  };
  return { ...h, pull, trace };
}

/** Flows the trace shows started, and those of them still running. */
function flowsOf(trace: readonly TraceEvent[]): { started: string[]; running: string[] } {
  const started: string[] = [];
  const ended = new Set<string>();
  for (const event of trace) {
    if (event.kind === 'flow-started') started.push(event.flow);
    if (event.kind === 'flow-ended') ended.add(event.flow);
  }
  return { started, running: started.filter((name) => !ended.has(name)) };
}

function load(file: string, text = scenarioText(file)): Session {
  const h = tracedHarness();
  const reply = h.send({ type: 'load-scenario', scenario: text, source: file });
  if (reply?.type !== 'scenario-loaded') throw new Error(`${file} did not load: ${JSON.stringify(reply)}`);
  return {
    ...h,
    file,
    scenario: parsedOrThrow(text, file),
    vms: reply.scenario.vms,
    stepCount: reply.scenario.stepCount,
    flowCounter: 0,
    last: drain(h),
  };
}

/** Pulls with no wall time passing until the backlog is empty; returns the last batch. */
function drain(h: Harness, wallMs = 0): BatchMessage {
  let batch = h.pull(wallMs, 100_000);
  for (let i = 0; i < 1000 && batch.stats.backlog > 0; i++) batch = h.pull(0, 100_000);
  return batch;
}

function save(s: Session): ScenarioWrittenMessage {
  const reply = s.send({ type: 'save-scenario' });
  if (reply?.type !== 'scenario-written') throw new Error(`save-scenario answered ${JSON.stringify(reply)}`);
  return reply;
}

/** Every step of the written file, with no settling after: the file ends where the session was saved. */
function replayed(scenario: Scenario) {
  const session = createScenarioSession(scenario);
  for (let i = 0; i < 100_000 && !session.done; i++) session.runNextStep();
  return session;
}

const isTimeStep = (step: Step) => 'advance' in step || 'runUntilIdle' in step;

/** Everything the contract says about one saved file, checked against the batch pulled after saving. */
function checkSaved(s: Session, written: ScenarioWrittenMessage, after: BatchMessage): Scenario {
  const raw = JSON.parse(written.text) as { format: string; version: number; title: string; steps: unknown[] };
  expect(raw).toMatchObject({ format: 'vmq-scenario', version: 2, title: `${s.scenario.title} (saved session)` });
  expect(written.steps, 'steps is the written step count').toBe(raw.steps.length);
  const parsed = parseScenario(written.text);
  expect(written.problems, 'problems is what the parser refuses').toEqual(parsed.ok ? [] : parsed.errors);
  if (!parsed.ok) throw new Error(`the written file does not parse: ${JSON.stringify(parsed.errors)}`);
  const file = parsed.scenario;
  expect(file.seed).toEqual(s.scenario.seed);
  expect(file.adapter).toEqual(s.scenario.adapter);
  expect(file.vms).toEqual(s.scenario.vms);

  expect(
    file.steps.some((step) => 'runUntilIdle' in step),
    'no runUntilIdle is copied',
  ).toBe(false);
  let total = 0;
  for (const step of file.steps) {
    if (!('advance' in step)) continue;
    expect(step.advance, 'an advance is never negative').toBeGreaterThanOrEqual(0);
    total += step.advance;
  }
  expect(total, 'the advances add up to the moment of saving').toBe(after.view.nowNs);
  const closing = file.steps.at(-1);
  expect(closing && 'expect' in closing, 'the file ends with an expect').toBe(true);

  const replay = replayed(file);
  expect(replay.engine.view(), `replay of ${s.file}`).toEqual(after.view);

  const full = createScenarioSession(file);
  const report = full.runToEnd();
  const lastExpect = report.expectations.filter((r) => r.kind === 'expect').at(-1);
  expect(lastExpect, 'the closing expectation holds').toMatchObject({ ok: true, stepIndex: file.steps.length - 1 });
  return file;
}

/** Saves (after pausing, or while playing) and checks the file. */
function saveAndCheck(s: Session, pauseFirst = true): Scenario {
  if (pauseFirst) s.send({ type: 'pause' });
  drain(s);
  const written = save(s);
  const after = drain(s);
  return checkSaved(s, written, after);
}

// ── user actions, resolved against the adapter as the last batch shows it ──────────────────────────────────────

const nondefault = (view: AdapterView) => view.queues.filter((q) => q.QueueId !== 0).map((q) => q.QueueId);
const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];

const MAC_FIELD = {
  FrameHeader: 'NdisFrameHeaderMac',
  ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
  MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
};

type Act =
  | { t: 'scenario-step' }
  | { t: 'step'; kind: 'event' | 'instant' }
  | { t: 'play'; speed: number; frames: number; wallMs: number; pause: boolean }
  | { t: 'alloc'; vm: number; mask: number; buffers: number }
  | { t: 'set-filter'; q: number; vm: number; mode: 'vlan' | 'untagged' | 'mac-only' }
  | { t: 'complete'; q: number }
  | { t: 'free'; q: number }
  | { t: 'clear'; f: number }
  | { t: 'query'; oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' | 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' }
  | { t: 'traffic'; vm: number; count: number; intervalNs: number; bytes: number; poisson: boolean }
  | { t: 'stop-traffic'; n: number }
  | { t: 'return'; q: number | null; count: number | 'all' }
  | { t: 'step-back'; times: number }
  | { t: 'seek'; byNs: number }
  | { t: 'keep' };

const actArb: fc.Arbitrary<Act> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ t: 'scenario-step' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('step' as const),
      kind: fc.constantFrom('event' as const, 'instant' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('play' as const),
      speed: fc.constantFrom(0.5, 1, 10, 100),
      frames: fc.integer({ min: 1, max: 5 }),
      wallMs: fc.constantFrom(16, 50, 200),
      pause: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('alloc' as const),
      vm: fc.nat(3),
      mask: fc.constantFrom(1, 2, 4, 8),
      buffers: fc.constantFrom(8, 16, 32),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('set-filter' as const),
      q: fc.nat(5),
      vm: fc.nat(3),
      mode: fc.constantFrom('vlan' as const, 'untagged' as const, 'mac-only' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('complete' as const), q: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('free' as const), q: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clear' as const), f: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('query' as const),
      oid: fc.constantFrom(
        'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' as const,
        'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' as const,
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('traffic' as const),
      vm: fc.nat(3),
      count: fc.integer({ min: 1, max: 20 }),
      intervalNs: fc.integer({ min: 200, max: 5000 }),
      bytes: fc.integer({ min: 64, max: 1500 }),
      poisson: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('stop-traffic' as const), n: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('return' as const),
      q: fc.option(fc.nat(5), { nil: null }),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('all' as const)),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('step-back' as const), times: fc.integer({ min: 1, max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('seek' as const), byNs: fc.integer({ min: -60_000, max: 60_000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'keep' as const }) },
);

/** A user's OID as the console would send it, with literal ids read back from the view. */
function userRequest(s: Session, act: Act, view: AdapterView): OidRequest | null {
  const vm = pick(s.vms, 'vm' in act ? act.vm : 0);
  const vmName = vm?.name ?? 'VM1';
  switch (act.t) {
    case 'alloc':
      return {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: {
          QueueType: 'NdisReceiveQueueTypeVMQueue',
          ProcessorAffinity: { Mask: act.mask, Group: 0 },
          NumSuggestedReceiveBuffers: act.buffers,
          VmName: vmName,
          QueueName: `${vmName} by hand`,
        },
      };
    case 'set-filter': {
      const queueId = pick(
        view.queues.map((q) => q.QueueId),
        act.q,
      ) as number;
      const mac = vm?.mac ?? '00-15-5D-00-00-01';
      const fields: Record<string, unknown>[] = [
        act.mode === 'untagged'
          ? {
              ...MAC_FIELD,
              FieldByteArrayValue: mac,
              Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'],
            }
          : { ...MAC_FIELD, FieldByteArrayValue: mac },
      ];
      if (act.mode === 'vlan') {
        fields.push({
          FrameHeader: 'NdisFrameHeaderMac',
          ReceiveFilterTest: 'NdisReceiveFilterTestEqual',
          MacHeaderField: 'NdisMacHeaderFieldVlanId',
          FieldShortValue: vm?.vlan ?? 0,
        });
      }
      return {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: { FilterType: 'NdisReceiveFilterTypeVMQueue', QueueId: queueId, FieldParameters: fields },
      };
    }
    case 'complete':
      return {
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: [{ QueueId: pick(nondefault(view), act.q) ?? 1 }] },
      };
    case 'free':
      return { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: pick(nondefault(view), act.q) ?? 3 } };
    case 'clear': {
      const filter = pick(view.filters, act.f);
      return {
        oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
        buffer: { QueueId: filter?.QueueId ?? 0, FilterId: filter?.FilterId ?? 9 },
      };
    }
    case 'query':
      return { oid: act.oid };
    default:
      return null;
  }
}

function commandsFor(s: Session, act: Act): SimCommandInput[] {
  const view = s.last.view;
  const request = userRequest(s, act, view);
  if (request) return [{ type: 'request-oid', request }];
  switch (act.t) {
    case 'scenario-step':
      return [{ type: 'step', kind: 'scenario-step' }];
    case 'step':
      return [{ type: 'step', kind: act.kind }];
    case 'traffic': {
      const vm = pick(s.vms, act.vm);
      const name = `by hand ${++s.flowCounter}`;
      const tagged = vm?.vlan !== undefined;
      return [
        {
          type: 'start-traffic',
          flow: {
            name,
            dst: act.vm >= s.vms.length ? 'FF-FF-FF-FF-FF-FF' : (vm?.mac ?? '00-15-5D-00-00-01'),
            ...(tagged ? { vlanId: vm?.vlan } : {}),
            frameBytes: Math.min(act.bytes, tagged ? 1518 : 1514),
            count: act.count,
            intervalNs: act.intervalNs,
            ...(act.poisson ? { pattern: 'poisson' as const } : {}),
          },
        },
      ];
    }
    case 'stop-traffic': {
      // A flow the trace shows running (the scenario's or the user's), else one that already ended.
      const { started, running } = flowsOf(s.trace);
      const flow = pick(running, act.n) ?? started.at(-1);
      return flow === undefined ? [] : [{ type: 'stop-traffic', flow }];
    }
    case 'return':
      return [
        {
          type: 'return-nbls',
          queueId:
            act.q === null
              ? null
              : (pick(
                  view.queues.map((q) => q.QueueId),
                  act.q,
                ) ?? asQueueId(0)),
          count: act.count,
        },
      ];
    case 'step-back':
      return Array.from({ length: act.times }, () => ({ type: 'step-back' as const }));
    case 'seek':
      return [{ type: 'seek', tNs: Math.max(0, view.nowNs + act.byNs) }];
    case 'keep':
      return [{ type: 'keep-scenario-steps' }];
    default:
      return [];
  }
}

/** Runs one act and keeps the latest batch in `s.last`; returns how many commands it sent. */
function perform(s: Session, act: Act): number {
  if (act.t === 'play') {
    s.send({ type: 'play', speed: act.speed });
    for (let i = 0; i < act.frames; i++) s.last = s.pull(act.wallMs, 100_000);
    if (act.pause) s.send({ type: 'pause' });
    s.last = drain(s);
    return 1;
  }
  const commands = commandsFor(s, act);
  for (const command of commands) {
    const reply = s.send(command);
    if (reply?.type === 'error') throw new Error(`${JSON.stringify(command)} failed: ${reply.message}`);
    s.last = drain(s);
  }
  return commands.length;
}

describe('Save as scenario', () => {
  it('a session of scenario steps, playback, user requests, traffic, returns, Step back and seek replays to the adapter shown when it was saved', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_INS), fc.array(actArb, { minLength: 1, maxLength: 14 }), (file, acts) => {
        const s = load(file);
        for (const act of acts) perform(s, act);
        saveAndCheck(s);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('saving while playing writes the adapter as the batch after saving shows it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BUILT_INS), fc.array(actArb, { minLength: 1, maxLength: 10 }), (file, acts) => {
        const s = load(file);
        for (const act of acts) perform(s, act);
        s.send({ type: 'play', speed: 10 });
        s.pull(16);
        saveAndCheck(s, false);
      }),
      { seed: 7, numRuns: 25 },
    );
  });

  it('saving mid-instant (an event shown one at a time) lets the held instant out first, and the batch after it is what the file replays to', () => {
    const s = load('free-queue-properly.json');
    let batch = s.last;
    // Step event by event until the host holds part of an instant back.
    for (let i = 0; i < 400 && batch.stats.heldEvents === 0 && !batch.stats.finished; i++) {
      s.send({ type: 'step', kind: 'event' });
      batch = drain(s);
    }
    expect(batch.stats.heldEvents).toBeGreaterThan(0);
    const written = save(s);
    const after = drain(s);
    expect(after.stats.heldEvents).toBe(0);
    checkSaved(s, written, after);
  });

  it('what Step ran of the current instant (a frame that arrived now) is in the replay too, before the request that followed it', () => {
    const cases: { name: string; file: string; before: Act[]; flow: boolean; after: Act[] }[] = [
      // The user's flow: its first frame arrives at once, and Step instant runs that arrival.
      {
        name: 'user flow, Step instant, save',
        file: 'allocate-filter-receive.json',
        before: [],
        flow: true,
        after: [{ t: 'step', kind: 'instant' }],
      },
      {
        name: 'user flow, Step event, save',
        file: 'allocate-filter-receive.json',
        before: [],
        flow: true,
        after: [{ t: 'step', kind: 'event' }],
      },
      {
        name: 'user flow, Step event, a request, save',
        file: 'allocate-filter-receive.json',
        before: [],
        flow: true,
        after: [
          { t: 'step', kind: 'event' },
          { t: 'free', q: 0 },
        ],
      },
      // No user action at all: the scenario's own flow (step 10), then Step instant into the advance.
      {
        name: "the scenario's flow, Step instant, save",
        file: 'allocate-filter-receive.json',
        before: Array.from({ length: 11 }, () => ({ t: 'scenario-step' as const })),
        flow: false,
        after: [{ t: 'step', kind: 'instant' }],
      },
      {
        name: 'mid-story: the user flow 5 µs in, Step instant, save',
        file: 'allocate-filter-receive.json',
        before: [{ t: 'seek', byNs: 5_000 }],
        flow: true,
        after: [{ t: 'step', kind: 'instant' }],
      },
    ];
    const failures: string[] = [];
    for (const c of cases) {
      const s = load(c.file);
      for (const act of c.before) perform(s, act);
      if (c.flow) {
        s.send({
          type: 'start-traffic',
          flow: { name: 'by hand', dst: '00-15-5D-00-00-01', vlanId: 10, frameBytes: 64, count: 1, intervalNs: 200 },
        });
        s.last = drain(s);
      }
      for (const act of c.after) perform(s, act);
      const written = save(s);
      const after = drain(s);
      expect(after.view.totals.arrived, c.name).toBeGreaterThan(0);
      try {
        checkSaved(s, written, after);
      } catch (error) {
        failures.push(`${c.name}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the file keeps the scenario steps that ran, exactly as the scenario had them, and none that Step back undid', () => {
    for (const file of BUILT_INS) {
      const s = load(file);
      const ran = Math.min(s.stepCount, 9);
      for (let i = 0; i < ran; i++) perform(s, { t: 'scenario-step' });
      const undone = 3;
      for (let i = 0; i < undone; i++) perform(s, { t: 'step-back', times: 1 });
      const kept = s.last.stats.nextStepIndex;
      expect(kept).toBe(ran - undone);
      const written = saveAndCheck(s);
      const instants = written.steps.filter((step) => !isTimeStep(step)).slice(0, -2);
      expect(instants, file).toEqual(s.scenario.steps.slice(0, kept).filter((step) => !isTimeStep(step)));
      expect(written.steps.at(-2), 'a note before the closing expect').toHaveProperty('note');
    }
  });

  it('a user request that Step back undid is absent from the file; the one after it is there', () => {
    const s = load('vmq-in-a-minute.json');
    for (let i = 0; i < 4; i++) perform(s, { t: 'scenario-step' });
    const undoneRequest: OidRequest = {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 1, Group: 0 },
        NumSuggestedReceiveBuffers: 8,
        VmName: 'VM2',
        QueueName: 'undone by step back',
      },
    };
    s.send({ type: 'request-oid', request: undoneRequest });
    s.send({
      type: 'start-traffic',
      flow: { name: 'undone flow', dst: 'FF-FF-FF-FF-FF-FF', frameBytes: 64, count: 3, intervalNs: 1000 },
    });
    drain(s);
    s.send({ type: 'step-back' });
    s.send({ type: 'step-back' });
    s.last = drain(s);
    expect(s.last.stats.detachedSteps).toBe(0);
    s.send({
      type: 'request-oid',
      request: { ...undoneRequest, buffer: { ...undoneRequest.buffer, QueueName: 'kept after step back' } },
    });
    const written = save(s);
    checkSaved(s, written, drain(s));
    expect(written.text).not.toContain('undone by step back');
    expect(written.text).not.toContain('undone flow');
    expect(written.text).toContain('kept after step back');
  });

  it('an advance the user cut short with a request is written as the part of it that ran', () => {
    // allocate-filter-receive: step 10 starts ten frames, step 11 advances 60 µs.
    const s = load('allocate-filter-receive.json');
    for (let i = 0; i < 11; i++) perform(s, { t: 'scenario-step' });
    const start = s.last.view.nowNs;
    perform(s, { t: 'seek', byNs: 25_000 });
    expect(s.last.view.nowNs).toBe(start + 25_000);
    perform(s, { t: 'return', q: null, count: 'all' });
    perform(s, { t: 'seek', byNs: 5_000 });
    const written = saveAndCheck(s);
    const body = written.steps.slice(0, -2);
    const returnAt = body.findIndex((step) => 'returnNbls' in step);
    expect(returnAt).toBeGreaterThan(0);
    const advancesBefore = body.slice(0, returnAt).filter((step) => 'advance' in step);
    expect(advancesBefore.reduce((sum, step) => sum + ('advance' in step ? step.advance : 0), 0)).toBe(start + 25_000);
    expect(body.slice(0, returnAt).some((step) => 'advance' in step && step.advance === 60_000)).toBe(false);
    expect(
      written.steps.filter((step) => 'advance' in step).reduce((n, st) => n + ('advance' in st ? st.advance : 0), 0),
    ).toBe(start + 30_000);
  });

  it('a request with a buffer member its structure does not have is still written, and problems names the member', () => {
    for (const [request, member] of [
      [{ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueIdd: 1 } }, 'QueueIdd'],
      [
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: {
            QueueType: 'NdisReceiveQueueTypeVMQueue',
            ProcessorAffinity: { Mask: 1, Groop: 0 },
            VmName: 'VM1',
          },
        },
        'Groop',
      ],
    ] as [OidRequest, string][]) {
      const s = load('vmq-in-a-minute.json');
      perform(s, { t: 'scenario-step' });
      perform(s, { t: 'scenario-step' });
      s.send({ type: 'request-oid', request });
      drain(s);
      const written = save(s);
      expect(written.problems.length, member).toBeGreaterThan(0);
      expect(written.problems.map((p) => `${p.path} ${p.message}`).join('\n')).toContain(member);
      const steps = (JSON.parse(written.text) as { steps: { buffer?: Record<string, unknown> }[] }).steps;
      const holder = steps.findIndex((step) => JSON.stringify(step.buffer ?? {}).includes(`"${member}"`));
      expect(holder, 'the file still holds the request').toBeGreaterThanOrEqual(0);
      expect(
        written.problems.some((p) => p.path.startsWith(`steps[${holder}]`)),
        'a problem names its step',
      ).toBe(true);
      const parsed = parseScenario(written.text);
      expect(parsed.ok).toBe(false);
      expect(written.problems).toEqual(parsed.ok ? [] : parsed.errors);
    }
  });

  it('stopping a flow that is not running (never started, or its start undone by Step back) still saves a file that loads', () => {
    for (const undoStart of [false, true]) {
      const s = load('vmq-in-a-minute.json');
      perform(s, { t: 'scenario-step' });
      if (undoStart) {
        s.send({
          type: 'start-traffic',
          flow: { name: 'mine', dst: 'FF-FF-FF-FF-FF-FF', frameBytes: 64, count: 3, intervalNs: 1000 },
        });
        drain(s);
        s.send({ type: 'step-back' });
        drain(s);
      }
      const reply = s.send({ type: 'stop-traffic', flow: 'mine' });
      expect(reply?.type).not.toBe('error');
      s.last = drain(s);
      const written = save(s);
      expect.soft(written.problems, `undoStart=${undoStart}`).toEqual([]);
      if (written.problems.length === 0) checkSaved(s, written, drain(s));
    }
  });

  it('an empty adapter (steps: []) with the user driving it saves to a file that replays', () => {
    const empty = {
      format: 'vmq-scenario',
      version: 1,
      title: 'Empty',
      seed: 3,
      adapter: { profile: 'ws2012' },
      vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 }],
      steps: [],
    };
    const s = load('Empty adapter', JSON.stringify(empty));
    for (const act of [
      { t: 'alloc', vm: 0, mask: 2, buffers: 16 },
      { t: 'set-filter', q: 1, vm: 0, mode: 'vlan' },
      { t: 'complete', q: 0 },
      { t: 'traffic', vm: 0, count: 10, intervalNs: 1000, bytes: 200, poisson: true },
      { t: 'seek', byNs: 4_321 },
      { t: 'return', q: 1, count: 2 },
      { t: 'play', speed: 1, frames: 3, wallMs: 16, pause: true },
    ] as Act[])
      perform(s, act);
    const written = saveAndCheck(s);
    expect(written.steps.filter((step) => 'oid' in step).map((step) => 'oid' in step && step.oid)).toEqual([
      'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      'OID_RECEIVE_FILTER_SET_FILTER',
      'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    ]);
  });
});

describe('the built-in scenarios, saved', () => {
  const userAct = fc.oneof(
    fc.record({
      t: fc.constant('alloc' as const),
      vm: fc.nat(3),
      mask: fc.constantFrom(1, 2, 4),
      buffers: fc.constantFrom(8, 16),
    }),
    fc.record({
      t: fc.constant('set-filter' as const),
      q: fc.nat(5),
      vm: fc.nat(3),
      mode: fc.constantFrom('vlan' as const, 'untagged' as const, 'mac-only' as const),
    }),
    fc.record({ t: fc.constant('complete' as const), q: fc.nat(5) }),
    fc.record({ t: fc.constant('free' as const), q: fc.nat(5) }),
    fc.record({ t: fc.constant('clear' as const), f: fc.nat(5) }),
    fc.record({
      t: fc.constant('traffic' as const),
      vm: fc.nat(3),
      count: fc.integer({ min: 1, max: 20 }),
      intervalNs: fc.integer({ min: 200, max: 5000 }),
      bytes: fc.integer({ min: 64, max: 1500 }),
      poisson: fc.boolean(),
    }),
    fc.record({ t: fc.constant('stop-traffic' as const), n: fc.nat(3) }),
    fc.record({
      t: fc.constant('return' as const),
      q: fc.option(fc.nat(5), { nil: null }),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('all' as const)),
    }),
  );

  it.each(BUILT_INS)('%s: cut at a random step, one user action, save, replay: the same adapter', (file) => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        userAct,
        fc.integer({ min: 0, max: 40_000 }),
        (fraction, events, act, afterNs) => {
          const s = load(file);
          const steps = Math.floor(fraction * s.stepCount);
          for (let i = 0; i < steps; i++) perform(s, { t: 'scenario-step' });
          for (let i = 0; i < events; i++) perform(s, { t: 'step', kind: 'event' });
          const sent = perform(s, act as Act);
          if (sent > 0 && steps < s.stepCount)
            expect(s.last.stats.detachedSteps).toBe(s.stepCount - s.last.stats.nextStepIndex);
          perform(s, { t: 'seek', byNs: afterNs });
          saveAndCheck(s);
        },
      ),
      { seed: 42, numRuns: 12 },
    );
  });
});
