/**
 * Why the NIC discarded frames, in words, once for every view: `text` for a sentence (the trace's descriptions,
 * the CLI and the event log), `label` where room is short (the diagram's discard bin).
 */
import type { DropReason } from '../engine/index.ts';

export const DROP_REASON_WORDS: Readonly<Record<DropReason, { text: string; label: string }>> = {
  'no-free-buffer': { text: 'no free receive buffer', label: 'no free receive buffer' },
  'filters-cleared': { text: "flushed, the queue's last filter was cleared", label: 'flushed: last filter cleared' },
  'packet-filter': {
    text: 'no filter matched and the packet filter rejects it',
    label: 'rejected by packet filter',
  },
  'malformed-frame': { text: 'malformed frame', label: 'malformed frame' },
  'adapter-paused': { text: 'adapter paused', label: 'adapter paused' },
  'adapter-resetting': { text: 'adapter resetting', label: 'adapter resetting' },
  'adapter-halted': { text: 'adapter halted', label: 'adapter halted' },
  'adapter-removed': { text: 'adapter surprise-removed', label: 'adapter removed' },
};

/** Frames dropped for any reason, from the engine's per-reason counts. */
export const totalDropped = (dropped: Partial<Record<DropReason, number>>): number =>
  Object.values(dropped).reduce((sum, n) => sum + (n ?? 0), 0);
