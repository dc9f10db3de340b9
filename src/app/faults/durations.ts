/** The fault controls take durations in whole microseconds, the unit the stories are told in. */
import { MAX_DURATION_NS } from '../../scenario/limits.ts';

/** Whether `n` is a whole number of at least `min` (a count or a number of blocks). */
export const wholeNumber = (n: number, min: number): boolean => Number.isSafeInteger(n) && n >= min;

/** `us` microseconds in ns, or undefined when it is not a duration a scenario could hold (0 to one hour). */
export function microseconds(us: number): number | undefined {
  const ns = us * 1000;
  return wholeNumber(us, 0) && ns <= MAX_DURATION_NS ? ns : undefined;
}
