/** What the scenario expects and whether it held, from the runner's report (rule findings are in the conformance panel). */
import type { ExpectationResult, ScenarioReport } from '../../scenario/session.ts';
import { usePanel } from '../page/usePanel.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { Panel } from '../ui/primitives.tsx';
// Labels and details are our sentences quoting the scenario's names and values: controls shown, not obeyed.
import { visibleControls } from '../ui/plainText.ts';

function summary(report: ScenarioReport): string {
  const failed = report.expectations.filter((e) => !e.ok).length;
  const held = report.expectations.length - failed;
  const parts = [`${held} held`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (report.waiting.length > 0) parts.push(`${report.waiting.length} waiting`);
  return parts.join(' · ');
}

export function ExpectationPanel() {
  const report = useSideStore((s) => s.report);
  // Rule violations have their own panel (Live conformance); this one lists only the scenario's expectations.
  const checked = report !== null && (report.expectations.length > 0 || report.waiting.length > 0);
  const collapse = usePanel('expectations');
  return (
    <Panel
      title="Expectations"
      collapse={collapse}
      aside={report && <span data-testid="expectation-summary">{summary(report)}</span>}
      className="min-h-48 flex-1"
      data-testid="expectation-panel"
    >
      {!checked ? (
        <p className="px-4 py-6 text-sm text-slate-500">Nothing checked yet.</p>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-slate-50 overflow-y-auto text-sm">
          {report.expectations.map((e) => (
            // A step records at most one result of each kind (its OID check, its expect, or its error).
            <ExpectationRow key={`${e.stepIndex}-${e.kind}`} result={e} />
          ))}
          {report.waiting.map((w) => (
            <li key={`w${w.requestId}`} className="flex gap-3 px-4 py-2" data-testid="expectation" data-ok="waiting">
              <span className="w-4 shrink-0 text-center text-slate-500" role="img" aria-label="waiting">
                …
              </span>
              <div className="min-w-0">
                <p className="text-slate-800 [overflow-wrap:anywhere]">{visibleControls(w.label)}</p>
                <p className="text-xs text-slate-500">request #{w.requestId} is still pending</p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function ExpectationRow({ result: e }: { result: ExpectationResult }) {
  return (
    <li className="flex gap-3 px-4 py-2" data-testid="expectation" data-ok={e.ok}>
      <span
        className={`w-4 shrink-0 text-center font-semibold ${e.ok ? 'text-emerald-600' : 'text-rose-600'}`}
        role="img"
        aria-label={e.ok ? 'held' : 'failed'}
      >
        {e.ok ? '✓' : '✗'}
      </span>
      <div className="min-w-0">
        <p className="text-slate-800 [overflow-wrap:anywhere]">
          <span className="mr-1.5 text-xs text-slate-500">step {e.stepIndex + 1}</span>
          {visibleControls(e.label)}
        </p>
        <p className={`text-xs [overflow-wrap:anywhere] ${e.ok ? 'text-slate-500' : 'text-rose-700'}`}>
          {visibleControls(e.detail)}
        </p>
      </div>
    </li>
  );
}
