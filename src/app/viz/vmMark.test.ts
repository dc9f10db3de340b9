import { describe, expect, it } from 'vitest';
import { vmToken } from './theme.ts';
import { vmShape, vmShapeCorners, vmShapePath } from './vmMark.ts';

describe('each VM’s mark', () => {
  it('gives the six VM colours six different shapes, none of them the circle of "no VM"', () => {
    const shapes = Array.from({ length: 6 }, (_, i) => vmShape(vmToken(i)));
    expect(new Set(shapes).size).toBe(6);
    expect(shapes).not.toContain('circle');
    expect(vmShape(vmToken(null))).toBe('circle');
  });

  it('follows the colour: a seventh VM, which repeats the first colour, repeats its shape too', () => {
    expect(vmShape(vmToken(6))).toBe(vmShape(vmToken(0)));
  });

  it('draws every shape around its centre, within about twice its radius', () => {
    const c = { x: 10, y: 20 };
    for (const i of [0, 1, 2, 3, 4, 5]) {
      const corners = vmShapeCorners(vmShape(vmToken(i)), c, 5) ?? [];
      expect(corners.length).toBeGreaterThanOrEqual(3);
      for (const p of corners) expect(Math.hypot(p.x - c.x, p.y - c.y)).toBeLessThan(10);
      const mean = corners.reduce((m, p) => ({ x: m.x + p.x / corners.length, y: m.y + p.y / corners.length }), {
        x: 0,
        y: 0,
      });
      expect(Math.hypot(mean.x - c.x, mean.y - c.y)).toBeLessThan(2);
    }
  });

  it('writes closed SVG paths', () => {
    expect(vmShapePath('circle', { x: 6, y: 6 }, 5)).toMatch(/^M1,6a5,5 .*Z$/);
    expect(vmShapePath('square', { x: 6, y: 6 }, 5)).toMatch(/^M[\d.,L]+Z$/);
  });
});
