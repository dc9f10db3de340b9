import { expect, test } from 'vitest';
import { NDIS_DEFAULT_RECEIVE_QUEUE_ID } from '../../engine/ndis/constants.ts';
import { asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { latestNote } from './narration.ts';

const note = (seq: number, text: string): TraceEvent => ({ t: asTimeNs(seq), seq, kind: 'note', text });
const frame = (seq: number): TraceEvent => ({
  t: asTimeNs(seq),
  seq,
  kind: 'frames-dropped',
  queueId: NDIS_DEFAULT_RECEIVE_QUEUE_ID,
  reason: 'no-free-buffer',
  count: 1,
});

test('the narration is the newest note, even behind later non-note events', () => {
  const buffer = new EventBuffer(100);
  expect(latestNote(buffer)).toBeNull();
  buffer.append([note(1, 'first'), frame(2), note(3, 'second'), frame(4), frame(5)]);
  expect(latestNote(buffer)).toBe('second');
});

test('after a step back removes the newest note, the narration goes back to the one before', () => {
  const buffer = new EventBuffer(100);
  buffer.append([note(1, 'first'), frame(2), note(3, 'second')]);
  buffer.truncateAfter(2);
  expect(latestNote(buffer)).toBe('first');
});
