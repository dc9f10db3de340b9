/** An SVG <rect> over a layout Rect: the drawings' boxes, strips and cells, without spelling out x, y, width, height. */
import type { SVGProps } from 'react';
import type { Rect } from './geometry.ts';

export function Box({
  rect,
  ...props
}: { rect: Rect } & Omit<SVGProps<SVGRectElement>, 'x' | 'y' | 'width' | 'height'>) {
  return <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} {...props} />;
}
