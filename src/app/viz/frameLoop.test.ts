import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameLoop } from './frameLoop.ts';

/** A loop on timers, one frame every 16 ms of fake time. */
const timerLoop = () =>
  new FrameLoop((callback) => {
    setTimeout(() => callback(Date.now()), 16);
  });

describe('FrameLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a callback each frame with the wall delta, and idles once it returns null', async () => {
    const loop = timerLoop();
    const deltas: number[] = [];
    loop.start('count', 3, ({ deltaMs, state }) => {
      deltas.push(deltaMs);
      return state > 1 ? state - 1 : null;
    });
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    expect(deltas).toEqual([0, 16, 16]);
    expect(loop.isRunning('count')).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules one frame for many registrations, and ensure() never restarts a running one', async () => {
    const loop = timerLoop();
    const seen: string[] = [];
    loop.start('a', 0, ({ state }) => {
      seen.push(`a${state}`);
      return state + 1;
    });
    loop.ensure(
      'a',
      () => 100,
      ({ state }) => {
        seen.push(`x${state}`);
        return null;
      },
    );
    loop.start('b', 0, () => {
      seen.push('b');
      return null;
    });
    expect(vi.getTimerCount()).toBe(1);
    await vi.runOnlyPendingTimersAsync();
    expect(seen).toEqual(['a0', 'b']);
    loop.stop('a');
    await vi.runOnlyPendingTimersAsync();
    expect(seen).toEqual(['a0', 'b']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('dispose stops every animation, even with a frame already requested, and nothing starts again', async () => {
    const loop = timerLoop();
    const seen: string[] = [];
    loop.start('a', 0, () => {
      seen.push('a');
      return 0;
    });
    loop.dispose();
    await vi.runOnlyPendingTimersAsync();
    loop.start('b', 0, () => {
      seen.push('b');
      return null;
    });
    expect(loop.isRunning('b')).toBe(false);
    await vi.runOnlyPendingTimersAsync();
    expect(seen).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
