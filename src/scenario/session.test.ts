import { describe, expect, it } from 'vitest';
import { asTimeNs, type TraceEvent } from '../engine/types.ts';
import { createScenarioSession, runScenario } from './session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from './testing.ts';

const TRAFFIC_TO_VM1 = { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 1518, count: 10, interval: '10us' } };

/** Tear-down of VM1's queue: clear its filter, then free it. */
const FREE_VM1_QUEUE = [
  { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: '$vm1q.QueueId', FilterId: '$filter.FilterId' } },
  {
    oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
    buffer: { QueueId: '$vm1q.QueueId' },
    expect: { status: 'NDIS_STATUS_SUCCESS', pended: true },
  },
];

describe('runScenario', () => {
  it('runs allocate → filter → allocation complete → traffic, and the queue indicates every frame', () => {
    const { events, report } = runScenario(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        {
          expect: {
            queue: {
              QueueId: '$vm1q.QueueId',
              state: 'Running',
              reported: 'NdisReceiveQueueOperationalStateRunning',
              filters: 1,
            },
          },
        },
        TRAFFIC_TO_VM1,
        { advance: '200us' },
        {
          expect: {
            queue: { QueueId: '$vm1q.QueueId', indicated: 10, cpu: 1 },
            totals: { arrived: 10 },
            violations: [],
          },
        },
      ]),
    );
    expect(report.ok).toBe(true);
    expect(report.expectations.map((e) => [e.stepIndex, e.kind, e.detail])).toEqual([
      [0, 'oid', 'status NDIS_STATUS_SUCCESS'],
      [
        3,
        'expect',
        'queue 1 state Running; queue 1 reported NdisReceiveQueueOperationalStateRunning; queue 1 filters 1',
      ],
      [6, 'expect', 'queue 1 cpu 1; queue 1 indicated 10; total arrived 10; violations []'],
    ]);
    expect(events.filter((e) => e.kind === 'nbls-indicated')).toHaveLength(10);
    expect(report.endNs).toBe(200_000);
  });

  it('says which expectation failed and why', () => {
    const { report } = runScenario(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        { expect: { queue: { QueueId: 1, state: 'Paused', filters: 1 }, adapter: 'Paused' }, comment: 'VM1 waits' },
      ]),
    );
    expect(report.ok).toBe(false);
    expect(report.expectations.at(-1)).toMatchObject({
      stepIndex: 3,
      label: 'VM1 waits',
      ok: false,
      detail: 'queue 1 state: expected Paused, got Running; adapter state: expected Paused, got Running',
    });
  });

  it('judges a pended OID by its final status, when it completes', () => {
    const { report } = runScenario(
      scenarioOf(
        [
          {
            ...ALLOCATE_VM1_QUEUE[0],
            expect: {
              status: 'NDIS_STATUS_SUCCESS',
              pended: true,
              layer: 'miniport',
              output: { QueueId: 1, VmName: 'VM1' },
            },
          },
          { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$vm1q.QueueId' } },
          { advance: '50us' },
          {
            oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
            buffer: { QueueId: '$vm1q.QueueId' },
            expect: { output: { QueueId: 1 } },
          },
        ],
        { options: { pendingOids: { OID_RECEIVE_FILTER_ALLOCATE_QUEUE: '30us' } } },
      ),
    );
    expect(report.expectations.map((e) => [e.stepIndex, e.ok, e.atNs, e.detail])).toEqual([
      [0, true, 30_000, 'status NDIS_STATUS_SUCCESS; pended true; layer miniport; output matches'],
      [1, false, 0, '$vm1q.QueueId: step 0 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) is still pending'],
      [3, true, 50_000, 'output matches'],
    ]);
  });

  it('fails an OID expectation whose request never completes', () => {
    const steps = [...ALLOCATE_VM1_QUEUE, TRAFFIC_TO_VM1, { advance: '200us' }, ...FREE_VM1_QUEUE];
    const stuck = runScenario(scenarioOf(steps, { options: { returnLatencyNs: null } })).report;
    expect(stuck.expectations.at(-1)).toMatchObject({
      stepIndex: 6,
      ok: false,
      detail: 'request #5 never completed; still pending at 200.000 µs',
    });

    const returned = runScenario(
      scenarioOf([...steps, { returnNbls: { QueueId: '$vm1q.QueueId' } }], { options: { returnLatencyNs: null } }),
    ).report;
    expect(returned.expectations.at(-1)).toMatchObject({
      stepIndex: 6,
      ok: true,
      atNs: 200_000,
      detail: 'status NDIS_STATUS_SUCCESS; pended true',
    });
  });

  it('reports a step that cannot run and carries on', () => {
    const { report } = runScenario(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$vm1q.QueueID' } },
        { expect: { adapter: 'Running' } },
      ]),
    );
    expect(report.expectations.map((e) => [e.stepIndex, e.kind, e.ok, e.detail])).toEqual([
      [0, 'oid', true, 'status NDIS_STATUS_SUCCESS'],
      [
        3,
        'error',
        false,
        '$vm1q.QueueID: step 0 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) output has no field "QueueID" — did you mean QueueId?',
      ],
      [4, 'expect', true, 'adapter state Running'],
    ]);
    expect(report.ok).toBe(false);
  });
});

describe('ScenarioSession', () => {
  const notes = (events: TraceEvent[]) => events.flatMap((e) => (e.kind === 'note' ? [[e.text, e.t]] : []));

  it('advances to any time, entering an advance step partway', () => {
    const events: TraceEvent[] = [];
    const session = createScenarioSession(
      scenarioOf([{ note: 'A' }, { advance: '10us' }, { note: 'B' }, { advance: '10us' }, { note: 'C' }]),
      { sink: (e) => events.push(e) },
    );
    session.advanceTo(asTimeNs(5_000));
    expect([session.nextStepIndex, session.cursorNs, session.engine.nowNs]).toEqual([1, 0, 5_000]);
    session.advanceTo(asTimeNs(10_000));
    expect([session.nextStepIndex, session.cursorNs, session.engine.nowNs]).toEqual([3, 10_000, 10_000]);
    expect(session.runNextStep()).toMatchObject({ stepIndex: 3, startNs: 10_000, endNs: 20_000 });
    session.runNextStep();
    expect(session.done).toBe(true);
    session.advanceTo(asTimeNs(50_000));
    expect(session.engine.nowNs).toBe(50_000);
    expect(notes(events)).toEqual([
      ['A', 0],
      ['B', 10_000],
      ['C', 20_000],
    ]);
    expect(() => session.advanceTo(asTimeNs(40_000))).toThrow(RangeError);
  });

  it('starts the step after runUntilIdle where the engine went idle', () => {
    const events: TraceEvent[] = [];
    const session = createScenarioSession(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        { ...TRAFFIC_TO_VM1, traffic: { ...TRAFFIC_TO_VM1.traffic, count: 3 } },
        { runUntilIdle: true },
        { note: 'idle' },
      ]),
      { sink: (e) => events.push(e) },
    );
    session.runToEnd();
    const lastReturn = events.filter((e) => e.kind === 'nbls-returned').at(-1)!;
    expect(notes(events)).toEqual([['idle', lastReturn.t]]);
    expect(session.cursorNs).toBe(lastReturn.t);
  });

  it('stops a runUntilIdle step at its limit', () => {
    const session = createScenarioSession(
      scenarioOf([...ALLOCATE_VM1_QUEUE, TRAFFIC_TO_VM1, { runUntilIdle: '25us' }, { note: 'limit' }]),
    );
    session.advanceTo(asTimeNs(20_000));
    expect([session.nextStepIndex, session.engine.nowNs]).toEqual([4, 20_000]);
    session.advanceTo(asTimeNs(30_000));
    expect([session.nextStepIndex, session.cursorNs]).toEqual([6, 25_000]);
  });

  it('restores a snapshot, runner results included, and continues exactly as before', () => {
    const events: TraceEvent[] = [];
    const session = createScenarioSession(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        TRAFFIC_TO_VM1,
        { advance: '50us' },
        { expect: { queue: { QueueId: 1, indicated: 5 } } },
      ]),
      { sink: (e) => events.push(e) },
    );
    session.advanceTo(asTimeNs(20_000));
    const snapshot = session.snapshot();
    const seen = events.length;
    const first = session.runToEnd();
    const firstEvents = events.splice(seen);

    session.restore(snapshot);
    expect([session.nextStepIndex, session.engine.nowNs, session.report().expectations.length]).toEqual([4, 20_000, 1]);
    expect(session.runToEnd()).toEqual(first);
    expect(events.slice(seen)).toEqual(firstEvents);
  });
});
