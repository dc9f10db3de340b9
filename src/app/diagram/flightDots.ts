/**
 * What the flight layer tells the page about a drawn frame, wherever it draws (diagram/flightLayer.ts): where each
 * frame's dot is, for a click to select it, and the colours it needs from the page's stylesheet.
 */
import type { Point } from '../viz/geometry.ts';
import { vmToken } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';

/** Clicks within this many px of a dot select its frame. */
const HIT_RADIUS = 9;

/** Every colour the flights are drawn in, for a copy of the palette where there is no stylesheet. */
export const FLIGHT_COLOURS: readonly VizToken[] = [
  ...Array.from({ length: 6 }, (_, i) => vmToken(i)),
  vmToken(null),
  'bg',
  'drop',
  'selected',
  'indicate',
];

/** Where each frame's dot was drawn in the last animation frame: frame id, x, y, flat. */
export type DrawnDots = ArrayLike<number>;

/** The frame whose dot is nearest `p` (diagram px) within a click's reach, if any. */
export function dotAt(drawn: DrawnDots, p: Point): number | null {
  let best: { frameId: number; d: number } | null = null;
  for (let i = 0; i < drawn.length; i += 3) {
    const d = Math.hypot((drawn[i + 1] as number) - p.x, (drawn[i + 2] as number) - p.y);
    if (d <= HIT_RADIUS && (!best || d < best.d)) best = { frameId: drawn[i] as number, d };
  }
  return best?.frameId ?? null;
}
