import { describe, expect, it } from 'vitest';
import { asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { EventBuffer } from './eventBuffer.ts';

const note = (seq: number): TraceEvent => ({ t: asTimeNs(seq * 10), seq, kind: 'note', text: `n${seq}` });
const seqs = (buffer: EventBuffer) => buffer.toArray().map((e) => e.seq);

describe('EventBuffer', () => {
  it('keeps the newest events up to its capacity and counts the evicted ones', () => {
    const buffer = new EventBuffer(3);
    buffer.append([note(1), note(2)]);
    buffer.append([note(3), note(4), note(5)]);
    expect(seqs(buffer)).toEqual([3, 4, 5]);
    expect(buffer.evicted).toBe(2);
    expect(buffer.at(0)?.seq).toBe(3);
    expect(buffer.at(3)).toBeUndefined();
  });

  it('drops events after a rewind point, across the wrap-around', () => {
    const buffer = new EventBuffer(4);
    buffer.append([1, 2, 3, 4, 5, 6].map(note));
    buffer.truncateAfter(4);
    expect(seqs(buffer)).toEqual([3, 4]);
    buffer.append([note(5)]);
    expect(seqs(buffer)).toEqual([3, 4, 5]);
    buffer.truncateAfter(0);
    expect(buffer.length).toBe(0);
  });

  it('changes revision only when the contents change', () => {
    const buffer = new EventBuffer(4);
    const r0 = buffer.revision;
    buffer.append([]);
    buffer.truncateAfter(100);
    expect(buffer.revision).toBe(r0);
    buffer.append([note(1)]);
    expect(buffer.revision).toBe(r0 + 1);
    buffer.clear();
    expect(buffer.revision).toBe(r0 + 2);
    expect(buffer.evicted).toBe(0);
  });
});
