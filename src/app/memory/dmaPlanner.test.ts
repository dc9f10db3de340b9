import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { ARRIVAL_MS } from '../viz/stagger.ts';
import { DMA_MS, DmaPlanner } from './dmaPlanner.ts';

function trace(file: string): TraceEvent[] {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const events: TraceEvent[] = [];
  createScenarioSession(parsed.scenario, { traceFrames: true, sink: (e) => events.push(e) }).runToEnd();
  return events;
}

describe('DmaPlanner', () => {
  it('drops both halves of a split full-size frame, and only the lookahead of a small one', () => {
    const drops = new DmaPlanner().plan(trace('lookahead-split-2008r2.json'), {
      nowMs: 0,
      playing: true,
      vms: [],
      queues: [],
    });
    const inSlot = (slot: number) =>
      drops.filter((d) => d.queueId === 1 && d.slot === slot).map((d) => [d.blockId, d.lengthBytes]);
    // Slot 0 holds frame 1 (1518 B): 128 B lookahead in block 2, 1390 B in VM1's block 3. Slot 1 holds a 64 B frame.
    expect(inSlot(0)).toEqual([
      [2, 128],
      [3, 1390],
    ]);
    expect(inSlot(1)).toEqual([[2, 64]]);
  });

  it("lands a drop when the diagram's dot for the same frame lands in its queue", () => {
    const [drop] = new DmaPlanner().plan(trace('same-traffic-2012.json'), {
      nowMs: 1000,
      playing: true,
      vms: [],
      queues: [],
    });
    expect(drop && drop.startMs + drop.durationMs).toBe(1000 + ARRIVAL_MS);
    expect(DMA_MS).toBeLessThan(ARRIVAL_MS);
  });
});
