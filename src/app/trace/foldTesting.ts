/**
 * For the digests' tests: random histories of a bounded trace (batches appended, rewinds that cut the newest
 * events, clears for a new session) played into a small EventBuffer, so eviction happens often; after every step a
 * digest must show what a full scan of the kept trace shows.
 */
import fc from 'fast-check';
import { asTimeNs, type TraceEvent } from '../../engine/index.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import type { TraceFold } from './traceFold.ts';

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the trace gives it its place: seq and time come from where it lands. */
export type EventBody = Without<TraceEvent, 'seq' | 't'>;

export type TraceOp = { append: EventBody[] } | { rewindBy: number } | 'clear';

export const traceOps = (body: fc.Arbitrary<EventBody>): fc.Arbitrary<TraceOp[]> =>
  fc.array(
    fc.oneof(
      { weight: 8, arbitrary: fc.array(body, { maxLength: 12 }).map((append) => ({ append })) },
      { weight: 2, arbitrary: fc.nat(10).map((rewindBy) => ({ rewindBy })) },
      { weight: 1, arbitrary: fc.constant('clear' as const) },
    ),
    { maxLength: 30 },
  );

/** Plays `ops` into a buffer of `capacity` with the digest attached; after each op, `read(digest, kept)` must equal
 * `scan(kept, history)`, where `history` holds every event since the last clear (none evicted). Unless
 * `lateAttach` is off, a second digest attached half way checks that attaching late starts from the kept trace. */
export function expectFoldMatchesScan<F extends TraceFold, T>({
  ops,
  create,
  read,
  scan,
  expectEqual,
  capacity = 8,
  lateAttach = true,
}: {
  ops: readonly TraceOp[];
  create: () => F;
  read: (digest: F, kept: EventBuffer) => T;
  scan: (kept: EventBuffer, history: EventBuffer) => T;
  expectEqual: (actual: T, expected: T) => void;
  capacity?: number;
  lateAttach?: boolean;
}): void {
  const kept = new EventBuffer(capacity);
  const history = new EventBuffer(10_000); // more than `ops` can append: nothing is evicted from it
  const digests = [create()];
  kept.attach(digests[0] as F);
  let nextSeq = 1;
  ops.forEach((op, i) => {
    if (op === 'clear') for (const buffer of [kept, history]) buffer.clear();
    else if ('rewindBy' in op) {
      kept.truncateAfter(kept.at(kept.length - 1 - op.rewindBy)?.seq ?? 0);
      // A rewind cuts kept events only: what was evicted stays history.
      history.truncateAfter(history.at(kept.evicted + kept.length - 1)?.seq ?? 0);
    }
    if (op !== 'clear' && 'append' in op) {
      const events = op.append.map((body) => ({ ...body, seq: nextSeq, t: asTimeNs(10 * nextSeq++) }) as TraceEvent);
      kept.append(events);
      history.append(events);
    }
    if (op !== 'clear' && 'rewindBy' in op) nextSeq = (kept.at(kept.length - 1)?.seq ?? nextSeq - 1) + 1;
    if (lateAttach && i === Math.floor(ops.length / 2)) {
      const late = create();
      kept.attach(late);
      digests.push(late);
    }
    for (const digest of digests) expectEqual(read(digest, kept), scan(kept, history));
  });
}
