/**
 * Plane geometry shared by the drawings. The edges between boxes are "horizontal links" (d3.linkHorizontal's
 * shape: a cubic Bézier whose control points share the midpoint's x), and a moving dot follows the very same
 * curve, so the SVG path and the canvas animation come from one definition.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How a dot travels between two points: along a horizontal link, or in a straight line (a drop, a short hop). */
export type HopShape = 'link' | 'straight';

/** Coordinates rounded to 3 decimals, as d3-path writes them. */
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The SVG path of the horizontal link from `a` to `b`: d3.linkHorizontal's, written here because pulling in
 * d3-shape for one curve cost the first view 14 KB of JavaScript. */
export function linkPath(a: Point, b: Point): string {
  const [x0, y0, x1, y1] = [a.x, a.y, b.x, b.y].map(round3) as [number, number, number, number];
  const mx = round3((a.x + b.x) / 2);
  return `M${x0},${y0}C${mx},${y0},${mx},${y1},${x1},${y1}`;
}

/** The point at `t` ∈ [0, 1] along a hop. */
export function hopPoint(a: Point, b: Point, t: number, shape: HopShape): Point {
  if (shape === 'straight') return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
  const mx = (a.x + b.x) / 2;
  const u = 1 - t;
  // B(t) = u³·P0 + 3u²t·P1 + 3ut²·P2 + t³·P3 with P1 = (mx, a.y), P2 = (mx, b.y).
  const x = u * u * u * a.x + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * b.x;
  const y = u * u * u * a.y + 3 * u * u * t * a.y + 3 * u * t * t * b.y + t * t * t * b.y;
  return { x, y };
}

/** Rough length of a hop, for spreading a dot's time over its hops in proportion to distance. */
export function hopLength(a: Point, b: Point, shape: HopShape): number {
  if (shape === 'straight') return Math.hypot(b.x - a.x, b.y - a.y);
  let length = 0;
  let previous = a;
  for (let i = 1; i <= 8; i++) {
    const p = hopPoint(a, b, i / 8, shape);
    length += Math.hypot(p.x - previous.x, p.y - previous.y);
    previous = p;
  }
  return length;
}

export interface Hop {
  to: Point;
  shape: HopShape;
}

/** A route with its hops measured once, so a dot that follows it for many frames does not re-measure it. */
export interface Route {
  from: Point;
  hops: readonly Hop[];
  lengths: readonly number[];
  total: number;
}

export function measureRoute(from: Point, hops: readonly Hop[]): Route {
  const lengths: number[] = [];
  let total = 0;
  let start = from;
  for (const hop of hops) {
    const length = hopLength(start, hop.to, hop.shape);
    lengths.push(length);
    total += length;
    start = hop.to;
  }
  return { from, hops, lengths, total };
}

/** The point at `t` ∈ [0, 1] along a measured route, time spread by distance. */
export function pointOnRoute({ from, hops, lengths, total }: Route, t: number): Point {
  if (hops.length === 0 || total === 0) return hops.at(-1)?.to ?? from;
  let remaining = Math.min(Math.max(t, 0), 1) * total;
  let start = from;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i] as Hop;
    const length = lengths[i] as number;
    if (remaining <= length || i === hops.length - 1)
      return hopPoint(start, hop.to, length === 0 ? 1 : Math.min(remaining / length, 1), hop.shape);
    remaining -= length;
    start = hop.to;
  }
  return start;
}

/**
 * Places boxes of height `size` as close as possible to their wanted centres, in order, never overlapping
 * (at least `gap` apart) and never above `top`. Used to line a CPU or a VM up with its queue.
 * @returns the centres actually used, in the same order.
 */
export function spreadCentres(wanted: readonly number[], size: number, gap: number, top: number): number[] {
  const centres: number[] = [];
  let floor = top + size / 2;
  for (const centre of wanted) {
    const placed = Math.max(centre, floor);
    centres.push(placed);
    floor = placed + size + gap;
  }
  return centres;
}

export const contains = (r: Rect, p: Point): boolean =>
  p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
