/** The answer to the request shown: NDIS_STATUS_PENDING first when the miniport pended it, then how it ended. */
import { useEffect, useRef } from 'react';
import { formatUs } from '../ui/format.ts';
import type { HistoryEntry } from '../store/consoleStore.ts';
import { OidResultView, StatusChip } from '../ndis/OidResultView.tsx';
import { useConsole } from './useConsole.ts';
import { Term } from '../glossary/Term.tsx';

export function OidAnswer() {
  const entry = useConsole((s) => s.history.find((e) => e.key === s.shownKey));
  const section = useRef<HTMLElement>(null);
  // A new answer below a long form would go unseen: the console's own scroll area brings its top into view
  // (instantly; motion adds nothing here). Only that area moves, never the page under the reader.
  const key = entry?.key;
  useEffect(() => {
    const answer = section.current;
    const area = answer?.closest<HTMLElement>('[data-testid="oid-console"]');
    if (key === undefined || !answer || !area) return;
    area.scrollTop += answer.getBoundingClientRect().top - area.getBoundingClientRect().top;
  }, [key]);
  return (
    <section ref={section} className="border-t border-slate-100 px-4 py-3" aria-live="polite" data-testid="oid-answer">
      <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Answer</h3>
      {entry ? (
        <EntryAnswer entry={entry} />
      ) : (
        <p className="text-sm text-slate-500">Send a request to see how NDIS and the miniport answer it.</p>
      )}
    </section>
  );
}

function EntryAnswer({ entry }: { entry: HistoryEntry }) {
  if (entry.error)
    return (
      <p className="text-sm text-rose-700" role="alert">
        Not sent: {entry.error}
      </p>
    );
  if (!entry.answer) return <p className="text-sm text-slate-500">Sending {entry.request.oid}…</p>;
  const pended = entry.answer.status === 'NDIS_STATUS_PENDING';
  return (
    <div className="space-y-2">
      <p className="font-mono text-xs text-slate-500">{entry.request.oid}</p>
      {entry.undone && (
        <p className="text-xs text-amber-800" data-testid="oid-undone">
          A step back undid this request: its effects are gone. Send it again from the history.
        </p>
      )}
      {pended && (
        <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="oid-pended">
          <StatusChip status="NDIS_STATUS_PENDING" />
          <span>
            returned by <span className="font-semibold">{entry.answer.layer}</span> at{' '}
            {formatUs(entry.answer.issuedAtNs)} µs:{' '}
            {entry.final ? (
              <>
                <Term id="pending">completed later</Term>, as below
              </>
            ) : (
              <>
                the request <Term id="pending">completes later</Term> (run time forward to see it)
              </>
            )}
          </span>
        </div>
      )}
      {entry.final && <OidResultView result={entry.final} pended={pended} />}
    </div>
  );
}
