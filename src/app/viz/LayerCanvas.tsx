/**
 * A canvas laid exactly over an SVG drawing of `width` × `height` CSS px, its backing store sized by
 * devicePixelRatio. It renders once per size; whatever draws on it (a frame-loop animator) gets the element
 * through `onCanvas`. Clicks pass through to the SVG below.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import { fitBackingStore } from './backingStore.ts';

interface LayerCanvasProps {
  width: number;
  height: number;
  /** Called with the canvas after every resize (null on unmount), so the drawer can redraw at the new size. */
  onCanvas(canvas: HTMLCanvasElement | null): void;
  /** The drawer sizes the backing store itself: a canvas handed to a worker can be sized only there. */
  drawerSizes?: boolean;
}

export const LayerCanvas = memo(
  function LayerCanvas({ width, height, onCanvas, drawerSizes = false }: LayerCanvasProps) {
    const ref = useRef<HTMLCanvasElement>(null);
    useLayoutEffect(() => {
      const canvas = ref.current;
      if (!canvas) return;
      if (!drawerSizes) fitBackingStore(canvas, width, height);
      onCanvas(canvas);
    }, [width, height, onCanvas, drawerSizes]);
    useLayoutEffect(() => () => onCanvas(null), [onCanvas]);
    return (
      <canvas ref={ref} aria-hidden className="pointer-events-none absolute left-0 top-0" style={{ width, height }} />
    );
  },
  (a, b) =>
    a.width === b.width && a.height === b.height && a.onCanvas === b.onCanvas && a.drawerSizes === b.drawerSizes,
);
