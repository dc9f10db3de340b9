import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimCommand, SimCommandInput } from '../protocol/commands.ts';
import type { BatchMessage, WorkerMessage } from '../protocol/messages.ts';
import { checkedScenarioJson } from '../scenario/checked.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EngineHost, type LoadParser, type ParseScenario } from './engineHost.ts';
import { scenarioText } from './testScenarios.ts';

const BUILT_INS = readdirSync(fileURLToPath(new URL('../../public/scenarios/', import.meta.url))).sort();

/** What the build ships for `file`: its parse, through JSON as the page fetches it. */
function checkedOf(file: string): Scenario {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} must parse`);
  return JSON.parse(checkedScenarioJson(parsed.scenario)) as Scenario;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Wall-clock facts differ between two runs of the same story; everything else must not. */
function normalised(messages: WorkerMessage[]): unknown[] {
  return messages.map((message) =>
    message.type === 'batch' ? { ...message, stats: { ...message.stats, busyMs: 0 } } : message,
  );
}

/** A host on a frozen clock (so a pull's CPU budget never decides anything), with an outbox and id stamping. */
function harness(loadParser: LoadParser = () => parseScenario) {
  const outbox: WorkerMessage[] = [];
  let parserLoads = 0;
  const host = new EngineHost(
    (message) => outbox.push(structuredClone(message)),
    () => {
      parserLoads++;
      return loadParser();
    },
    { now: () => 0 },
  );
  let nextId = 1;
  const send = (input: SimCommandInput): number => {
    const id = nextId++;
    host.receive(structuredClone({ ...input, id }) as SimCommand);
    return id;
  };
  /** The messages answering command `id`. */
  const answers = (id: number) => outbox.filter((message) => 'replyTo' in message && message.replyTo === id);
  const last = (id: number) => answers(id).at(-1);
  const pull = (wallMs = 16, maxEvents = 100_000): BatchMessage => {
    const id = send({ type: 'pull-batch', maxEvents, wallMs });
    const reply = last(id);
    if (reply?.type !== 'batch') throw new Error(`pull ${id} got ${JSON.stringify(reply)}`);
    return reply;
  };
  return { host, outbox, send, answers, last, pull, parserLoads: () => parserLoads };
}

/** Plays the loaded scenario to its end at full speed and returns every batch. */
function playToEnd(h: ReturnType<typeof harness>): BatchMessage[] {
  h.send({ type: 'play', speed: 100 });
  const batches: BatchMessage[] = [];
  for (let i = 0; i < 20_000; i++) {
    const batch = h.pull(1000, 5000);
    batches.push(batch);
    if (batch.stats.finished && batch.stats.backlog === 0) return batches;
  }
  throw new Error('the scenario never finished');
}

/** Steps the loaded scenario through all its steps, pulling after each. */
function stepToEnd(h: ReturnType<typeof harness>): BatchMessage[] {
  const batches: BatchMessage[] = [];
  for (let i = 0; i < 5_000; i++) {
    h.send({ type: 'step', kind: 'scenario-step' });
    let batch = h.pull();
    batches.push(batch);
    while (batch.stats.backlog > 0) {
      batch = h.pull();
      batches.push(batch);
    }
    if (batch.stats.finished) return batches;
  }
  throw new Error('the scenario never finished');
}

const flushTasks = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function deferredParser() {
  const pending: { resolve(parse: ParseScenario): void; reject(error: unknown): void }[] = [];
  const loadParser: LoadParser = () =>
    new Promise<ParseScenario>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { loadParser, pending };
}

describe('a built-in loaded checked runs exactly as its text', () => {
  it.each(BUILT_INS)('%s: same summary and same batches when played to the end', (file) => {
    const asText = harness();
    const asChecked = harness(() => {
      throw new Error('a checked load must not need the parser');
    });
    asText.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
    asChecked.send({ type: 'load-scenario', scenario: scenarioText(file), source: file, checked: checkedOf(file) });
    expect(asChecked.outbox[0]?.type).toBe('scenario-loaded');
    expect(asChecked.outbox[0]).toEqual(asText.outbox[0]);
    expect(normalised(playToEnd(asChecked))).toEqual(normalised(playToEnd(asText)));
    expect(asChecked.parserLoads()).toBe(0);
  });

  it.each(BUILT_INS)('%s: same batches stepped to the end with per-frame tracing on, then off', (file) => {
    for (const on of [true, false]) {
      const asText = harness();
      const asChecked = harness();
      for (const h of [asText, asChecked]) h.send({ type: 'set-trace-frames', on });
      asText.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
      asChecked.send({ type: 'load-scenario', scenario: scenarioText(file), source: file, checked: checkedOf(file) });
      expect(normalised(asChecked.outbox)).toEqual(normalised(asText.outbox));
      const batches = stepToEnd(asChecked);
      expect(normalised(batches)).toEqual(normalised(stepToEnd(asText)));
      expect(batches.every((batch) => batch.stats.traceFrames === on)).toBe(true);
      expect(asChecked.parserLoads()).toBe(0);
    }
  });

  it.each(BUILT_INS)('%s: same batches when tracing is toggled, seeks and step-backs happen mid-story', (file) => {
    const script = (h: ReturnType<typeof harness>) => {
      h.send({ type: 'step', kind: 'scenario-step' });
      h.send({ type: 'step', kind: 'event' });
      h.pull();
      h.send({ type: 'set-trace-frames', on: false });
      h.send({ type: 'seek', tNs: 40_000 });
      h.pull();
      h.send({ type: 'set-trace-frames', on: true });
      h.send({ type: 'step-back' });
      h.send({ type: 'seek', tNs: 0 });
      h.pull();
      return playToEnd(h);
    };
    const asText = harness();
    const asChecked = harness();
    asText.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
    asChecked.send({ type: 'load-scenario', scenario: scenarioText(file), source: file, checked: checkedOf(file) });
    script(asText);
    script(asChecked);
    expect(normalised(asChecked.outbox)).toEqual(normalised(asText.outbox));
  });

  it('runs a deep-frozen checked scenario without changing it, and the same object twice tells the same story', () => {
    const file = 'vmq-in-a-minute.json';
    const checked = deepFreeze(checkedOf(file));
    const h = harness();
    const first = h.send({ type: 'load-scenario', scenario: '', source: file, checked });
    expect(h.last(first)?.type).toBe('scenario-loaded');
    const once = playToEnd(h);
    expect(checked).toStrictEqual(checkedOf(file));
    h.send({ type: 'load-scenario', scenario: '', source: file, checked });
    const twice = playToEnd(h);
    const strip = (batches: BatchMessage[]) =>
      batches.map(({ events, view, report, omitted }) => ({
        events: events.map(({ seq: _seq, ...e }) => e),
        view,
        report,
        omitted,
      }));
    expect(strip(twice)).toEqual(strip(once));
  });
});

describe('a checked load never needs the parser', () => {
  it('never calls loadParser for checked loads of every built-in, whatever else is sent', () => {
    const h = harness(() => {
      throw new Error('must not be called');
    });
    for (const file of BUILT_INS) {
      const id = h.send({
        type: 'load-scenario',
        scenario: scenarioText(file),
        source: file,
        checked: checkedOf(file),
      });
      expect(h.last(id)?.type).toBe('scenario-loaded');
      h.send({ type: 'step', kind: 'scenario-step' });
      h.send({ type: 'seek', tNs: 20_000 });
      h.send({ type: 'set-trace-frames', on: false });
      h.send({ type: 'step-back' });
      h.pull();
    }
    expect(h.parserLoads()).toBe(0);
    expect(h.outbox.filter((message) => message.type === 'error')).toEqual([]);
  });

  it('runs the checked value, not the text sent beside it (the text is only for the page)', () => {
    const h = harness();
    const checked = { ...checkedOf('vlan-filtering.json'), title: 'As the build checked it' };
    const id = h.send({ type: 'load-scenario', scenario: 'not json at all {', source: 'x.json', checked });
    const reply = h.last(id);
    expect(reply?.type).toBe('scenario-loaded');
    if (reply?.type !== 'scenario-loaded') return;
    expect(reply.scenario.title).toBe('As the build checked it');
    expect(reply.scenario.source).toBe('x.json');
    expect(h.parserLoads()).toBe(0);
  });

  it('answers a checked value the engine cannot run with a refusal, and keeps the running session', () => {
    const h = harness();
    const good = h.send({
      type: 'load-scenario',
      scenario: '',
      source: 'a',
      checked: checkedOf('vmq-in-a-minute.json'),
    });
    const loaded = h.last(good);
    if (loaded?.type !== 'scenario-loaded') throw new Error('the built-in must load');
    h.send({ type: 'step', kind: 'scenario-step' });
    const before = h.pull();
    const bad = h.send({ type: 'load-scenario', scenario: '', source: 'b', checked: {} as unknown as Scenario });
    expect(h.answers(bad)).toHaveLength(1);
    expect(['error', 'scenario-rejected']).toContain(h.last(bad)?.type);
    const after = h.pull();
    expect(after.sessionId).toBe(loaded.sessionId);
    expect(after.view).toEqual(before.view);
    expect(after.stats.nextStepIndex).toBe(before.stats.nextStepIndex);
  });
});

describe('a user file is never trusted', () => {
  const invalidInputs: [string, unknown][] = [
    ['text that is not JSON', '{ "format": '],
    ['JSON that is not a scenario', JSON.stringify({ format: 'vmq-scenario', version: 1, steps: 'no' })],
    [
      'a built-in with one broken step',
      JSON.stringify({ ...JSON.parse(scenarioText()), steps: [{ oid: 'OID_NOPE' }] }),
    ],
    ['an already-parsed object that is not a scenario', { format: 'something-else' }],
    [
      'a checked form sent as if it were a user value, with a broken step',
      { ...checkedOf('vmq-in-a-minute.json'), steps: [{ advance: -5 }] },
    ],
  ];

  it.each(invalidInputs)('rejects %s, even right after a checked built-in, and keeps the session', (_what, input) => {
    const h = harness();
    const builtIn = h.send({
      type: 'load-scenario',
      scenario: scenarioText(),
      source: 'vmq-in-a-minute.json',
      checked: checkedOf('vmq-in-a-minute.json'),
    });
    const loaded = h.last(builtIn);
    if (loaded?.type !== 'scenario-loaded') throw new Error('the built-in must load');
    h.send({ type: 'step', kind: 'scenario-step' });
    const before = h.pull();
    const user = h.send({ type: 'load-scenario', scenario: input, source: 'mine.json' });
    const reply = h.last(user);
    expect(reply?.type).toBe('scenario-rejected');
    if (reply?.type === 'scenario-rejected') {
      expect(reply.source).toBe('mine.json');
      expect(reply.errors.length).toBeGreaterThan(0);
    }
    const after = h.pull();
    expect(after.sessionId).toBe(loaded.sessionId);
    expect(after.view).toEqual(before.view);
  });

  it('parses a load whose checked field is present but undefined', () => {
    const h = harness();
    const bad = h.send({ type: 'load-scenario', scenario: '{"nope": 1}', source: 'mine.json', checked: undefined });
    expect(h.last(bad)?.type).toBe('scenario-rejected');
    const good = h.send({
      type: 'load-scenario',
      scenario: scenarioText('oid-errors.json'),
      source: 'mine.json',
      checked: undefined,
    });
    const reply = h.last(good);
    expect(reply?.type).toBe('scenario-loaded');
    if (reply?.type === 'scenario-loaded') expect(reply.scenario.title).toBe(checkedOf('oid-errors.json').title);
    expect(h.parserLoads()).toBe(1);
  });

  it('parses a user file that matches a built-in as any other file, loading the parser for it', () => {
    const h = harness();
    h.send({
      type: 'load-scenario',
      scenario: scenarioText(),
      source: 'a',
      checked: checkedOf('vmq-in-a-minute.json'),
    });
    expect(h.parserLoads()).toBe(0);
    const id = h.send({ type: 'load-scenario', scenario: scenarioText(), source: 'a copy.json' });
    expect(h.last(id)?.type).toBe('scenario-loaded');
    expect(h.parserLoads()).toBe(1);
  });
});

describe('the parser loads on demand', () => {
  it('answers a load synchronously when loadParser returns the parser itself, and calls it only once', () => {
    const h = harness();
    for (const file of ['oid-errors.json', 'pending-oids.json', 'vlan-filtering.json']) {
      const id = h.send({ type: 'load-scenario', scenario: scenarioText(file), source: file });
      expect(h.last(id)?.type).toBe('scenario-loaded');
    }
    expect(h.parserLoads()).toBe(1);
  });

  it('holds every command that arrives while the parser loads, then runs them in their original order', async () => {
    const { loadParser, pending } = deferredParser();
    const h = harness(loadParser);
    const first = h.send({
      type: 'load-scenario',
      scenario: '',
      source: 'a',
      checked: checkedOf('vmq-in-a-minute.json'),
    });
    const firstLoaded = h.last(first);
    if (firstLoaded?.type !== 'scenario-loaded') throw new Error('the checked built-in must load at once');
    const held = h.outbox.length;
    const ids = [
      h.send({ type: 'load-scenario', scenario: scenarioText('oid-errors.json'), source: 'user.json' }),
      h.send({ type: 'step', kind: 'scenario-step' }),
      h.send({ type: 'pull-batch', maxEvents: 10_000, wallMs: 16 }),
      h.send({ type: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS' } }),
      h.send({ type: 'play', speed: 3 }),
      h.send({ type: 'pause' }),
      h.send({ type: 'seek', tNs: 5_000 }),
      h.send({ type: 'set-trace-frames', on: false }),
      h.send({ type: 'pull-batch', maxEvents: 10_000, wallMs: 16 }),
      h.send({ type: 'load-scenario', scenario: '', source: 'b', checked: checkedOf('pending-oids.json') }),
      h.send({ type: 'pull-batch', maxEvents: 10_000, wallMs: 16 }),
    ];
    await flushTasks();
    expect(h.outbox.length).toBe(held);
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(parseScenario);
    await flushTasks();
    const later = h.outbox.slice(held);
    // Every message names a held command; they come in the order the commands were sent.
    const replyTos = later.map((message) => ('replyTo' in message ? message.replyTo : null));
    expect(replyTos).toEqual([...replyTos].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(h.last(ids[0]!)?.type).toBe('scenario-loaded');
    expect(h.last(ids[2]!)?.type).toBe('batch');
    expect(h.last(ids[3]!)?.type).toBe('oid-answered');
    expect(h.last(ids[9]!)?.type).toBe('scenario-loaded');
    const userSession = h.last(ids[0]!);
    const lastSession = h.last(ids[9]!);
    const firstPull = h.last(ids[2]!);
    const lastPull = h.last(ids[10]!);
    if (userSession?.type !== 'scenario-loaded' || lastSession?.type !== 'scenario-loaded') return;
    if (firstPull?.type !== 'batch' || lastPull?.type !== 'batch') throw new Error('pulls must be answered');
    expect(firstPull.sessionId).toBe(userSession.sessionId);
    expect(firstPull.stats.nextStepIndex).toBe(1);
    expect(lastPull.sessionId).toBe(lastSession.sessionId);
    expect(lastPull.stats.traceFrames).toBe(false);
    expect(h.parserLoads()).toBe(1);
  });

  it('behaves, command for command, as a host whose parser was there all along (random interleavings)', async () => {
    const files = ['vmq-in-a-minute.json', 'oid-errors.json', 'pending-oids.json', 'same-traffic-2012.json'];
    const command = fc.oneof(
      fc.record({
        type: fc.constant('load-scenario' as const),
        file: fc.constantFrom(...files),
        checked: fc.boolean(),
      }),
      fc.constant({ type: 'load-scenario' as const, file: 'broken', checked: false }),
      fc.record({
        type: fc.constant('step' as const),
        kind: fc.constantFrom('event' as const, 'scenario-step' as const),
      }),
      fc.constant({ type: 'step-back' as const }),
      fc.record({ type: fc.constant('seek' as const), tNs: fc.integer({ min: 0, max: 200_000 }) }),
      fc.record({ type: fc.constant('play' as const), speed: fc.constantFrom(1, 10, 100) }),
      fc.constant({ type: 'pause' as const }),
      fc.record({ type: fc.constant('set-trace-frames' as const), on: fc.boolean() }),
      fc.record({
        type: fc.constant('pull-batch' as const),
        maxEvents: fc.constantFrom(5, 500, 10_000),
        wallMs: fc.constantFrom(0, 16, 500),
      }),
      fc.constant({ type: 'request-oid' as const, request: { oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS' } }),
      fc.constant({
        type: 'start-traffic' as const,
        flow: { name: 'mine', dst: '00-15-5D-00-00-01', vlanId: 10, frameBytes: 64, count: 5, intervalNs: 1000 },
      }),
      fc.constant({ type: 'return-nbls' as const, queueId: null, count: 'all' as const }),
    );
    type Script = fc.Arbitrary<typeof command extends fc.Arbitrary<infer C> ? C : never>;
    const toInput = (c: typeof command extends fc.Arbitrary<infer C> ? C : never): SimCommandInput => {
      if (c.type !== 'load-scenario') return c as SimCommandInput;
      if (c.file === 'broken') return { type: 'load-scenario', scenario: '{"format":', source: 'broken.json' };
      return c.checked
        ? { type: 'load-scenario', scenario: scenarioText(c.file), source: c.file, checked: checkedOf(c.file) }
        : { type: 'load-scenario', scenario: scenarioText(c.file), source: c.file };
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(command as Script, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        async (script, resolveAtSeed) => {
          const reference = harness();
          for (const c of script) reference.send(toInput(c));
          const { loadParser, pending } = deferredParser();
          const lazy = harness(loadParser);
          const resolveAt = resolveAtSeed % (script.length + 1);
          for (const [i, c] of script.entries()) {
            if (i === resolveAt) {
              pending[0]?.resolve(parseScenario);
              await flushTasks();
            }
            lazy.send(toInput(c));
          }
          pending[0]?.resolve(parseScenario);
          await flushTasks();
          expect(normalised(lazy.outbox)).toEqual(normalised(reference.outbox));
          expect(lazy.parserLoads()).toBe(reference.parserLoads());
          expect(lazy.parserLoads()).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('loads the parser once for two text loads queued while it loads, and the second one wins', async () => {
    const { loadParser, pending } = deferredParser();
    const h = harness(loadParser);
    const a = h.send({ type: 'load-scenario', scenario: scenarioText('oid-errors.json'), source: 'a.json' });
    const b = h.send({ type: 'load-scenario', scenario: scenarioText('pending-oids.json'), source: 'b.json' });
    const pull = h.send({ type: 'pull-batch', maxEvents: 1000, wallMs: 16 });
    expect(h.outbox).toEqual([]);
    pending[0]!.resolve(parseScenario);
    await flushTasks();
    expect(h.parserLoads()).toBe(1);
    expect(h.outbox.map((message) => ('replyTo' in message ? message.replyTo : null))).toEqual([a, b, pull]);
    const second = h.last(b);
    const batch = h.last(pull);
    if (second?.type !== 'scenario-loaded' || batch?.type !== 'batch') throw new Error('both must be answered');
    expect(second.scenario.source).toBe('b.json');
    expect(batch.sessionId).toBe(second.sessionId);
  });

  describe.each([
    ['rejects its promise', (error: Error) => Promise.reject(error)],
    [
      'throws synchronously',
      (error: Error) => {
        throw error;
      },
    ],
  ] as const)('a loadParser that %s', (_how, fail) => {
    it('answers the load with an error naming the failure, keeps the session, runs what waited, and retries next time', async () => {
      let calls = 0;
      const h = harness(() => {
        calls++;
        return calls === 1 ? fail(new Error('chunk 404')) : parseScenario;
      });
      const builtIn = h.send({
        type: 'load-scenario',
        scenario: '',
        source: 'built-in',
        checked: checkedOf('vmq-in-a-minute.json'),
      });
      const loaded = h.last(builtIn);
      if (loaded?.type !== 'scenario-loaded') throw new Error('the built-in must load');
      h.send({ type: 'step', kind: 'scenario-step' });
      const before = h.pull();
      const user = h.send({ type: 'load-scenario', scenario: scenarioText('oid-errors.json'), source: 'user.json' });
      const step = h.send({ type: 'step', kind: 'scenario-step' });
      const pull = h.send({ type: 'pull-batch', maxEvents: 10_000, wallMs: 16 });
      await flushTasks();
      expect(h.answers(user)).toHaveLength(1);
      const reply = h.last(user);
      expect(reply?.type).toBe('error');
      if (reply?.type === 'error') {
        expect.soft(reply.message).toMatch(/^the scenario parser did not load: /);
        expect(reply.message).toContain('chunk 404');
      }
      expect(h.answers(step)).toEqual([]);
      const batch = h.last(pull);
      if (batch?.type !== 'batch') throw new Error('the pull must be answered');
      expect(batch.sessionId).toBe(loaded.sessionId);
      expect(batch.stats.nextStepIndex).toBe(before.stats.nextStepIndex + 1);
      const retry = h.send({ type: 'load-scenario', scenario: scenarioText('oid-errors.json'), source: 'user.json' });
      await flushTasks();
      expect(calls).toBe(2);
      const retried = h.last(retry);
      expect(retried?.type).toBe('scenario-loaded');
      if (retried?.type === 'scenario-loaded') expect(retried.sessionId).not.toBe(loaded.sessionId);
      const third = h.send({ type: 'load-scenario', scenario: scenarioText('pending-oids.json'), source: 'u2.json' });
      expect(h.last(third)?.type).toBe('scenario-loaded');
      expect(calls).toBe(2);
    });

    it('does not break the host: a failed parser load before any session leaves "no scenario" and later checked loads work', async () => {
      const h = harness(() => fail(new Error('offline')));
      const user = h.send({ type: 'load-scenario', scenario: scenarioText(), source: 'user.json' });
      const checkedLoad = h.send({
        type: 'load-scenario',
        scenario: '',
        source: 'b',
        checked: checkedOf('oid-errors.json'),
      });
      await flushTasks();
      expect(h.last(user)?.type).toBe('error');
      expect(h.last(checkedLoad)?.type).toBe('scenario-loaded');
      expect(h.pull().stats.stepCount).toBe(checkedOf('oid-errors.json').steps.length);
    });
  });

  it('answers each of two loads queued behind a parser that fails exactly once, in order', async () => {
    const { loadParser, pending } = deferredParser();
    const h = harness(loadParser);
    const a = h.send({ type: 'load-scenario', scenario: scenarioText('oid-errors.json'), source: 'a.json' });
    const b = h.send({ type: 'load-scenario', scenario: scenarioText('pending-oids.json'), source: 'b.json' });
    const pull = h.send({ type: 'pull-batch', maxEvents: 100, wallMs: 16 });
    pending[0]!.reject(new Error('network'));
    await flushTasks();
    // b either failed with a: or tried the parser again; either way it is answered once, and nothing hangs.
    pending[1]?.resolve(parseScenario);
    await flushTasks();
    expect(h.answers(a)).toHaveLength(1);
    expect(h.answers(b)).toHaveLength(1);
    expect(h.answers(pull)).toHaveLength(1);
    expect(h.last(a)?.type).toBe('error');
    expect(['error', 'scenario-loaded']).toContain(h.last(b)?.type);
    const order = h.outbox.map((message) => ('replyTo' in message ? message.replyTo : null));
    expect(order).toEqual([a, b, pull]);
  });
});
