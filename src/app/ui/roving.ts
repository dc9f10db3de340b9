/**
 * Roving focus (one Tab stop per group, arrows within it), decided by where things are drawn: an arrow moves to the
 * nearest item in its direction, so the diagram's columns (filters → queues → CPUs → requests), the memory map's
 * blocks and a plain list of rows all move the way they look, with one rule and no per-view tables.
 */
import type { Rect } from '../viz/geometry.ts';

export type RovingKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export const ROVING_KEYS: ReadonlySet<string> = new Set<RovingKey>([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
]);

/** How far apart two spans are along one axis (0 when they overlap). */
const gap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, b0 - a1, a0 - b1);

/**
 * The item an arrow moves to from `from`, or null when nothing lies that way. Home and End go to the first and last
 * item. Along the arrow's axis the nearest centre wins; being off to the side counts double, so Down from a queue
 * picks the queue below it, not a CPU a little lower in the next column.
 */
export function rovingTarget(places: readonly Rect[], from: number, key: RovingKey): number | null {
  if (places.length === 0) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return places.length - 1;
  const a = places[from];
  if (!a) return null;
  const vertical = key === 'ArrowUp' || key === 'ArrowDown';
  const sign = key === 'ArrowDown' || key === 'ArrowRight' ? 1 : -1;
  const centre = (r: Rect) => (vertical ? r.y + r.h / 2 : r.x + r.w / 2);
  let best: { index: number; score: number } | null = null;
  places.forEach((b, index) => {
    if (index === from) return;
    const along = (centre(b) - centre(a)) * sign;
    if (along <= 0.5) return;
    const aside = vertical ? gap(a.x, a.x + a.w, b.x, b.x + b.w) : gap(a.y, a.y + a.h, b.y, b.y + b.h);
    const score = along + 2 * aside;
    if (!best || score < best.score) best = { index, score };
  });
  return (best as { index: number } | null)?.index ?? null;
}
