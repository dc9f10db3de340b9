/**
 * The receive path (§8): a frame is parsed, classified by the filter table, DMA'd into a free
 * receive buffer of its queue, indicated as an NBL from a DPC on the queue's processor, and later
 * returned by the overlying driver. The per-frame part allocates nothing unless per-frame tracing is on.
 */
import { explainMatch, VlanTest, type FilterRef, type MacTable } from './classifier.ts';
import { at, countDrop, type Ctx } from './context.ts';
import { isWithheld, returnLatency, takeDpcDelay } from './faultState.ts';
import { dmaSegments } from './memory.ts';
import { BROADCAST_MAC, formatMac, isGroupMac, MAC_HI_UNIT, readVlanId } from './frame.ts';
import {
  NDIS_DEFAULT_RECEIVE_FILTER_ID,
  NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL,
  NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID,
  NDIS_RECEIVE_FLAGS_SINGLE_QUEUE,
  NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
  NDIS_RETURN_FLAGS_DISPATCH_LEVEL,
  NDIS_RETURN_FLAGS_SINGLE_QUEUE,
} from './ndis/constants.ts';
import type { QueueState } from './state.ts';
import {
  asFilterId,
  type AdapterState,
  type DropReason,
  type DurationNs,
  type QueueId,
  type RingSlotState,
  type RingView,
} from './types.ts';

const ETHERNET_HEADER_BYTES = 14;

export interface Datapath {
  macTable: MacTable;
  /** The adapter's own MAC, for the packet filter applied to default-queue traffic. */
  adapterMac: number;
  /** The vSwitch puts the adapter in promiscuous mode; otherwise unmatched unicast to other MACs is dropped. */
  promiscuous: boolean;
}

/**
 * The ring as the NIC and the overlying driver leave it: from the oldest NBL not yet returned, the indicated
 * ones, then the frames DMA'd and waiting for the DPC, up to the head, where the next frame goes.
 */
export function ringView(queue: QueueState): RingView {
  const { capacity, dmaSeq, indicatedSeq, returnedSeq } = queue;
  const slots = new Array<RingSlotState>(capacity).fill('free');
  for (let seq = returnedSeq; seq < dmaSeq; seq++)
    slots[seq % capacity] = seq < indicatedSeq ? 'indicated' : 'dma-written';
  return { head: capacity === 0 ? 0 : dmaSeq % capacity, slots };
}

/** One frame arrives on the wire now. This is the hot path: it allocates nothing when not tracing. */
export function receiveFrame(ctx: Ctx, dp: Datapath, bytes: Uint8Array, flow: string | undefined): void {
  const s = ctx.s;
  s.totals.arrived++;
  const frameId = s.nextFrameId++;
  if (bytes.length < ETHERNET_HEADER_BYTES) return dropFrame(ctx, frameId, undefined, 'malformed-frame');
  // The destination MAC as two int32 halves: no 48-bit doubles on the hot path.
  const macHi = (bytes[0]! << 8) | bytes[1]!;
  const macLo = (bytes[2]! << 24) | (bytes[3]! << 16) | (bytes[4]! << 8) | bytes[5]!;
  const vlanId = readVlanId(bytes);
  const trace = s.traceFrames;
  if (trace) traceArrived(ctx, frameId, bytes, macOf(macHi, macLo), vlanId, flow);
  if (s.faults.removed) return dropFrame(ctx, frameId, undefined, 'adapter-removed');
  if (s.adapterState !== 'Running') return dropFrame(ctx, frameId, undefined, ADAPTER_DROP[s.adapterState]);

  const slot = dp.macTable.lookup(macHi, macLo, vlanId);
  if (slot < 0 && !dp.promiscuous && !acceptedByPacketFilter(dp, macOf(macHi, macLo))) {
    if (trace) return traceUnmatchedDrop(ctx, frameId, macOf(macHi, macLo), vlanId);
    return dropFrame(ctx, frameId, undefined, 'packet-filter');
  }
  const queue = s.queues[slot < 0 ? 0 : dp.macTable.queueIdAt(slot)]!;
  queue.counters.classified++;
  if (trace)
    traceClassified(
      ctx,
      frameId,
      queue.id,
      slot < 0 ? undefined : dp.macTable.ref(dp.macTable.filterIdAt(slot)),
      macOf(macHi, macLo),
      vlanId,
    );
  if (queue.dmaSeq - queue.returnedSeq >= queue.capacity) return dropFrame(ctx, frameId, queue, 'no-free-buffer');
  if (trace) traceDma(ctx, frameId, queue, bytes.length);
  else queue.dmaSeq++;
  if (!queue.dpcQueued) queueDpc(ctx, queue);
}

const macOf = (hi: number, lo: number): number => hi * MAC_HI_UNIT + (lo >>> 0);

const ADAPTER_DROP: Record<Exclude<AdapterState, 'Running'>, DropReason> = {
  Paused: 'adapter-paused',
  Resetting: 'adapter-resetting',
  Halting: 'adapter-halted',
  Halted: 'adapter-halted',
};

/** Without promiscuous mode the adapter keeps only its own, broadcast and multicast frames. */
const acceptedByPacketFilter = (dp: Datapath, dst: number): boolean =>
  dst === dp.adapterMac || dst === BROADCAST_MAC || isGroupMac(dst);

const HEADER_BYTES_TRACED = 64;

function traceArrived(
  ctx: Ctx,
  frameId: number,
  bytes: Uint8Array,
  dst: number,
  vlanId: number,
  flow: string | undefined,
): void {
  let headerHex = '';
  for (let i = 0; i < Math.min(bytes.length, HEADER_BYTES_TRACED); i++)
    headerHex += bytes[i]!.toString(16).padStart(2, '0');
  ctx.emit({
    kind: 'frame-arrived',
    frameId,
    length: bytes.length,
    dst: formatMac(dst),
    vlanId: vlanId < 0 ? null : vlanId,
    headerHex,
    ...(flow ? { flow } : {}),
  });
}

function traceClassified(
  ctx: Ctx,
  frameId: number,
  queueId: QueueId,
  ref: FilterRef | undefined,
  dst: number,
  vlanId: number,
): void {
  ctx.emit({
    kind: 'frame-classified',
    frameId,
    queueId,
    filterId: ref?.filterId ?? NDIS_DEFAULT_RECEIVE_FILTER_ID,
    dst: formatMac(dst),
    vlanId: vlanId < 0 ? null : vlanId,
    // §6.3 rules 3 and 4: a 6.30 miniport strips the tag of a frame a VLAN-agnostic or a VLAN filter takes into
    // NDIS_NET_BUFFER_LIST_8021Q_INFO; a 6.20 one leaves it in the frame.
    vlanStripped:
      ref !== undefined &&
      vlanId >= 0 &&
      (ref.test === VlanTest.AnyVlan || (ref.test === VlanTest.Vlan && ctx.ndisVersion >= 630)),
    match: explainMatch(ctx.s.queues, ctx.s.filters, dst, vlanId),
  });
}

/** A frame no filter took and the packet filter rejects: the drop says how classification found no filter. */
function traceUnmatchedDrop(ctx: Ctx, frameId: number, dst: number, vlanId: number): void {
  countDrop(ctx, undefined, 'packet-filter', 1);
  const match = explainMatch(ctx.s.queues, ctx.s.filters, dst, vlanId);
  ctx.emit({ kind: 'frame-dropped', frameId, queueId: null, reason: 'packet-filter', match });
}

/** Writes the frame into the ring, then says so: an event follows the state it reports, so a view taken with it
 * (the host shows an instant event by event) already has the slot written. */
function traceDma(ctx: Ctx, frameId: number, queue: QueueState, length: number): void {
  const slot = queue.dmaSeq % queue.capacity;
  const segments = dmaSegments(ctx, queue, slot, length);
  queue.pendingFrameIds.push(frameId);
  queue.dmaSeq++;
  ctx.emit({ kind: 'dma-written', frameId, queueId: queue.id, slot, segments });
}

function dropFrame(ctx: Ctx, frameId: number, queue: QueueState | undefined, reason: DropReason): void {
  countDrop(ctx, queue, reason, 1);
  if (ctx.s.traceFrames) ctx.emit({ kind: 'frame-dropped', frameId, queueId: queue?.id ?? null, reason });
}

/** The queue's MSI-X interrupt fired: its DPC runs on the queue's processor after the DPC latency. */
export function queueDpc(ctx: Ctx, queue: QueueState): void {
  queue.dpcQueued = true;
  const cpu = ctx.s.cpus[queue.cpu]!;
  cpu.queueIds.push(queue.id);
  if (!cpu.dpcScheduled) {
    cpu.dpcScheduled = true;
    const latency = ctx.cfg.adapter.options.dpcLatencyNs + takeDpcDelay(ctx, queue.id);
    at(ctx, latency as DurationNs, { kind: 'dpc', cpu: queue.cpu });
  }
}

/**
 * The DPC of one processor: indicates what its queues hold, oldest first (R37). A queue that asked
 * for PER_QUEUE_RECEIVE_INDICATION gets indications of its own with NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
 * (R35); the others on this processor share one chained indication.
 */
export function runDpc(ctx: Ctx, cpuIndex: number): void {
  const s = ctx.s;
  const cpu = s.cpus[cpuIndex]!;
  cpu.dpcScheduled = false;
  const queueIds = cpu.queueIds;
  cpu.queueIds = [];
  if (queueIds.length === 0) return;
  ctx.emit({ kind: 'dpc-ran', cpu: cpuIndex, queueIds });
  const budget = ctx.cfg.adapter.options.maxNblsPerDpc;
  const shared: { queue: QueueState; count: number }[] = [];
  for (const id of queueIds) {
    const queue = s.queues[id]!;
    queue.dpcQueued = false;
    const pending = queue.dmaSeq - queue.indicatedSeq;
    const count = Math.min(pending, budget);
    if (count <= 0) continue;
    if ((queue.params.Flags & NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION) !== 0)
      indicate(ctx, cpuIndex, [{ queue, count }]);
    else shared.push({ queue, count });
    // The NIC's receive budget per DPC is spent: what is left waits for the next interrupt.
    if (pending > count) queueDpc(ctx, queue);
  }
  if (shared.length > 0) indicate(ctx, cpuIndex, shared);
}

/**
 * The FilterId in each VMQ NBL's NetBufferListFilteringInfo: from NDIS 6.20 RequestedFilterIdBitCount is 0, so no
 * filter ID is put in the NBL (§8.1); the queue's ID is.
 */
const VMQ_NBL_FILTER_ID = asFilterId(0);

/** NdisMIndicateReceiveNetBufferLists: every NBL carries its QueueId and shared-memory info (R34). */
function indicate(ctx: Ctx, cpu: number, parts: { queue: QueueState; count: number }[]): void {
  const s = ctx.s;
  let flags = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL | NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID;
  if (parts.length === 1) flags |= NDIS_RECEIVE_FLAGS_SINGLE_QUEUE;
  const latency = returnLatency(ctx);
  const traced = parts.map(({ queue, count }) => {
    queue.indicatedSeq += count;
    queue.counters.indicated += count;
    s.totals.indicated += count;
    if (latency !== null && !isWithheld(ctx, queue.id))
      at(ctx, latency, { kind: 'return', queueId: queue.id, generation: queue.generation, count });
    const filteringInfo = { QueueId: queue.id, FilterId: VMQ_NBL_FILTER_ID };
    if (queue.pendingFrameIds.length === 0) return { queueId: queue.id, count, firstFrameId: null, filteringInfo };
    const frameIds = queue.pendingFrameIds.splice(0, count);
    for (const id of frameIds) queue.heldFrameIds.push(id);
    return { queueId: queue.id, count, firstFrameId: frameIds[0]!, frameIds, filteringInfo };
  });
  ctx.emit({ kind: 'nbls-indicated', indicationId: s.nextIndicationId++, cpu, receiveFlags: flags, parts: traced });
}

/**
 * NdisReturnNetBufferLists for up to `count` of a queue's oldest outstanding NBLs; their receive
 * buffers become free again. Returns how many came back, so the caller can let a FREE_QUEUE that waits
 * for them continue (lifecycle.ts, giveBack).
 */
export function returnNbls(ctx: Ctx, queue: QueueState, count: number): number {
  const n = Math.min(count, queue.indicatedSeq - queue.returnedSeq);
  if (n <= 0) return 0;
  // NBLs indicated before per-frame tracing was switched on are the oldest, and no frame id is known for them.
  const untraced = queue.indicatedSeq - queue.returnedSeq - queue.heldFrameIds.length;
  const traced = n - Math.min(n, untraced);
  queue.returnedSeq += n;
  queue.counters.returned += n;
  ctx.s.totals.returned += n;
  ctx.emit({
    kind: 'nbls-returned',
    queueId: queue.id,
    count: n,
    returnFlags: NDIS_RETURN_FLAGS_DISPATCH_LEVEL | NDIS_RETURN_FLAGS_SINGLE_QUEUE,
    ...(traced > 0 ? { frameIds: queue.heldFrameIds.splice(0, traced) } : {}),
  });
  return n;
}

/**
 * Discards frames DMA'd into the queue but not yet indicated (clearing the last filter, §6.4; adapter
 * pause, reset or halt). Their buffers are free again at once.
 */
export function flushPending(ctx: Ctx, queue: QueueState, reason: DropReason): void {
  const count = queue.dmaSeq - queue.indicatedSeq;
  if (count <= 0) return;
  const frameIds = queue.pendingFrameIds;
  queue.dmaSeq = queue.indicatedSeq;
  queue.pendingFrameIds = [];
  countDrop(ctx, queue, reason, count);
  ctx.emit({ kind: 'frames-dropped', queueId: queue.id, reason, count, ...(frameIds.length > 0 ? { frameIds } : {}) });
}
