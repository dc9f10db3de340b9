/** An SVG <rect> over a layout Rect: the drawings' boxes, strips and cells, without spelling out x, y, width, height. */
import type { SVGProps } from 'react';
import type { Rect } from './geometry.ts';
import { vizVar } from './theme.ts';

export function Box({
  rect,
  ...props
}: { rect: Rect } & Omit<SVGProps<SVGRectElement>, 'x' | 'y' | 'width' | 'height'>) {
  return <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} {...props} />;
}

/** The outline of a box a click selects: the selection colour, `widthPx` wide, while it is selected. */
export const selectionOutline = (selected: boolean, widthPx: number) => ({
  stroke: vizVar(selected ? 'selected' : 'grid'),
  strokeWidth: selected ? widthPx : 1,
});
