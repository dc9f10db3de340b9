import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/types.ts';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/session.ts';
import { harness } from './hostHarness.ts';
import { scenarioText } from './testScenarios.ts';

const defaultScenario = scenarioText();

describe('EngineHost', () => {
  it('announces its protocol version', () => {
    const { host, outbox } = harness();
    host.announce();
    expect(outbox).toEqual([{ type: 'ready', protocolVersion: PROTOCOL_VERSION }]);
  });

  it('plays the default scenario to the end: seq +1 per batch, time never goes back, the trace equals a direct run', () => {
    const { send, pull } = harness();
    expect(send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' })?.type).toBe('scenario-loaded');
    send({ type: 'play', speed: 100 });
    const batches: BatchMessage[] = [];
    for (let i = 0; i < 10_000 && !batches.at(-1)?.stats.finished; i++) batches.push(pull(16));
    const last = batches.at(-1) as BatchMessage;
    expect(last.stats.finished).toBe(true);
    expect(last.stats.playing).toBe(false);
    // Paced: at 100× a 60 Hz frame buys 1.6 s of story, so the story takes dozens of frames, not one.
    expect(batches.length).toBeGreaterThan(20);
    for (const [i, batch] of batches.entries()) {
      if (i === 0) continue;
      const previous = batches[i - 1] as BatchMessage;
      expect(batch.seq).toBe(previous.seq + 1);
      expect(batch.fromNs).toBe(previous.toNs);
      expect(batch.toNs).toBeGreaterThanOrEqual(batch.fromNs);
    }
    const parsed = parseScenario(defaultScenario);
    if (!parsed.ok) throw new Error('default scenario must parse');
    const direct = runScenario(parsed.scenario);
    const delivered: TraceEvent[] = batches.flatMap((b) => b.events);
    expect(delivered).toEqual(direct.events);
    expect(last.report.ok).toBe(true);
    expect(last.report.expectations).toEqual(direct.report.expectations);
  });

  it("rejects a bad scenario with the parser's errors and keeps the running one", () => {
    const { send, pull } = harness();
    const loaded = send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    send({ type: 'step', kind: 'scenario-step' });
    send({ type: 'step', kind: 'scenario-step' });
    const before = pull();
    for (const bad of [
      '{ "format": "vmq-scenario", ',
      '{"format":"vmq-scenario","version":1,"title":"x","adapter":{"profile":"ws2099"},"steps":[]}',
    ]) {
      const reply = send({ type: 'load-scenario', scenario: bad, source: 'foo.json' });
      const parsed = parseScenario(bad);
      expect(parsed.ok).toBe(false);
      expect(reply).toEqual({
        type: 'scenario-rejected',
        replyTo: expect.any(Number),
        source: 'foo.json',
        errors: parsed.ok ? [] : parsed.errors,
      });
    }
    const after = pull();
    expect(loaded?.type === 'scenario-loaded' && after.sessionId === loaded.sessionId).toBe(true);
    expect(after.view).toEqual(before.view);
    expect(after.stats.nextStepIndex).toBe(2);
  });

  it('steps back to exactly the state before each step, and forward again to the same trace', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    const states: BatchMessage[] = [pull()];
    const kinds = (i: number) => (i % 3 === 0 ? 'scenario-step' : 'event');
    for (let i = 0; !states.at(-1)?.stats.finished; i++) {
      send({ type: 'step', kind: kinds(i) });
      states.push(pull());
    }
    expect(states.length).toBeGreaterThan(20);
    const forwardEvents = states.flatMap((b) => b.events);
    for (let i = states.length - 2; i >= 0; i--) {
      send({ type: 'step-back' });
      const back = pull();
      const expected = states[i] as BatchMessage;
      expect(back.view).toEqual(expected.view);
      expect(back.report).toEqual(expected.report);
      expect(back.toNs).toBe(expected.toNs);
      expect(back.stats.nextStepIndex).toBe(expected.stats.nextStepIndex);
      expect(back.stats.eventCount).toBe(expected.stats.eventCount);
      expect(back.rewound).toEqual({
        lastEventSeq: states
          .slice(0, i + 1)
          .flatMap((b) => b.events)
          .at(-1)?.seq,
      });
    }
    expect(pull().stats.canStepBack).toBe(false);
    // The same steps again give the same events, seq for seq.
    const again: TraceEvent[] = [...(states[0] as BatchMessage).events];
    for (let i = 0; i < states.length - 1; i++) {
      send({ type: 'step', kind: kinds(i) });
      again.push(...pull().events);
    }
    expect(again).toEqual(forwardEvents);
  });

  it('steps back while playing to the last checkpoint, and seeks back and forth', () => {
    const { send, pull } = harness({ checkpointEveryEvents: 10 });
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    send({ type: 'play', speed: 100 });
    const played: BatchMessage[] = [];
    for (let i = 0; i < 20; i++) played.push(pull(16));
    const reached = played.at(-1) as BatchMessage;
    expect(reached.stats.finished).toBe(false);
    send({ type: 'step-back' });
    const back = pull();
    expect(back.rewound).not.toBeNull();
    expect(back.stats.playing).toBe(false);
    expect(back.toNs).toBeLessThanOrEqual(reached.toNs);
    expect(back.toNs < reached.toNs || back.stats.nextStepIndex < reached.stats.nextStepIndex).toBe(true);

    send({ type: 'seek', tNs: 0 });
    const start = pull();
    expect(start.toNs).toBe(0);
    expect(start.stats.nextStepIndex).toBe(0);
    // Only what initialization produced (the default queue's buffers) is left.
    expect(start.rewound).toEqual({ lastEventSeq: 0 });
    expect(start.stats.eventCount).toBe(1);

    send({ type: 'seek', tNs: reached.toNs });
    const sought = pull(16, 100_000);
    expect(sought.toNs).toBe(reached.toNs);
    expect(sought.events).toEqual(played.flatMap((b) => b.events).filter((e) => e.seq > 0 && e.t <= reached.toNs));
  });

  it('keeps a batch within maxEvents and reports the backlog', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    send({ type: 'seek', tNs: 1_000_000 });
    const first = pull(16, 25);
    expect(first.events).toHaveLength(25);
    expect(first.stats.backlog).toBeGreaterThan(0);
    expect(first.toNs).toBe(first.events.at(-1)?.t);
    let previous = first;
    while (previous.stats.backlog > 0) {
      const next = pull(16, 25);
      expect(next.events.length).toBeLessThanOrEqual(25);
      expect(next.toNs).toBeGreaterThanOrEqual(previous.toNs);
      previous = next;
    }
    expect(previous.toNs).toBe(1_000_000);
  });

  it('stops simulating when the slice budget is spent', () => {
    let clockMs = 0;
    // Every reading of the clock costs 1 ms, so the 8 ms budget allows a handful of slices.
    const { send, pull } = harness({ sliceBudgetMs: 8, now: () => clockMs++ });
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    send({ type: 'play', speed: 100 });
    const batch = pull(100);
    expect(batch.stats.busyMs).toBeLessThanOrEqual(8 + 2);
    expect(batch.stats.finished).toBe(false);
  });

  it("answers request-oid with the engine's result, and step-back undoes it", () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    const before = pull();
    const reply = send({
      type: 'request-oid',
      request: {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: {
          QueueType: 1,
          ProcessorAffinity: { Mask: 1, Group: 0 },
          NumSuggestedReceiveBuffers: 16,
          VmName: 'VM1',
          QueueName: 'q',
        },
      },
    });
    expect(reply?.type).toBe('oid-answered');
    if (reply?.type !== 'oid-answered') return;
    expect(reply.result.oid).toBe('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
    expect(reply.result.status).toBe('NDIS_STATUS_SUCCESS');
    expect(pull().view.queues.length).toBe(before.view.queues.length + 1);
    send({ type: 'step-back' });
    expect(pull().view).toEqual(before.view);
  });

  it('keeps the per-frame tracing choice across step-back, and still reaches the start', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    // Steps 0–13 end with the 100 µs of traffic.
    for (let i = 0; i < 14; i++) send({ type: 'step', kind: 'scenario-step' });
    const withFrames = pull();
    expect(withFrames.stats.traceFrames).toBe(true);
    expect(withFrames.events.some((e) => e.kind === 'frame-arrived')).toBe(true);
    send({ type: 'set-trace-frames', on: false });
    for (let i = 0; i < 3; i++) send({ type: 'step', kind: 'scenario-step' });
    let backs = 0;
    while (pull().stats.canStepBack) {
      send({ type: 'step-back' });
      expect(++backs).toBeLessThan(50);
    }
    const start = pull();
    expect(start.stats.nextStepIndex).toBe(0);
    expect(start.stats.traceFrames).toBe(false);
    for (let i = 0; i < 14; i++) send({ type: 'step', kind: 'scenario-step' });
    const withoutFrames = pull();
    expect(withoutFrames.events.some((e) => e.kind === 'frame-arrived')).toBe(false);
    // Counters stay exact either way.
    expect(withoutFrames.view.totals).toEqual(withFrames.view.totals);
  });

  it("plays the default scenario's whole story in about a minute at 1×", () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    send({ type: 'play', speed: 1 });
    let wallMs = 0;
    for (let finished = false; !finished && wallMs <= 120_000; wallMs += 16) finished = pull(16).stats.finished;
    expect(wallMs).toBeGreaterThan(30_000); // slow enough to follow
    // 60 s of steps and traffic, plus the beats that hold the free sequence's states on screen.
    expect(wallMs).toBeLessThanOrEqual(65_000);
  });

  it("names the scenario's VMs and processors when it loads, for the console and the traffic generator", () => {
    const { send } = harness();
    const loaded = send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    expect(loaded?.type === 'scenario-loaded' && loaded.scenario).toMatchObject({
      vms: [
        { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
        { name: 'VM2', mac: '00-15-5D-00-00-02' },
      ],
      cpus: 4,
      plannedNs: 150_000,
    });
  });

  it('stops a user flow early on stop-traffic, and step-back lets it run again', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: defaultScenario, source: 'default' });
    pull();
    send({
      type: 'start-traffic',
      flow: { name: 'mine', dst: '00-15-5D-00-00-42', frameBytes: 64, count: 100, intervalNs: 1000 },
    });
    send({ type: 'seek', tNs: 10_500 });
    const running = pull(16, 10_000);
    send({ type: 'stop-traffic', flow: 'mine' });
    const stopped = pull(16, 10_000);
    const ended = stopped.events.find((e) => e.kind === 'flow-ended');
    expect(ended).toMatchObject({ kind: 'flow-ended', flow: 'mine', sent: 11 });
    send({ type: 'step-back' });
    expect(pull().view).toEqual(running.view);
  });

  it('reports a command it cannot carry out as an error naming the command', () => {
    const { send } = harness();
    expect(send({ type: 'play', speed: 1 })).toEqual({ type: 'error', replyTo: 1, message: 'no scenario is loaded' });
  });
});
