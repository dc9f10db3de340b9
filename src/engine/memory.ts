/**
 * Shared memory (§7): blocks allocated through NdisAllocateSharedMemory for a queue's receive
 * buffers, each recorded with QueueId, usage and the address space that served it — the management
 * OS, or a guest VM when the 2008 R2 VSP hands out guest memory for post-lookahead buffers.
 */
import { MANAGEMENT_OS, type Ctx } from './context.ts';
import { takeSharedMemoryFailure } from './faultState.ts';
import type { MemoryBlock, QueueState } from './state.ts';
import type { SharedMemoryUsageName } from './ndis/constants.ts';
import type { SharedMemorySegment } from './types.ts';

const PAGE = 4096;
/** Guest-physical and host-physical spaces are separate, so each starts at its own base. */
const SPACE_BASE = new Map([[MANAGEMENT_OS, 0x1_0000_0000]]);
const GUEST_BASE = 0x0_4000_0000;

function allocate(
  ctx: Ctx,
  queue: QueueState,
  usage: SharedMemoryUsageName,
  space: string,
  buffers: number,
  bufferStride: number,
  backfill: number,
  why: string,
): MemoryBlock | { failed: AllocationFailure } {
  const failure = takeSharedMemoryFailure(ctx);
  if (failure) return { failed: failure };
  const s = ctx.s;
  const address = s.spaceCursor.get(space) ?? SPACE_BASE.get(space) ?? GUEST_BASE;
  const length = buffers * bufferStride;
  s.spaceCursor.set(space, address + Math.ceil(length / PAGE) * PAGE);
  const block: MemoryBlock = {
    blockId: s.nextBlockId++,
    queueId: queue.id,
    usage,
    space,
    address,
    length,
    buffers,
    bufferStride,
    backfill,
    why,
  };
  s.memory.push(block);
  queue.blockIds.push(block.blockId);
  ctx.emit({ kind: 'memory-allocated', ...block });
  return block;
}

/**
 * §6.3 rule 6 / §7.5: the 2008 R2 VSP serves post-lookahead buffers from a guest's memory only when
 * the queue belongs to a known VM and the NIC accepted a filter that pins both MAC and VLAN;
 * otherwise it falls back to management-OS memory and copies into the VM.
 */
function postLookaheadSpace(ctx: Ctx, queue: QueueState): { space: string; why: string } {
  const vm = ctx.cfg.vms.find((v) => v.name === queue.params.VmName);
  if (!vm)
    return {
      space: MANAGEMENT_OS,
      why: `VmName "${queue.params.VmName}" is not a known guest, so the VSP serves host memory`,
    };
  const pinned = queue.filterIds.some((id) => {
    const f = ctx.s.filters[id];
    return f !== undefined && !f.vlanAgnostic;
  });
  return pinned
    ? {
        space: vm.name,
        why: `post-lookahead buffers in ${vm.name}'s memory: the NIC accepted a MAC+VLAN filter, so VLAN is enforced before DMA`,
      }
    : {
        space: MANAGEMENT_OS,
        why: `no MAC+VLAN filter accepted yet, so the VSP keeps ${vm.name}'s buffers in host memory (VLAN bypass risk, §7.5)`,
      };
}

/** NdisAllocateSharedMemory failed (an injected shared-memory-exhausted fault): the status it returned. */
type AllocationFailure = 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE';

/**
 * Receive buffers for a queue (QUEUE_ALLOCATION_COMPLETE, or initialization for queue 0). When an
 * NdisAllocateSharedMemory call fails part-way, the failure status is returned and the caller fails that queue's
 * completion with it. The blocks already allocated stay recorded against the queue: nondefault-queue memory is
 * freed only inside FREE_QUEUE processing (§7.2, R40), and a retried completion allocates only what is missing.
 */
export function allocateReceiveBuffers(
  ctx: Ctx,
  queue: QueueState,
  buffers: number,
): 'NDIS_STATUS_SUCCESS' | AllocationFailure {
  const bytes = ctx.cfg.adapter.options.receiveBufferBytes;
  queue.capacity = buffers;
  const has = (usage: SharedMemoryUsageName) =>
    queue.blockIds.some((id) => ctx.s.memory.find((b) => b.blockId === id)?.usage === usage);
  const failed = (block: MemoryBlock | { failed: AllocationFailure } | undefined) =>
    block !== undefined && 'failed' in block ? block.failed : undefined;
  if (queue.split) {
    const L = queue.params.LookaheadSize;
    const lookahead = has('NdisSharedMemoryUsageReceiveLookahead')
      ? undefined
      : allocate(
          ctx,
          queue,
          'NdisSharedMemoryUsageReceiveLookahead',
          MANAGEMENT_OS,
          buffers,
          L,
          0,
          `lookahead part (first ${L} bytes) in management-OS memory: the switch and host filters inspect it`,
        );
    const first = failed(lookahead);
    if (first) return first;
    if (has('NdisSharedMemoryUsageReceivePostLookahead')) return 'NDIS_STATUS_SUCCESS';
    const { space, why } = postLookaheadSpace(ctx, queue);
    // Backfill = LookaheadSize: room to copy the lookahead bytes in front, so the VM gets one contiguous frame.
    const post = allocate(ctx, queue, 'NdisSharedMemoryUsageReceivePostLookahead', space, buffers, bytes, L, why);
    return failed(post) ?? 'NDIS_STATUS_SUCCESS';
  }
  if (has('NdisSharedMemoryUsageReceive')) return 'NDIS_STATUS_SUCCESS';
  const why =
    queue.id === 0
      ? 'default queue buffers, allocated at MiniportInitializeEx'
      : ctx.ndisVersion >= 630
        ? 'Windows Server 2012+: every VMQ receive buffer comes from management-OS memory; the VSP copies into the VM'
        : 'no lookahead split requested: one buffer per frame in management-OS memory';
  const block = allocate(ctx, queue, 'NdisSharedMemoryUsageReceive', MANAGEMENT_OS, buffers, bytes, 0, why);
  return failed(block) ?? 'NDIS_STATUS_SUCCESS';
}

/** NdisFreeSharedMemory for every block of the queue. */
export function freeReceiveBuffers(ctx: Ctx, queue: QueueState): void {
  const s = ctx.s;
  for (const blockId of queue.blockIds) {
    const i = s.memory.findIndex((b) => b.blockId === blockId);
    if (i < 0) continue;
    const [block] = s.memory.splice(i, 1);
    ctx.emit({ kind: 'memory-freed', blockId, queueId: queue.id, space: block!.space });
  }
  queue.blockIds = [];
  queue.capacity = 0;
}

/** Where DMA puts a frame of `length` bytes that took ring slot `slot` (per-frame tracing only). */
export function dmaSegments(ctx: Ctx, queue: QueueState, slot: number, length: number): SharedMemorySegment[] {
  const blocks = queue.blockIds.map((id) => ctx.s.memory.find((b) => b.blockId === id)).filter((b) => b !== undefined);
  const [first, second] = blocks;
  if (!first) return [];
  if (!queue.split || !second)
    return [{ blockId: first.blockId, usage: first.usage, offset: slot * first.bufferStride, length }];
  const L = queue.params.LookaheadSize;
  // R38: two chained descriptors for every frame of a split queue, the second empty when the frame fits the lookahead.
  return [
    { blockId: first.blockId, usage: first.usage, offset: slot * first.bufferStride, length: Math.min(length, L) },
    {
      blockId: second.blockId,
      usage: second.usage,
      offset: slot * second.bufferStride + second.backfill,
      length: Math.max(0, length - L),
    },
  ];
}
