import { describe, expect, it } from 'vitest';
import { FOLLOWABLE_PER_SECOND, FRAMES_PER_SECOND_BUDGET, FrameSampler, sampleEvery } from './sampling.ts';

describe('sampleEvery', () => {
  it.each([
    [0, 1],
    [24, 1],
    [25, 2],
    [48, 2],
    [49, 3],
    [120, 5],
    [121, 6],
    [240, 10],
    [241, 20],
    [2400, 100],
    [2401, 200],
    [1e6, 50_000],
  ])('%d frames/s with a budget of 24 dots/s → 1 in %d', (rate, every) => {
    expect(sampleEvery(rate, FOLLOWABLE_PER_SECOND)).toBe(every);
  });

  it('keeps the dot rate within budget for any rate', () => {
    for (let rate = 1; rate < 100_000; rate = Math.ceil(rate * 1.37)) {
      const every = sampleEvery(rate, 10);
      expect(rate / every).toBeLessThanOrEqual(10);
      // The next smaller N would let too many through.
      const smaller = every <= 10 ? every - 1 : every / 2.5;
      expect(every === 1 || rate / smaller > 10).toBe(true);
    }
  });
});

describe('FrameSampler', () => {
  it('raises N at once under a burst and lowers it only after a quiet second', () => {
    const sampler = new FrameSampler(FOLLOWABLE_PER_SECOND);
    expect(sampler.observe(16, 0)).toBe(1);
    expect(sampler.observe(40, 16)).toBe(3);
    expect(sampler.isSampled(9)).toBe(true);
    expect(sampler.isSampled(10)).toBe(false);
    expect(sampler.observe(0, 900)).toBe(3);
    expect(sampler.observe(1, 1020)).toBe(1);
  });

  it('lets every frame through up to the rate that keeps DOT_CAPACITY dots in flight, and samples beyond it', () => {
    const sampler = new FrameSampler();
    expect(sampler.observe(FRAMES_PER_SECOND_BUDGET, 0)).toBe(1);
    expect(sampler.observe(1, 10)).toBe(2);
  });
});
