/**
 * Each VM's mark: a shape beside its colour, so a frame's destination reads without telling colours apart (WCAG
 * 1.4.1, colour is never the only carrier; and in forced colours, where the palette may be gone). The shape follows
 * the colour token (viz/theme.ts), so a VM has the same colour and shape in every view and the legend.
 */
import type { Point } from './geometry.ts';
import type { VizToken } from './theme.ts';

/** No VM (the default queue, the host, an unknown MAC) is a circle; the six VM colours have a shape each. */
export type VmShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'triangle-down' | 'pentagon' | 'hexagon';

const VM_SHAPES: readonly VmShape[] = ['square', 'diamond', 'triangle', 'triangle-down', 'pentagon', 'hexagon'];

/** The shape of a colour token (`vm-1` … `vm-6`; anything else is a circle). */
export function vmShape(token: VizToken): VmShape {
  const n = /^vm-(\d+)$/.exec(token)?.[1];
  return n === undefined ? 'circle' : (VM_SHAPES[(Number(n) - 1) % VM_SHAPES.length] as VmShape);
}

/** A regular polygon's corners, the first at `startDeg` (0 = right, 90 = down); the area stays near a circle's. */
function polygon(sides: number, startDeg: number, c: Point, r: number): Point[] {
  return Array.from({ length: sides }, (_, i) => {
    const a = ((startDeg + (360 * i) / sides) * Math.PI) / 180;
    return { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) };
  });
}

/** The corners of `shape` centred on `c` with radius `r`, or null for a circle. */
export function vmShapeCorners(shape: VmShape, c: Point, r: number): Point[] | null {
  switch (shape) {
    case 'circle':
      return null;
    case 'square':
      return polygon(4, 45, c, r * 1.2);
    case 'diamond':
      return polygon(4, 0, c, r * 1.3);
    case 'triangle':
      return polygon(3, -90, { x: c.x, y: c.y + r * 0.2 }, r * 1.45);
    case 'triangle-down':
      return polygon(3, 90, { x: c.x, y: c.y - r * 0.2 }, r * 1.45);
    case 'pentagon':
      return polygon(5, -90, c, r * 1.15);
    case 'hexagon':
      return polygon(6, 0, c, r * 1.1);
  }
}

/** Adds the shape to a canvas path (the caller fills and strokes it). */
export function traceVmShape(
  context: Pick<CanvasRenderingContext2D, 'arc' | 'moveTo' | 'lineTo' | 'closePath'>,
  shape: VmShape,
  c: Point,
  r: number,
): void {
  const corners = vmShapeCorners(shape, c, r);
  if (!corners) return context.arc(c.x, c.y, r, 0, Math.PI * 2);
  const [first, ...rest] = corners as [Point, ...Point[]];
  context.moveTo(first.x, first.y);
  for (const p of rest) context.lineTo(p.x, p.y);
  context.closePath();
}

/** The shape as an SVG path (a circle as two arcs), for legends and SVG drawings. */
export function vmShapePath(shape: VmShape, c: Point, r: number): string {
  const corners = vmShapeCorners(shape, c, r);
  const n = (v: number) => Math.round(v * 100) / 100;
  if (!corners) return `M${n(c.x - r)},${n(c.y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  return `M${corners.map((p) => `${n(p.x)},${n(p.y)}`).join('L')}Z`;
}
