/** A queue picker for the fault controls: the queues the AdapterView reports, or every queue. */
import { asQueueId, type QueueId, type QueueView } from '../../engine/index.ts';
import { Select } from '../ui/formControls.tsx';
import { plural } from '../ui/format.ts';

/** A queue's name on the picker: its QueueId, whose it is and, given `nbls`, the NBLs the overlying driver holds. */
function queueLabel(q: QueueView, nbls: boolean): string {
  const who = q.QueueId === 0 ? 'default queue' : q.VmName || q.QueueName || q.owner || 'VM queue';
  return `QueueId ${q.QueueId} · ${who}${nbls ? ` · ${plural(q.outstandingNbls, 'NBL')} held` : ''}`;
}

export function QueueSelect({
  id,
  queues,
  value,
  onChange,
  every = true,
  nbls = false,
}: {
  id: string;
  queues: readonly QueueView[];
  value: QueueId | null;
  onChange: (queueId: QueueId | null) => void;
  /** Offers "every queue" (null). */
  every?: boolean;
  /** Shows each queue's outstanding NBLs. */
  nbls?: boolean;
}) {
  return (
    <Select
      id={id}
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(e.target.value === '' ? null : asQueueId(Number(e.target.value)))}
    >
      {every && <option value="">every queue</option>}
      {queues.map((q) => (
        <option key={q.QueueId} value={q.QueueId}>
          {queueLabel(q, nbls)}
        </option>
      ))}
    </Select>
  );
}

/** `chosen` if the picker still offers it, else the first queue offered (or every queue, null). */
export const stillOffered = (chosen: QueueId | null, queues: readonly QueueView[], every: boolean): QueueId | null =>
  (chosen === null && every) || queues.some((q) => q.QueueId === chosen) ? chosen : (queues[0]?.QueueId ?? null);
