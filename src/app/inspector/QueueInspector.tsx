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
import { Term, termLabel } from '../glossary/Term.tsx';
import { QUEUE_STATE_TERM } from '../glossary/queueStateTerm.ts';

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
        title={
          queueId === 0 ? (
            <Term id="default-queue">Default queue</Term>
          ) : (
            <>
              <Term id="vm-queue">Queue</Term> {queueId}
            </>
          )
        }
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
      <span className="font-semibold text-slate-800">
        <Term id={QUEUE_STATE_TERM[queue.state]}>{queue.state}</Term>
      </span>
      <span className="text-slate-500">
        {' · '}
        <Term id="reported-state">{queue.reported}</Term>
      </span>
      {!queue.allocationComplete && (
        <span className="text-amber-800">
          {' · '}
          <Term id="allocation-complete">allocation not complete</Term>
        </span>
      )}
    </span>
  );
}

function Parameters({ queue }: { queue: QueueView }) {
  const oid = 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS';
  return (
    <Fields
      rows={[
        [termLabel('queue-id', 'QueueId'), queue.QueueId],
        [
          'Flags',
          <>
            {hex32(queue.Flags)}{' '}
            <span className="text-xs text-teal-700">{decodeField(oid, ['Flags'], queue.Flags)}</span>
          </>,
        ],
        [
          termLabel('processor-affinity', 'ProcessorAffinity'),
          `Mask ${hex32(queue.ProcessorAffinity.Mask)} (${cpuText(queue.ProcessorAffinity.Mask)}), Group ${queue.ProcessorAffinity.Group}`,
        ],
        ['NumSuggestedReceiveBuffers', queue.NumSuggestedReceiveBuffers],
        [termLabel('msi-x', 'MSIXTableEntry'), queue.MSIXTableEntry],
        [termLabel('lookahead-size', 'LookaheadSize'), queue.LookaheadSize],
        ['VmName', queue.VmName ? <UserText key="VmName" text={queue.VmName} /> : '—'],
        ['QueueName', queue.QueueName ? <UserText key="QueueName" text={queue.QueueName} /> : '—'],
        ['PortId', queue.PortId],
        ['InterruptCoalescingDomainId', queue.InterruptCoalescingDomainId],
        [termLabel('binding', 'allocated by'), queue.owner ?? 'NDIS (at initialization)'],
        [
          termLabel('allocation-complete', 'allocation complete'),
          queue.allocationComplete ? 'yes' : 'no: OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE not yet',
        ],
        [termLabel('dpc', 'DPC on'), `CPU ${queue.cpu}`],
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
            [termLabel('shared-memory', 'receive buffers'), count('buffers', queue.buffers)],
            ['classified', count('classified', c.classified)],
            [termLabel('dpc', 'waiting for the DPC'), count('pending', queue.pending)],
            [termLabel('receive-indication', 'indicated'), count('indicated', c.indicated)],
            [
              termLabel('overlying-driver', 'held by the overlying driver'),
              count('outstandingNbls', queue.outstandingNbls),
            ],
            [termLabel('return', 'returned'), count('returned', c.returned)],
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
      <Section title={<Term id="filter">Filters</Term>}>
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
    <Section title={<Term id="filter">Filters</Term>}>
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
      <Section title={<Term id="shared-memory">Shared memory</Term>}>
        <Muted>None yet: the miniport allocates it at QUEUE_ALLOCATION_COMPLETE.</Muted>
      </Section>
    );
  return (
    <Section title={<Term id="shared-memory">Shared memory</Term>}>
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
