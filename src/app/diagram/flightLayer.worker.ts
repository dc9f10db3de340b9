/**
 * The flight layer's worker: draws the diagram's frames in flight on a canvas the page transferred to it, at each
 * animation frame the page announces, so neither the drawing nor its raster work takes the page's main thread (the
 * bench's P6: a click on Pause waited behind thousands of dots). It draws with the same FlightAnimator the page
 * would use, on a frame loop whose frames are the page's.
 */
import { fitBackingStore } from '../viz/backingStore.ts';
import { FrameLoop } from '../viz/frameLoop.ts';
import { FixedPalette } from '../viz/theme.ts';
import { FlightAnimator } from './flightAnimator.ts';
import type { DrawnDots } from './flightDots.ts';
import type { FromFlightLayer, ToFlightLayer } from './flightLayerProtocol.ts';

/** The parts of a dedicated worker's global scope this uses (the app's types describe a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToFlightLayer>) => void) | null;
  postMessage(message: FromFlightLayer, transfer: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let canvas: OffscreenCanvas | null = null;
let selectedFrame: number | null = null;
const palette = new FixedPalette();
/** What the animator's loop asked to run at the page's next frame. */
let nextFrame: ((nowMs: number) => void) | null = null;
let frames = 0;

const report = (drawn: DrawnDots): void => {
  frames++;
  const dots = Float64Array.from(drawn);
  scope.postMessage({ type: 'drawn', dots, frames } satisfies FromFlightLayer, [dots.buffer]);
};

const loop = new FrameLoop((callback) => {
  nextFrame = callback;
});
const animator = new FlightAnimator(loop, () => selectedFrame, report, palette);

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'canvas':
      canvas = data.canvas;
      return animator.attach(canvas);
    case 'frame': {
      const run = nextFrame;
      nextFrame = null;
      return run?.(data.nowMs);
    }
    case 'layout':
      if (canvas) fitBackingStore(canvas, data.layout.width, data.layout.height, data.pixelRatio);
      return animator.setLayout(data.layout);
    case 'add':
      return animator.add(data.flights);
    case 'clear':
      return animator.clear();
    case 'look':
      selectedFrame = data.selectedFrame;
      palette.set(data.colours);
      return animator.redraw();
  }
};
