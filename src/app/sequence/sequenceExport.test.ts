import { describe, expect, it } from 'vitest';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { chartOf, NO_FILTER } from './sequenceChart.ts';
import { chartMermaid, chartSvg } from './sequenceExport.ts';
import { SequenceModel, type SequenceMessage } from './sequenceModel.ts';

const freeQueueChart = () => {
  const model = new SequenceModel();
  model.append(runBuiltIn('free-queue-properly.json').events, 0);
  return chartOf(model, { ...NO_FILTER, queueId: 1 });
};

describe('the sequence chart exports', () => {
  it('Mermaid: every lifeline a participant, every message in order, replies dashed, # and ; written as entities', () => {
    const chart = freeQueueChart();
    const text = chartMermaid(chart, 'Freeing a queue; QueueId 1');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((l) => l.includes('participant')).map((l) => l.split(' as ')[1])).toEqual(
      chart.lifelines.map((l) => l.name),
    );
    const messages = lines.filter((l) => l.includes('>>'));
    expect(messages).toHaveLength(chart.messages.length);
    expect(messages.find((l) => l.includes('FREE_QUEUE'))).toBe(
      '  L1->>L3: #35;5 OID_RECEIVE_FILTER_FREE_QUEUE (QueueId 1)',
    );
    expect(messages.filter((l) => l.includes('-->>')).every((l) => l.includes('NDIS_STATUS_'))).toBe(true);
    const odd = { ...chart, messages: [{ ...(chart.messages[0] as SequenceMessage), label: 'a;b #1' }] };
    expect(chartMermaid(odd, 'title')).toContain(': a#59;b #35;1\n');
  });

  it('SVG: one document with its own background, system fonts, no link out, each lifeline named twice', () => {
    const chart = freeQueueChart();
    const light = chartSvg(chart, 'light', 'Freeing <a> queue');
    expect(light.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(light).toContain('fill="#ffffff"');
    expect(light).toContain('system-ui');
    expect(light).not.toMatch(/href|url\(|<image|@import/);
    expect(light).toContain('Freeing &#60;a&#62; queue');
    for (const l of chart.lifelines) expect(light.split(`>${l.name}</text>`).length - 1).toBe(2);
    // Every call between the driver or the VM and the miniport passes through NDIS, and says so with a dot.
    const throughNdis = chart.messages.filter((m) => ![m.from, m.to].some((id) => id === 'ndis' || id === 'nic'));
    expect(light.split('<circle').length - 1).toBe(throughNdis.length);
    const dark = chartSvg(chart, 'dark', 'Freeing a queue');
    expect(dark).toContain('fill="#0f172a"');
    expect(dark).not.toContain('fill="#ffffff"');
  });
});
