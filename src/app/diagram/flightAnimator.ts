/**
 * Draws the diagram's flights: a dot per frame along its route, a growing ring for a DPC. Stops are resolved
 * against the latest layout every frame, so a dot follows its queue when rows move, and a flight whose box
 * disappeared (a freed queue) is dropped.
 */
import { CanvasAnimation, easeInOut, lingerAlpha } from '../viz/CanvasAnimation.ts';
import type { FrameLoop } from '../viz/frameLoop.ts';
import { contains, routePoint } from '../viz/geometry.ts';
import type { Hop, Point } from '../viz/geometry.ts';
import { vmToken } from '../viz/theme.ts';
import type { Flight } from './flightPlanner.ts';
import { anchorPoint } from './layout.ts';
import type { DiagramLayout } from './layout.ts';

const DOT_RADIUS = 5;
/** Clicks within this many px of a dot select its frame. */
const HIT_RADIUS = 9;

export class FlightAnimator extends CanvasAnimation<Flight, DiagramLayout> {
  /** Where each frame's dot was drawn last, for click hit-testing. */
  #drawn: { frameId: number; at: Point }[] = [];
  #selectedFrame: number | null = null;
  readonly #selected: () => number | null;

  /** @param selectedFrame the frame selected on the animator's side, if any (it is drawn larger and ringed) */
  constructor(loop: FrameLoop, selectedFrame: () => number | null) {
    super(loop);
    this.#selected = selectedFrame;
  }

  /** The frame whose dot is under `p` (diagram px), if any. */
  hit(p: Point): number | null {
    let best: { frameId: number; d: number } | null = null;
    for (const { frameId, at } of this.#drawn) {
      const d = Math.hypot(at.x - p.x, at.y - p.y);
      if (d <= HIT_RADIUS && (!best || d < best.d)) best = { frameId, d };
    }
    return best?.frameId ?? null;
  }

  protected override beginFrame(): void {
    this.#drawn = [];
    this.#selectedFrame = this.#selected();
  }

  protected drawItem(context: CanvasRenderingContext2D, flight: Flight, t: number, layout: DiagramLayout): boolean {
    const points = flight.stops.map((stop) => anchorPoint(layout, stop.anchor));
    if (points.some((p) => p === null)) return false;
    const [from, ...rest] = points as Point[];
    context.globalAlpha = lingerAlpha(t);
    if (flight.kind === 'pulse') {
      this.#pulse(context, from as Point, Math.min(t, 1));
      return true;
    }
    const hops: Hop[] = rest.map((to, i) => ({ to, shape: (flight.stops[i + 1] as Flight['stops'][number]).shape }));
    const at = routePoint(from as Point, hops, easeInOut(Math.min(t, 1)));
    if (this.#lookup(context, flight, at, layout)) return true;
    // Inside the switch (forwarding by MAC) the dot is hidden, so it never covers the list of OID requests.
    if (contains(layout.vswitch, at) && at.x > layout.vswitch.x + 1 && at.x < layout.vswitch.x + layout.vswitch.w - 1)
      return true;
    this.#dot(context, flight, at);
    if (flight.frameId !== null) this.#drawn.push({ frameId: flight.frameId, at });
    return true;
  }

  /**
   * Inside the classifier the dot is not drawn over the filter table's text: the row that matched lights up
   * instead, and the dot leaves from that row. Returns whether it drew the lookup.
   */
  #lookup(context: CanvasRenderingContext2D, flight: Flight, at: Point, layout: DiagramLayout): boolean {
    if (!contains(layout.classifier, at)) return false;
    const anchor = flight.stops.find((s) => s.anchor.at === 'filter')?.anchor;
    const row = anchor?.at === 'filter' ? layout.filterRows.find((r) => r.filterId === anchor.filterId) : undefined;
    if (!row) return false;
    const colour = this.palette.color(vmToken(flight.vmIndex));
    context.fillStyle = colour;
    context.globalAlpha *= 0.18;
    context.fillRect(row.rect.x, row.rect.y, row.rect.w, row.rect.h);
    context.globalAlpha /= 0.18;
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.strokeRect(row.rect.x + 1, row.rect.y + 1, row.rect.w - 2, row.rect.h - 2);
    return true;
  }

  #dot(context: CanvasRenderingContext2D, flight: Flight, at: Point): void {
    const isSelected = flight.frameId !== null && flight.frameId === this.#selectedFrame;
    context.beginPath();
    context.arc(at.x, at.y, isSelected ? DOT_RADIUS + 2 : DOT_RADIUS, 0, Math.PI * 2);
    context.fillStyle = this.palette.color(vmToken(flight.vmIndex));
    context.fill();
    context.lineWidth = flight.kind === 'drop' ? 2.5 : 1.5;
    context.strokeStyle = this.palette.color(flight.kind === 'drop' ? 'drop' : 'bg');
    context.stroke();
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

  /** A DPC ran: a ring grows out of its CPU. */
  #pulse(context: CanvasRenderingContext2D, at: Point, t: number): void {
    context.globalAlpha *= 1 - t;
    context.beginPath();
    context.arc(at.x, at.y, 10 + 22 * t, 0, Math.PI * 2);
    context.lineWidth = 2;
    context.strokeStyle = this.palette.color('indicate');
    context.stroke();
  }
}
