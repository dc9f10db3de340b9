/**
 * The timeline's marks, drawn on a canvas (a busy trace has thousands): row backgrounds, the control marks (one per
 * few pixels, with a count where they pile up) and the data bins. It redraws when the lanes, the scale, the size or
 * the theme change, never per animation frame.
 */
import { useEffect, useRef, useState } from 'react';
import { usePageStore } from '../page/PageProvider.tsx';
import { fitBackingStore } from '../viz/backingStore.ts';
import { Palette } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import { forEachItem } from '../trace/traceFold.ts';
import { binPoints, CONTROL_ROWS, DATA_ROWS, type DataRow, type Lanes, type MarkTone } from './lanes.ts';
import { CONTROL_TOP, DATA_TOP, HEIGHT_PX, LABEL_PX, RIGHT_PX, ROW_PX } from './plotGeometry.ts';

const TONE_TOKEN: Record<MarkTone, VizToken> = {
  success: 'indicate',
  failure: 'drop',
  pending: 'warning',
  state: 'actor-miniport',
  filter: 'actor-overlying',
  memory: 'mem-host',
  indication: 'actor-ndis',
  error: 'violation',
  warning: 'warning',
  note: 'actor-scenario',
};

const DATA_TOKEN: Record<DataRow, VizToken> = {
  arrived: 'frame',
  indicated: 'indicate',
  dropped: 'drop',
};

/** When several marks share a spot, the one drawn is the one a reader must not miss. */
const TONE_RANK: MarkTone[] = [
  'error',
  'failure',
  'warning',
  'pending',
  'indication',
  'state',
  'filter',
  'memory',
  'success',
  'note',
];
const RANK = Object.fromEntries(TONE_RANK.map((tone, i) => [tone, i])) as Record<MarkTone, number>;

export function LanesCanvas({
  widthPx,
  lanes,
  scale,
}: {
  widthPx: number;
  lanes: Lanes;
  scale: (x: number) => number;
}) {
  const theme = usePageStore((s) => s.theme);
  const [palette] = useState(() => new Palette());
  const canvas = useRef<HTMLCanvasElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `theme` is a redraw trigger: the palette's canvas colours change with it.
  useEffect(() => {
    const node = canvas.current;
    if (node) draw(node, widthPx, lanes, scale, palette);
  }, [widthPx, lanes, scale, palette, theme]);
  return <canvas ref={canvas} className="absolute inset-0" style={{ width: widthPx, height: HEIGHT_PX }} aria-hidden />;
}

/** Draws both lanes: row backgrounds, the control marks (one per few pixels, with a count where they pile up), the data bins. */
function draw(
  canvas: HTMLCanvasElement,
  widthPx: number,
  lanes: Lanes,
  scale: (x: number) => number,
  palette: Palette,
): void {
  const ratio = fitBackingStore(canvas, widthPx, HEIGHT_PX);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, widthPx, HEIGHT_PX);
  const plotWidth = widthPx - LABEL_PX - RIGHT_PX + 2;
  ctx.fillStyle = palette.color('lane');
  CONTROL_ROWS.forEach((_, i) => {
    ctx.fillRect(LABEL_PX - 2, CONTROL_TOP + i * ROW_PX + 1, plotWidth, ROW_PX - 2);
  });
  DATA_ROWS.forEach((_, i) => {
    ctx.fillRect(LABEL_PX - 2, DATA_TOP + i * ROW_PX + 1, plotWidth, ROW_PX - 2);
  });

  // Control marks, grouped by 4 px so a pile of simultaneous requests reads as one mark with its count.
  // One pass over the marks for every row.
  const groupsOf = new Map(CONTROL_ROWS.map((row) => [row, new Map<number, { tone: MarkTone; count: number }>()]));
  forEachItem(lanes.marks, (mark) => {
    const groups = groupsOf.get(mark.row);
    if (!groups) return;
    const key = Math.round(scale(mark.x) / 4);
    const group = groups.get(key);
    if (!group) groups.set(key, { tone: mark.tone, count: 1 });
    else {
      group.count++;
      if (RANK[mark.tone] < RANK[group.tone]) group.tone = mark.tone;
    }
  });
  CONTROL_ROWS.forEach((row, i) => {
    const groups = groupsOf.get(row)!;
    const mid = CONTROL_TOP + i * ROW_PX + ROW_PX / 2;
    ctx.font = '9px ui-sans-serif, system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const [key, group] of groups) {
      const x = key * 4;
      ctx.fillStyle = palette.color(TONE_TOKEN[group.tone]);
      ctx.beginPath();
      if (row === 'check') ctx.rect(x - 3, mid - 3, 6, 6);
      else ctx.arc(x, mid, row === 'oid' ? 4 : 3, 0, Math.PI * 2);
      ctx.fill();
      if (group.count > 1) {
        ctx.fillStyle = palette.color('fg');
        ctx.fillText(`${group.count}`, x + 6, mid);
      }
    }
  });

  // Data bins: bar height grows with the square root of the count, so one frame shows and a burst does not swamp.
  const columns = Math.ceil(widthPx);
  DATA_ROWS.forEach((row, i) => {
    const bins = binPoints(lanes.points, row, columns, scale);
    let peak = 1;
    for (const bin of bins) if (bin && bin.total > peak) peak = bin.total;
    const bottom = DATA_TOP + (i + 1) * ROW_PX - 1;
    ctx.fillStyle = palette.color(DATA_TOKEN[row]);
    bins.forEach((bin, column) => {
      if (!bin) return;
      const height = Math.max(2, Math.sqrt(bin.total / peak) * (ROW_PX - 3));
      ctx.fillRect(column, bottom - height, 1.5, height);
    });
  });
}
