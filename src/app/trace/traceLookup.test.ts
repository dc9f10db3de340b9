import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import type { TraceSource } from './traceSource.ts';
import { eventBySeq, frameEvents, indexAfterSeq, indexOfSeq, latestEvent, requestEvents } from './traceLookup.ts';

const { events } = runBuiltIn();
/** Events as a TraceSource (nothing outside 0…length-1, unlike an array's at()). */
const sourceOf = (list: readonly TraceEvent[]): TraceSource => ({ length: list.length, at: (i) => list[i] });
const trace = sourceOf(events);

describe('trace lookups', () => {
  it('finds any event by seq', () => {
    for (const event of events.filter((_, i) => i % 37 === 0)) expect(eventBySeq(trace, event.seq)).toBe(event);
    expect(eventBySeq(trace, -5)).toBeUndefined();
    expect(indexOfSeq(trace, (events.at(-1)?.seq ?? 0) + 1)).toBe(-1);
  });

  it('finds the first position after a seq, before the oldest kept and past the newest', () => {
    // The newest 50, as a bounded buffer keeps them.
    const kept = sourceOf(events.slice(-50));
    const oldest = kept.at(0)?.seq ?? 0;
    expect(indexAfterSeq(kept, oldest - 10)).toBe(0);
    expect(indexAfterSeq(kept, oldest)).toBe(1);
    expect(indexAfterSeq(kept, oldest + 20)).toBe(21);
    expect(indexAfterSeq(kept, (kept.at(49)?.seq ?? 0) + 1)).toBe(50);
  });

  it("gathers a frame's per-frame events", () => {
    const found = frameEvents(trace, 1);
    expect(found.arrived?.frameId).toBe(1);
    expect(found.classified?.queueId).toBe(found.dma?.queueId);
    expect(found.dropped).toBeUndefined();
  });

  it('pairs a request with its completion and finds the latest event of a kind', () => {
    const { requested, completed } = requestEvents(trace, 1);
    expect(requested?.oid).toBe('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
    expect(completed?.result.status).toBe('NDIS_STATUS_SUCCESS');
    expect(latestEvent(trace, 'filter-set', (e) => e.filterId === 2)?.queueId).toBe(2);
  });
});
