import { describe, expect, it } from 'vitest';
import { asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { staggering } from './stagger.ts';

describe('staggering', () => {
  const at = (t: number): TraceEvent => ({ t: asTimeNs(t), seq: t, kind: 'note', text: '' });
  it('plays a playing batch at once and spreads a stepped one in virtual-time proportion', () => {
    expect(staggering([at(0), at(100)], true)(asTimeNs(100))).toBe(0);
    const delay = staggering([at(0), at(50), at(100)], false);
    expect(delay(asTimeNs(0))).toBe(0);
    expect(delay(asTimeNs(50))).toBeCloseTo(90);
    expect(delay(asTimeNs(100))).toBeCloseTo(180);
  });
});
