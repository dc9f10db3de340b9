/**
 * The check language over real runs (docs/scenario-format.md, "Expectations"): each form once holding and once
 * failing with the sentence a grader reads.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';
import { runScenario } from './session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioDocument } from './testing.ts';

const DMA_STOPPED = 'NdisReceiveQueueOperationalStateDmaStopped';

/** VM1's queue receives 4 frames, gets its NBLs back, loses its filter and is freed; a second queue stays. */
const FREE_STORY = [
  ...ALLOCATE_VM1_QUEUE,
  {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: 'other',
    buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', ProcessorAffinity: { Mask: 4, Group: 0 }, VmName: 'VM2' },
  },
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 128, count: 4, interval: '1us' } },
  { advance: '100us' },
  { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: '$vm1q.QueueId', FilterId: '$filter.FilterId' } },
  { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$vm1q.QueueId' } },
];

/** The details of the expect step appended to `steps`: one sentence per check, ✓ or ✗. */
function judged(expectBody: unknown, steps: unknown[] = FREE_STORY, adapter?: Record<string, unknown>) {
  const parsed = parseScenario(scenarioDocument([...steps, { expect: expectBody }], adapter));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const { report } = runScenario(parsed.scenario);
  const result = report.expectations.find((e) => e.stepIndex === steps.length);
  if (result === undefined) throw new Error('the expect step was not judged');
  return { ok: result.ok, detail: result.detail };
}

/** The parser's messages for a document whose last step expects `expectBody`. */
function refused(expectBody: unknown): string[] {
  const parsed = parseScenario(scenarioDocument([...FREE_STORY, { expect: expectBody }]));
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('matchers on the adapter now', () => {
  it('compares counters with ≥, ≤ and ranges', () => {
    expect(judged({ totals: { arrived: { gte: 4, lte: 4 } } }).ok).toBe(true);
    expect(judged({ totals: { arrived: { gt: 4 } } })).toEqual({
      ok: false,
      detail: 'total arrived: expected > 4, got 4',
    });
  });

  it('takes a state out of a set, or not one', () => {
    expect(judged({ queue: { QueueId: '$other.QueueId', state: { oneOf: ['Allocated', 'Set'] } } }).ok).toBe(true);
    expect(judged({ queue: { QueueId: '$other.QueueId', state: { not: 'Allocated' } } })).toEqual({
      ok: false,
      detail: 'queue 2 state: expected not Allocated, got Allocated',
    });
  });
});

describe('status indications', () => {
  const stopped = (queue: string, count: unknown) => ({
    where: {
      event: 'status-indicated',
      code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
      QueueId: queue,
      QueueState: DMA_STOPPED,
    },
    count,
  });

  it('exactly one DmaStopped for the freed queue, and none for the other', () => {
    expect(judged({ events: [stopped('$vm1q.QueueId', 1), stopped('$other.QueueId', 0)] }).ok).toBe(true);
  });

  it('says how many there were when the count is wrong', () => {
    expect(judged({ events: [stopped('$other.QueueId', 1)] })).toEqual({
      ok: false,
      detail:
        'status-indicated with code NDIS_STATUS_RECEIVE_QUEUE_STATE, QueueId 2 ($other.QueueId), QueueState ' +
        `${DMA_STOPPED}: expected 1 event, got 0`,
    });
  });

  it('needs at least one event when no count is given', () => {
    expect(judged({ events: [{ where: { event: 'status-indicated', QueueId: 9 } }] }).ok).toBe(false);
  });
});

describe('receive indications', () => {
  it('R34 checks the DPC CPU, ReceiveFlags, that queues are never mixed, and every NBL’s QueueId and FilterId (0, §8.1)', () => {
    const each = {
      cpu: 1,
      mixesQueues: false,
      ReceiveFlags: { flagsSet: ['NDIS_RECEIVE_FLAGS_SINGLE_QUEUE'] },
      nbls: { every: { QueueId: 1, FilterId: 0 } },
    };
    expect(judged({ events: [{ where: { event: 'nbls-indicated', queues: { contains: [1] } }, each }] }).ok).toBe(true);
    const wrongCpu = judged({ events: [{ where: { event: 'nbls-indicated', queues: [1] }, each: { cpu: 3 } }] });
    expect(wrongCpu.ok).toBe(false);
    expect(wrongCpu.detail).toMatch(/^nbls-indicated at [\d.]+ µs: cpu: expected 3, got 1$/);
  });

  it('lists the frames each indication carried', () => {
    const all = judged({
      events: [{ where: { event: 'nbls-indicated', frames: { contains: [1, 2] } }, count: 1 }],
    });
    expect(all.ok).toBe(true);
  });

  it('judges facts about single frames even when the caller does not show per-frame events (vmq run without --frames)', () => {
    const parsed = parseScenario(
      scenarioDocument([
        ...FREE_STORY,
        { expect: { events: [{ where: { event: 'nbls-indicated', frames: { contains: [1, 2] } }, count: 1 }] } },
      ]),
    );
    if (!parsed.ok) throw new Error('invalid');
    const { events, report } = runScenario(parsed.scenario, { traceFrames: false });
    expect(report.expectations.at(-1)).toMatchObject({ ok: true });
    expect(events.filter((e) => e.kind === 'frame-arrived' || e.kind === 'dma-written')).toEqual([]);
  });

  it('says per-frame facts need per-frame tracing when the adapter does not trace frames', () => {
    const untraced = judged(
      { events: [{ where: { event: 'nbls-indicated' }, each: { frames: { length: 2 } } }] },
      FREE_STORY,
      { options: { traceFrames: false } },
    );
    expect(untraced.ok).toBe(false);
    expect(untraced.detail).toContain('need per-frame tracing, and this adapter has options.traceFrames false');
  });
});

describe('order and timing', () => {
  const dmaStopped = { event: 'status-indicated', QueueId: 1, QueueState: DMA_STOPPED };

  it('DmaStopped indicated before shared memory freed before FREE_QUEUE completes, within 1 µs', () => {
    const sequence = [
      dmaStopped,
      { event: 'memory-freed', QueueId: 1 },
      { event: 'oid-completed', oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', status: 'NDIS_STATUS_SUCCESS' },
    ];
    expect(judged({ order: [{ sequence, within: '1us' }] }).ok).toBe(true);
    expect(judged({ order: [{ sequence: [...sequence].reverse() }] })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^order: after oid-completed \(t = [\d.]+ µs\) no memory-freed with QueueId 1$/),
    });
  });

  it('no indication on a queue after its DmaStopped', () => {
    const none = { event: 'nbls-indicated', queues: { contains: [1] } };
    expect(judged({ order: [{ after: dmaStopped, none }] }).ok).toBe(true);
    const before = judged({ order: [{ after: { event: 'flow-started' }, none }] });
    expect(before.ok).toBe(false);
    expect(before.detail).toMatch(/^order: nbls-indicated with queues an array containing \[1\] at t = /);
  });
});

describe('OID results and saved outputs', () => {
  const freeTwice = [
    ...FREE_STORY,
    {
      oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
      buffer: { QueueId: '$vm1q.QueueId' },
      expect: { status: { failure: true }, BytesRead: { gte: 0 } },
    },
  ];

  it('takes "any failure" and BytesRead comparisons', () => {
    const { report } = runScenario(
      (parseScenario(scenarioDocument(freeTwice)) as { ok: true; scenario: never }).scenario,
    );
    expect(report.expectations.at(-1)).toMatchObject({ ok: true });
  });

  it('tells two saved QueueIds apart, and compares one with the other', () => {
    expect(judged({ values: [{ distinct: ['$vm1q.QueueId', '$other.QueueId'] }] }).ok).toBe(true);
    expect(judged({ values: [{ value: '$other.QueueId', is: { gt: '$vm1q.QueueId' } }] }).ok).toBe(true);
    expect(judged({ values: [{ distinct: ['$vm1q.QueueId', '$vm1q.QueueId'] }] })).toEqual({
      ok: false,
      detail: '$vm1q.QueueId and $vm1q.QueueId are both 1; expected distinct values',
    });
  });
});

describe('violations', () => {
  it('R21 a failed violations check names the rules, not a count of elements', () => {
    const freeWithFilter = FREE_STORY.filter(
      (step) => !('oid' in step && step.oid === 'OID_RECEIVE_FILTER_CLEAR_FILTER'),
    );
    expect(judged({ violations: [] }, freeWithFilter)).toEqual({
      ok: false,
      detail: 'violations: expected [], got [R21]',
    });
  });
});

describe('memory per block', () => {
  it('checks buffers, size and backfill of every selected block', () => {
    const body = { memory: [{ QueueId: 0, buffers: 64, bufferSize: 2048, backfill: 0 }] };
    expect(judged(body).ok).toBe(true);
    expect(judged({ memory: [{ QueueId: 0, bufferSize: { lt: 2048 } }] })).toMatchObject({
      ok: false,
      detail: expect.stringContaining('bufferSize: expected < 2048, got 2048'),
    });
  });
});

describe('precise errors when the file loads', () => {
  it('names a misspelt matcher word, event kind and fact', () => {
    expect(refused({ totals: { arrived: { gtee: 1 } } })).toEqual([
      `steps[${FREE_STORY.length}].expect.totals.arrived.gtee: unknown matcher word "gtee" — did you mean gte?`,
    ]);
    expect(refused({ events: [{ where: { event: 'status-indicate' } }] })[0]).toContain(
      'did you mean status-indicated?',
    );
    expect(refused({ events: [{ where: { event: 'status-indicated', queueId: 1 } }] })[0]).toContain(
      'did you mean QueueId?',
    );
  });

  it('refuses a comparison on something that is not a number, and a reference no step saved', () => {
    expect(refused({ totals: { arrived: { gte: 'many' } } })[0]).toContain('"gte" compares numbers');
    expect(refused({ values: [{ distinct: ['$nope.QueueId', '$vm1q.QueueId'] }] })[0]).toContain(
      'refers to saveAs "nope", which no earlier step defines',
    );
  });
});
