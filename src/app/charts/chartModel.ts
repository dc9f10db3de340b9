/**
 * The charts as data: each small multiple's series as step points over virtual time, and each series' value and
 * running total at the cursor, read from the ChartDigest (rates: a bucket's count per second of virtual time;
 * levels: the engine's last reported value). The drawing, the SVG export and the CSV all come from this one model.
 */
import type { DropReason } from '../../engine/index.ts';
import { type VizToken, vmToken } from '../viz/theme.ts';
import type { ChartDigest, FlowMetric, QueueLevel } from './chartDigest.ts';

export type ChartId =
  | 'queue-frames'
  | 'queue-bytes'
  | 'cpu-frames'
  | 'cpu-bytes'
  | 'occupancy'
  | 'outstanding'
  | 'queue-returned'
  | 'drops';

export interface ChartPoint {
  tNs: number;
  value: number;
  /** For a rate: the exact count behind it. */
  count?: number;
}

export interface ChartSeries {
  /** Stable within a chart: a QueueId, a CPU number or a DropReason. */
  subject: string;
  label: string;
  token: VizToken;
  /** A step line: each point's value holds until the next point. */
  points: ChartPoint[];
  /** The rate in the cursor's bucket, or the level at the cursor. */
  atCursor: number;
  /** For a rate: everything counted up to the cursor's bucket (NBLs, bytes or frames). */
  totalAtCursor: number | null;
}

export interface Chart {
  id: ChartId;
  title: string;
  unit: string;
  /** What a total counts, for the numbers under the chart. */
  totalUnit: string | null;
  series: ChartSeries[];
}

export interface ChartSet {
  /** The width of the rates' buckets as drawn, ns: a power-of-two multiple of the digest's. */
  widthNs: number;
  endNs: number;
  cursorNs: number;
  charts: Chart[];
}

/** The names a queue goes by on screen: its QueueId, and its VM's name. */
export interface QueueNaming {
  vmName(queueId: number): string | null;
  vmIndex(queueId: number): number | null;
}

const FLOW_CHARTS: { id: ChartId & FlowMetric; title: string; unit: string; totalUnit: string }[] = [
  { id: 'queue-frames', title: 'Received per queue', unit: 'frames/s', totalUnit: 'NBLs indicated' },
  { id: 'queue-bytes', title: 'Received per queue', unit: 'bytes/s', totalUnit: 'bytes' },
  { id: 'cpu-frames', title: 'Received per CPU', unit: 'frames/s', totalUnit: 'NBLs indicated' },
  { id: 'cpu-bytes', title: 'Received per CPU', unit: 'bytes/s', totalUnit: 'bytes' },
];

/** CPUs have no VM: a fixed sequence of colours that are not the VMs'. */
const CPU_TOKENS: readonly VizToken[] = ['playhead', 'warning', 'return', 'actor-miniport', 'drop', 'muted'];

const DROP_TOKENS: Record<DropReason, VizToken> = {
  'no-free-buffer': 'drop',
  'filters-cleared': 'warning',
  'packet-filter': 'muted',
  'malformed-frame': 'violation',
  'adapter-paused': 'state-paused',
  'adapter-resetting': 'state-stopdma',
  'adapter-halted': 'state-undefined',
  'adapter-removed': 'state-undefined',
};

const NS_PER_S = 1e9;

/** Rates are drawn in at most this many buckets across the run: fine enough to see a burst, coarse enough to read. */
export const DISPLAY_BUCKETS = 40;

export function chartSet(digest: ChartDigest, naming: QueueNaming, cursorNs: number, nowNs: number): ChartSet {
  const lastLevel = digest.levels.at(-1)?.tNs ?? 0;
  const endNs = Math.max(nowNs, cursorNs, lastLevel, digest.bucketCount * digest.widthNs);
  // The digest's buckets merged in powers of two, so each drawn bucket is a whole number of them.
  let merge = 1;
  while (endNs >= digest.widthNs * merge * DISPLAY_BUCKETS) merge *= 2;
  const widthNs = digest.widthNs * merge;
  const buckets = Math.floor(endNs / widthNs) + 1;
  const cursorBucket = Math.floor(cursorNs / widthNs);
  const queueLabel = (subject: string) => {
    const vm = naming.vmName(Number(subject));
    return subject === '0' ? 'default queue' : `QueueId ${subject}${vm ? ` · ${vm}` : ''}`;
  };
  const queueToken = (subject: string) => vmToken(subject === '0' ? null : naming.vmIndex(Number(subject)));

  const flowSeries = (metric: FlowMetric, label: (s: string) => string, token: (s: string, i: number) => VizToken) =>
    sortedSubjects(digest.subjects(metric)).map((subject, i): ChartSeries => {
      const counts = new Array<number>(buckets).fill(0);
      for (let k = 0; k < digest.bucketCount; k++) {
        const into = Math.floor(k / merge);
        if (into < buckets) counts[into] = (counts[into] ?? 0) + digest.count(k, metric, subject);
      }
      const rate = (count: number) => (count * NS_PER_S) / widthNs;
      return {
        subject,
        label: label(subject),
        token: token(subject, i),
        points: counts.map((count, k) => ({ tNs: k * widthNs, value: rate(count), count })),
        atCursor: rate(counts[cursorBucket] ?? 0),
        totalAtCursor: counts.slice(0, cursorBucket + 1).reduce((sum, n) => sum + n, 0),
      };
    });
  const cpuLabel = (subject: string) => `CPU ${subject}`;
  const cpuToken = (_: string, i: number) => CPU_TOKENS[i % CPU_TOKENS.length] as VizToken;

  const levelSeries = (pick: (level: QueueLevel) => number): ChartSeries[] => {
    const subjects = sortedSubjects([
      ...new Set(digest.levels.flatMap((sample) => sample.queues.map((q) => String(q.queueId)))),
    ]);
    const cursorLevel = digest.levelAt(cursorNs);
    return subjects.map((subject) => ({
      subject,
      label: queueLabel(subject),
      token: queueToken(subject),
      // A queue absent from a sample did not exist then: it holds nothing.
      points: digest.levels.map((sample) => ({ tNs: sample.tNs, value: pickOf(sample.queues, subject, pick) })),
      atCursor: cursorLevel ? pickOf(cursorLevel.queues, subject, pick) : 0,
      totalAtCursor: null,
    }));
  };

  const charts: Chart[] = [
    ...FLOW_CHARTS.map(({ id, title, unit, totalUnit }) => ({
      id,
      title,
      unit,
      totalUnit,
      series: id.startsWith('queue') ? flowSeries(id, queueLabel, queueToken) : flowSeries(id, cpuLabel, cpuToken),
    })),
    {
      id: 'occupancy',
      title: 'Receive buffers in use',
      unit: 'buffers',
      totalUnit: null,
      series: levelSeries((q) => q.inUse),
    },
    {
      id: 'outstanding',
      title: 'Outstanding NBLs',
      unit: 'NBLs',
      totalUnit: null,
      series: levelSeries((q) => q.outstandingNbls),
    },
    {
      id: 'queue-returned',
      title: 'Returned per queue',
      unit: 'NBLs/s',
      totalUnit: 'NBLs returned',
      series: flowSeries('queue-returned', queueLabel, queueToken),
    },
    {
      id: 'drops',
      title: 'Drops by reason',
      unit: 'frames/s',
      totalUnit: 'frames dropped',
      series: flowSeries(
        'drops',
        (reason) => reason,
        (reason) => DROP_TOKENS[reason as DropReason] ?? 'drop',
      ),
    },
  ];
  return { widthNs, endNs, cursorNs, charts };
}

/** QueueIds and CPUs in numeric order, reasons in name order. */
const sortedSubjects = (subjects: string[]): string[] =>
  [...subjects].sort((a, b) => (isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a.localeCompare(b)));

const isNumber = (text: string): boolean => /^\d+$/.test(text);

const pickOf = (queues: readonly QueueLevel[], subject: string, pick: (level: QueueLevel) => number): number => {
  const queue = queues.find((q) => String(q.queueId) === subject);
  return queue ? pick(queue) : 0;
};

/** The CSV's first line names its columns; each later line is one point of one series. */
export const CSV_HEADER = 't_ns,bucket_width_ns,chart,unit,series,value,count_in_bucket';

/**
 * Every point of every chart, one per line: `t_ns` is virtual time in ns (a rate's bucket start, a level's sample
 * time), `bucket_width_ns` the rate's bucket (empty for a level), `value` in `unit`, and `count_in_bucket` the
 * exact count behind a rate (for a level, the level itself).
 */
export function chartsCsv(set: ChartSet, only?: ChartId): string {
  const lines = [CSV_HEADER];
  for (const chart of set.charts) {
    if (only && chart.id !== only) continue;
    const isRate = chart.totalUnit !== null;
    for (const series of chart.series)
      for (const point of series.points) {
        const count = point.count ?? point.value;
        lines.push(
          [
            point.tNs,
            isRate ? set.widthNs : '',
            chart.id,
            csvField(chart.unit),
            csvField(series.label),
            isRate ? roundRate(point.value) : point.value,
            count,
          ].join(','),
        );
      }
  }
  return `${lines.join('\n')}\n`;
}

const roundRate = (value: number): number => Math.round(value * 1000) / 1000;

const csvField = (text: string): string => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
