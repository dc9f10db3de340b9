/**
 * The event log's filter: by kind group, by queue, by VM. An event belongs to a VM when it names one of the VM's
 * queues (a queue allocated with that VmName, as of the event: QueueIds are reused after FREE_QUEUE) or carries
 * the VM's MAC (frames and flows on the wire, before any queue took them).
 */
import type { TraceEvent, VmConfig } from '../../engine/index.ts';
import { allocatedQueue, groupOf, refsOf, type EventGroupId } from '../trace/eventRefs.ts';
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

/** Positions in `trace` of the events that pass `filter`, oldest first. */
export function matchingIndices(trace: TraceSource, filter: LogFilter, vms: readonly VmConfig[]): number[] {
  const out: number[] = [];
  const vmMac = filter.vm === null ? undefined : vms.find((vm) => vm.name === filter.vm)?.mac;
  /** QueueId → VmName of its latest allocation, as of the event being looked at. */
  const queueVm = new Map<number, string>();
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    const allocated = allocatedQueue(event);
    if (allocated) queueVm.set(allocated.queueId, allocated.vmName);
    if (filter.hidden.has(groupOf(event.kind))) continue;
    if (filter.queueId === null && filter.vm === null) {
      out.push(i);
      continue;
    }
    const refs = refsOf(event);
    if (filter.queueId !== null && !refs.queueIds.includes(filter.queueId)) continue;
    if (
      filter.vm !== null &&
      !refs.queueIds.some((q) => queueVm.get(q) === filter.vm) &&
      !(vmMac !== undefined && refs.macs.includes(vmMac))
    )
      continue;
    out.push(i);
  }
  return out;
}
