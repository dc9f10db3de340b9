/** The content width or height of an element, kept current with a ResizeObserver, so a drawing lays itself out in
 * real px and a virtual list knows how many rows it shows. */
import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

function useElementExtent<T extends HTMLElement>(
  extent: 'clientWidth' | 'clientHeight',
  initialPx: number,
): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [px, setPx] = useState(initialPx);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    // Whole pixels: sub-pixel jitter from scrollbars would otherwise re-lay-out the drawing on every resize event.
    const measure = () => setPx(Math.floor(node[extent]));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [extent]);
  return [ref, px];
}

export const useElementWidth = <T extends HTMLElement>(initialPx: number) =>
  useElementExtent<T>('clientWidth', initialPx);

export const useElementHeight = <T extends HTMLElement>(initialPx: number) =>
  useElementExtent<T>('clientHeight', initialPx);
