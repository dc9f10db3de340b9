/**
 * What a block's place means for security (§7.5 of the reference), one sentence per case, shown next to the
 * miniport's own `why` for the block. The threat throughout: a VM can read and modify any memory of its own.
 */
import { MANAGEMENT_OS, type SharedMemoryUsageName } from '../../engine/index.ts';

export function placementNote(usage: SharedMemoryUsageName, space: string, queueId: number): string {
  const inHost = space === MANAGEMENT_OS;
  if (queueId === 0)
    return "The default queue is the host's own: its buffers are management-OS memory, and the switch forwards each frame in software.";
  switch (usage) {
    case 'NdisSharedMemoryUsageReceiveLookahead':
      return 'Header exposure (§7.5): the switch and host filter drivers inspect these first bytes, so they stay in host memory where the VM cannot read or change them before the check.';
    case 'NdisSharedMemoryUsageReceivePostLookahead':
      return inHost
        ? "VLAN bypass (§7.5): without a MAC+VLAN filter the NIC could DMA other VLANs' frames here, so the VSP serves host memory and copies into the VM."
        : 'The VM can read and write this memory. It only ever receives frames the NIC matched on MAC and VLAN before DMA (§7.5, VLAN bypass); the backfill in front of each buffer takes the lookahead bytes so the VM gets one contiguous frame.';
    default:
      return inHost
        ? 'Windows Server 2012+: every receive buffer is host memory and the VSP copies each frame into the VM, so the VM never sees a frame the switch has not checked, and no split is needed.'
        : 'This buffer is guest memory: the VM can read and modify it.';
  }
}

/** "NdisSharedMemoryUsageReceivePostLookahead" → "ReceivePostLookahead". */
export const shortUsage = (usage: SharedMemoryUsageName): string => usage.replace(/^NdisSharedMemoryUsage/, '');
