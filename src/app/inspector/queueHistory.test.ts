import { describe, expect, it } from 'vitest';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { queueHistory } from './queueHistory.ts';

describe('queue history', () => {
  it("lists a queue's states from its latest allocation on, even after its QueueId was reused", () => {
    const trace = new EventBuffer();
    trace.append(runBuiltIn('free-queue-properly.json').events);
    const states = (queueId: number) => queueHistory(trace, queueId).map((e) => `${e.from}→${e.to}`);
    expect(states(1)[0]).toBe('Undefined→Allocated');
    expect(queueHistory(trace, 1).every((e) => e.queueId === 1)).toBe(true);
    expect(states(1).filter((s) => s === 'Undefined→Allocated')).toHaveLength(1);
    expect(states(99)).toEqual([]);
  });

  it("follows the default scenario's VM2 queue to its end", () => {
    const trace = new EventBuffer();
    trace.append(runBuiltIn().events);
    expect(queueHistory(trace, 2).map((e) => e.to)).toEqual([
      'Allocated',
      'Set',
      'Running',
      'Paused',
      'StopDma',
      'Freeing',
      'Undefined',
    ]);
  });
});
