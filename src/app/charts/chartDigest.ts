/**
 * What the charts plot, folded batch by batch (a TraceFold: each event once, never a re-scan of the trace):
 * - flows, from the trace, bucketed in virtual time: NBLs indicated per queue and per CPU (the receive path's
 *   frames, one NBL per frame) and their bytes, NBLs returned per queue, frames dropped by the engine's DropReason;
 * - levels, from the engine's AdapterView at each batch: each queue's receive buffers in use (its RingView's slots
 *   that are not free), its outstanding NBLs and its frames waiting for the DPC. The ring is the engine's to
 *   report; nothing here re-counts it from DMA writes and returns.
 *
 * Buckets are a power of two of nanoseconds wide and double (pairs merge) as the run grows, so at most
 * MAX_BUCKETS cover it; sums merge exactly, so the digest is the same however the trace was split into batches.
 * A rewind takes back what the cut events added (their records are kept while the buffer keeps them); the bucket
 * width stays as wide as the run once reached.
 */
import type { AdapterView, QueueId, TimeNs, TraceEvent } from '../../engine/index.ts';
import { PositionedList, type TraceFold } from '../trace/traceFold.ts';

/** What a flow counts; `subject` is a QueueId, a CPU number or a DropReason. */
export type FlowMetric = 'queue-frames' | 'queue-bytes' | 'queue-returned' | 'cpu-frames' | 'cpu-bytes' | 'drops';

export const MAX_BUCKETS = 256;
/** The narrowest bucket: 1,024 ns, about a microsecond. */
const MIN_BUCKET_NS = 1024;
/** Level samples kept; past it every other one goes, oldest half first, so memory stays flat on a long run. */
const MAX_LEVEL_SAMPLES = 4096;

type FlowKey = `${FlowMetric}|${string}`;
const keyOf = (metric: FlowMetric, subject: number | string): FlowKey => `${metric}|${subject}`;

export interface QueueLevel {
  queueId: QueueId;
  /** Receive buffers that are not free: DMA'd into and waiting for the DPC, or held by the overlying driver. */
  inUse: number;
  buffers: number;
  outstandingNbls: number;
  pending: number;
}

export interface LevelSample {
  tNs: TimeNs;
  queues: QueueLevel[];
}

interface FlowRecord {
  pos: number;
  event: TraceEvent;
  /** For an indication: the bytes of each part, as far as the frames' arrivals were traced. */
  partBytes?: number[];
}

export class ChartDigest implements TraceFold {
  version = 0;
  #widthNs = MIN_BUCKET_NS;
  #buckets: Map<FlowKey, number>[] = [];
  #totals = new Map<FlowKey, number>();
  #subjects = new Map<FlowMetric, Set<string>>();
  /** The kept events that added to a flow, so a rewind can take back exactly what they added. */
  #records = new PositionedList<FlowRecord>();
  /** Frame lengths by frameId while their frame-arrived is kept, for the bytes of their indication. */
  #frameBytes = new Map<number, number>();
  #levels: LevelSample[] = [];

  /** The width of every bucket, in ns; bucket k covers [k·width, (k+1)·width). */
  get widthNs(): number {
    return this.#widthNs;
  }
  get bucketCount(): number {
    return this.#buckets.length;
  }
  get levels(): readonly LevelSample[] {
    return this.#levels;
  }

  append(events: readonly TraceEvent[], firstPos: number): void {
    let changed = false;
    events.forEach((event, i) => {
      const record = this.#recordOf(event, firstPos + i);
      if (!record) return;
      this.#records.push(record);
      this.#add(record, 1);
      changed = true;
    });
    if (changed) this.version++;
  }

  evictBefore(pos: number): void {
    // What evicted events added stays in the buckets: the chart keeps the run's history, the buffer only its tail.
    this.#records.dropBefore(pos, (record) => {
      if (record.event.kind === 'frame-arrived') this.#frameBytes.delete(record.event.frameId);
    });
  }

  truncateFrom(pos: number): void {
    const dropped = this.#records.dropFrom(pos, (record) => {
      this.#add(record, -1);
      if (record.event.kind === 'frame-arrived') this.#frameBytes.delete(record.event.frameId);
    });
    if (dropped > 0) this.version++;
  }

  reset(): void {
    this.#widthNs = MIN_BUCKET_NS;
    this.#buckets = [];
    this.#totals.clear();
    this.#subjects.clear();
    this.#records.clear();
    this.#frameBytes.clear();
    this.#levels = [];
    this.version++;
  }

  /** The adapter as the engine reports it at the end of a batch; after a rewind its time is earlier, and the
   * samples after it go. */
  observeView(view: AdapterView): void {
    let keep = this.#levels.length;
    while (keep > 0 && (this.#levels[keep - 1] as LevelSample).tNs >= view.nowNs) keep--;
    if (keep < this.#levels.length) this.#levels = this.#levels.slice(0, keep);
    this.#levels.push({
      tNs: view.nowNs,
      queues: view.queues.map((q) => ({
        queueId: q.QueueId,
        inUse: q.ring.slots.reduce((n, slot) => (slot === 'free' ? n : n + 1), 0),
        buffers: q.buffers,
        outstandingNbls: q.outstandingNbls,
        pending: q.pending,
      })),
    });
    if (this.#levels.length > MAX_LEVEL_SAMPLES) {
      const half = MAX_LEVEL_SAMPLES / 2;
      const older = this.#levels.slice(0, half).filter((_, i) => i % 2 === 1);
      this.#levels = [...older, ...this.#levels.slice(half)];
    }
    this.version++;
  }

  /** The subjects a metric has counted (QueueIds, CPUs, reasons), in first-seen order. */
  subjects(metric: FlowMetric): string[] {
    return [...(this.#subjects.get(metric) ?? [])];
  }

  /** What bucket `index` counted of `metric` for `subject`. */
  count(index: number, metric: FlowMetric, subject: number | string): number {
    return this.#buckets[index]?.get(keyOf(metric, subject)) ?? 0;
  }

  /** Everything counted of `metric` for `subject` since the session began (as far as the fold saw its trace). */
  total(metric: FlowMetric, subject: number | string): number {
    return this.#totals.get(keyOf(metric, subject)) ?? 0;
  }

  /** The last level sample at or before `tNs`; null before the first. */
  levelAt(tNs: number): LevelSample | null {
    let lo = 0;
    let hi = this.#levels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#levels[mid] as LevelSample).tNs <= tNs) lo = mid + 1;
      else hi = mid;
    }
    return this.#levels[lo - 1] ?? null;
  }

  #recordOf(event: TraceEvent, pos: number): FlowRecord | null {
    switch (event.kind) {
      case 'frame-arrived':
        this.#frameBytes.set(event.frameId, event.length);
        return { pos, event };
      case 'nbls-indicated':
        return {
          pos,
          event,
          partBytes: event.parts.map((part) =>
            (part.frameIds ?? []).reduce((sum, id) => sum + (this.#frameBytes.get(id) ?? 0), 0),
          ),
        };
      case 'nbls-returned':
      case 'frame-dropped':
      case 'frames-dropped':
        return { pos, event };
      default:
        return null;
    }
  }

  #add({ event, partBytes }: FlowRecord, sign: 1 | -1): void {
    const bump = (metric: FlowMetric, subject: number | string, n: number) => {
      if (n === 0) return;
      this.#bump(event.t, keyOf(metric, subject), sign * n);
      const seen = this.#subjects.get(metric) ?? new Set<string>();
      seen.add(String(subject));
      this.#subjects.set(metric, seen);
    };
    switch (event.kind) {
      case 'nbls-indicated':
        event.parts.forEach((part, i) => {
          const bytes = partBytes?.[i] ?? 0;
          bump('queue-frames', part.queueId, part.count);
          bump('queue-bytes', part.queueId, bytes);
          bump('cpu-frames', event.cpu, part.count);
          bump('cpu-bytes', event.cpu, bytes);
        });
        return;
      case 'nbls-returned':
        return bump('queue-returned', event.queueId, event.count);
      case 'frame-dropped':
        return bump('drops', event.reason, 1);
      case 'frames-dropped':
        return bump('drops', event.reason, event.count);
      default:
        return;
    }
  }

  #bump(tNs: number, key: FlowKey, n: number): void {
    while (tNs >= this.#widthNs * MAX_BUCKETS) this.#widen();
    const index = Math.floor(tNs / this.#widthNs);
    while (this.#buckets.length <= index) this.#buckets.push(new Map());
    const bucket = this.#buckets[index] as Map<FlowKey, number>;
    const next = (bucket.get(key) ?? 0) + n;
    if (next === 0) bucket.delete(key);
    else bucket.set(key, next);
    const total = (this.#totals.get(key) ?? 0) + n;
    if (total === 0) this.#totals.delete(key);
    else this.#totals.set(key, total);
  }

  /** Doubles the bucket width: bucket k of the new width is buckets 2k and 2k+1 of the old. */
  #widen(): void {
    const merged: Map<FlowKey, number>[] = [];
    this.#buckets.forEach((bucket, i) => {
      const into = merged[i >> 1] ?? new Map<FlowKey, number>();
      for (const [key, n] of bucket) into.set(key, (into.get(key) ?? 0) + n);
      merged[i >> 1] = into;
    });
    this.#buckets = merged;
    this.#widthNs *= 2;
  }
}

/** Made once per side (Side.digest names a digest by its maker). */
export const chartDigest = (): ChartDigest => new ChartDigest();
