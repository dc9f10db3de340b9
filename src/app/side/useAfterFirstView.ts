/**
 * True once the side has shown its first scenario (or why it has none) and the browser has painted it. Panels below
 * the first screen judge whether they are near the viewport only then, when the page has its real height, so the
 * first view never fetches them (bench P4). It stays true for the component's life.
 */
import { useEffect, useState } from 'react';
import { useSideStore } from './SideProvider.tsx';

export function useAfterFirstView(): boolean {
  const settled = useSideStore(
    (s) => s.scenario !== null || s.loadProblem !== null || s.failure !== null || s.connection === 'failed',
  );
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!settled || after) return;
    // The frame after the one that shows the scenario: by then it is on screen.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setAfter(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [settled, after]);
  return after;
}
