/**
 * The plumbing every canvas layer shares: a list of timed items, a frame-loop registration that runs only while
 * an item is pending or moving, and a redraw against the drawing's latest layout (so items follow boxes that move,
 * and vanish with boxes that go away). Subclasses say how one item is drawn.
 */
import type { FrameLoop, FrameTick } from './frameLoop.ts';
import { Palette } from './theme.ts';
import type { Colours } from './theme.ts';

/** A canvas in the page, or one handed to a worker (transferControlToOffscreen). */
export type DrawingCanvas = HTMLCanvasElement | OffscreenCanvas;

/** What a planner's items are fed to: a canvas animation here, or one running in a worker. */
export interface AnimationSink<Item> {
  add(items: readonly Item[]): void;
  clear(): void;
}

export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface TimedItem {
  startMs: number;
  durationMs: number;
}

/** After its end an item lingers this fraction of its duration while it fades, so the eye sees where it landed. */
const LINGER = 0.25;

export abstract class CanvasAnimation<Item extends TimedItem, Layout extends { width: number; height: number }>
  implements AnimationSink<Item>
{
  readonly #key = Symbol('canvas animation');
  readonly #loop: FrameLoop;
  #items: Item[] = [];
  #canvas: DrawingCanvas | null = null;
  #nowMs = 0;
  protected layout: Layout | null = null;
  protected readonly palette: Colours;

  /**
   * @param loop the frame loop of the side it draws (side.frames)
   * @param palette its colours: the page's stylesheet, unless it draws where there is none
   */
  constructor(loop: FrameLoop, palette: Colours = new Palette()) {
    this.#loop = loop;
    this.palette = palette;
  }

  /** Takes the canvas to draw on (after every resize), or null when it is gone. An arrow: it is passed as a callback. */
  attach = (canvas: DrawingCanvas | null): void => {
    this.#canvas = canvas;
    if (canvas) this.#draw(this.#nowMs);
    else this.#loop.stop(this.#key);
  };

  setLayout(layout: Layout): void {
    this.layout = layout;
    this.#draw(this.#nowMs);
  }

  add(items: readonly Item[]): void {
    if (items.length === 0) return;
    this.#items.push(...items);
    this.#loop.ensure(this.#key, () => this.#items.length, this.#tick);
  }

  clear(): void {
    this.#items = [];
    this.#loop.stop(this.#key);
    this.#draw(this.#nowMs);
  }

  /** Redraws now (a selection or theme change while nothing moves). */
  redraw(): void {
    this.#draw(this.#nowMs);
  }

  /** Called before the items of a frame are drawn. */
  protected beginFrame(): void {}

  /** Called after every item of a frame went through drawItem: an animator that batches its drawing draws here. */
  protected endFrame(_context: Context2D): void {}

  /**
   * Draws one item at progress `t` (0 = its start, 1 = its end, above 1 while it lingers; never below 0).
   * @returns false when the item can no longer be drawn (its box is gone), which removes it
   */
  protected abstract drawItem(context: Context2D, item: Item, t: number, layout: Layout): boolean;

  /** The loop's state is the number of items still pending or moving; none left stops the loop. */
  #tick = ({ nowMs }: FrameTick<number>): number | null => {
    this.#draw(nowMs);
    return this.#items.length > 0 ? this.#items.length : null;
  };

  #draw(nowMs: number): void {
    this.#nowMs = nowMs;
    const canvas = this.#canvas;
    const layout = this.layout;
    if (!canvas || !layout) return;
    const context = canvas.getContext('2d');
    if (!context) return;
    const scale = canvas.width / layout.width;
    context.setTransform(scale, 0, 0, scale, 0, 0);
    context.clearRect(0, 0, layout.width, layout.height);
    this.beginFrame();
    this.#items = this.#items.filter((item) => {
      const t = (nowMs - item.startMs) / item.durationMs;
      if (t > 1 + LINGER) return false;
      if (t < 0) return true;
      context.globalAlpha = 1;
      const keep = this.drawItem(context, item, t, layout);
      context.globalAlpha = 1;
      return keep;
    });
    this.endFrame(context);
  }
}

/** When an item is gone from the screen, lingering included. */
export const endOf = (item: TimedItem): number => item.startMs + item.durationMs * (1 + LINGER);

/** Opacity while lingering after the end. */
export const lingerAlpha = (t: number): number => (t <= 1 ? 1 : Math.max(0, 1 - (t - 1) / LINGER));

export const easeInOut = (t: number): number => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
