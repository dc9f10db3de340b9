import { describe, expect, it } from 'vitest';
import { asTimeNs, type TraceEvent } from '../engine/index.ts';
import { SampledRun } from './sampledRun.ts';

const notes = (from: number, count: number): TraceEvent[] =>
  Array.from({ length: count }, (_, i) => ({ kind: 'note', text: `#${from + i}`, t: asTimeNs(0), seq: from + i }));

function runOf(events: TraceEvent[], budget = { head: 3, landmarks: 0, tail: 2 }) {
  const run = new SampledRun(budget);
  for (const event of events) run.accept(event);
  return run.finish();
}

describe('SampledRun', () => {
  it('keeps every event of a run within the budget, and leaves no gap', () => {
    const events = notes(7, 5);
    expect(runOf(events)).toEqual({ events, gap: null });
    expect(runOf([])).toEqual({ events: [], gap: null });
  });

  it('keeps the first head and the last tail events in order, and names the gap between them', () => {
    const events = notes(10, 12);
    const { events: kept, gap } = runOf(events);
    expect(kept.map((e) => e.seq)).toEqual([10, 11, 12, 20, 21]);
    expect(gap).toEqual({ afterSeq: 12, omitted: 7 });
  });

  it('keeps the same events for the same run whatever the ring position', () => {
    for (let count = 5; count < 12; count++) {
      const { events: kept, gap } = runOf(notes(0, count));
      expect(kept.map((e) => e.seq)).toEqual([0, 1, 2, count - 2, count - 1]);
      expect(gap?.omitted ?? 0).toBe(count - 5);
    }
  });

  it('keeps landmarks from between the ends, up to their budget, and samples only datapath detail', () => {
    const detail = (seq: number): TraceEvent => ({ kind: 'dpc-ran', cpu: 0, queueIds: [], t: asTimeNs(0), seq });
    const events = [...notes(0, 2), detail(2), ...notes(3, 3), detail(6), detail(7), detail(8), ...notes(9, 2)];
    const { events: kept, gap } = runOf(events, { head: 2, landmarks: 2, tail: 2 });
    expect(kept.map((e) => e.seq)).toEqual([0, 1, 3, 4, 9, 10]);
    expect(gap).toEqual({ afterSeq: 1, omitted: 5 });
  });

  it('refuses a budget that would keep nothing at one end', () => {
    expect(() => new SampledRun({ head: 0, landmarks: 0, tail: 2 })).toThrow(/at least one event/);
    expect(() => new SampledRun({ head: 2, landmarks: 0, tail: 1.5 })).toThrow(/at least one event/);
  });
});
