/**
 * Durations in scenario files: integer nanoseconds, or a string with a unit ("500ns", "10us", "2ms", "1s").
 * Virtual time is integer nanoseconds everywhere, so a duration that is not a whole number of ns is refused
 * rather than rounded: a silently rounded interval would make a "deterministic" scenario lie about its timing.
 */
import type { DurationNs } from '../engine/index.ts';

/** Decimal digits of nanoseconds in one unit. */
const UNIT_DIGITS = { ns: 0, us: 3, µs: 3, ms: 6, s: 9 } as const;

/** The accepted spelling; exported for the JSON Schema pattern. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?) ?(ns|us|µs|ms|s)$/;

export const DURATION_HELP = 'a duration is integer nanoseconds, or a string like "500ns", "10us", "2ms", "1s"';

/** Nanoseconds for `text`, or undefined when it is not a duration or not a whole number of ns. */
export function parseDuration(text: string): DurationNs | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  const [, amount = '', unit = ''] = match;
  const [whole = '', fraction = ''] = amount.split('.');
  const digits = UNIT_DIGITS[unit as keyof typeof UNIT_DIGITS];
  // Decimal arithmetic on the digits: "0.1s" must be exactly 100000000 ns, which floating point does not promise.
  if (fraction.replace(/0+$/, '').length > digits) return undefined;
  const ns = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  return Number.isSafeInteger(ns) ? ns : undefined;
}

/** `1234567` → `"1234.567"`: microseconds with three decimals, the trace's time column. */
export function formatMicros(ns: number): string {
  const sign = ns < 0 ? '-' : '';
  const abs = Math.abs(ns);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** `10000` → `"10 µs"`: the largest unit that keeps the value whole, for prose. */
export function formatDuration(ns: DurationNs): string {
  for (const [unit, scale] of [
    ['s', 1e9],
    ['ms', 1e6],
    ['µs', 1e3],
  ] as const) {
    if (ns !== 0 && ns % scale === 0) return `${ns / scale} ${unit}`;
  }
  return ns >= 1000 ? `${formatMicros(ns)} µs` : `${ns} ns`;
}
