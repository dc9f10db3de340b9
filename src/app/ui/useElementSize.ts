/** The content width of an element, kept current with a ResizeObserver, so a drawing lays itself out in real px. */
import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

export function useElementWidth<T extends HTMLElement>(initialPx: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initialPx);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    // Whole pixels: sub-pixel jitter from scrollbars would otherwise re-lay-out the drawing on every resize event.
    const measure = () => setWidth(Math.floor(node.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
