/**
 * Live conformance: every rule-violated event as it happens, with its rule number, the checker's finding, and the
 * rule as §12 states it with the sections that explain it. Selecting one shows the event in the inspector.
 */
import { useRovingFocus } from '../ui/useRovingFocus.ts';
import { Suspense } from 'react';
import { usePanel } from '../page/usePanel.ts';
import { Panel } from '../ui/primitives.tsx';
import { formatUs } from '../ui/format.ts';
import { useSide, useSideSelection } from '../side/SideProvider.tsx';
import { isSelected } from '../store/selection.ts';
import { violationsDigest, type Violation } from './violations.ts';
import { useDigest } from '../side/useTrace.ts';
import { CitedText, RefLink } from '../reference/RefLink.tsx';
import { lazyNamed, PartLoading } from '../ui/lazyPart.tsx';
import { Term } from '../glossary/Term.tsx';

// The rule table is large and only wanted once a rule is broken.
const RuleExplanation = lazyNamed(() => import('../ndis/RuleExplanation.tsx'), 'RuleExplanation');

export function ConformancePanel({ className = '' }: { className?: string }) {
  const found = useDigest(violationsDigest).value();
  const selected = useSideSelection((s) => s);

  const errors = found.filter((v) => v.severity === 'error').length;
  const summary =
    found.length === 0
      ? 'no rule broken'
      : `${errors} error${errors === 1 ? '' : 's'}, ${found.length - errors} warning${found.length - errors === 1 ? '' : 's'}`;
  const collapse = usePanel('conformance');
  const roving = useRovingFocus<HTMLOListElement>();
  return (
    <Panel
      title={<Term id="conformance-rule">Conformance</Term>}
      collapse={collapse}
      aside={<span data-testid="conformance-summary">{summary}</span>}
      className={className}
      data-testid="conformance"
    >
      {found.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-500">
          The checker watches every event against the rules of <RefLink target="12" /> (R1–R47). Nothing has broken one
          so far.
        </p>
      ) : (
        <ol ref={roving} className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto">
          {[...found].reverse().map((v) => (
            <ViolationRow key={v.seq} violation={v} selected={isSelected(selected, 'event', v.seq)} />
          ))}
        </ol>
      )}
    </Panel>
  );
}

function ViolationRow({ violation: v, selected }: { violation: Violation; selected: boolean }) {
  const { select } = useSide();
  const error = v.severity === 'error';
  return (
    <li
      className={`px-4 py-2.5 ${selected ? 'bg-amber-100/50' : ''}`}
      data-testid="conformance-violation"
      data-rule={v.rule}
    >
      <button
        type="button"
        tabIndex={-1}
        data-roving-key={`finding-${v.seq}`}
        onClick={() => select({ kind: 'event', id: v.seq })}
        className="block w-full text-left focus-visible:outline-2 focus-visible:outline-sky-600"
        aria-current={selected || undefined}
      >
        <span className="flex items-baseline gap-2">
          <span
            className={`rounded px-1.5 font-mono text-xs font-semibold ring-1 ring-inset ${error ? 'bg-rose-50 text-rose-800 ring-rose-200' : 'bg-amber-50 text-amber-900 ring-amber-200'}`}
          >
            {v.rule}
          </span>
          <span className="text-xs text-slate-500">
            {v.severity} at {formatUs(v.t)} µs{v.queueId !== undefined && ` · queue ${v.queueId}`}
            {v.requestId !== undefined && ` · request #${v.requestId}`}
          </span>
        </span>
        <span className="mt-1 block text-sm text-slate-800">
          {/* Plain: the whole row is a button, and a link cannot sit inside one. */}
          <CitedText text={v.message} cite={false} />
        </span>
      </button>
      <details className="mt-1.5" open={selected}>
        <summary className="cursor-pointer text-xs text-sky-700">the rule and where the reference explains it</summary>
        <div className="mt-1.5">
          <Suspense fallback={<PartLoading what="the rule" />}>
            <RuleExplanation rule={v.rule} />
          </Suspense>
        </div>
      </details>
    </li>
  );
}
