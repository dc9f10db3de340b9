/**
 * The live checker as an independent witness: the engine is written never to break the miniport
 * rules, so to see that the checker would catch a break we feed it hand-made event streams.
 */
import { describe, expect, test } from 'vitest';
import { Checker, type Violation } from '../checker.ts';
import type { EngineState } from '../state.ts';
import type { EventFixture } from '../testing.ts';
import type { DetailedQueueState, OidResult, RuleId, TraceEvent } from '../types.ts';

const SHARED_MEMORY_INFO_VALID = 0x1000;
const SINGLE_QUEUE = 0x800;

/** Feeds bodies to a fresh checker; returns the violations of each event, flattened, as rule ids. */
class Witness {
  readonly checker = new Checker({ queues: 2, filters: 2 });
  readonly found: Violation[] = [];
  #seq = 0;
  constructor(readonly state: EngineState = fakeState([0, 0, 0, 0])) {}

  feed(...bodies: EventFixture[]): this {
    for (const body of bodies)
      this.found.push(...this.checker.observe({ t: 0, seq: this.#seq++, ...body } as TraceEvent, this.state));
    return this;
  }

  rules(): string[] {
    return this.found.map((v) => v.rule);
  }
}

/** The slice of engine state the checker reads: per-queue Flags (R35) and the queue table. */
function fakeState(flagsByQueue: number[]): EngineState {
  return { queues: flagsByQueue.map((Flags, id) => ({ id, params: { Flags } })) } as unknown as EngineState;
}

const move = (queueId: number, from: DetailedQueueState, to: DetailedQueueState): EventFixture => ({
  kind: 'queue-state-changed',
  queueId,
  from,
  to,
  reportedFrom: 'NdisReceiveQueueOperationalStateUndefined',
  reported: 'NdisReceiveQueueOperationalStateUndefined',
});
const indicate = (
  parts: [number, number, number | null][],
  receiveFlags = SHARED_MEMORY_INFO_VALID | SINGLE_QUEUE,
): EventFixture => ({
  kind: 'nbls-indicated',
  indicationId: 1,
  cpu: 0,
  receiveFlags,
  parts: parts.map(([queueId, count, firstFrameId]) => ({
    queueId,
    count,
    firstFrameId,
    filteringInfo: { QueueId: queueId, FilterId: 0 },
  })),
});
const memory = (blockId: number, queueId: number): EventFixture => ({
  kind: 'memory-allocated',
  blockId,
  queueId,
  usage: 'NdisSharedMemoryUsageReceive',
  space: 'management-os',
  address: 0,
  length: 4096,
  buffers: 2,
  bufferStride: 2048,
  backfill: 0,
  why: 'test',
});
const freed = (blockId: number, queueId: number): EventFixture => ({
  kind: 'memory-freed',
  blockId,
  queueId,
  space: 'management-os',
});
const freeRequested = (requestId: number, queueId: number): EventFixture => ({
  kind: 'oid-requested',
  requestId,
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  requestType: 'NdisRequestSetInformation',
  binding: 'vmswitch',
  buffer: { QueueId: queueId },
  bufferLength: 12,
});
const completed = (
  requestId: number,
  oid: OidResult['oid'],
  status: OidResult['status'],
  layer: OidResult['layer'] = 'miniport',
): EventFixture => ({
  kind: 'oid-completed',
  pended: false,
  result: {
    requestId,
    oid,
    requestType: 'NdisRequestSetInformation',
    binding: 'vmswitch',
    status,
    layer,
    bytesNeeded: 0,
    bytesReadOrWritten: 0,
    message: '',
    issuedAtNs: 0,
    completedAtNs: 0,
  },
});
const dmaStopped = (queueId: number): EventFixture => ({
  kind: 'status-indicated',
  code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
  queueId,
  queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
  payload: {},
});
const returned = (queueId: number, count: number): EventFixture => ({
  kind: 'nbls-returned',
  queueId,
  count,
  returnFlags: 3,
});
/** A queue from allocation to Running, with one memory block. */
const runningQueue = (queueId: number, blockId: number): EventFixture[] => [
  move(queueId, 'Undefined', 'Allocated'),
  move(queueId, 'Allocated', 'Set'),
  memory(blockId, queueId),
  move(queueId, 'Set', 'Running'),
];
/** The legal free sequence of a drained queue. */
const legalFree = (requestId: number, queueId: number, blockId: number): EventFixture[] => [
  freeRequested(requestId, queueId),
  move(queueId, 'Paused', 'StopDma'),
  dmaStopped(queueId),
  move(queueId, 'StopDma', 'Freeing'),
  freed(blockId, queueId),
  move(queueId, 'Freeing', 'Undefined'),
  completed(requestId, 'OID_RECEIVE_FILTER_FREE_QUEUE', 'NDIS_STATUS_SUCCESS'),
];

describe('the checker flags what the engine must never do', () => {
  test('a legal life (allocate, run, indicate, return, clear, free) is not flagged', () => {
    const w = new Witness().feed(
      ...runningQueue(1, 1),
      indicate([[1, 2, 1]]),
      indicate([[1, 1, 3]]),
      returned(1, 3),
      move(1, 'Running', 'Paused'),
      ...legalFree(7, 1, 1),
    );
    expect(w.rules()).toEqual([]);
  });

  test('R8 an indication on a queue that is Set (allocation not complete) or Paused is flagged', () => {
    expect(
      new Witness().feed(move(1, 'Undefined', 'Allocated'), move(1, 'Allocated', 'Set'), indicate([[1, 1, 1]])).rules(),
    ).toEqual(['R8']);
    expect(
      new Witness().feed(...runningQueue(1, 1), move(1, 'Running', 'Paused'), indicate([[1, 1, 1]])).rules(),
    ).toEqual(['R8']);
  });

  test('R8 the default queue may always indicate', () => {
    expect(new Witness().feed(indicate([[0, 5, 1]])).rules()).toEqual([]);
  });

  test('R26 an indication on a queue after its FREE_QUEUE completed is flagged', () => {
    const w = new Witness().feed(
      ...runningQueue(1, 1),
      move(1, 'Running', 'Paused'),
      ...legalFree(7, 1, 1),
      indicate([[1, 1, 9]]),
    );
    expect(w.rules()).toEqual(['R26']);
  });

  test('R22 a second DmaStopped indication for the same FREE_QUEUE is flagged', () => {
    const w = new Witness().feed(
      ...runningQueue(1, 1),
      move(1, 'Running', 'Paused'),
      freeRequested(7, 1),
      dmaStopped(1),
      dmaStopped(1),
    );
    expect(w.rules()).toEqual(['R22']);
  });

  test("R22 freeing a queue's shared memory before its DmaStopped indication is flagged", () => {
    const w = new Witness().feed(...runningQueue(1, 1), move(1, 'Running', 'Paused'), freeRequested(7, 1), freed(1, 1));
    expect(w.rules()).toEqual(['R22']);
  });

  test('R23 a DmaStopped indication without a FREE_QUEUE for that queue, or for queue 0, is flagged', () => {
    expect(new Witness().feed(...runningQueue(1, 1), move(1, 'Running', 'Paused'), dmaStopped(1)).rules()).toEqual([
      'R23',
    ]);
    expect(new Witness().feed(dmaStopped(0)).rules()).toContain('R23');
  });

  test('R24 FREE_QUEUE completing while NBLs are outstanding, and memory freed while NBLs are outstanding, are flagged', () => {
    const w = new Witness().feed(
      ...runningQueue(1, 1),
      indicate([[1, 2, 1]]),
      move(1, 'Running', 'Paused'),
      ...legalFree(7, 1, 1),
    );
    expect(w.rules()).toEqual(['R24', 'R24']);
  });

  test('R25 a FREE_QUEUE or CLEAR_FILTER completed by the miniport with a status outside {SUCCESS, NOT_ACCEPTED, REQUEST_ABORTED} is flagged; NDIS-side refusals are not', () => {
    const w = new Witness().feed(
      completed(1, 'OID_RECEIVE_FILTER_FREE_QUEUE', 'NDIS_STATUS_FAILURE'),
      completed(2, 'OID_RECEIVE_FILTER_CLEAR_FILTER', 'NDIS_STATUS_PENDING'),
      completed(3, 'OID_RECEIVE_FILTER_CLEAR_FILTER', 'NDIS_STATUS_NOT_ACCEPTED'),
      completed(4, 'OID_RECEIVE_FILTER_FREE_QUEUE', 'NDIS_STATUS_INVALID_PARAMETER', 'NDIS'),
    );
    expect(w.found.map((v) => [v.rule, v.requestId])).toEqual([
      ['R25', 1],
      ['R25', 2],
    ]);
  });

  test('R34 an indication without NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID is flagged', () => {
    expect(new Witness().feed(indicate([[0, 1, 1]], SINGLE_QUEUE)).rules()).toEqual(['R34']);
  });

  test('R35 a PER_QUEUE_RECEIVE_INDICATION queue in a mixed indication, or without SINGLE_QUEUE, is flagged', () => {
    const perQueue = fakeState([0, 1, 0, 0]);
    expect(
      new Witness(perQueue)
        .feed(
          ...runningQueue(1, 1),
          ...runningQueue(2, 2),
          indicate(
            [
              [1, 1, 1],
              [2, 1, 2],
            ],
            SHARED_MEMORY_INFO_VALID,
          ),
        )
        .rules(),
    ).toEqual(['R35']);
    expect(
      new Witness(perQueue).feed(...runningQueue(1, 1), indicate([[1, 1, 1]], SHARED_MEMORY_INFO_VALID)).rules(),
    ).toEqual(['R35']);
    expect(new Witness(perQueue).feed(...runningQueue(1, 1), indicate([[1, 1, 1]])).rules()).toEqual([]);
  });

  test('R37 a queue indicating an older frame after a newer one is flagged', () => {
    expect(new Witness().feed(...runningQueue(1, 1), indicate([[1, 1, 5]]), indicate([[1, 1, 3]])).rules()).toEqual([
      'R37',
    ]);
  });

  test('R40 nondefault memory freed outside FREE_QUEUE processing, or default-queue memory freed before halt, is flagged', () => {
    expect(new Witness().feed(...runningQueue(1, 1), freed(1, 1)).rules()).toContain('R40');
    expect(new Witness().feed(memory(1, 0), freed(1, 0)).rules()).toEqual(['R40']);
    expect(
      new Witness()
        .feed(memory(1, 0), { kind: 'adapter-state-changed', from: 'Running', to: 'Halted' }, freed(1, 0))
        .rules(),
    ).toEqual([]);
  });

  test('R42 entering MiniportHaltEx with a nondefault queue still allocated is flagged', () => {
    expect(
      new Witness()
        .feed(move(2, 'Undefined', 'Allocated'), { kind: 'adapter-state-changed', from: 'Running', to: 'Halted' })
        .rules(),
    ).toEqual(['R42']);
  });

  test('R4 assigning a QueueId that is still in use is flagged', () => {
    expect(new Witness().feed(move(1, 'Undefined', 'Allocated'), move(1, 'Undefined', 'Allocated')).rules()).toContain(
      'R4',
    );
  });

  test('R33 allocating more queues than NumQueues, or setting more filters than MaxMacHeaderFilters, is flagged', () => {
    const filterOn = (filterId: number): EventFixture => ({
      kind: 'filter-set',
      filterId,
      queueId: 0,
      binding: 'vmswitch',
      filter: { mac: filterId, vlanId: null, untaggedOrZero: true },
      vlanAgnostic: false,
      causeRequestId: 1,
    });
    expect(new Witness().feed(move(1, 'Undefined', 'Allocated'), move(2, 'Undefined', 'Allocated')).rules()).toEqual(
      [],
    );
    expect(
      new Witness()
        .feed(move(1, 'Undefined', 'Allocated'), move(2, 'Undefined', 'Allocated'), move(3, 'Undefined', 'Allocated'))
        .rules(),
    ).toEqual(['R33']);
    expect(new Witness().feed(filterOn(1), filterOn(2), filterOn(3)).rules()).toEqual(['R33']);
  });

  test('R10 issuing FilterId 0, or a FilterId that is still live, is flagged', () => {
    const set = (filterId: number): EventFixture => ({
      kind: 'filter-set',
      filterId,
      queueId: 0,
      binding: 'vmswitch',
      filter: { mac: 1, vlanId: null, untaggedOrZero: true },
      vlanAgnostic: false,
      causeRequestId: 1,
    });
    expect(new Witness().feed(set(0)).rules()).toEqual(['R10']);
    expect(new Witness().feed(set(3), set(3)).rules()).toEqual(['R10']);
    expect(new Witness().feed(set(3), { kind: 'filter-cleared', filterId: 3, queueId: 0 }, set(3)).rules()).toEqual([]);
  });

  test("the checker's shadow survives save/load: a restored checker flags exactly what the original would", () => {
    const w = new Witness().feed(...runningQueue(1, 1), move(1, 'Running', 'Paused'));
    const saved = w.checker.save();
    w.feed(move(1, 'Paused', 'Running'));
    w.checker.load(saved);
    w.feed(indicate([[1, 1, 1]]));
    expect(w.rules()).toEqual(['R8']);
  });
});

test('a rule id names one of the 47 rules of §12, nothing else', () => {
  const rules: RuleId[] = ['R1', 'R21', 'R47'];
  // @ts-expect-error §12 has no rule 0
  rules.push('R0');
  // @ts-expect-error §12 ends at R47
  rules.push('R48');
  // @ts-expect-error a rule id is R and a number
  rules.push('21');
  expect(rules).toHaveLength(6);
});
