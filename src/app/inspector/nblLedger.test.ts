import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { nblLedger } from './nblLedger.ts';

const traceOf = (file?: string) => {
  const { events } = runBuiltIn(file);
  const trace = new EventBuffer();
  trace.append(events);
  return { events, ledger: nblLedger(trace) };
};

describe('NBL ledger', () => {
  it.each([
    'vmq-in-a-minute.json',
    'free-with-outstanding-nbls.json',
    'lookahead-split-2008r2.json',
    'vlan-filtering.json',
  ])('maps every indicated frame to its indication and its return in %s', (file) => {
    const { events, ledger } = traceOf(file);
    const classified = new Map(events.filter((e) => e.kind === 'frame-classified').map((e) => [e.frameId, e.queueId]));
    const indications = events.filter(
      (e): e is Extract<TraceEvent, { kind: 'nbls-indicated' }> => e.kind === 'nbls-indicated',
    );
    expect(indications.length).toBeGreaterThan(0);
    for (const indication of indications) {
      const parts = ledger.framesOf.get(indication.indicationId)!;
      indication.parts.forEach((part, i) => {
        const frames = parts[i]!;
        expect(frames).toHaveLength(part.count);
        expect(frames[0]).toBe(part.firstFrameId);
        for (const frameId of frames) expect(classified.get(frameId)).toBe(part.queueId);
      });
    }
    // Every NBL returned was indicated first, and no frame is returned twice.
    const returned = events
      .filter((e) => e.kind === 'nbls-returned')
      .reduce((n, e) => n + (e.kind === 'nbls-returned' ? e.count : 0), 0);
    expect(ledger.returnedBy.size).toBe(returned);
    for (const [frameId, ret] of ledger.returnedBy)
      expect(ret.seq).toBeGreaterThan(ledger.indicatedIn.get(frameId)!.seq);
  });
});
