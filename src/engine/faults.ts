/**
 * Faults the emulator injects on request — from a scenario's `fault` step (docs/scenario-format.md) or the UI's
 * fault controls — so a design review can see how the stack behaves when things go wrong (§3.9, §5.5, §7, §9).
 * Each one changes the miniport's or the overlying driver's behaviour from the moment it is injected; none of them
 * bends a rule: what follows is what the reference documents for that situation, and the checker judges it as usual.
 */
import type { NdisStatusName, OidName } from './ndis/constants.ts';
import type { DurationNs, QueueId } from './types.ts';

export type Fault =
  /** The miniport refuses the next `count` requests of `oid` that reach it (NDIS validated them) with `status`;
   * `"always"` keeps refusing, `0` stops refusing. Layer `miniport`. */
  | { kind: 'refuse-oid'; oid: OidName; status: NdisStatusName; count: number | 'always' }
  /** The miniport pends every request of `oid` and completes it `delayNs` later (it replaces the OID's
   * `options.pendingOids` entry); `null` answers at once again. */
  | { kind: 'pend-oid'; oid: OidName; delayNs: DurationNs | null }
  /** `NdisAllocateSharedMemory` succeeds `afterBlocks` more times, then fails with `status` until the adapter is
   * halted — so a queue's allocation can fail part-way, after some of its blocks were allocated. */
  | { kind: 'shared-memory-exhausted'; afterBlocks: number; status: 'NDIS_STATUS_RESOURCES' | 'NDIS_STATUS_FAILURE' }
  /** The NIC is surprise-removed: no more frames arrive or are DMA'd, and the miniport answers requests with
   * `NDIS_STATUS_NOT_ACCEPTED` until NDIS halts it. */
  | { kind: 'surprise-removal' }
  /** The next DPC of queue `queueId` (`null`: of every queue) runs `delayNs` later than `options.dpcLatencyNs`. */
  | { kind: 'delay-dpc'; queueId: QueueId | null; delayNs: DurationNs }
  /** The overlying driver stops (`on: true`) or resumes (`on: false`) returning the NBLs of queue `queueId`
   * (`null`: of every queue): a guest that never returns its buffers. `returnNbls` still returns them. */
  | { kind: 'withhold-nbls'; queueId: QueueId | null; on: boolean }
  /** The overlying driver's return latency changes to `latencyNs` (`null`: NBLs come back only on request). */
  | { kind: 'return-latency'; latencyNs: DurationNs | null }
  /** Live migration of guest `vm` away from this host (§5.5): the VM pauses mid-I/O, the VSP returns every NBL it had
   * not returned, the owning binding clears the VM's filters and frees its queue through the normal OIDs, and
   * frames for the VM that still arrive fall back to the default queue. */
  | { kind: 'live-migration'; vm: string };

export type FaultKind = Fault['kind'];

/** Every fault kind, for the vocabularies that name them (the trace's `fault` fact, the UI). */
export const FAULT_KINDS: readonly FaultKind[] = [
  'refuse-oid',
  'pend-oid',
  'shared-memory-exhausted',
  'surprise-removal',
  'delay-dpc',
  'withhold-nbls',
  'return-latency',
  'live-migration',
];
