import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RovingKey, rovingTarget } from './roving.ts';

const box = (x: number, y: number, w = 100, h = 40) => ({ x, y, w, h });
// The diagram's shape: three filter rows, three queues (the default first), three CPUs, two requests.
const filters = [box(0, 0), box(0, 50), box(0, 100)];
const queues = [box(200, 0, 300, 90), box(200, 100, 300, 90), box(200, 200, 300, 90)];
const cpus = [box(560, 25, 80), box(560, 125, 80), box(560, 225, 80)];
const requests = [box(700, 30, 120, 30), box(700, 70, 120, 30)];
const diagram = [...filters, ...queues, ...cpus, ...requests];

describe('roving focus by where things are drawn', () => {
  it('Up and Down move within a column, and stop at its ends', () => {
    expect(rovingTarget(diagram, 3, 'ArrowDown')).toBe(4);
    expect(rovingTarget(diagram, 4, 'ArrowUp')).toBe(3);
    expect(rovingTarget(diagram, 5, 'ArrowDown')).toBeNull();
    expect(rovingTarget(diagram, 0, 'ArrowUp')).toBeNull();
  });

  it('Left and Right move to the nearest item of the next column', () => {
    expect(rovingTarget(diagram, 1, 'ArrowRight')).toBe(3); // the filter row beside the default queue
    expect(rovingTarget(diagram, 4, 'ArrowRight')).toBe(7); // queue 1 → the CPU beside it
    expect(rovingTarget(diagram, 7, 'ArrowLeft')).toBe(4);
    expect(rovingTarget(diagram, 6, 'ArrowRight')).toBe(9); // CPU 0 → the first request
    expect(rovingTarget(diagram, 10, 'ArrowRight')).toBeNull();
  });

  it('Home and End go to the first and the last item', () => {
    expect(rovingTarget(diagram, 5, 'Home')).toBe(0);
    expect(rovingTarget(diagram, 0, 'End')).toBe(diagram.length - 1);
  });

  it('in a list of rows, Down walks every row in order', () => {
    const rows = Array.from({ length: 6 }, (_, i) => box(0, i * 24, 400, 24));
    const walked = [0];
    for (let next = rovingTarget(rows, 0, 'ArrowDown'); next !== null; next = rovingTarget(rows, next, 'ArrowDown'))
      walked.push(next);
    expect(walked).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('never stays put or leaves the group, and an arrow only moves its way', () => {
    const keys: RovingKey[] = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];
    const place = fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1000 }) });
    fc.assert(
      fc.property(
        fc.array(place, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...keys),
        (ps, f, key) => {
          const places = ps.map((p) => box(p.x, p.y, 20, 20));
          const from = f % places.length;
          const to = rovingTarget(places, from, key);
          if (to === null) return;
          expect(to).not.toBe(from);
          const [a, b] = [places[from], places[to]] as [ReturnType<typeof box>, ReturnType<typeof box>];
          if (key === 'ArrowDown') expect(b.y).toBeGreaterThan(a.y);
          if (key === 'ArrowUp') expect(b.y).toBeLessThan(a.y);
          if (key === 'ArrowRight') expect(b.x).toBeGreaterThan(a.x);
          if (key === 'ArrowLeft') expect(b.x).toBeLessThan(a.x);
        },
      ),
    );
  });
});
