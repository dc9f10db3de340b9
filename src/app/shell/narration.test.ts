import fc from 'fast-check';
import { expect, test } from 'vitest';
import { NDIS_DEFAULT_RECEIVE_QUEUE_ID } from '../../engine/ndis/constants.ts';
import { asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import type { TraceSource } from '../trace/traceSource.ts';
import { notesDigest } from './narration.ts';

const note = (seq: number, text: string): TraceEvent => ({ t: asTimeNs(seq), seq, kind: 'note', text });
const frame = (seq: number): TraceEvent => ({
  t: asTimeNs(seq),
  seq,
  kind: 'frames-dropped',
  queueId: NDIS_DEFAULT_RECEIVE_QUEUE_ID,
  reason: 'no-free-buffer',
  count: 1,
});

/** The narration by a full scan of the kept trace, newest first: what the digest must always agree with. */
function latestNote(trace: TraceSource): string | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace.at(i);
    if (e?.kind === 'note') return e.text;
  }
  return null;
}

function narrated(buffer: EventBuffer) {
  const digest = notesDigest();
  buffer.attach(digest);
  return digest;
}

test('the narration is the newest note, even behind later non-note events', () => {
  const buffer = new EventBuffer(100);
  const digest = narrated(buffer);
  expect(digest.value()).toBeNull();
  buffer.append([note(1, 'first'), frame(2), note(3, 'second'), frame(4), frame(5)]);
  expect(digest.value()).toBe('second');
});

test('after a step back removes the newest note, the narration goes back to the one before', () => {
  const buffer = new EventBuffer(100);
  const digest = narrated(buffer);
  buffer.append([note(1, 'first'), frame(2), note(3, 'second')]);
  buffer.truncateAfter(2);
  expect(digest.value()).toBe('first');
});

test('a note pushed out of the bounded trace is no longer the narration', () => {
  const buffer = new EventBuffer(3);
  const digest = narrated(buffer);
  buffer.append([note(1, 'first'), frame(2), frame(3)]);
  expect(digest.value()).toBe('first');
  buffer.append([frame(4)]);
  expect(digest.value()).toBeNull();
});

// Notes are rare between frames, as in a real trace, so the newest one is often evicted or cut.
const body: fc.Arbitrary<EventBody> = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }).map((text) => ({ kind: 'note' as const, text })) },
  {
    weight: 4,
    arbitrary: fc.constant<EventBody>({
      kind: 'frames-dropped',
      queueId: NDIS_DEFAULT_RECEIVE_QUEUE_ID,
      reason: 'no-free-buffer',
      count: 1,
    }),
  },
);

test('the digest folded batch by batch, through rewinds, clears and eviction, equals a full scan', () => {
  fc.assert(
    fc.property(traceOps(body), (ops) =>
      expectFoldMatchesScan({
        ops,
        create: notesDigest,
        read: (d) => d.value(),
        scan: latestNote,
        expectEqual: (a, b) => expect(a).toBe(b),
      }),
    ),
  );
});
