import { describe, expect, it } from 'vitest';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { eventBySeq, frameEvents, latestEvent, requestEvents } from './traceLookup.ts';

const { events } = runBuiltIn();
const trace = new EventBuffer();
trace.append(events);

describe('trace lookups', () => {
  it('finds any event by seq', () => {
    for (const event of events.filter((_, i) => i % 37 === 0)) expect(eventBySeq(trace, event.seq)).toBe(event);
    expect(eventBySeq(trace, -5)).toBeUndefined();
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
