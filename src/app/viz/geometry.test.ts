import { linkHorizontal } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hopPoint, linkPath, measureRoute, pointOnRoute, spreadCentres } from './geometry.ts';
import type { Hop, Point } from './geometry.ts';

const routePoint = (from: Point, hops: readonly Hop[], t: number) => pointOnRoute(measureRoute(from, hops), t);

describe('geometry', () => {
  it('moves a dot along the very curve the SVG link draws', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 40 };
    expect(linkPath(a, b)).toBe('M0,0C50,0,50,40,100,40');
    expect(hopPoint(a, b, 0, 'link')).toEqual(a);
    expect(hopPoint(a, b, 1, 'link')).toEqual(b);
    // The symmetric cubic passes through the middle at t = ½.
    expect(hopPoint(a, b, 0.5, 'link')).toEqual({ x: 50, y: 20 });
  });

  it('draws the very path d3.linkHorizontal draws, for any two points', () => {
    const d3Link = linkHorizontal<{ source: [number, number]; target: [number, number] }, [number, number]>();
    const coordinate = fc.double({ min: -5000, max: 5000, noNaN: true });
    fc.assert(
      fc.property(coordinate, coordinate, coordinate, coordinate, (ax, ay, bx, by) => {
        expect(linkPath({ x: ax, y: ay }, { x: bx, y: by })).toBe(d3Link({ source: [ax, ay], target: [bx, by] }));
      }),
    );
  });

  it("spreads a route's time over its hops in proportion to their length", () => {
    const route = [
      { to: { x: 100, y: 0 }, shape: 'straight' as const },
      { to: { x: 100, y: 300 }, shape: 'straight' as const },
    ];
    expect(routePoint({ x: 0, y: 0 }, route, 0.25)).toEqual({ x: 100, y: 0 });
    expect(routePoint({ x: 0, y: 0 }, route, 0.5)).toEqual({ x: 100, y: 100 });
    expect(routePoint({ x: 0, y: 0 }, route, 2)).toEqual({ x: 100, y: 300 });
    expect(routePoint({ x: 5, y: 5 }, [], 0.5)).toEqual({ x: 5, y: 5 });
  });

  it('places boxes at their wanted centres unless that would overlap the one above', () => {
    expect(spreadCentres([50, 55, 200], 20, 10, 0)).toEqual([50, 80, 200]);
    expect(spreadCentres([0], 20, 10, 30)).toEqual([40]);
  });
});
