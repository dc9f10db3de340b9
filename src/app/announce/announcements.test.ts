import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdapterView, TraceEvent, TraceEventBody } from '../../engine/index.ts';
import { compose, MAX_SENTENCES, sentenceFor, Tally } from './announcements.ts';
import { AnnouncerFold, GAP_MS } from './announcerFold.ts';

let seq = 0;
const ev = (body: TraceEventBody, t = 0): TraceEvent => ({ t, seq: seq++, ...body }) as TraceEvent;

const freeRequest = ev({
  kind: 'oid-requested',
  requestId: 7,
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  requestType: 'NdisRequestSetInformation',
  binding: 'vmswitch',
  bufferLength: 4,
} as TraceEventBody);
const dmaStopped = ev({
  kind: 'status-indicated',
  code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
  queueId: 2,
  queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
  payload: {},
  causeRequestId: 7,
} as TraceEventBody);
const classified = (queueId: number) =>
  ev({
    kind: 'frame-classified',
    frameId: seq,
    queueId,
    filterId: 1,
    dst: '',
    vlanId: null,
    vlanStripped: false,
    match: [],
  } as unknown as TraceEventBody);
const noBuffer = ev({
  kind: 'frame-dropped',
  frameId: 1,
  queueId: 1,
  reason: 'no-free-buffer',
} as unknown as TraceEventBody);

describe('what the page says aloud', () => {
  it('a status indication in the reference’s words, with the request it answers', () => {
    const requests = new Map([[7, 'OID_RECEIVE_FILTER_FREE_QUEUE' as const]]);
    expect(sentenceFor(dmaStopped, requests)).toBe(
      'Queue 2 is now DmaStopped: NDIS_STATUS_RECEIVE_QUEUE_STATE, in answer to FREE_QUEUE #7',
    );
  });

  it('an OID completion names the OID, its request id, its status and the QueueId it returned', () => {
    const done = ev({
      kind: 'oid-completed',
      pended: false,
      result: {
        requestId: 3,
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        requestType: 'NdisRequestMethod',
        binding: 'vmswitch',
        status: 'NDIS_STATUS_SUCCESS',
        layer: 'miniport',
        bytesNeeded: 0,
        bytesReadOrWritten: 0,
        output: { QueueId: 1 },
      },
    } as unknown as TraceEventBody);
    expect(sentenceFor(done, new Map())).toBe(
      'OID_RECEIVE_FILTER_ALLOCATE_QUEUE #3 answered: NDIS_STATUS_SUCCESS, QueueId 1',
    );
  });

  it('counts the traffic instead of reading it: frames per queue, then drops by reason', () => {
    const tally = new Tally();
    for (let i = 0; i < 12; i++) tally.count(classified(1));
    for (let i = 0; i < 3; i++) tally.count(classified(0));
    for (let i = 0; i < 3; i++) tally.count(noBuffer);
    expect(tally.summary()).toBe('12 frames to queue 1, 3 to the default queue, 3 dropped: no free receive buffer');
  });

  it('a long stretch is cut after MAX_SENTENCES sentences, and says how many it left out', () => {
    const many = Array.from({ length: MAX_SENTENCES + 4 }, (_, i) => `Event ${i}`);
    const message = compose(many, '');
    expect(message).toContain(`Event ${MAX_SENTENCES - 1}`);
    expect(message).not.toContain(`Event ${MAX_SENTENCES}.`);
    expect(message).toContain('and 4 more events');
  });
});

describe('the live region’s pace', () => {
  it('speaks at most once a GAP_MS, and what came meanwhile goes out together, in order', () => {
    const fold = new AnnouncerFold();
    fold.append([freeRequest, dmaStopped]);
    expect(fold.take(0)).toContain('Queue 2 is now DmaStopped');
    fold.append([classified(1), classified(1)]);
    fold.append([ev({ kind: 'note', text: 'The queue is freed' })]);
    expect(fold.take(GAP_MS / 2)).toBeNull();
    expect(fold.waitMs(GAP_MS / 2)).toBe(GAP_MS / 2);
    expect(fold.take(GAP_MS)).toBe('The queue is freed. 2 frames to queue 1.');
    expect(fold.waiting).toBe(false);
  });

  it('a step back or a rewind says so instead of reading the history again; a new scenario starts silent', () => {
    const fold = new AnnouncerFold();
    const at = (nowNs: number) => ({ nowNs }) as AdapterView;
    fold.append([dmaStopped]);
    fold.truncateFrom();
    fold.observeView(at(0));
    expect(fold.take(0)).toBe('Rewound to t = 0.');
    fold.append([dmaStopped]);
    fold.truncateFrom();
    fold.observeView(at(40_000));
    expect(fold.take(GAP_MS)).toBe('Went back to t = 40.000 µs.');
    fold.observeView(at(50_000));
    expect(fold.waiting).toBe(false);
    fold.append([dmaStopped]);
    fold.reset();
    expect(fold.waiting).toBe(false);
  });

  it('what the user asks for (describe this moment) goes out at once, ahead of what waits', () => {
    const fold = new AnnouncerFold();
    fold.append([dmaStopped]);
    fold.take(0);
    fold.append([ev({ kind: 'note', text: 'later' })]);
    fold.ask('The whole adapter');
    expect(fold.take(1)).toBe('The whole adapter');
    expect(fold.take(1 + GAP_MS)).toBe('later.');
  });

  it('nothing is lost: every sentence and every frame of a run is in some message, in order', () => {
    const body = fc.oneof(
      fc.integer({ min: 0, max: 3 }).map(
        (q) =>
          ({
            kind: 'frame-classified',
            frameId: 0,
            queueId: q,
            filterId: 1,
            dst: '',
            vlanId: null,
            vlanStripped: false,
            match: [],
          }) as unknown as TraceEventBody,
      ),
      fc
        .string({ minLength: 1, maxLength: 8 })
        .map((w) => ({ kind: 'note', text: `N${w.replace(/[.\s]/g, '')}` }) as TraceEventBody),
    );
    fc.assert(
      fc.property(fc.array(fc.array(body, { maxLength: 6 }), { maxLength: 12 }), (batches) => {
        const fold = new AnnouncerFold();
        const messages: string[] = [];
        let now = 0;
        for (const batch of batches) {
          fold.append(batch.map((b) => ev(b)));
          now += 400;
          const m = fold.take(now);
          if (m) messages.push(m);
        }
        now += GAP_MS;
        const last = fold.take(now);
        if (last) messages.push(last);
        const all = batches.flat();
        const notes = all.filter((b) => b.kind === 'note').map((b) => (b as { text: string }).text);
        const spoken = messages.join(' ');
        // Notes in order (a message may cut after MAX_SENTENCES, and then says how many it left out).
        let from = 0;
        let missing = 0;
        for (const n of notes) {
          const at = spoken.indexOf(n, from);
          if (at < 0) missing++;
          else from = at + n.length;
        }
        const leftOut = [...spoken.matchAll(/and (\d+) more event/g)].reduce((s, m) => s + Number(m[1]), 0);
        expect(missing).toBe(leftOut);
        const frames = [...spoken.matchAll(/(\d+)(?: frames?)? to (?:queue \d+|the default queue)/g)].reduce(
          (s, m) => s + Number(m[1]),
          0,
        );
        expect(frames).toBe(all.filter((b) => b.kind === 'frame-classified').length);
      }),
    );
  });
});
