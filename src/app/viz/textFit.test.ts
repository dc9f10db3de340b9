import { describe, expect, it } from 'vitest';
import { firstFitting, fitText, textWidth } from './textFit.ts';

describe('textFit', () => {
  it('estimates capitals wider than lower case, and monospace by length', () => {
    expect(textWidth('QUEUE', 10)).toBeGreaterThan(textWidth('queue', 10));
    expect(textWidth('abcd', 10, true)).toBeCloseTo(24.8);
  });

  it('picks the most detailed variant that fits, else cuts the shortest', () => {
    const variants = ['Default queue (QueueId 0)', 'Default queue', 'Default'];
    expect(firstFitting(variants, 500, 13)).toBe('Default queue (QueueId 0)');
    expect(firstFitting(variants, 100, 13)).toBe('Default queue');
    expect(firstFitting(variants, 30, 13)).toMatch(/…$/);
  });

  it('cuts with an ellipsis only when needed, and the cut fits', () => {
    expect(fitText('FREE_QUEUE', 200, 11)).toBe('FREE_QUEUE');
    const cut = fitText('QUEUE_ALLOCATION_COMPLETE', 100, 11);
    expect(cut).toMatch(/^QUEUE_ALLOC.*…$/);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(100);
  });
});
