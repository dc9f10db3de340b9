/**
 * The event log's filter: by kind group, by queue, by VM. An event belongs to a VM when it names one of the VM's
 * queues (a queue allocated with that VmName, as of the event: QueueIds are reused after FREE_QUEUE) or carries
 * the VM's MAC (frames and flows on the wire, before any queue took them).
 *
 * The log reads its rows from a digest (LogRows) that folds each batch in, rather than filtering the whole trace
 * per batch; a new filter re-reads the kept trace once.
 */
import type { TraceEvent, VmConfig } from '../../engine/index.ts';
import { EventSubset } from '../trace/eventSubset.ts';
import { allocatedQueue, groupOf, refsOf, type EventGroupId } from '../trace/eventRefs.ts';
import { PositionedList, type TraceFold } from '../trace/traceFold.ts';
import type { TraceSource } from '../trace/traceSource.ts';

export interface LogFilter {
  /** Groups switched off. */
  hidden: ReadonlySet<EventGroupId>;
  /** Only events naming this QueueId, or null for all. */
  queueId: number | null;
  /** Only events about this VM (by name), or null for all. */
  vm: string | null;
}

export const SHOW_ALL: LogFilter = { hidden: new Set(), queueId: null, vm: null };

export const isFiltering = (filter: LogFilter): boolean =>
  filter.hidden.size > 0 || filter.queueId !== null || filter.vm !== null;

/** QueueId → VmName of its latest allocation, as of some event. */
type QueueOwners = Map<number, string>;

/** Whether `event` passes `filter`, its queues' owners as of the event being `owners` (it updated them already). */
function passes(event: TraceEvent, filter: LogFilter, vmMac: string | undefined, owners: QueueOwners): boolean {
  if (filter.hidden.has(groupOf(event.kind))) return false;
  if (filter.queueId === null && filter.vm === null) return true;
  const refs = refsOf(event);
  if (filter.queueId !== null && !refs.queueIds.includes(filter.queueId)) return false;
  return (
    filter.vm === null ||
    refs.queueIds.some((q) => owners.get(q) === filter.vm) ||
    (vmMac !== undefined && refs.macs.includes(vmMac))
  );
}

const macOf = (filter: LogFilter, vms: readonly VmConfig[]): string | undefined =>
  filter.vm === null ? undefined : vms.find((vm) => vm.name === filter.vm)?.mac;

/** Positions in `trace` of the events that pass `filter`, oldest first; `owners` are the queues' owners as of the
 * first event (allocations older than the trace), and end up as of the last. */
export function matchingIndices(
  trace: TraceSource,
  filter: LogFilter,
  vms: readonly VmConfig[],
  owners: QueueOwners = new Map(),
): number[] {
  const out: number[] = [];
  const vmMac = macOf(filter, vms);
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    const allocated = allocatedQueue(event);
    if (allocated) owners.set(allocated.queueId, allocated.vmName);
    if (passes(event, filter, vmMac, owners)) out.push(i);
  }
  return out;
}

interface Allocation {
  pos: number;
  queueId: number;
  vmName: string;
}

/**
 * The log's rows for its filter, kept up to date batch by batch. A queue's owner comes from its allocation even
 * once the allocation event is pushed out of the bounded trace, so its later events still show under its VM.
 */
export class LogRows implements TraceFold {
  #filter = SHOW_ALL;
  #vms: readonly VmConfig[] = [];
  #vmMac: string | undefined;
  /** Owners from allocations no longer kept: as of the oldest kept event. */
  #ownersBefore: QueueOwners = new Map();
  /** Allocations in the kept trace. */
  #allocations = new PositionedList<Allocation>();
  /** Owners as of the newest event. */
  #owners: QueueOwners = new Map();
  #rows = new PositionedList<{ pos: number }>();
  /** Position of the oldest kept event, and one past the newest. */
  #start = 0;
  #end = 0;
  #version = 0;

  get version(): number {
    return this.#version;
  }

  get filter(): LogFilter {
    return this.#filter;
  }

  /** How many events pass the filter. */
  get length(): number {
    return this.#rows.length;
  }

  /** The index in the kept trace of row `row`. */
  traceIndex(row: number): number {
    return (this.#rows.at(row)?.pos ?? Number.NaN) - this.#start;
  }

  /** The row showing the event at `traceIndex` in the kept trace, or -1 when the filter hides it. */
  rowOf(traceIndex: number): number {
    const pos = this.#start + traceIndex;
    const row = this.#rows.indexAtOrAfter(pos);
    return this.#rows.at(row)?.pos === pos ? row : -1;
  }

  /** Shows `filter` from now on, re-reading the kept `trace` once if it changed. */
  show(filter: LogFilter, vms: readonly VmConfig[], trace: TraceSource): void {
    if (filter === this.#filter && vms === this.#vms) return;
    this.#filter = filter;
    this.#vms = vms;
    this.#vmMac = macOf(filter, vms);
    this.#rows.clear();
    for (const i of matchingIndices(trace, filter, vms, new Map(this.#ownersBefore)))
      this.#rows.push({ pos: this.#start + i });
    this.#version++;
  }

  append(events: readonly TraceEvent[], firstPos: number): void {
    if (this.#end === this.#start) this.#start = firstPos;
    events.forEach((event, i) => {
      const pos = firstPos + i;
      const allocated = allocatedQueue(event);
      if (allocated) {
        this.#owners.set(allocated.queueId, allocated.vmName);
        this.#allocations.push({ pos, ...allocated });
      }
      if (passes(event, this.#filter, this.#vmMac, this.#owners)) this.#rows.push({ pos });
    });
    this.#end = firstPos + events.length;
    this.#version++;
  }

  evictBefore(pos: number): void {
    if (pos <= this.#start) return;
    this.#start = pos;
    this.#rows.dropBefore(pos);
    this.#allocations.dropBefore(pos, (a) => this.#ownersBefore.set(a.queueId, a.vmName));
    this.#version++;
  }

  truncateFrom(pos: number): void {
    this.#end = pos;
    this.#rows.dropFrom(pos);
    if (this.#allocations.dropFrom(pos) > 0) {
      this.#owners = new Map(this.#ownersBefore);
      for (const a of this.#allocations) this.#owners.set(a.queueId, a.vmName);
    }
    this.#version++;
  }

  reset(): void {
    this.#start = 0;
    this.#end = 0;
    this.#ownersBefore = new Map();
    this.#owners = new Map();
    this.#allocations.clear();
    this.#rows.clear();
    this.#version++;
  }
}

export const logRowsDigest = () => new LogRows();

type QueueChange = Extract<TraceEvent, { kind: 'queue-state-changed' }>;

const isQueueChange = (event: TraceEvent): event is QueueChange => event.kind === 'queue-state-changed';

/** The side's digest of every QueueId the trace has seen change state (freed ones too: their events stay in the
 * log), and the default queue, in order. */
export const queuesDigest = () =>
  new EventSubset(isQueueChange, (changes): number[] =>
    [...new Set([0, ...changes.map((e) => e.queueId)])].sort((a, b) => a - b),
  );
