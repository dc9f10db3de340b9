/** Number formatting shared by the panels: virtual time in µs, counts with thousands separators. */

const microseconds = new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const integer = new Intl.NumberFormat('en-US');

/** 1234567 ns → "1,234.567" (µs with ns precision, so equal times compare equal on screen). */
export const formatUs = (ns: number): string => microseconds.format(ns / 1000);

export const formatCount = (n: number): string => integer.format(n);

/** 0.1 → "0.1×", 25 → "25×". */
export const formatSpeed = (speed: number): string => `${speed}×`;

/** 630 → "6.30": the engine reports NDIS versions as major × 100 + minor. */
export const formatNdisVersion = (version: number): string =>
  `${Math.floor(version / 100)}.${String(version % 100).padStart(2, '0')}`;

/** 1 → "1 event", 2 → "2 events". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;
