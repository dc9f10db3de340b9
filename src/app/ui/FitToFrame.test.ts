import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutWidth, scaleToFit } from './FitToFrame.tsx';

describe('a drawing fitted to a frame of any size', () => {
  it('fits whole, never larger than life, and fills the width or the height', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 4000 }),
        fc.integer({ min: 100, max: 4000 }),
        fc.integer({ min: 50, max: 3000 }),
        (w, h, drawn) => {
          const box = { width: w, height: h };
          const width = layoutWidth(box, drawn, 840);
          const scale = scaleToFit(box, width, drawn);
          expect(width).toBeGreaterThanOrEqual(840);
          expect(scale).toBeLessThanOrEqual(1);
          expect(width * scale).toBeLessThanOrEqual(w + 1e-6);
          expect(drawn * scale).toBeLessThanOrEqual(h + 1e-6);
          // One side touches the frame's edge (unless the drawing is shown at its own size).
          const filled = Math.max((width * scale) / w, (drawn * scale) / h);
          if (scale < 1) expect(filled).toBeGreaterThan(0.99);
        },
      ),
    );
  });

  it('lays a 600 px tall diagram out wider for a 640×360 frame, so it fills the frame', () => {
    const box = { width: 640, height: 290 };
    const width = layoutWidth(box, 600, 840);
    expect(width).toBe(1324);
    expect(scaleToFit(box, width, 600) * width).toBeCloseTo(640, 0);
  });
});
