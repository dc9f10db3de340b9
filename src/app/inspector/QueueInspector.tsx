/** One receive queue: its NDIS_RECEIVE_QUEUE_PARAMETERS, its state now and its state history, counters, filters and memory. */
import { useShallow } from 'zustand/react/shallow';
import { hex32, type DropReason, type QueueView } from '../../engine/index.ts';
import { cpuText, decodeField } from '../ndis/ndisFields.ts';
import { shortOperationalState } from '../ndis/ndisLabels.ts';
import { formatCount, formatUs } from '../ui/format.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { useTraceMemo } from '../side/useTrace.ts';
import { RequestLink, SelectLink } from './links.tsx';
import { Fields, Muted, Section } from '../ui/sections.tsx';
import { UserText } from '../ui/UserText.tsx';
import { queueHistory } from './queueHistory.ts';
import { Citations } from '../reference/RefLink.tsx';

const droppedRows = (dropped: Partial<Record<DropReason, number>>) =>
  Object.entries(dropped)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([reason, n]) => [`dropped: ${reason}`, formatCount(n ?? 0)] as const);

export function QueueInspector({ queueId }: { queueId: number }) {
  const queue = useSideStore((s) => s.view?.queues.find((q) => q.QueueId === queueId));
  const history = useTraceMemo((trace) => queueHistory(trace, queueId), [queueId]);
  return (
    <div data-testid="inspect-queue" data-queue-id={queueId}>
      <Section
        title={queueId === 0 ? 'Default queue' : `Queue ${queueId}`}
        aside={queue && <StateBadge queue={queue} />}
      >
        {queue ? (
          <Parameters queue={queue} />
        ) : (
          <Muted>
            QueueId {queueId} is not allocated now{history.length > 0 ? '; its last life is below.' : '.'}
          </Muted>
        )}
      </Section>
      {queue && <Counters queue={queue} />}
      {queue && <QueueFilters queue={queue} />}
      {queue && <QueueMemory queueId={queueId} />}
      <Section
        title="State history"
        aside={queueId === 0 ? 'the default queue is Running from MiniportInitializeEx to MiniportHaltEx' : undefined}
      >
        {history.length === 0 ? (
          <Muted>No state change in the trace.</Muted>
        ) : (
          <ol className="space-y-0.5 text-sm" data-testid="queue-history">
            {history.map((change) => (
              <li key={change.seq} className="grid grid-cols-[5.5rem_1fr] gap-2">
                <span className="text-right font-mono text-xs leading-5 tabular-nums text-slate-500">
                  {formatUs(change.t)} µs
                </span>
                <span>
                  {change.from} → <span className="font-medium">{change.to}</span>
                  <span className="text-xs text-slate-500">
                    {change.reportedFrom !== change.reported && ` (reported ${shortOperationalState(change.reported)})`}
                    {change.causeRequestId !== undefined && (
                      <>
                        {' '}
                        by <RequestLink requestId={change.causeRequestId} />
                      </>
                    )}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

function StateBadge({ queue }: { queue: QueueView }) {
  return (
    <span className="font-mono text-xs" data-testid="inspect-queue-state">
      <span className="font-semibold text-slate-800">{queue.state}</span>
      <span className="text-slate-500"> · {queue.reported}</span>
      {!queue.allocationComplete && <span className="text-amber-800"> · allocation not complete</span>}
    </span>
  );
}

function Parameters({ queue }: { queue: QueueView }) {
  const oid = 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS';
  return (
    <Fields
      rows={[
        ['QueueId', queue.QueueId],
        [
          'Flags',
          <>
            {hex32(queue.Flags)}{' '}
            <span className="text-xs text-teal-700">{decodeField(oid, ['Flags'], queue.Flags)}</span>
          </>,
        ],
        [
          'ProcessorAffinity',
          `Mask ${hex32(queue.ProcessorAffinity.Mask)} (${cpuText(queue.ProcessorAffinity.Mask)}), Group ${queue.ProcessorAffinity.Group}`,
        ],
        ['NumSuggestedReceiveBuffers', queue.NumSuggestedReceiveBuffers],
        ['MSIXTableEntry', queue.MSIXTableEntry],
        ['LookaheadSize', queue.LookaheadSize],
        ['VmName', queue.VmName ? <UserText key="VmName" text={queue.VmName} /> : '—'],
        ['QueueName', queue.QueueName ? <UserText key="QueueName" text={queue.QueueName} /> : '—'],
        ['PortId', queue.PortId],
        ['InterruptCoalescingDomainId', queue.InterruptCoalescingDomainId],
        ['allocated by', queue.owner ?? 'NDIS (at initialization)'],
        [
          'allocation complete',
          queue.allocationComplete ? 'yes' : 'no: OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE not yet',
        ],
        ['DPC on', `CPU ${queue.cpu}`],
      ]}
    />
  );
}

function Counters({ queue }: { queue: QueueView }) {
  const c = queue.counters;
  /** data-counter lets the end-to-end tests read each number next to the engine's own. */
  const count = (name: string, n: number) => <span data-counter={name}>{formatCount(n)}</span>;
  return (
    <Section title="Counters">
      <div data-testid="inspect-queue-counters">
        <Fields
          rows={[
            ['receive buffers', count('buffers', queue.buffers)],
            ['classified', count('classified', c.classified)],
            ['waiting for the DPC', count('pending', queue.pending)],
            ['indicated', count('indicated', c.indicated)],
            ['held by the overlying driver', count('outstandingNbls', queue.outstandingNbls)],
            ['returned', count('returned', c.returned)],
            ...droppedRows(c.dropped),
          ]}
        />
      </div>
    </Section>
  );
}

function QueueFilters({ queue }: { queue: QueueView }) {
  if (queue.filterIds.length === 0) {
    return (
      <Section title="Filters">
        <Muted>
          {queue.QueueId === 0 ? (
            'None: the default queue takes whatever no filter matched.'
          ) : (
            <Citations text="None: the queue receives nothing (R9)." />
          )}
        </Muted>
      </Section>
    );
  }
  return (
    <Section title="Filters">
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {queue.filterIds.map((id) => (
          <li key={id}>
            <SelectLink kind="filter" id={id}>
              FilterId {id}
            </SelectLink>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function QueueMemory({ queueId }: { queueId: number }) {
  const blocks = useSideStore(useShallow((s) => s.view?.memory.filter((b) => b.queueId === queueId) ?? []));
  if (blocks.length === 0)
    return (
      <Section title="Shared memory">
        <Muted>None yet: the miniport allocates it at QUEUE_ALLOCATION_COMPLETE.</Muted>
      </Section>
    );
  return (
    <Section title="Shared memory">
      <ul className="space-y-1 text-sm">
        {blocks.map((b) => (
          <li key={b.blockId}>
            <span className="font-mono text-xs">{b.usage}</span> in <span className="font-medium">{b.space}</span>{' '}
            space: {formatCount(b.length)} bytes at{' '}
            <span className="font-mono text-xs">0x{b.address.toString(16).toUpperCase()}</span>, {b.buffers} ×{' '}
            {b.bufferStride} B{b.backfill > 0 && `, backfill ${b.backfill} B`}
          </li>
        ))}
      </ul>
    </Section>
  );
}
