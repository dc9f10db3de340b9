/**
 * What the page and the flight layer's worker (flightLayer.worker.ts) say to each other. The page plans the flights,
 * owns the layout and keeps the time: each of its animation frames tells the worker to draw at that moment, so the
 * page's clock is the only one (a test that drives it drives the dots too). The worker owns the canvas and does the
 * drawing, off the page's main thread.
 */
import type { VizToken } from '../viz/theme.ts';
import type { Flight } from './flightPlanner.ts';
import type { DiagramLayout } from './layout.ts';

export type ToFlightLayer =
  /** The canvas, transferred once. */
  | { type: 'canvas'; canvas: OffscreenCanvas }
  /** An animation frame of the page, at `nowMs` on its clock (the flights' clock). */
  | { type: 'frame'; nowMs: number }
  /** The canvas is sized to the layout at this pixel ratio. */
  | { type: 'layout'; layout: DiagramLayout; pixelRatio: number }
  | { type: 'add'; flights: readonly Flight[] }
  | { type: 'clear' }
  /** Redraws now: the selection or the colours changed. */
  | { type: 'look'; selectedFrame: number | null; colours: Partial<Record<VizToken, string>> };

export interface FromFlightLayer {
  type: 'drawn';
  /** Frame id, x, y of every frame dot the last animation frame drew (a transferred buffer). */
  dots: Float64Array;
  /** Animation frames drawn since the canvas arrived (the bench's P3 counts them). */
  frames: number;
}
