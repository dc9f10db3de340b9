/**
 * The charts themselves (loaded when the panel first opens): the small multiples in a grid as wide as the panel,
 * the cursor and the hover shared by all of them, and the exports.
 */
import { useRef, useState } from 'react';
import { useDrive, usePageStore } from '../page/PageProvider.tsx';
import { useSideStore, useSideVms } from '../side/SideProvider.tsx';
import { useDigest } from '../side/useTrace.ts';
import { downloadText } from '../ui/download.ts';
import { plural } from '../ui/format.ts';
import { useElementWidth } from '../ui/useElementSize.ts';
import { Button } from '../ui/primitives.tsx';
import { chartDigest } from './chartDigest.ts';
import { type Chart, type ChartSet, chartSet, chartsCsv } from './chartModel.ts';
import { standaloneSvg } from './chartSvg.ts';
import { formatTime, SmallMultiple } from './SmallMultiple.tsx';

/** The grid's columns by the panel's width: a chart stays readable (≥ ~320 px) on a projector. */
const columnsFor = (widthPx: number): number => Math.max(1, Math.min(4, Math.floor(widthPx / 340)));
const GAP_PX = 12;

export function ChartGrid() {
  const digest = useDigest(chartDigest);
  const view = useSideStore((s) => s.view);
  const cursorNs = useSideStore((s) => s.simTimeNs);
  const title = useSideStore((s) => s.scenario?.title ?? 'VMQ Playground');
  const vms = useSideVms();
  const theme = usePageStore((s) => s.theme);
  const { seek } = useDrive();
  const [hoverNs, setHoverNs] = useState<number | null>(null);
  const [ref, width] = useElementWidth<HTMLDivElement>(960);
  const grid = useRef<HTMLDivElement>(null);

  const naming = {
    vmName: (queueId: number) => view?.queues.find((q) => q.QueueId === queueId)?.VmName || null,
    vmIndex: (queueId: number) => {
      const i = vms.findIndex((vm) => vm.name === view?.queues.find((q) => q.QueueId === queueId)?.VmName);
      return i < 0 ? null : i;
    },
  };
  const valuesAtNs = hoverNs ?? cursorNs;
  const set = chartSet(digest, naming, valuesAtNs, view?.nowNs ?? cursorNs);
  const columns = columnsFor(width);
  const cellWidth = Math.floor((width - GAP_PX * (columns - 1)) / columns);
  const svgsOf = (id?: Chart['id']) =>
    [...(grid.current?.querySelectorAll<SVGSVGElement>('svg[data-chart]') ?? [])].filter(
      (svg) => id === undefined || svg.dataset['chart'] === id,
    );
  const fileBase = fileNameOf(title);
  const exportSvg = (id?: Chart['id']) =>
    downloadText(
      `${fileBase}-${id ?? 'charts'}-${theme}.svg`,
      'image/svg+xml',
      standaloneSvg(svgsOf(id), id ? 1 : columns, `${title}: ${id ?? 'charts'}`),
    );
  const exportCsv = () =>
    downloadText(`${fileBase}-charts.csv`, 'text/csv', chartsCsv(chartSet(digest, naming, cursorNs, set.endNs)));

  return (
    <div ref={ref} className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
        <span data-testid="charts-bucket">
          buckets of {formatTime(set.widthNs, Math.max(set.endNs, 1))} · cursor at {formatTime(cursorNs, set.endNs)} ·{' '}
          <ChartsNote />
          <LevelsSince firstNs={digest.levels[0]?.tNs ?? null} endNs={set.endNs} />
        </span>
        <span className="ml-auto flex gap-2">
          <Button
            variant="quiet"
            className="h-7 px-2 text-xs"
            onClick={() => exportSvg()}
            data-testid="charts-export-svg"
          >
            Export SVG
          </Button>
          <Button variant="quiet" className="h-7 px-2 text-xs" onClick={exportCsv} data-testid="charts-export-csv">
            Export CSV
          </Button>
        </span>
      </div>
      <div
        ref={grid}
        className="grid"
        style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: GAP_PX }}
        data-testid="charts-grid"
        data-cursor-ns={cursorNs}
      >
        {set.charts.map((chart) => (
          <ChartCell
            key={chart.id}
            chart={chart}
            set={set}
            width={cellWidth}
            cursorNs={cursorNs}
            hoverNs={hoverNs}
            valuesAtNs={valuesAtNs}
            onHover={setHoverNs}
            onSeek={seek}
            onExport={() => exportSvg(chart.id)}
          />
        ))}
      </div>
    </div>
  );
}

function ChartCell({
  chart,
  set,
  width,
  onExport,
  ...rest
}: {
  chart: Chart;
  set: ChartSet;
  width: number;
  cursorNs: number;
  hoverNs: number | null;
  valuesAtNs: number;
  onHover(tNs: number | null): void;
  onSeek(tNs: number): void;
  onExport(): void;
}) {
  return (
    <figure className="group relative rounded-md border border-slate-100 bg-white" data-testid="chart">
      <SmallMultiple chart={chart} width={Math.max(200, width - 2)} endNs={set.endNs} {...rest} />
      <Button
        variant="quiet"
        className="absolute top-1.5 right-1.5 h-6 px-1.5 text-[11px] text-slate-500"
        onClick={onExport}
        aria-label={`Export ${chart.title} (${chart.unit}) as SVG`}
      >
        SVG
      </Button>
    </figure>
  );
}

const fileNameOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48) || 'vmq';

/** What the rates leave out, when they do. */
/** Levels are the engine's view as each batch arrives, so they begin when the charts first opened: said, so a chart
 * pasted into a review does not read as "nothing was in use before". A rewind and replay draws them from the start. */
function LevelsSince({ firstNs, endNs }: { firstNs: number | null; endNs: number }) {
  if (firstNs === null || firstNs <= 0) return null;
  return (
    <span data-testid="charts-levels-since">
      {' '}
      · levels since {formatTime(firstNs, endNs)}, when the charts opened (rewind and play to draw them from the start)
    </span>
  );
}

function ChartsNote() {
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);
  const sampled = useSideStore((s) => s.sampled);
  if (!traceFrames) return <span>per-frame tracing is off: bytes and single-frame drops are not counted</span>;
  if (sampled) return <span>{plural(sampled.omitted, 'event')} left out of the trace are not in the rates</span>;
  return <span>rates from the trace, per bucket · levels from the engine's view at each batch (dots)</span>;
}
