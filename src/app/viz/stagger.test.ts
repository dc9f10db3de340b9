import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { staggering } from './stagger.ts';

describe('staggering', () => {
  const at = (t: number): TraceEvent => ({ t, seq: t, kind: 'note', text: '' });
  it('plays a playing batch at once and spreads a stepped one in virtual-time proportion', () => {
    expect(staggering([at(0), at(100)], true)(100)).toBe(0);
    const delay = staggering([at(0), at(50), at(100)], false);
    expect(delay(0)).toBe(0);
    expect(delay(50)).toBeCloseTo(90);
    expect(delay(100)).toBeCloseTo(180);
  });
});
