import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PANELS, type PanelsOpen } from './panels.ts';
import {
  readLinkView,
  readPanels,
  readPosition,
  readSelection,
  writePanels,
  writePosition,
  writeSelection,
} from './shareLink.ts';

describe('the view a link names', () => {
  it('reads back every position, selection and set of panels it writes', () => {
    fc.assert(
      fc.property(
        fc.record({ tNs: fc.nat(), stepIndex: fc.nat(500), eventCount: fc.nat(), heldEvents: fc.nat(40) }),
        fc.constantFrom('queue', 'filter', 'frame', 'event', 'nbl' as const),
        fc.nat(),
        fc.constantFrom('main', 'ws2012'),
        fc.array(fc.boolean(), { minLength: PANELS.length, maxLength: PANELS.length }),
        (at, kind, id, side, open) => {
          const { heldEvents, ...rest } = at;
          expect(readPosition(writePosition(at))).toEqual(heldEvents > 0 ? at : rest);
          const selected = readSelection(writeSelection({ side, kind, id }, 'main'));
          expect(selected).toEqual({ side: side === 'main' ? null : side, kind, id });
          const panels = Object.fromEntries(PANELS.map((key, i) => [key, open[i] as boolean]));
          expect(readPanels(writePanels(panels as PanelsOpen), [])).toEqual(panels);
        },
      ),
    );
  });

  it('reads a design-review link whole', () => {
    expect(
      readLinkView('?scenario=free-queue-properly.json&seed=7&at=40000.6.52&sel=queue.1&panels=queues.log'),
    ).toEqual({
      seed: 7,
      at: { tNs: 40_000, stepIndex: 6, eventCount: 52 },
      selection: { side: null, kind: 'queue', id: 1 },
      panels: { ...Object.fromEntries(PANELS.map((key) => [key, false])), queues: true, log: true },
      file: null,
      actions: null,
      ignored: [],
    });
    expect(readLinkView('?compare=1&sel=ws2012.event.17&panels=none').selection).toEqual({
      side: 'ws2012',
      kind: 'event',
      id: 17,
    });
  });

  it('leaves out what it cannot read, and says why', () => {
    const view = readLinkView(
      '?seed=-1&at=1.2&sel=disk.3&panels=queues.charts-of-doom&scenario=a.json&file=abc&acts=&seed=2',
    );
    expect(view).toMatchObject({ seed: null, at: null, selection: null, file: null, actions: null });
    expect(view.panels?.queues).toBe(true);
    expect(view.ignored).toEqual([
      'seed is given 2 times, so it was ignored',
      'at=1.2 was ignored: a position is <time ns>.<step>.<events>, such as 50000.6.51',
      'sel=disk.3 was ignored: a selection is <queue|filter|frame|event|nbl>.<id>',
      `panels: "charts-of-doom" is no panel (there are ${PANELS.join(', ')})`,
      'file was ignored: the link also names a scenario by scenario',
      'acts= was ignored: it is empty',
    ]);
  });

  it('gives any address at all a decision, never an exception', () => {
    fc.assert(
      fc.property(fc.webQueryParameters(), fc.string(), (query, noise) => {
        const view = readLinkView(`?${query}&at=${encodeURIComponent(noise)}&sel=${encodeURIComponent(noise)}`);
        expect(Array.isArray(view.ignored)).toBe(true);
        if (view.seed !== null) expect(view.seed).toBeLessThanOrEqual(0xffff_ffff);
      }),
    );
  });
});
