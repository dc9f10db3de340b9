import { describe, expect, it } from 'vitest';
import type { PullRequest } from '../../client/SimClient.ts';
import type { BatchMessage } from '../../protocol/messages.ts';
import { BatchPump } from './batchPump.ts';

/** A frame scheduler the test advances by hand. */
function manualFrames() {
  let queued: ((nowMs: number) => void)[] = [];
  let nowMs = 0;
  return {
    schedule: (callback: (nowMs: number) => void) => {
      queued.push(callback);
    },
    get queued() {
      return queued.length;
    },
    async tick(deltaMs = 16) {
      nowMs += deltaMs;
      const run = queued;
      queued = [];
      for (const callback of run) callback(nowMs);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

const batch = (more: boolean) => ({ stats: { backlog: more ? 1 : 0 } }) as unknown as BatchMessage;

describe('BatchPump', () => {
  it('keeps one pull in flight, one per frame, and idles when nothing more is wanted', async () => {
    const frames = manualFrames();
    const pulls: PullRequest[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let remaining = 3;
    const pump = new BatchPump({
      schedule: frames.schedule,
      pull: async (request) => {
        pulls.push(request);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await Promise.resolve();
        inFlight--;
        return batch(--remaining > 0);
      },
      onBatch: (b) => b.stats.backlog > 0,
      onError: (error) => {
        throw error;
      },
    });
    pump.request();
    pump.request();
    expect(frames.queued).toBe(1);
    for (let i = 0; i < 5; i++) await frames.tick(20);
    expect(pulls.length).toBe(3);
    expect(maxInFlight).toBe(1);
    expect(frames.queued).toBe(0);
    // The first frame after idling has no predecessor to measure from; later ones use the real gap.
    expect(pulls[0]?.wallMs).toBeCloseTo(1000 / 60);
    expect(pulls[1]?.wallMs).toBe(20);
  });

  it('does one more pull when asked while a pull is in flight', async () => {
    const frames = manualFrames();
    let pulls = 0;
    let release: (() => void) | null = null;
    const pump = new BatchPump({
      schedule: frames.schedule,
      pull: () =>
        new Promise((resolve) => {
          pulls++;
          release = () => resolve(batch(false));
        }),
      onBatch: () => false,
      onError: (error) => {
        throw error;
      },
    });
    pump.request();
    await frames.tick();
    pump.request();
    expect(frames.queued).toBe(0);
    (release as unknown as () => void)();
    await frames.tick();
    expect(frames.queued).toBe(1);
    await frames.tick();
    expect(pulls).toBe(2);
  });

  it('applies a batch pulled before the latest command only after the next paint, so the command shows first', async () => {
    const frames = manualFrames();
    const painted: (() => void)[] = [];
    const applied: string[] = [];
    let intent = 0;
    let answer: (b: BatchMessage) => void = () => {};
    const pump = new BatchPump({
      schedule: frames.schedule,
      pull: () => new Promise<BatchMessage>((resolve) => (answer = resolve)),
      onBatch: () => {
        applied.push(`batch at intent ${intent}`);
        return false;
      },
      onError: (error) => {
        throw error;
      },
      intent: () => intent,
      afterPaint: (callback) => void painted.push(callback),
    });
    pump.request();
    await frames.tick();
    intent++; // Pause clicked while the pull was in flight
    answer(batch(false));
    await frames.tick();
    expect(applied).toEqual([]);
    pump.request(); // no second pull while the first batch waits: batches stay in order
    await frames.tick();
    for (const callback of painted.splice(0)) callback();
    expect(applied).toEqual(['batch at intent 1']);
    await frames.tick();
    answer(batch(false));
    await frames.tick();
    expect(applied).toEqual(['batch at intent 1', 'batch at intent 1']);
  });
});
