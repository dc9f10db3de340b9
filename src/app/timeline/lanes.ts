/**
 * What the timeline draws, read off the trace: the control lane's marks (OID requests, queue and filter changes,
 * status indications, rule checks, narration) and the data lane's counts (frames arriving, NBLs indicated, frames
 * dropped), each at a position on the chosen axis: virtual time, or event order (which spreads out the many
 * things that happen at one instant, such as a scenario's OID steps).
 */
import type { TraceEvent } from '../../engine/index.ts';
import { forEachItem, PositionedList, type IndexedItems, type TraceFold } from '../trace/traceFold.ts';

export type Axis = 'time' | 'order';

/** The control lane's rows, top to bottom. */
export const CONTROL_ROWS = ['oid', 'adapter', 'check'] as const;
export type ControlRow = (typeof CONTROL_ROWS)[number];

/** The data lane's rows, top to bottom. */
export const DATA_ROWS = ['arrived', 'indicated', 'dropped'] as const;
export type DataRow = (typeof DATA_ROWS)[number];

export type MarkTone =
  | 'success'
  | 'failure'
  | 'pending'
  | 'state'
  | 'filter'
  | 'memory'
  | 'indication'
  | 'error'
  | 'warning'
  | 'note';

export interface Mark {
  /** Position on the axis: ns, or the event's position in the trace (traceFold.ts: evicted events count). */
  x: number;
  seq: number;
  row: ControlRow;
  tone: MarkTone;
}

export interface DataPoint {
  x: number;
  seq: number;
  row: DataRow;
  /** Frames or NBLs this event stands for. */
  weight: number;
}

export interface Lanes {
  marks: IndexedItems<Mark>;
  points: IndexedItems<DataPoint>;
  /** Largest x of any mark or point. */
  maxX: number;
  /** Position of the oldest kept event: where the event-order axis starts. */
  start: number;
  /** OID marks (requests answered, and NDIS_STATUS_PENDING returns). */
  oidMarks: number;
  /** Frames the data lane shows arriving. */
  framesArrived: number;
}

/** Where a request's final status puts it: success, failure, or still pending. */
function oidTone(event: Extract<TraceEvent, { kind: 'oid-completed' }>): MarkTone {
  return event.result.status === 'NDIS_STATUS_SUCCESS'
    ? 'success'
    : event.result.status === 'NDIS_STATUS_PENDING'
      ? 'pending'
      : 'failure';
}

function markOf(event: TraceEvent): Pick<Mark, 'row' | 'tone'> | null {
  switch (event.kind) {
    // One mark per request, where it ended; a pended request also marks where NDIS_STATUS_PENDING came back.
    case 'oid-completed':
      return { row: 'oid', tone: oidTone(event) };
    case 'oid-pended':
      return { row: 'oid', tone: 'pending' };
    case 'queue-state-changed':
    case 'queue-parameters-changed':
    case 'adapter-state-changed':
    case 'binding-closed':
    case 'fault-injected':
      return { row: 'adapter', tone: 'state' };
    case 'filter-set':
    case 'filter-cleared':
      return { row: 'adapter', tone: 'filter' };
    case 'memory-allocated':
    case 'memory-freed':
      return { row: 'adapter', tone: 'memory' };
    case 'status-indicated':
      return { row: 'adapter', tone: 'indication' };
    case 'rule-violated':
      return { row: 'check', tone: event.severity === 'error' ? 'error' : 'warning' };
    case 'note':
      return { row: 'check', tone: 'note' };
    default:
      return null;
  }
}

function pointOf(event: TraceEvent): Pick<DataPoint, 'row' | 'weight'> | null {
  switch (event.kind) {
    case 'frame-arrived':
      return { row: 'arrived', weight: 1 };
    case 'nbls-indicated':
      return { row: 'indicated', weight: event.parts.reduce((n, p) => n + p.count, 0) };
    case 'frame-dropped':
      return { row: 'dropped', weight: 1 };
    case 'frames-dropped':
      return { row: 'dropped', weight: event.count };
    default:
      return null;
  }
}

/** One axis's marks and points, kept in trace order. */
class AxisLanes {
  readonly marks = new PositionedList<Mark & { pos: number }>();
  readonly points = new PositionedList<DataPoint & { pos: number }>();

  dropBefore(pos: number, dropped: (item: Mark | DataPoint) => void): void {
    this.marks.dropBefore(pos, dropped);
    this.points.dropBefore(pos, dropped);
  }

  dropFrom(pos: number, dropped: (item: Mark | DataPoint) => void): void {
    this.marks.dropFrom(pos, dropped);
    this.points.dropFrom(pos, dropped);
  }

  clear(): void {
    this.marks.clear();
    this.points.clear();
  }

  get maxX(): number {
    return Math.max(0, this.marks.last()?.x ?? 0, this.points.last()?.x ?? 0);
  }
}

/** What the timeline draws, kept up to date batch by batch for both axes (x grows along the trace on either). */
class LaneDigest implements TraceFold {
  #axes: Record<Axis, AxisLanes> = { time: new AxisLanes(), order: new AxisLanes() };
  #start = 0;
  #end = 0;
  #oidMarks = 0;
  #framesArrived = 0;
  #version = 0;
  #cache: Partial<Record<Axis, { version: number; lanes: Lanes }>> = {};

  get version(): number {
    return this.#version;
  }

  /** The lanes on `axis`; a new object exactly when they changed, so a drawing knows to redraw. */
  lanes(axis: Axis): Lanes {
    const cached = this.#cache[axis];
    if (cached?.version === this.#version) return cached.lanes;
    const { marks, points, maxX } = this.#axes[axis];
    const start = this.#start;
    const lanes = { marks, points, maxX, start, oidMarks: this.#oidMarks, framesArrived: this.#framesArrived };
    this.#cache[axis] = { version: this.#version, lanes };
    return lanes;
  }

  append(events: readonly TraceEvent[], firstPos: number): void {
    if (this.#end === this.#start) this.#start = firstPos;
    events.forEach((event, i) => {
      const pos = firstPos + i;
      const mark = markOf(event);
      const point = pointOf(event);
      for (const [axis, x] of [
        [this.#axes.time, event.t],
        [this.#axes.order, pos],
      ] as const) {
        if (mark) axis.marks.push({ x, pos, seq: event.seq, ...mark });
        if (point) axis.points.push({ x, pos, seq: event.seq, ...point });
      }
      if (mark) this.#count(mark, 1);
      if (point) this.#count(point, 1);
    });
    this.#end = firstPos + events.length;
    this.#version++;
  }

  evictBefore(pos: number): void {
    if (pos <= this.#start) return;
    this.#start = pos;
    this.#axes.time.dropBefore(pos, (item) => this.#count(item, -1));
    this.#axes.order.dropBefore(pos, () => {});
    this.#version++;
  }

  truncateFrom(pos: number): void {
    this.#end = pos;
    this.#axes.time.dropFrom(pos, (item) => this.#count(item, -1));
    this.#axes.order.dropFrom(pos, () => {});
    this.#version++;
  }

  reset(): void {
    this.#axes.time.clear();
    this.#axes.order.clear();
    this.#start = 0;
    this.#end = 0;
    this.#oidMarks = 0;
    this.#framesArrived = 0;
    this.#version++;
  }

  #count(item: Pick<Mark, 'row'> | Pick<DataPoint, 'row' | 'weight'>, sign: 1 | -1): void {
    if (item.row === 'oid') this.#oidMarks += sign;
    if (item.row === 'arrived' && 'weight' in item) this.#framesArrived += sign * item.weight;
  }
}

export const laneDigest = () => new LaneDigest();

export interface Bin {
  /** Sum of the weights that fell in this pixel column. */
  total: number;
  /** The first event in it, to select on click. */
  seq: number;
}

/** The data points of one row summed per pixel column; `toPx` maps x to a column. */
export function binPoints(
  points: IndexedItems<DataPoint>,
  row: DataRow,
  columns: number,
  toPx: (x: number) => number,
): (Bin | undefined)[] {
  const bins: (Bin | undefined)[] = new Array<Bin | undefined>(columns);
  forEachItem(points, (point) => {
    if (point.row !== row) return;
    const column = Math.floor(toPx(point.x));
    if (column < 0 || column >= columns) return;
    const bin = bins[column];
    if (bin) bin.total += point.weight;
    else bins[column] = { total: point.weight, seq: point.seq };
  });
  return bins;
}

/** The marks at the spot nearest to pixel `px` in `row` (within `radiusPx`): everything that happened there, in order. */
export function marksAt(
  marks: IndexedItems<Mark>,
  row: ControlRow,
  px: number,
  toPx: (x: number) => number,
  radiusPx: number,
): Mark[] {
  let nearest: number | undefined;
  forEachItem(marks, (mark) => {
    if (mark.row !== row) return;
    const at = toPx(mark.x);
    if (Math.abs(at - px) <= radiusPx && (nearest === undefined || Math.abs(at - px) < Math.abs(nearest - px)))
      nearest = at;
  });
  if (nearest === undefined) return [];
  const spot = nearest;
  const here: Mark[] = [];
  forEachItem(marks, (mark) => {
    if (mark.row === row && Math.abs(toPx(mark.x) - spot) < 1) here.push(mark);
  });
  return here;
}
