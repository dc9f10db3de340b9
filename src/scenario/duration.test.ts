import { describe, expect, it } from 'vitest';
import { formatDuration, formatMicros, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['500ns', 500],
    ['10us', 10_000],
    ['10µs', 10_000],
    ['10 us', 10_000],
    ['2ms', 2_000_000],
    ['1s', 1_000_000_000],
    ['1.5us', 1_500],
    ['0.1s', 100_000_000],
    ['2.000001ms', 2_000_001],
  ])('%s is %i ns', (text, ns) => expect(parseDuration(text)).toBe(ns));

  it.each(['10', '10 usec', 'us', '-5us', '1e3ns', '0.5ns', '1.0001us', ''])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows microseconds with three decimals, exactly', () => {
    expect(formatMicros(0)).toBe('0.000');
    expect(formatMicros(1_234_567)).toBe('1234.567');
    expect(formatMicros(999)).toBe('0.999');
  });

  it('names a duration in the largest whole unit', () => {
    expect(formatDuration(10_000)).toBe('10 µs');
    expect(formatDuration(2_000_000)).toBe('2 ms');
    expect(formatDuration(1_500)).toBe('1.500 µs');
    expect(formatDuration(40)).toBe('40 ns');
  });
});
