/**
 * Shows a drawing whole in a box of any size (an iframe on a slide, 640×360 or tall and narrow): the drawing lays
 * itself out at a width of its own, at least `minWidth` (below it a drawing scrolls sideways, which a frame on a
 * slide cannot), and is scaled down to fit the box, centred. When the box is wider than the drawing is tall, the
 * drawing is laid out wider still, so it fills the width as well as the height.
 */
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react';

interface Size {
  width: number;
  height: number;
}

/** Ignore changes smaller than this: a drawing whose height follows its width then settles instead of hunting. */
const SETTLE_PX = 8;

function useSize<T extends HTMLElement>(): [RefObject<T | null>, Size] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    // offsetWidth/offsetHeight are the laid-out size, untouched by the scale transform.
    const measure = () => setSize({ width: node.offsetWidth, height: node.offsetHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

/** The scale that fits a drawing `width` wide and `height` tall in `box`: never larger than life. */
export const scaleToFit = (box: Size, width: number, height: number): number =>
  Math.min(1, width > 0 ? box.width / width : 1, height > 0 ? box.height / height : 1);

/** The width to lay a drawing out at in `box`, given how tall it is now: the box's width, or wider when the box is
 * the wider shape, so that scaled down it fills both; never under `minWidth`. */
export function layoutWidth(box: Size, drawingHeight: number, minWidth: number): number {
  const fillHeight = drawingHeight > 0 && box.height > 0 ? Math.round((box.width * drawingHeight) / box.height) : 0;
  return Math.max(minWidth, box.width, fillHeight);
}

export function FitToFrame({
  minWidth,
  children,
  className = '',
}: {
  minWidth: number;
  children: ReactNode;
  className?: string;
}) {
  const [box, boxSize] = useSize<HTMLDivElement>();
  const [drawing, drawingSize] = useSize<HTMLDivElement>();
  const [width, setWidth] = useState(minWidth);
  const target = layoutWidth(boxSize, drawingSize.height, minWidth);
  useLayoutEffect(() => {
    if (Math.abs(target - width) > SETTLE_PX) setWidth(target);
  }, [target, width]);
  const scale = scaleToFit(boxSize, width, drawingSize.height);
  const left = Math.max(0, (boxSize.width - width * scale) / 2);
  const top = Math.max(0, (boxSize.height - drawingSize.height * scale) / 2);
  return (
    <div
      ref={box}
      className={`relative overflow-hidden ${className}`}
      data-testid="fit-frame"
      data-scale={scale.toFixed(3)}
    >
      <div
        ref={drawing}
        className="absolute left-0 top-0 origin-top-left"
        style={{ width, transform: `translate(${left}px, ${top}px) scale(${scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
