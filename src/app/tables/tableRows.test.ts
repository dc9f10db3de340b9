import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdapterView } from '../../engine/index.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { blockRows, filterRows, queueRows } from './tableRows.ts';

/** The default story's AdapterView after each of its steps: every moment the tables must tell. */
function storyViews(): AdapterView[] {
  const parsed = parseScenario(
    readFileSync(new URL('../../../public/scenarios/vmq-in-a-minute.json', import.meta.url), 'utf8'),
  );
  if (!('scenario' in parsed) || !parsed.scenario) throw new Error('the default story does not load');
  const session = createScenarioSession(parsed.scenario);
  const views = [session.engine.view()];
  while (!session.done) {
    session.runNextStep();
    views.push(session.engine.view());
  }
  return views;
}

const views = storyViews();

describe('the drawings as tables', () => {
  it('has one row for every queue of the view, with the states the engine reports, at every moment', () => {
    fc.assert(
      fc.property(fc.constantFrom(...views), (view) => {
        const rows = queueRows(view, new Map());
        expect(rows.map((r) => r.QueueId)).toEqual(view.queues.map((q) => q.QueueId));
        for (const q of view.queues) {
          const row = rows.find((r) => r.QueueId === q.QueueId);
          expect(row).toMatchObject({ reported: q.reported, state: q.state, cpu: q.cpu, buffers: q.buffers });
          expect((row?.awaitingDpc ?? 0) + (row?.held ?? 0) + (row?.free ?? 0)).toBe(q.buffers);
        }
      }),
    );
  });

  it('names the default queue and each VM’s queue by its owner', () => {
    const running = views.find((v) => v.queues.length === 3) as AdapterView;
    expect(queueRows(running, new Map()).map((r) => r.owner)).toEqual(['default queue', 'VM1', 'VM2']);
  });

  it('lists every filter with its MAC and VLAN test, and every memory block once', () => {
    for (const view of views) {
      const filters = filterRows(view);
      expect(filters.map((f) => f.FilterId)).toEqual(view.filters.map((f) => f.FilterId));
      expect(filters.every((f) => /^([0-9A-F]{2}-){5}[0-9A-F]{2}$/.test(f.mac))).toBe(true);
      expect(
        blockRows(view)
          .map((b) => b.blockId)
          .sort(),
      ).toEqual(view.memory.map((b) => b.blockId).sort());
    }
  });
});
