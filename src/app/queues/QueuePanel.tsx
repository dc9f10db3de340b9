/** The adapter's receive queues at the current virtual time, from the batch's AdapterView, and the NBLs the overlying
 * driver holds on each, which it can give back from here (NdisReturnNetBufferLists). */
import { totalDropped } from '../../scenario/dropReasons.ts';
import { usePanel } from '../page/usePanel.ts';
import { shortOperationalState } from '../ndis/ndisLabels.ts';
import { useSide, useSideStore } from '../side/SideProvider.tsx';
import { formatCount, formatNdisVersion, plural } from '../ui/format.ts';
import { Button, Panel } from '../ui/primitives.tsx';
import { usePageStore } from '../page/PageProvider.tsx';
import { toolAllowed } from '../page/lessons.ts';
import type { QueueView } from '../../engine/index.ts';
import { Term, termLabel } from '../glossary/Term.tsx';
import type { TermId } from '../glossary/terms.ts';
import { QUEUE_STATE_TERM } from '../glossary/queueStateTerm.ts';
import type { ReactNode } from 'react';

const stateTone: Record<QueueView['state'], string> = {
  Undefined: 'bg-slate-100 text-slate-600',
  Allocated: 'bg-sky-50 text-sky-800 ring-sky-200',
  Set: 'bg-sky-50 text-sky-800 ring-sky-200',
  Running: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  Paused: 'bg-amber-50 text-amber-800 ring-amber-200',
  StopDma: 'bg-amber-50 text-amber-800 ring-amber-200',
  Freeing: 'bg-rose-50 text-rose-800 ring-rose-200',
};

export function QueuePanel() {
  const view = useSideStore((s) => s.view);
  const queues = view?.queues ?? [];
  const collapse = usePanel('queues');
  return (
    <Panel
      title={<Term id="vm-queue">Receive queues</Term>}
      collapse={collapse}
      aside={
        view && (
          <span data-testid="adapter-state">
            adapter {view.state} · NDIS {formatNdisVersion(view.ndisVersion)} · {view.profile}
          </span>
        )
      }
      className="shrink-0"
      data-testid="queue-panel"
    >
      {queues.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500">No queues yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {queues.map((q, i) => (
            <QueueSummary key={q.QueueId} queue={q} glossed={i === 0} />
          ))}
        </ul>
      )}
      {view && (
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-500" data-testid="adapter-totals">
          arrived {formatCount(view.totals.arrived)} · indicated {formatCount(view.totals.indicated)} · returned{' '}
          {formatCount(view.totals.returned)} · dropped {formatCount(totalDropped(view.totals.dropped))} · in flight{' '}
          {formatCount(view.totals.inFlight)}
        </p>
      )}
    </Panel>
  );
}

/** `glossed`: the row's labels are glossary terms. Only the first row's are: the rows below repeat the same words. */
function QueueSummary({ queue: q, glossed }: { queue: QueueView; glossed: boolean }) {
  const term = (id: TermId, text: string) => (glossed ? termLabel(id, text) : text);
  const dropped = totalDropped(q.counters.dropped);
  const who = q.QueueId === 0 ? 'default queue' : q.VmName || q.QueueName || q.owner || 'VM queue';
  const reported = shortOperationalState(q.reported);
  return (
    <li className="px-4 py-2.5" data-testid="queue-row" data-queue-id={q.QueueId}>
      <div className="flex items-baseline gap-2 text-sm">
        <span className="shrink-0 whitespace-nowrap font-mono font-semibold tabular-nums text-slate-900">
          {term('queue-id', 'QueueId')} {q.QueueId}
        </span>
        <span className="min-w-0 truncate text-slate-600" title={who}>
          {who} · CPU {q.cpu}
        </span>
        <span className="ml-auto flex shrink-0 items-baseline gap-1.5 whitespace-nowrap">
          <span
            className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${stateTone[q.state]}`}
            data-testid="queue-state"
          >
            <Term id={QUEUE_STATE_TERM[q.state]}>{q.state}</Term>
          </span>
          <span className="text-xs text-slate-500" title={q.reported}>
            {term('reported-state', 'reported')} {reported}
            {!q.allocationComplete && (
              <>
                {' · '}
                <Term id="allocation-complete">allocation not complete</Term>
              </>
            )}
          </span>
        </span>
      </div>
      <dl className="mt-1.5 grid grid-cols-4 gap-x-4 gap-y-2.5 text-xs">
        <Counter label={term('shared-memory', 'buffers')} value={q.buffers} />
        <Counter label={term('dpc', 'pending DPC')} value={q.pending} />
        <Counter label={term('nbl', 'NBLs held')} value={q.outstandingNbls} />
        <Counter label={term('filter', 'filters')} value={q.filterIds.length} />
        <Counter label="classified" value={q.counters.classified} />
        <Counter label={term('receive-indication', 'indicated')} value={q.counters.indicated} />
        <Counter label={term('return', 'returned')} value={q.counters.returned} />
        <Counter label={term('discard', 'dropped')} value={dropped} alert={dropped > 0} />
      </dl>
      {q.outstandingNbls > 0 && <ReturnNbls queue={q} />}
    </li>
  );
}

/** Gives back NBLs the overlying driver holds on the queue, as vmswitch does once a VM has read them. A lesson that
 * leaves out the OID console leaves this out too: both are the overlying driver's part. */
function ReturnNbls({ queue: q }: { queue: QueueView }) {
  const { act } = useSide();
  const allowed = usePageStore((s) => toolAllowed(s.loaded, 'console'));
  if (!allowed) return null;
  const give = (count: number | 'all') => act((client) => client.returnNbls(q.QueueId, count));
  return (
    <p className="mt-1.5 flex items-center gap-2 text-xs text-slate-600" data-testid="return-nbls">
      <span className="mr-auto">
        vmswitch holds {plural(q.outstandingNbls, 'NBL')}: return them with NdisReturnNetBufferLists
      </span>
      <Button className="h-6 px-2 text-xs" onClick={() => give(1)} data-testid="return-one">
        Return 1
      </Button>
      <Button className="h-6 px-2 text-xs" onClick={() => give('all')} data-testid="return-all">
        Return all
      </Button>
    </p>
  );
}

function Counter({ label, value, alert = false }: { label: ReactNode; value: number; alert?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`font-mono tabular-nums ${alert ? 'font-semibold text-rose-700' : 'text-slate-800'}`}>
        {formatCount(value)}
      </dd>
    </div>
  );
}
