/**
 * "Describe this moment" (the D key): the whole adapter as the engine reports it now, in sentences a screen reader
 * reads in one go — the time and profile, every queue with its states, CPU, filters, buffers and counters, the
 * requests still pending, the drops, and the shared memory by address space.
 */
import { type AdapterView, MANAGEMENT_OS } from '../../engine/index.ts';
import { DROP_REASON_WORDS } from '../../scenario/dropReasons.ts';
import { formatNdisVersion, formatUs } from '../ui/format.ts';
import type { OidFact } from '../viz/traceDigest.ts';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function describeMoment(view: AdapterView, pending: readonly OidFact[]): string {
  const lines: string[] = [
    `At ${formatUs(view.nowNs)} µs: ${view.profile}, NDIS ${formatNdisVersion(view.ndisVersion)}, adapter ${view.state}, ${plural(view.queues.length, 'queue')}.`,
  ];
  for (const q of view.queues) {
    const name = q.QueueId === 0 ? 'Default queue' : `Queue ${q.QueueId}${q.VmName ? `, ${q.VmName}` : ''}`;
    const free = q.buffers - q.pending - q.outstandingNbls;
    lines.push(
      `${name}: ${q.reported} (detailed ${q.state}) on CPU ${q.cpu}; ${q.filterIds.length ? `filters ${q.filterIds.join(', ')}` : 'no filter'}; ${q.buffers} buffers, ${q.pending} awaiting the DPC, ${q.outstandingNbls} held, ${free} free; ${q.counters.classified} classified, ${q.counters.indicated} indicated.`,
    );
  }
  if (pending.length)
    lines.push(`Pending: ${pending.map((r) => `${r.oid} #${r.requestId}`).join(', ')} (NDIS_STATUS_PENDING).`);
  const drops = Object.entries(view.totals.dropped).filter(([, n]) => (n ?? 0) > 0);
  lines.push(
    drops.length
      ? `Dropped: ${drops.map(([reason, n]) => `${n} ${DROP_REASON_WORDS[reason as keyof typeof DROP_REASON_WORDS].text}`).join(', ')}.`
      : 'Nothing dropped.',
  );
  const spaces = view.addressSpaces.map((space) => {
    const blocks = view.memory.filter((b) => b.space === space);
    const bytes = blocks.reduce((sum, b) => sum + b.length, 0);
    return `${space === MANAGEMENT_OS ? 'management OS' : space} ${plural(blocks.length, 'block')} (${Math.round(bytes / 1024)} KB)`;
  });
  if (spaces.length) lines.push(`Shared memory: ${spaces.join('; ')}.`);
  return lines.join(' ');
}
