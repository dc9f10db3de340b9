/**
 * The diagram's frames in flight, drawn by FlightAnimator: in a worker, on the canvas transferred to it, where the
 * browser can hand a canvas over (transferControlToOffscreen), else in the page. Thousands of dots a frame were most
 * of the page's main-thread work under heavy traffic, drawing them and then rastering them in the commit, so a click
 * on Pause waited behind them (the bench's P6); in a worker both happen beside the page.
 *
 * The page still plans every flight and owns the layout; the worker reports where it drew each frame's dot, so a
 * click can select a frame here at once.
 */
import { endOf } from '../viz/CanvasAnimation.ts';
import type { AnimationSink } from '../viz/CanvasAnimation.ts';
import type { FrameLoop, FrameTick } from '../viz/frameLoop.ts';
import type { Point } from '../viz/geometry.ts';
import { Palette } from '../viz/theme.ts';
import type { FlightAnimator } from './flightAnimator.ts';
import { dotAt, FLIGHT_COLOURS } from './flightDots.ts';
import type { DrawnDots } from './flightDots.ts';
import type { FromFlightLayer, ToFlightLayer } from './flightLayerProtocol.ts';
import type { Flight } from './flightPlanner.ts';
import type { DiagramLayout } from './layout.ts';

/** What a drawn animation frame showed: its frame dots, and how many animation frames the layer has drawn. */
export interface DrawnFrame {
  dots: number;
  frames: number;
}

export interface FlightLayer extends AnimationSink<Flight> {
  /** Takes the canvas to draw on, or null when it is gone. An arrow-like callback: pass it as it is. */
  readonly attach: (canvas: HTMLCanvasElement | null) => void;
  setLayout(layout: DiagramLayout): void;
  /** Draws again with the current selection and theme. */
  redraw(): void;
  /** The frame whose dot is under `p` (diagram px), if any. */
  hit(p: Point): number | null;
  /** Where the last drawn animation frame put each frame's dot (for the keyboard's flight targets). */
  dots(): DrawnDots;
  /** Whether the page must leave the canvas's backing store alone (a transferred canvas is sized in the worker). */
  readonly sizesItsCanvas: boolean;
}

/**
 * @param selectedFrame the frame selected on the layer's side, if any (drawn larger and ringed)
 * @param onDrawn told after every drawn frame
 */
export function createFlightLayer(
  loop: FrameLoop,
  selectedFrame: () => number | null,
  onDrawn: (drawn: DrawnFrame) => void,
): FlightLayer {
  const canTransfer = typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';
  return canTransfer
    ? new WorkerFlightLayer(loop, selectedFrame, onDrawn)
    : pageFlightLayer(loop, selectedFrame, onDrawn);
}

/** The animator in the page, for browsers that cannot hand a canvas to a worker. Only they fetch its code. */
function pageFlightLayer(
  loop: FrameLoop,
  selectedFrame: () => number | null,
  onDrawn: (drawn: DrawnFrame) => void,
): FlightLayer {
  let animator: FlightAnimator | null = null;
  // What arrives before the code does, replayed when it has.
  let canvas: HTMLCanvasElement | null = null;
  let layout: DiagramLayout | null = null;
  let early: Flight[] = [];
  void import('./flightAnimator.ts').then(({ FlightAnimator }) => {
    let frames = 0;
    animator = new FlightAnimator(loop, selectedFrame, (dots) => onDrawn({ dots: dots.length / 3, frames: ++frames }));
    if (layout) animator.setLayout(layout);
    animator.attach(canvas);
    animator.add(early);
    early = [];
  });
  return {
    attach: (next) => {
      canvas = next;
      animator?.attach(next);
    },
    setLayout: (next) => {
      layout = next;
      animator?.setLayout(next);
    },
    add: (flights) => {
      if (animator) animator.add(flights);
      else early.push(...flights);
    },
    clear: () => {
      early = [];
      animator?.clear();
    },
    redraw: () => animator?.redraw(),
    hit: (p) => animator?.hit(p) ?? null,
    dots: () => animator?.dots() ?? [],
    sizesItsCanvas: false,
  };
}

/**
 * The animator in a worker, started with the first flight (its code is no part of the first view, bench P4): until
 * then it keeps the canvas, the layout and the flights, and hands them over when the worker is there. While a flight
 * is on screen, each animation frame of the side's loop tells the worker to draw.
 */
class WorkerFlightLayer implements FlightLayer {
  readonly sizesItsCanvas = true;
  readonly #key = Symbol('flight layer');
  readonly #loop: FrameLoop;
  /** When the last flight sent leaves the screen, on the loop's clock. */
  #busyUntilMs = 0;
  readonly #selectedFrame: () => number | null;
  readonly #onDrawn: (drawn: DrawnFrame) => void;
  readonly #palette = new Palette();
  #canvas: HTMLCanvasElement | null = null;
  #layout: DiagramLayout | null = null;
  /** The worker and the canvas it took over; a canvas can be handed over only once. */
  #running: { worker: Worker; canvas: HTMLCanvasElement } | null = null;
  #starting = false;
  /** Flights added before the worker was running. */
  #early: Flight[] = [];
  #dots: DrawnDots = [];

  constructor(loop: FrameLoop, selectedFrame: () => number | null, onDrawn: (drawn: DrawnFrame) => void) {
    this.#loop = loop;
    this.#selectedFrame = selectedFrame;
    this.#onDrawn = onDrawn;
  }

  readonly attach = (canvas: HTMLCanvasElement | null): void => {
    this.#canvas = canvas;
    if (canvas === null) {
      // React may detach and attach the same canvas at once (StrictMode): only a canvas gone for good ends the worker.
      queueMicrotask(() => {
        if (this.#canvas !== this.#running?.canvas) this.#stop();
      });
    } else if (canvas !== this.#running?.canvas) {
      this.#stop();
      if (this.#early.length > 0) this.#start();
    }
  };

  setLayout(layout: DiagramLayout): void {
    this.#layout = layout;
    this.#post({ type: 'layout', layout, pixelRatio: window.devicePixelRatio || 1 });
  }

  add(flights: readonly Flight[]): void {
    if (flights.length === 0) return;
    for (const flight of flights) this.#busyUntilMs = Math.max(this.#busyUntilMs, endOf(flight));
    this.#loop.ensure(this.#key, (): true => true, this.#tick);
    if (this.#running) return this.#post({ type: 'add', flights });
    this.#early.push(...flights);
    this.#start();
  }

  clear(): void {
    this.#early = [];
    this.#busyUntilMs = 0;
    this.#loop.stop(this.#key);
    this.#post({ type: 'clear' });
  }

  redraw(): void {
    this.#post({ type: 'look', selectedFrame: this.#selectedFrame(), colours: this.#palette.resolve(FLIGHT_COLOURS) });
  }

  hit(p: Point): number | null {
    return dotAt(this.#dots, p);
  }

  dots(): DrawnDots {
    return this.#dots;
  }

  #start(): void {
    if (this.#starting || this.#canvas === null) return;
    this.#starting = true;
    void import('./flightWorker.ts').then(({ startFlightWorker }) => {
      this.#starting = false;
      const canvas = this.#canvas;
      if (canvas === null || this.#running) return;
      const worker = startFlightWorker();
      worker.onmessage = ({ data }: MessageEvent<FromFlightLayer>) => {
        this.#dots = data.dots;
        this.#onDrawn({ dots: data.dots.length / 3, frames: data.frames });
      };
      this.#running = { worker, canvas };
      const offscreen = canvas.transferControlToOffscreen();
      this.#post({ type: 'canvas', canvas: offscreen }, [offscreen]);
      if (this.#layout) this.setLayout(this.#layout);
      this.redraw();
      this.add(this.#early);
      this.#early = [];
    });
  }

  readonly #tick = ({ nowMs }: FrameTick<true>): true | null => {
    this.#post({ type: 'frame', nowMs });
    // Until one frame past the last flight's end, so the worker draws the canvas empty.
    return nowMs <= this.#busyUntilMs ? true : null;
  };

  #post(message: ToFlightLayer, transfer: Transferable[] = []): void {
    this.#running?.worker.postMessage(message, transfer);
  }

  #stop(): void {
    this.#running?.worker.terminate();
    this.#running = null;
    this.#dots = [];
  }
}
