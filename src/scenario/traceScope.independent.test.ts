/**
 * Independent tests of which trace a check sees (docs/scenario-format.md "`expect` steps": "`events` and `order`
 * check the trace from the start of the run up to that instant"; "Trace events": per-frame facts need
 * options.traceFrames): an expect step sees nothing after its instant, per-frame checks without per-frame tracing
 * fail and say so, and a session restored from a snapshot (Step back) sees the trace as it was then.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import {
  CLEAR_F,
  FREE_Q,
  RECEIVED,
  TRAFFIC_TO_VM1,
  docV2,
  expectFailureNaming,
  expectHolds,
  lastCheck,
  loaded,
  resultOf,
  runDoc,
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE } from './independent.testing.ts';
import type { ExpectSpec } from './schema.ts';
import { createScenarioSession } from './session.ts';

const Q = '$q.QueueId';
const INDICATED = { event: 'nbls-indicated', queues: { contains: [Q] } };
const none = (where: unknown) => ({ expect: { events: [{ where, count: 0 }] } });
const some = (where: unknown) => ({ expect: { events: [{ where }] } });

describe('an expect step sees the trace up to its instant', () => {
  it('before the traffic no indication, after it some: the same run, two instants', () => {
    const steps = [...RUNNING_QUEUE, none(INDICATED), ...TRAFFIC_TO_VM1(5), some(INDICATED)];
    const run = runDoc(docV2(steps));
    expectHolds(resultOf(run, RUNNING_QUEUE.length));
    expectHolds(resultOf(run, steps.length - 1));
  });

  it('"at least one" fails at an instant before the events, though they happen later', () => {
    const steps = [...RUNNING_QUEUE, some(INDICATED), ...TRAFFIC_TO_VM1(5)];
    expect(resultOf(runDoc(docV2(steps)), RUNNING_QUEUE.length).ok).toBe(false);
  });

  it('steps later at the same instant are not seen: a flow that starts right after the check', () => {
    const steps = [...RUNNING_QUEUE, none({ event: 'flow-started' }), ...TRAFFIC_TO_VM1(1)];
    expectHolds(resultOf(runDoc(docV2(steps)), RUNNING_QUEUE.length));
  });

  it('a pended request’s later completion is not seen before it happens', () => {
    const pending = {
      adapter: { profile: 'ws2012', options: { pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' } } },
    };
    const freeDone = { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE' };
    const steps = [...RUNNING_QUEUE, CLEAR_F, FREE_Q, none(freeDone), { advance: '60us' }, some(freeDone)];
    const run = runDoc(docV2(steps, pending));
    expectHolds(resultOf(run, RUNNING_QUEUE.length + 2));
    expectHolds(resultOf(run, steps.length - 1));
  });

  it('order: after/none holds before the B events happen and fails after', () => {
    const entry = { after: { event: 'filter-set' }, none: INDICATED };
    const steps = [
      ...RUNNING_QUEUE,
      { expect: { order: [entry] } },
      ...TRAFFIC_TO_VM1(3),
      { expect: { order: [entry] } },
    ];
    const run = runDoc(docV2(steps));
    expectHolds(resultOf(run, RUNNING_QUEUE.length));
    expect(resultOf(run, steps.length - 1).ok).toBe(false);
  });
});

describe('per-frame facts need per-frame tracing', () => {
  const noFrames = { adapter: { profile: 'ws2012', options: { traceFrames: false } } };
  const FREED_AFTER_TRAFFIC = [...RECEIVED(5), CLEAR_F, FREE_Q];
  const withoutFrames = (entries: unknown[], steps: unknown[] = RECEIVED(5)) =>
    lastCheck(steps, { events: entries }, noFrames);

  it.each([
    ['dma-written, count 0', { where: { event: 'dma-written' }, count: 0 }],
    ['dma-written, at least one (no count)', { where: { event: 'dma-written' } }],
    ['frame-arrived, count 0', { where: { event: 'frame-arrived' }, count: 0 }],
    ['frame-classified, count 0', { where: { event: 'frame-classified', QueueId: Q }, count: 0 }],
    ['frame-dropped, count 0', { where: { event: 'frame-dropped' }, count: 0 }],
    ['nbls-indicated frames in where', { where: { event: 'nbls-indicated', frames: { contains: [1] } }, count: 0 }],
    ['nbls-indicated frames in each', { where: INDICATED, each: { frames: { length: { gte: 0 } } } }],
    ['nbls[].frameId', { where: INDICATED, each: { nbls: { every: { frameId: { gte: 1 } } } } }],
  ])('with options.traceFrames false, %s fails and says per-frame tracing is off', (_what, entry) => {
    const result = withoutFrames([entry]);
    expect(result.ok, result.detail).toBe(false);
    expect(result.detail).toMatch(/traceFrames|per-frame|--frames/);
  });

  it('facts that are not per-frame still hold without it: cpu, ReceiveFlags, queues, nbls[].QueueId, count', () => {
    const each = {
      cpu: 1,
      queues: [Q],
      count: { gte: 1 },
      ReceiveFlags: { flagsSet: ['NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID'] },
      nbls: { every: { QueueId: Q } },
    };
    expectHolds(withoutFrames([{ where: INDICATED, each }]));
  });

  it('an order with a per-frame pattern cannot hold for want of events: after DmaStopped, none dma-written', () => {
    const dmaStopped = {
      event: 'status-indicated',
      QueueId: Q,
      QueueState: 'NdisReceiveQueueOperationalStateDmaStopped',
    };
    const result = lastCheck(
      FREED_AFTER_TRAFFIC,
      { order: [{ after: dmaStopped, none: { event: 'dma-written', QueueId: Q } }] },
      noFrames,
    );
    expect(result.ok, result.detail).toBe(false);
    expect(result.detail).toMatch(/traceFrames|per-frame|--frames/);
  });

  it('the session option traceFrames false acts as the adapter option does', () => {
    const steps = [...RECEIVED(5), { expect: { events: [{ where: { event: 'dma-written' }, count: 0 }] } }];
    const run = runDoc(docV2(steps), { traceFrames: false });
    expectFailureNaming(resultOf(run, steps.length - 1), 'dma-written');
  });

  it('vmq run without --frames cannot pass a count 0 of DMA writes that happened; with --frames the writes count', () => {
    const file = (count: unknown) =>
      JSON.stringify(
        docV2([...RECEIVED(5), { expect: { events: [{ where: { event: 'dma-written', QueueId: Q }, count }] } }]),
      );
    const vmq = (content: string, ...flags: string[]) => {
      const out: string[] = [];
      const code = runCli(['run', 'f.json', '--quiet', ...flags], {
        readFile: () => content,
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        version: '0.1.0',
      });
      return { code, out: out.join('\n') };
    };
    expect(vmq(file(0)).code).toBe(1);
    expect(vmq(file(0), '--frames').code).toBe(1);
    const counted = vmq(file(5), '--frames');
    expect(counted.code, counted.out).toBe(0);
  });
});

describe('Step back: a restored session sees the trace as it was', () => {
  /** The parsed expect spec of `check`, for session.check(). */
  const specOf = (check: Record<string, unknown>): ExpectSpec => {
    const step = loaded(docV2([...RUNNING_QUEUE, { expect: check }])).steps[RUNNING_QUEUE.length];
    return (step as { expect: ExpectSpec }).expect;
  };
  const noIndication = specOf({ events: [{ where: { event: 'nbls-indicated' }, count: 0 }] });
  const fiveFramesIndicated = specOf({
    events: [{ where: { event: 'nbls-indicated' } }, { where: { event: 'flow-started' }, count: 1 }],
    order: [{ sequence: [{ event: 'flow-started' }, { event: 'nbls-indicated' }] }],
  });
  const holds = (checks: { ok: boolean }[]) => checks.length > 0 && checks.every((c) => c.ok);
  const session = () =>
    createScenarioSession(loaded(docV2(RECEIVED(5))), { alsoChecks: [noIndication, fiveFramesIndicated] });

  it('restoring a snapshot taken before the traffic drops the indications recorded after it', () => {
    const s = session();
    for (let i = 0; i < RUNNING_QUEUE.length; i++) s.runNextStep();
    const before = s.snapshot();
    while (!s.done) s.runNextStep();
    expect(holds(s.check(fiveFramesIndicated))).toBe(true);
    s.restore(before);
    expect(holds(s.check(noIndication)), JSON.stringify(s.check(noIndication))).toBe(true);
    expect(holds(s.check(fiveFramesIndicated))).toBe(false);
  });

  it('running on after the restore records the events once, not twice', () => {
    const s = session();
    for (let i = 0; i < RUNNING_QUEUE.length; i++) s.runNextStep();
    const before = s.snapshot();
    while (!s.done) s.runNextStep();
    s.restore(before);
    while (!s.done) s.runNextStep();
    // flow-started count 1: the flow of the first pass is gone.
    expect(holds(s.check(fiveFramesIndicated)), JSON.stringify(s.check(fiveFramesIndicated))).toBe(true);
  });

  it('restoring a later snapshot after an earlier one (redo) sees the later trace again', () => {
    const s = session();
    for (let i = 0; i < RUNNING_QUEUE.length; i++) s.runNextStep();
    const before = s.snapshot();
    while (!s.done) s.runNextStep();
    const after = s.snapshot();
    s.restore(before);
    s.restore(after);
    expect(holds(s.check(fiveFramesIndicated)), JSON.stringify(s.check(fiveFramesIndicated))).toBe(true);
    expect(holds(s.check(noIndication))).toBe(false);
  });

  it('a check of a kind the session was not told to record does not hold for want of events', () => {
    const s = createScenarioSession(loaded(docV2(RECEIVED(5))));
    s.runToEnd();
    expect(holds(s.check(noIndication)), JSON.stringify(s.check(noIndication))).toBe(false);
  });
});
