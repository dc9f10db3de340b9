import { describe, expect, it } from 'vitest';
import { linearScale } from './linearScale.ts';

describe('linearScale', () => {
  it('maps the domain onto the pixel range linearly', () => {
    const scale = linearScale([0, 1000], [132, 1132]);
    expect([scale(0), scale(250), scale(1000), scale(2000)]).toEqual([132, 382, 1132, 2132]);
  });

  it('puts an empty domain in the middle of the range rather than dividing by zero', () => {
    expect(linearScale([5, 5], [100, 200])(5)).toBe(150);
  });

  it('offers round ticks inside the domain, about as many as asked', () => {
    expect(linearScale([0, 150_000], [0, 1000]).ticks(10)).toEqual([
      0, 20_000, 40_000, 60_000, 80_000, 100_000, 120_000, 140_000,
    ]);
    expect(linearScale([3, 47], [0, 1000]).ticks(4)).toEqual([10, 20, 30, 40]);
  });
});
