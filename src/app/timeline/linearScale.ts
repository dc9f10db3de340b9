/** A linear mapping from a domain to pixels, with round tick values in the domain (d3-array's `ticks`). */
import { ticks } from 'd3';

export interface LinearScale {
  (x: number): number;
  readonly range: readonly [number, number];
  ticks(count: number): number[];
}

export function linearScale([d0, d1]: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [r0, r1] = range;
  // An empty domain maps to the middle of the range, as d3's scaleLinear does.
  const map = d1 === d0 ? () => (r0 + r1) / 2 : (x: number) => r0 + ((x - d0) / (d1 - d0)) * (r1 - r0);
  return Object.assign(map, { range, ticks: (count: number) => ticks(d0, d1, count) });
}
