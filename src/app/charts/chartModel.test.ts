import { describe, expect, it } from 'vitest';
import { asTimeNs, type AdapterView, type TraceEvent } from '../../engine/index.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { ChartDigest } from './chartDigest.ts';
import { CSV_HEADER, type ChartId, type ChartSet, chartSet, chartsCsv, DISPLAY_BUCKETS } from './chartModel.ts';

/** free-with-outstanding-nbls up to its burst: NBLs indicated and held, frames dropped for want of a buffer. */
function atBurst(): { digest: ChartDigest; view: AdapterView } {
  const parsed = parseScenario(scenarioText('free-with-outstanding-nbls.json'));
  if (!parsed.ok) throw new Error('free-with-outstanding-nbls.json does not parse');
  const events: TraceEvent[] = [];
  const session = createScenarioSession(parsed.scenario, { traceFrames: true, sink: (event) => events.push(event) });
  for (let i = 0; i < 6; i++) session.runNextStep();
  const digest = new ChartDigest();
  digest.append(events, 0);
  const view = session.engine.view();
  digest.observeView(view);
  return { digest, view };
}

const naming = { vmName: (queueId: number) => (queueId === 1 ? 'VM1' : null), vmIndex: () => 0 };
const chartOf = (set: ChartSet, id: ChartId) => set.charts.find((chart) => chart.id === id);

describe('chartSet', () => {
  const { digest, view } = atBurst();
  const set = chartSet(digest, naming, view.nowNs, view.nowNs);

  it(`draws at most ${DISPLAY_BUCKETS} buckets, each a whole number of the digest's, and loses no count`, () => {
    const received = chartOf(set, 'queue-frames');
    expect(received?.series.length).toBeGreaterThan(0);
    for (const series of received?.series ?? []) {
      expect(series.points.length).toBeLessThanOrEqual(DISPLAY_BUCKETS);
      expect(series.points.reduce((sum, p) => sum + (p.count ?? 0), 0)).toBe(series.totalAtCursor);
    }
    expect(set.widthNs % digest.widthNs).toBe(0);
    expect(Math.log2(set.widthNs / digest.widthNs) % 1).toBe(0);
  });

  it('names queues by QueueId and VM, and drops by their DropReason', () => {
    expect(chartOf(set, 'queue-frames')?.series.map((s) => s.label)).toContain('QueueId 1 · VM1');
    expect(chartOf(set, 'drops')?.series.map((s) => s.label)).toEqual(['no-free-buffer']);
  });

  it('reads the levels at the cursor from the engine, and the totals up to it', () => {
    const queue1 = view.queues.find((q) => q.QueueId === 1);
    expect(chartOf(set, 'outstanding')?.series.find((s) => s.subject === '1')?.atCursor).toBe(queue1?.outstandingNbls);
    expect(queue1?.outstandingNbls).toBeGreaterThan(0);
    const before = chartSet(digest, naming, 0, view.nowNs);
    expect(chartOf(before, 'outstanding')?.series.every((s) => s.atCursor === 0)).toBe(true);
    expect(chartOf(before, 'drops')?.series[0]?.totalAtCursor).toBe(0);
  });

  it('writes a CSV whose first line names its columns, with one line per point', () => {
    const [header, ...rows] = chartsCsv(set).trimEnd().split('\n');
    expect(header).toBe(CSV_HEADER);
    const points = set.charts.reduce((sum, chart) => sum + chart.series.reduce((n, s) => n + s.points.length, 0), 0);
    expect(rows).toHaveLength(points);
    const drops = rows.filter((row) => row.split(',')[2] === 'drops');
    expect(drops.reduce((sum, row) => sum + Number(row.split(',')[6]), 0)).toBe(view.totals.dropped['no-free-buffer']);
    // A label with a comma is quoted, so every line keeps its seven columns.
    const quoted = chartsCsv(chartSet(digest, { ...naming, vmName: () => 'VM, the first' }, view.nowNs, view.nowNs));
    expect(quoted).toContain('"QueueId 1 · VM, the first"');
  });

  it('is empty but well-formed before anything happened', () => {
    const empty = chartSet(new ChartDigest(), naming, asTimeNs(0), asTimeNs(0));
    expect(empty.charts.every((chart) => chart.series.length === 0)).toBe(true);
    expect(chartsCsv(empty)).toBe(`${CSV_HEADER}\n`);
  });
});
