/**
 * Independent tests of `expect` steps with matchers (docs/scenario-format.md "`expect` steps"): queue and totals
 * counters, drop reasons, and shared memory per block (buffers, bufferSize, backfill, and "an entry with per-block
 * keys and no count also requires at least one block"). VMQ facts are cited from docs/ndis-reference.md.
 */
import { describe, expect, it } from 'vitest';
import {
  RECEIVED,
  TRAFFIC_TO_VM1,
  docV2,
  expectFailureNaming,
  expectHolds,
  lastCheck,
  refused,
} from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, allocateBuffer, setFilterBuffer } from './independent.testing.ts';

const Q = '$q.QueueId';
/** The overlying driver holds every NBL (returnLatencyNs null): only returnNbls steps give them back. */
const HELD = { adapter: { profile: 'ws2012', options: { returnLatencyNs: null } } };
/** VM1's queue with 8 suggested buffers, so 12 held frames cannot all find one. */
const SMALL_QUEUE = [
  { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'q', buffer: allocateBuffer({ NumSuggestedReceiveBuffers: 8 }) },
  ...RUNNING_QUEUE.slice(1),
];

describe('queue counters with matchers', () => {
  it('§8.2: NBLs the overlying driver holds are outstanding', () => {
    const check = (outstandingNbls: unknown) =>
      lastCheck([...RUNNING_QUEUE, ...TRAFFIC_TO_VM1(5)], { queue: { QueueId: Q, outstandingNbls } }, HELD);
    expectHolds(check({ gte: 1 }));
    expectHolds(check(5));
    expectFailureNaming(check({ lt: 5 }), 'outstandingNbls', '5');
  });

  it('indicated, returned and pending take comparisons', () => {
    const check = (keys: Record<string, unknown>) => lastCheck(RECEIVED(10), { queue: { QueueId: Q, ...keys } });
    expectHolds(check({ classified: 10, indicated: { gte: 10, lte: 10 }, returned: { lte: 10 }, pending: 0 }));
    expectFailureNaming(check({ indicated: { gt: 10 } }), 'indicated', '10');
  });

  it('dropped takes a matcher per reason: held NBLs leave no free buffer (8 buffers, 12 frames)', () => {
    const check = (dropped: unknown) =>
      lastCheck([...SMALL_QUEUE, ...TRAFFIC_TO_VM1(12)], { queue: { QueueId: Q, dropped } }, HELD);
    expectHolds(check({ 'no-free-buffer': { gt: 0 } }));
    expectFailureNaming(check({ 'no-free-buffer': 0 }), 'no-free-buffer', 'expected 0');
  });

  it('a reason that is not named is not checked', () => {
    expectHolds(lastCheck(RECEIVED(3), { queue: { QueueId: Q, dropped: { 'packet-filter': 0 } } }));
  });
});

describe('totals with matchers', () => {
  /** A directed+broadcast+multicast packet filter drops unicast frames for a MAC no one has (§1.3). */
  const UNKNOWN_MAC = [
    { traffic: { name: 'stray', dst: '00-15-5D-00-00-77', frameBytes: 128, count: 4, interval: '1us' } },
    { advance: '50us' },
  ];
  const filtered = { adapter: { profile: 'ws2012', options: { packetFilter: 'directed-broadcast-multicast' } } };

  it('counts what arrived, was indicated and was dropped by reason', () => {
    const check = (totals: unknown) => lastCheck([...RECEIVED(10), ...UNKNOWN_MAC], { totals }, filtered);
    expectHolds(check({ arrived: 14, indicated: { gte: 10 }, inFlight: 0, dropped: { 'packet-filter': { gte: 1 } } }));
    expectFailureNaming(check({ arrived: { gt: 14 } }), 'arrived', '14');
    expectFailureNaming(check({ dropped: { 'packet-filter': 0 } }), 'packet-filter', '4');
  });
});

describe('load-time validation of expect steps', () => {
  const at = `steps[${RUNNING_QUEUE.length}].expect`;
  const withCheck = (check: Record<string, unknown>) => docV2([...RUNNING_QUEUE, { expect: check }]);

  it('a misspelt drop reason is an error, so `0` cannot hold for a reason that does not exist', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, dropped: { 'no-free-bufer': 0 } } }));
    const error = errors.find((e) => e.path.startsWith(`${at}.queue.dropped`));
    expect(error?.message, JSON.stringify(errors)).toContain('no-free-buffer');
  });

  it('a misspelt drop reason in totals is an error too', () => {
    const errors = refused(withCheck({ totals: { dropped: { 'packet-filer': { gte: 0 } } } }));
    expect(
      errors.some((e) => e.path.startsWith(`${at}.totals.dropped`)),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it('a misspelt state inside oneOf is an error', () => {
    const errors = refused(withCheck({ queue: { QueueId: Q, state: { oneOf: ['Running', 'Runing'] } } }));
    expect(
      errors.some((e) => e.path.startsWith(`${at}.queue.state`)),
      JSON.stringify(errors),
    ).toBe(true);
  });

  it('a misspelt shared-memory usage is an error', () => {
    const errors = refused(withCheck({ memory: [{ usage: 'NdisSharedMemoryUsageRecieve', count: 1 }] }));
    expect(
      errors.some((e) => e.path.startsWith(`${at}.memory[0].usage`)),
      JSON.stringify(errors),
    ).toBe(true);
  });
});

describe('memory on Windows Server 2012 (§7.4: every receive buffer in management-OS memory)', () => {
  const memory = (entries: unknown[]) => lastCheck(RUNNING_QUEUE, { memory: entries });

  it('R39 the queue has NdisSharedMemoryUsageReceive blocks with no backfill, in management-OS space', () => {
    const result = memory([
      {
        QueueId: Q,
        usage: 'NdisSharedMemoryUsageReceive',
        space: 'management-os',
        count: { gte: 1 },
        backfill: 0,
        // options.receiveBufferBytes defaults to 2048; §4.1: the miniport may use about half to double the suggestion.
        bufferSize: 2048,
        buffers: { gte: 16, lte: 64 },
      },
    ]);
    expectHolds(result);
  });

  it('a per-block value that does not hold names the expected and the actual value', () => {
    expectFailureNaming(memory([{ QueueId: Q, bufferSize: 1024 }]), 'bufferSize', '1024', '2048');
    expectFailureNaming(memory([{ QueueId: Q, backfill: { gt: 0 } }]), 'backfill', '0');
  });

  it('per-block keys with no count need at least one block: nothing is in VM1 space on 2012', () => {
    expect(memory([{ space: 'VM1', backfill: 0 }]).ok).toBe(false);
    expect(memory([{ space: 'VM1', buffers: { gte: 0 } }]).ok).toBe(false);
    expect(memory([{ QueueId: 5, bufferSize: 2048 }]).ok).toBe(false);
  });

  it('with a count, the count decides: count 0 holds for VM1 space', () => {
    expectHolds(memory([{ space: 'VM1', count: 0 }]));
    expectFailureNaming(memory([{ space: 'VM1', count: { gte: 1 } }]), 'VM1', 'expected ≥ 1', 'got 0');
  });
});

describe('memory on Windows Server 2008 R2 with the lookahead split (§7.3)', () => {
  const SPLIT_QUEUE = [
    {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      saveAs: 'q',
      buffer: allocateBuffer({
        NumSuggestedReceiveBuffers: 16,
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED'],
        LookaheadSize: 128,
      }),
    },
    { oid: 'OID_RECEIVE_FILTER_SET_FILTER', saveAs: 'f', buffer: setFilterBuffer() },
    { oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', buffer: { Elements: [{ QueueId: Q }] } },
  ];
  const memory = (entries: unknown[]) =>
    lastCheck(SPLIT_QUEUE, { memory: entries }, { adapter: { profile: 'ws2008r2' } });

  it('R38 lookahead buffers in management-OS memory hold at least LookaheadSize bytes', () => {
    const result = memory([
      { QueueId: Q, usage: 'NdisSharedMemoryUsageReceiveLookahead', space: 'management-os', bufferSize: { gte: 128 } },
    ]);
    expectHolds(result);
  });

  it('R38 post-lookahead buffers in VM1 memory have backfill for the lookahead bytes', () => {
    const post = { QueueId: Q, usage: 'NdisSharedMemoryUsageReceivePostLookahead', space: 'VM1' };
    expectHolds(memory([{ ...post, backfill: { gte: 128 } }]));
    expectFailureNaming(memory([{ ...post, backfill: 0 }]), 'backfill', '0', '128');
  });

  it('a per-block key holds for every selected block: the lookahead block has no backfill, so the queue’s two fail', () => {
    // The golden trace lookahead-split-2008r2: block 2 (lookahead, 16 × 128 B, no backfill) and block 3
    // (post-lookahead, 16 × 2048 B, backfill 128).
    expect(memory([{ QueueId: Q, backfill: 128 }]).ok).toBe(false);
    expect(memory([{ QueueId: Q, bufferSize: 2048 }]).ok).toBe(false);
    expectHolds(memory([{ QueueId: Q, buffers: 16, count: 2 }]));
  });

  it('bytes is the total of the selected blocks: 2048 + 32768', () => {
    expectHolds(memory([{ QueueId: Q, bytes: 34816 }]));
    expectFailureNaming(memory([{ QueueId: Q, bytes: 32768 }]), 'bytes', '32768', '34816');
  });
});
