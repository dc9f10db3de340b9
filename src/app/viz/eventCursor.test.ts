import { describe, expect, it } from 'vitest';
import { asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { EventCursor } from './eventCursor.ts';

const note = (seq: number): TraceEvent => ({ t: asTimeNs(seq), seq, kind: 'note', text: `n${seq}` });
const seqs = (events: TraceEvent[]) => events.map((e) => e.seq);

describe('EventCursor', () => {
  it('returns each appended event once, across the ring wrap-around', () => {
    const buffer = new EventBuffer(4);
    const cursor = new EventCursor();
    buffer.append([note(0), note(1)]);
    expect(seqs(cursor.read(buffer).events)).toEqual([0, 1]);
    expect(cursor.read(buffer).events).toEqual([]);
    buffer.append([note(2), note(3), note(4)]);
    const read = cursor.read(buffer);
    expect(seqs(read.events)).toEqual([2, 3, 4]);
    expect(read.restarted).toBe(false);
  });

  it('reports a restart when a step back is followed, before the next read, by more events than it cut', () => {
    const buffer = new EventBuffer(10);
    const cursor = new EventCursor();
    buffer.append([0, 1, 2, 3].map(note));
    cursor.read(buffer);
    buffer.truncateAfter(1);
    buffer.append([2, 3, 4, 5, 6].map(note));
    const read = cursor.read(buffer);
    expect(read.restarted).toBe(true);
    expect(seqs(read.events)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('reports a restart when the trace went back, then continues from there', () => {
    const buffer = new EventBuffer(10);
    const cursor = new EventCursor();
    buffer.append([0, 1, 2, 3].map(note));
    cursor.read(buffer);
    buffer.truncateAfter(1);
    expect(cursor.read(buffer)).toEqual({ events: [note(0), note(1)], restarted: true });
    buffer.append([note(2)]);
    expect(cursor.read(buffer)).toEqual({ events: [note(2)], restarted: false });
  });

  it('after reset() reads the whole buffer again as a restart', () => {
    const buffer = new EventBuffer(10);
    const cursor = new EventCursor();
    buffer.append([note(0)]);
    cursor.read(buffer);
    cursor.reset();
    expect(cursor.read(buffer)).toEqual({ events: [note(0)], restarted: true });
  });
});
