/**
 * The chart on screen, as files for a design document: a standalone SVG (its colours and fonts inline, a
 * background of its own, nothing it links to, so it reads the same pasted anywhere, in either theme) and Mermaid
 * text for documents that render Mermaid.
 */
import type { Theme } from '../page/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import { formatUs } from '../ui/format.ts';
import { visibleControls } from '../ui/plainText.ts';
import type { SequenceChart } from './sequenceChart.ts';
import {
  arrowY,
  HEADER_PX,
  isReply,
  layoutChart,
  LEGEND,
  LIFELINE_ROLE,
  messageToken,
  ndisCrossing,
  type MessageToken,
} from './sequenceLayout.ts';

/** The system font stack: no font file to embed, and a document's reader has one of these. */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace";

type ExportToken = Extract<VizToken, 'bg' | 'fg' | 'muted' | 'grid' | 'lane'> | MessageToken;

/** ui/theme.css's colours as hex (some document tools do not read oklch), for the tokens a chart uses. */
const PALETTES: Record<Theme, Record<ExportToken, string>> = {
  light: {
    bg: '#ffffff',
    fg: '#1e293b',
    muted: '#64748b',
    grid: '#e2e8f0',
    lane: '#f8fafc',
    'actor-ndis': '#0369a1',
    warning: '#d97706',
    indicate: '#059669',
    drop: '#e11d48',
    'actor-overlying': '#7c3aed',
    'state-stopdma': '#ea580c',
    'actor-miniport': '#0f766e',
    frame: '#0284c7',
    return: '#8b5cf6',
    'mem-host': '#0369a1',
  },
  dark: {
    bg: '#0f172a',
    fg: '#e2e8f0',
    muted: '#94a3b8',
    grid: '#334155',
    lane: '#1e293b',
    'actor-ndis': '#7dd3fc',
    warning: '#fbbf24',
    indicate: '#34d399',
    drop: '#fb7185',
    'actor-overlying': '#c4b5fd',
    'state-stopdma': '#fb923c',
    'actor-miniport': '#5eead4',
    frame: '#38bdf8',
    return: '#a5b4fc',
    'mem-host': '#7dd3fc',
  },
};

const escapeXml = (text: string): string => visibleControls(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TITLE_PX = 40;
const FOOTER_PX = 34 + 22;

/** The chart as one SVG document; `title` (the scenario, the filter) heads it. */
export function chartSvg(chart: SequenceChart, theme: Theme, title: string): string {
  const colour = PALETTES[theme];
  const layout = layoutChart(chart, 0);
  const top = TITLE_PX + HEADER_PX;
  const bottom = top + layout.bodyHeight + 12;
  const height = bottom + FOOTER_PX + 8;
  const parts: string[] = [];
  parts.push(`<rect width="${layout.width}" height="${height}" fill="${colour.bg}"/>`);
  parts.push(
    `<text x="16" y="26" font-family="${FONT}" font-size="15" font-weight="600" fill="${colour.fg}">${escapeXml(title)}</text>`,
  );
  // The lifelines' names at the top and again at the bottom, so a long chart reads from either end.
  const names = (y: number) =>
    chart.lifelines.map((l) => {
      const x = layout.x.get(l.id) as number;
      return (
        `<rect x="${x - 78}" y="${y}" width="156" height="34" rx="6" fill="${colour.lane}" stroke="${colour.grid}"/>` +
        `<text x="${x}" y="${y + 15}" text-anchor="middle" font-family="${FONT}" font-size="13" font-weight="600" fill="${colour.fg}">${escapeXml(l.name)}</text>` +
        `<text x="${x}" y="${y + 28}" text-anchor="middle" font-family="${FONT}" font-size="10" fill="${colour.muted}">${LIFELINE_ROLE[l.kind]}</text>`
      );
    });
  parts.push(...names(TITLE_PX));
  for (const l of chart.lifelines) {
    const x = layout.x.get(l.id) as number;
    parts.push(
      `<line x1="${x}" y1="${top - 10}" x2="${x}" y2="${bottom}" stroke="${colour.grid}" stroke-width="1.5" stroke-dasharray="4 4"/>`,
    );
  }
  chart.messages.forEach((m, i) => {
    const y = top + arrowY(i);
    const x1 = layout.x.get(m.from) as number;
    const x2 = layout.x.get(m.to) as number;
    const stroke = colour[messageToken(m)];
    const dir = x2 > x1 ? 1 : -1;
    const dash = isReply(m) ? ' stroke-dasharray="6 4"' : '';
    const crossing = ndisCrossing(layout, m);
    parts.push(
      `<text x="12" y="${y + 4}" font-family="${MONO}" font-size="11" fill="${colour.muted}">${formatUs(m.t)} µs</text>`,
      `<line x1="${x1}" y1="${y}" x2="${x2 - dir * 7}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dash}/>`,
      `<polygon points="${x2},${y} ${x2 - dir * 9},${y - 4.5} ${x2 - dir * 9},${y + 4.5}" fill="${stroke}"/>`,
      crossing === null ? '' : `<circle cx="${crossing}" cy="${y}" r="2.6" fill="${stroke}"/>`,
      `<text x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle" font-family="${MONO}" font-size="11.5" fill="${colour.fg}" paint-order="stroke" stroke="${colour.bg}" stroke-width="4" stroke-linejoin="round">${escapeXml(m.label)}</text>`,
    );
  });
  parts.push(...names(bottom + 4));
  parts.push(
    `<text x="16" y="${height - 10}" font-family="${FONT}" font-size="11" fill="${colour.muted}">${LEGEND}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" role="img">` +
    `<title>${escapeXml(title)}</title>${parts.join('')}</svg>\n`
  );
}

/** Mermaid gives `#` and `;` meanings of their own inside a message; its entity codes write them as text. */
const mermaidText = (text: string): string => visibleControls(text).replace(/[#;]/g, (c) => `#${c.charCodeAt(0)};`);

/** The chart as a Mermaid sequenceDiagram: participants in the chart's order, replies dashed. */
export function chartMermaid(chart: SequenceChart, title: string): string {
  const ids = new Map(chart.lifelines.map((l, i) => [l.id, `L${i}`] as const));
  const lines = [
    'sequenceDiagram',
    // The title as a comment, which every Mermaid version reads (a title line needs a newer one).
    `  %% ${visibleControls(title).replace(/\n/g, ' ')}`,
    ...chart.lifelines.map((l) => `  participant ${ids.get(l.id)} as ${mermaidText(l.name)}`),
    ...chart.messages.map(
      (m) => `  ${ids.get(m.from)}${isReply(m) ? '-->>' : '->>'}${ids.get(m.to)}: ${mermaidText(m.label)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
