/**
 * Whether a part of the page below the first screen has come near the viewport (or the reader asked for it), so
 * its code loads only then and the first view downloads only what it shows (bench P4). Once true it stays true:
 * a part that has loaded keeps its state when scrolled away.
 */
import { useCallback, useState, type RefCallback } from 'react';

/** A little ahead, so a part is usually ready as it scrolls into sight, while at 1440×900 the dock under the
 * drawings (about 160 px below the fold once the diagram fills the first screen) stays out of the first view. */
const NEAR_VIEWPORT_MARGIN = '100px';

/** `armed`: whether the page has its real layout yet; before the first view it is short, and everything is near. */
export function useNearViewport<T extends Element>(
  armed: boolean,
): [ref: RefCallback<T>, near: boolean, reveal: () => void] {
  const [near, setNear] = useState(false);
  const reveal = useCallback(() => setNear(true), []);
  const ref = useCallback(
    (node: T | null) => {
      if (!node || near || !armed) return;
      // Without IntersectionObserver (an old browser, jsdom) nothing would ever load: load at once instead.
      if (typeof IntersectionObserver === 'undefined') return reveal();
      const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && reveal(), {
        rootMargin: NEAR_VIEWPORT_MARGIN,
      });
      observer.observe(node);
      return () => observer.disconnect();
    },
    [near, reveal, armed],
  );
  return [ref, near, reveal];
}
