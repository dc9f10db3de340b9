import { describe, expect, it } from 'vitest';
import { ringSlots } from './ring.ts';

const short = (uses: string[]) => uses.map((u) => ({ free: '.', dma: 'D', held: 'H' })[u]).join('');

describe('ringSlots', () => {
  it('ends the used run at the newest write: held NBLs first, frames waiting for the DPC last', () => {
    expect(short(ringSlots(8, 4, 2, 3))).toBe('HHHDD...');
  });

  it('wraps around the end of the ring', () => {
    expect(short(ringSlots(8, 1, 1, 3))).toBe('HD....HH');
  });

  it('starts at slot 0 when the newest write is unknown, and never uses more slots than exist', () => {
    expect(short(ringSlots(4, undefined, 1, 1))).toBe('HD..');
    expect(short(ringSlots(4, 3, 3, 5))).toBe('HDDD');
    expect(ringSlots(0, undefined, 0, 0)).toEqual([]);
  });
});
