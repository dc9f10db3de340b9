/** The middle value of `xs` (the upper middle for an even count); NaN for none. The bench's figures are medians. */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
