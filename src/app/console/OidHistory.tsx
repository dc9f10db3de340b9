/** Every request sent from the console, newest first: click one to see its answer, load it into the form, or send it again. */
import { Button } from '../ui/primitives.tsx';
import type { HistoryEntry } from '../store/consoleStore.ts';
import { statusTone } from '../ndis/OidResultView.tsx';
import { useConsole, useConsoleStore } from './useConsole.ts';

export function OidHistory() {
  const history = useConsole((s) => s.history);
  const shownKey = useConsole((s) => s.shownKey);
  if (history.length === 0) return null;
  return (
    <section className="border-t border-slate-100 px-4 py-3" data-testid="oid-history">
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">History</h3>
      <ol className="space-y-1" reversed>
        {[...history].reverse().map((entry) => (
          <HistoryRow key={entry.key} entry={entry} shown={entry.key === shownKey} />
        ))}
      </ol>
    </section>
  );
}

function HistoryRow({ entry, shown }: { entry: HistoryEntry; shown: boolean }) {
  const store = useConsoleStore();
  const status = entry.final?.status ?? entry.answer?.status;
  return (
    <li
      className={`flex items-center gap-2 rounded px-1.5 py-1 text-xs ${shown ? 'bg-slate-100' : ''}`}
      data-testid="oid-history-entry"
      data-undone={entry.undone}
    >
      <button
        type="button"
        onClick={() => store.getState().show(entry.key)}
        title={entry.request.oid}
        className="min-w-0 flex-1 truncate text-left font-mono focus-visible:outline-2 focus-visible:outline-sky-600"
        aria-current={shown || undefined}
      >
        <span className="text-slate-600">{entry.answer ? `#${entry.answer.requestId} ` : ''}</span>
        <span className={entry.undone ? 'text-slate-500 line-through' : 'text-slate-800'}>{entry.request.oid}</span>
      </button>
      {status && (
        <span className={`shrink-0 rounded px-1 font-mono ring-1 ring-inset ${statusTone(status)}`}>{status}</span>
      )}
      {entry.undone && (
        <span
          className="shrink-0 text-slate-500"
          title="Step back went to before this request: the adapter no longer has its effect"
        >
          undone
        </span>
      )}
      {entry.error && <span className="shrink-0 text-rose-700">not sent</span>}
      <Button
        variant="quiet"
        className="h-6 px-1.5 text-xs"
        onClick={() => store.getState().load(entry.key)}
        aria-label={`Load request ${entry.key} into the form`}
      >
        Load
      </Button>
      <Button
        variant="quiet"
        className="h-6 px-1.5 text-xs"
        onClick={() => void store.getState().send(entry.request)}
        aria-label={`Resend request ${entry.key}`}
      >
        Resend
      </Button>
    </li>
  );
}
