/**
 * What the timeline draws, read off the trace: the control lane's marks (OID requests, queue and filter changes,
 * status indications, rule checks, narration) and the data lane's counts (frames arriving, NBLs indicated, frames
 * dropped), each at a position on the chosen axis: virtual time, or event order (which spreads out the many
 * things that happen at one instant, such as a scenario's OID steps).
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { TraceSource } from '../trace/traceSource.ts';

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
  /** Position on the axis: ns, or the event's index in the trace. */
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
  marks: Mark[];
  points: DataPoint[];
  /** Largest x of any event. */
  maxX: number;
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

export function laneData(trace: TraceSource, axis: Axis): Lanes {
  const marks: Mark[] = [];
  const points: DataPoint[] = [];
  let maxX = 0;
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    const x = axis === 'time' ? event.t : i;
    maxX = Math.max(maxX, x);
    const mark = markOf(event);
    if (mark) marks.push({ x, seq: event.seq, ...mark });
    const point = pointOf(event);
    if (point) points.push({ x, seq: event.seq, ...point });
  }
  return { marks, points, maxX };
}

export interface Bin {
  /** Sum of the weights that fell in this pixel column. */
  total: number;
  /** The first event in it, to select on click. */
  seq: number;
}

/** The data points of one row summed per pixel column; `toPx` maps x to a column. */
export function binPoints(
  points: readonly DataPoint[],
  row: DataRow,
  columns: number,
  toPx: (x: number) => number,
): (Bin | undefined)[] {
  const bins: (Bin | undefined)[] = new Array<Bin | undefined>(columns);
  for (const point of points) {
    if (point.row !== row) continue;
    const column = Math.floor(toPx(point.x));
    if (column < 0 || column >= columns) continue;
    const bin = bins[column];
    if (bin) bin.total += point.weight;
    else bins[column] = { total: point.weight, seq: point.seq };
  }
  return bins;
}

/** The marks at the spot nearest to pixel `px` in `row` (within `radiusPx`): everything that happened there, in order. */
export function marksAt(
  marks: readonly Mark[],
  row: ControlRow,
  px: number,
  toPx: (x: number) => number,
  radiusPx: number,
): Mark[] {
  let nearest: number | undefined;
  for (const mark of marks) {
    if (mark.row !== row) continue;
    const at = toPx(mark.x);
    if (Math.abs(at - px) <= radiusPx && (nearest === undefined || Math.abs(at - px) < Math.abs(nearest - px)))
      nearest = at;
  }
  if (nearest === undefined) return [];
  const spot = nearest;
  return marks.filter((mark) => mark.row === row && Math.abs(toPx(mark.x) - spot) < 1);
}
