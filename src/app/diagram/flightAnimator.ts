/**
 * Draws the diagram's flights: a dot per frame along its route, a growing ring for a DPC. Stops are resolved
 * against the latest layout every frame, so a dot follows its queue when rows move, and a flight whose box
 * disappeared (a freed queue) is dropped.
 *
 * Thousands of dots are in flight under heavy traffic, so a frame is drawn in batches: each flight only says where
 * its dot is, and the dots of one colour (and fade step) are stamped together from one pre-drawn dot (a sprite).
 * Stamping a small bitmap costs the browser a fraction of filling and outlining as many arcs, and that raster work
 * is what bounded the diagram's frame rate. The sprite is an ImageBitmap: stamped from a canvas, every drawImage
 * took a snapshot of that canvas first (thousands a frame). Only the selected frame's dot and the few labelled ones are drawn alone,
 * as paths, on top.
 */
import { CanvasAnimation, easeInOut, lingerAlpha } from '../viz/CanvasAnimation.ts';
import type { Context2D } from '../viz/CanvasAnimation.ts';
import type { FrameLoop } from '../viz/frameLoop.ts';
import { contains, measureRoute, pointOnRoute } from '../viz/geometry.ts';
import type { Point, Rect, Route } from '../viz/geometry.ts';
import { vmToken } from '../viz/theme.ts';
import { traceVmShape, vmShape } from '../viz/vmMark.ts';
import type { Colours, VizToken } from '../viz/theme.ts';
import { dotAt } from './flightDots.ts';
import type { DrawnDots } from './flightDots.ts';
import type { Flight } from './flightPlanner.ts';
import { anchorPoint } from './layout.ts';
import type { DiagramLayout } from './layout.ts';

const DOT_RADIUS = 5;
/** A fading dot's opacity is rounded to one of this many steps, so fading dots still share a few paths. */
const FADE_STEPS = 8;
/** Half a sprite's side, in diagram px: the widest VM shape's reach (viz/vmMark.ts), its thickest outline's half
 * width, and a pixel to spare. */
const SPRITE_HALF = 9;

type Sprite = ImageBitmap | HTMLCanvasElement;

/** A square canvas to draw a sprite on: an OffscreenCanvas, which gives an ImageBitmap, where the browser has one. */
const spriteCanvas = (side: number): OffscreenCanvas | HTMLCanvasElement =>
  typeof OffscreenCanvas === 'function'
    ? new OffscreenCanvas(side, side)
    : Object.assign(document.createElement('canvas'), { width: side, height: side });

/** Dots stamped from one sprite at one opacity: same fill, same outline, same fade step. */
interface DotBatch {
  fill: VizToken;
  drop: boolean;
  alpha: number;
  /** x, y of each dot, flat. */
  xy: number[];
}

/** A DPC's ring, or a lit filter row: few per frame, drawn one by one under the dots. */
type Mark =
  | { kind: 'pulse'; around: Rect; t: number; alpha: number }
  | { kind: 'row'; rect: DiagramLayout['filterRows'][number]['rect']; fill: VizToken; alpha: number };

export class FlightAnimator extends CanvasAnimation<Flight, DiagramLayout> {
  /** Where each frame's dot was drawn last (frame id, x, y, flat), for click hit-testing. */
  #drawn: number[] = [];
  #selectedFrame: number | null = null;
  readonly #selected: () => number | null;
  readonly #onDrawn: (drawn: DrawnDots) => void;
  #batches = new Map<string, DotBatch>();
  /** Pre-drawn dots by their colours and pixel scale: a theme change or a zoom gets new ones. */
  #sprites = new Map<string, Sprite>();
  #marks: Mark[] = [];
  /** The selected frame's dot and labelled dots (a bulk drop's "×N"): drawn alone, above the batches. */
  #singles: { flight: Flight; at: Point; alpha: number }[] = [];
  /** Each flight's route, measured against the layout it was measured for. */
  #routes = new WeakMap<Flight, { layout: DiagramLayout; route: Route | null }>();

  /**
   * @param selectedFrame the frame selected on the animator's side, if any (it is drawn larger and ringed)
   * @param onDrawn told after every drawn frame where its frame dots are
   * @param palette the colours (the page's stylesheet, unless it draws in a worker)
   */
  constructor(
    loop: FrameLoop,
    selectedFrame: () => number | null,
    onDrawn: (drawn: DrawnDots) => void = () => {},
    palette?: Colours,
  ) {
    super(loop, palette);
    this.#selected = selectedFrame;
    this.#onDrawn = onDrawn;
  }

  /** The frame whose dot is under `p` (diagram px), if any. */
  hit(p: Point): number | null {
    return dotAt(this.#drawn, p);
  }

  dots(): DrawnDots {
    return this.#drawn;
  }

  protected override beginFrame(): void {
    this.#drawn = [];
    this.#marks = [];
    this.#singles = [];
    for (const batch of this.#batches.values()) batch.xy.length = 0;
    this.#selectedFrame = this.#selected();
  }

  protected drawItem(_context: Context2D, flight: Flight, t: number, layout: DiagramLayout): boolean {
    const route = this.#routeOf(flight, layout);
    if (!route) return false;
    const alpha = lingerAlpha(t);
    if (flight.kind === 'pulse') {
      const cpu = layout.cpus.find((box) => contains(box.rect, route.from));
      if (cpu) this.#marks.push({ kind: 'pulse', around: cpu.rect, t: Math.min(t, 1), alpha });
      return true;
    }
    const at = pointOnRoute(route, easeInOut(Math.min(t, 1)));
    if (this.#lookup(flight, at, alpha, layout)) return true;
    // Inside the switch (forwarding by MAC) the dot is hidden, so it never covers the list of OID requests; inside a
    // CPU too, so a stream of indications never covers its name.
    if (contains(layout.vswitch, at) && at.x > layout.vswitch.x + 1 && at.x < layout.vswitch.x + layout.vswitch.w - 1)
      return true;
    if (flight.kind === 'indicate' && layout.cpus.some((cpu) => contains(cpu.rect, at))) return true;
    if (flight.frameId !== null) this.#drawn.push(flight.frameId, at.x, at.y);
    if (flight.label || (flight.frameId !== null && flight.frameId === this.#selectedFrame))
      this.#singles.push({ flight, at, alpha });
    else this.#batchOf(flight, alpha).xy.push(at.x, at.y);
    return true;
  }

  protected override endFrame(context: Context2D): void {
    for (const mark of this.#marks) {
      context.globalAlpha = mark.alpha;
      if (mark.kind === 'pulse') this.#pulse(context, mark.around, mark.t);
      else this.#litRow(context, mark);
    }
    // The canvas is scaled to its backing store; sprites are drawn at that scale and stamped on whole pixels, 1:1.
    const scale = context.getTransform().a;
    const snap = (v: number) => Math.round(v * scale) / scale;
    for (const batch of this.#batches.values()) {
      if (batch.xy.length === 0) continue;
      context.globalAlpha = batch.alpha;
      const sprite = this.#spriteOf(batch.fill, batch.drop, scale);
      const side = sprite.width / scale;
      for (let i = 0; i < batch.xy.length; i += 2) {
        const x = snap((batch.xy[i] as number) - SPRITE_HALF);
        const y = snap((batch.xy[i + 1] as number) - SPRITE_HALF);
        context.drawImage(sprite, x, y, side, side);
      }
    }
    for (const { flight, at, alpha } of this.#singles) {
      context.globalAlpha = alpha;
      this.#single(context, flight, at);
    }
    context.globalAlpha = 1;
    this.#onDrawn(this.#drawn);
  }

  /** The flight's stops as a measured route on this layout; null when one of its boxes is gone. */
  #routeOf(flight: Flight, layout: DiagramLayout): Route | null {
    const cached = this.#routes.get(flight);
    if (cached?.layout === layout) return cached.route;
    const points = flight.stops.map((stop) => anchorPoint(layout, stop.anchor));
    const route = points.some((p) => p === null)
      ? null
      : measureRoute(
          points[0] as Point,
          points
            .slice(1)
            .map((to, i) => ({ to: to as Point, shape: (flight.stops[i + 1] as Flight['stops'][number]).shape })),
        );
    this.#routes.set(flight, { layout, route });
    return route;
  }

  #batchOf(flight: Flight, alpha: number): DotBatch {
    const fill = vmToken(flight.vmIndex);
    const drop = flight.kind === 'drop';
    const step = Math.ceil(alpha * FADE_STEPS) / FADE_STEPS;
    const key = `${fill} ${drop} ${step}`;
    let batch = this.#batches.get(key);
    if (!batch) {
      batch = { fill, drop, alpha: step, xy: [] };
      this.#batches.set(key, batch);
    }
    return batch;
  }

  /**
   * Inside the classifier the dot is not drawn over the filter table's text: the row that matched lights up
   * instead, and the dot leaves from that row. Returns whether it lit a row.
   */
  #lookup(flight: Flight, at: Point, alpha: number, layout: DiagramLayout): boolean {
    if (!contains(layout.classifier, at)) return false;
    const anchor = flight.stops.find((s) => s.anchor.at === 'filter')?.anchor;
    const row = anchor?.at === 'filter' ? layout.filterRows.find((r) => r.filterId === anchor.filterId) : undefined;
    if (!row) return false;
    const fill = vmToken(flight.vmIndex);
    // Many frames through one row light it once, as brightly as the freshest of them.
    const lit = this.#marks.find((m) => m.kind === 'row' && m.rect === row.rect && m.fill === fill);
    if (lit) lit.alpha = Math.max(lit.alpha, alpha);
    else this.#marks.push({ kind: 'row', rect: row.rect, fill, alpha });
    return true;
  }

  #litRow(context: Context2D, { rect, fill }: Extract<Mark, { kind: 'row' }>): void {
    const colour = this.palette.color(fill);
    context.fillStyle = colour;
    context.globalAlpha *= 0.18;
    context.fillRect(rect.x, rect.y, rect.w, rect.h);
    context.globalAlpha /= 0.18;
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.strokeRect(rect.x + 1, rect.y + 1, rect.w - 2, rect.h - 2);
  }

  /** One dot of this look, drawn once at the target's pixel `scale`. */
  #spriteOf(fill: VizToken, drop: boolean, scale: number): Sprite {
    const key = `${this.palette.color(fill)} ${this.palette.color(drop ? 'drop' : 'bg')} ${drop} ${scale}`;
    let sprite = this.#sprites.get(key);
    if (!sprite) {
      const side = Math.ceil(2 * SPRITE_HALF * scale);
      const canvas = spriteCanvas(side);
      const context = canvas.getContext('2d');
      if (context) {
        context.setTransform(scale, 0, 0, scale, 0, 0);
        context.beginPath();
        traceVmShape(context, vmShape(fill), { x: SPRITE_HALF, y: SPRITE_HALF }, DOT_RADIUS);
        this.#paintDots(context, fill, drop);
      }
      sprite = 'transferToImageBitmap' in canvas ? canvas.transferToImageBitmap() : canvas;
      this.#sprites.set(key, sprite);
    }
    return sprite;
  }

  /** Fills and outlines the current path as frame dots: in their VM's colour and shape, a drop outlined in red. */
  #paintDots(context: Context2D, fill: VizToken, drop: boolean): void {
    context.fillStyle = this.palette.color(fill);
    context.fill();
    context.lineWidth = drop ? 2.5 : 1.5;
    context.strokeStyle = this.palette.color(drop ? 'drop' : 'bg');
    context.stroke();
  }

  #single(context: Context2D, flight: Flight, at: Point): void {
    const isSelected = flight.frameId !== null && flight.frameId === this.#selectedFrame;
    const fill = vmToken(flight.vmIndex);
    context.beginPath();
    traceVmShape(context, vmShape(fill), at, isSelected ? DOT_RADIUS + 2 : DOT_RADIUS);
    this.#paintDots(context, fill, flight.kind === 'drop');
    if (isSelected) {
      context.beginPath();
      context.arc(at.x, at.y, DOT_RADIUS + 6, 0, Math.PI * 2);
      context.lineWidth = 2;
      context.strokeStyle = this.palette.color('selected');
      context.stroke();
    }
    if (flight.label) {
      context.font = '600 11px ui-sans-serif, system-ui, sans-serif';
      context.fillStyle = this.palette.color('drop');
      context.fillText(flight.label, at.x + DOT_RADIUS + 4, at.y + 4);
    }
  }

  /** A DPC ran: a ring grows outward from its CPU's box, never across the "CPU n / DPC" label inside it. */
  #pulse(context: Context2D, box: Rect, t: number): void {
    const grow = 2 + 12 * t;
    context.globalAlpha *= 1 - t;
    context.beginPath();
    context.roundRect(box.x - grow, box.y - grow, box.w + 2 * grow, box.h + 2 * grow, 8 + grow);
    context.lineWidth = 2;
    context.strokeStyle = this.palette.color('indicate');
    context.stroke();
  }
}
