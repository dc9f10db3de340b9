/**
 * The reference viewer: docs/ndis-reference.md in a side panel over the page, opened at the cited section or rule,
 * with Microsoft's own page for it where there is one. Loaded only when a citation is first opened (the document
 * is the one large text the app carries). Escape, Close or a click beside the panel closes it, and focus returns to
 * the citation.
 */
import { useEffect, useMemo, useRef } from 'react';
import markdown from '../../../docs/ndis-reference.md?raw';
import { Button, sideSheet } from '../ui/primitives.tsx';
import { ruleById } from '../ndis/conformanceRules.ts';
import { anchorId, citationText, isRule, type RefTarget } from './citations.ts';
import { learnPagesFor } from './learnPages.ts';
import { LearnLink } from './LearnLink.tsx';
import { RefLink } from './RefLink.tsx';
import { ReferenceDocument } from './ReferenceDocument.tsx';
import { readReference } from './referenceDoc.ts';
import { referenceStore, useReferenceTarget } from './referenceStore.ts';

const doc = readReference(markdown);

/** The top-level sections, for the contents list. */
const CHAPTERS = [...doc.titles].filter(([target]) => !isRule(target) && !target.includes('.'));

export default function ReferenceViewer() {
  const target = useReferenceTarget();
  const dialog = useRef<HTMLDialogElement>(null);
  // Keep showing the last target while the panel closes, instead of an empty header.
  const shown = useRef<RefTarget>('0');
  if (target !== null) shown.current = target;

  useEffect(() => {
    const panel = dialog.current;
    if (!panel) return;
    if (target === null) {
      if (panel.open) panel.close();
      return;
    }
    if (!panel.open) panel.showModal();
    const cited = document.getElementById(anchorId(target));
    cited?.scrollIntoView({ block: 'start' });
    cited?.focus({ preventScroll: true });
  }, [target]);

  const current = shown.current;
  const known = doc.titles.has(current);
  const body = useMemo(() => <ReferenceDocument doc={doc} current={current} />, [current]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="reference-title"
      data-testid="reference-viewer"
      data-target={target ?? undefined}
      onClose={() => referenceStore.getState().close()}
      {...sideSheet('w-[46rem]')}
    >
      <div className="flex h-full flex-col">
        <header className="shrink-0 border-b border-slate-200 px-5 pt-3 pb-3">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <p className="text-xs text-slate-500">
                <span className="font-medium tracking-wide uppercase">NDIS reference</span> ·{' '}
                <span className="font-mono">docs/ndis-reference.md</span>
              </p>
              <h2 id="reference-title" className="mt-0.5 text-base font-semibold text-slate-900">
                <span className="mr-2 font-mono">{citationText(current)}</span>
                {known ? doc.titles.get(current) : 'is not a section or rule of the reference'}
              </h2>
            </div>
            <Button variant="quiet" onClick={() => dialog.current?.close()} data-testid="reference-close">
              Close
            </Button>
          </div>
          <TargetLinks target={current} />
          <details className="mt-2 text-xs" data-testid="reference-contents">
            <summary className="cursor-pointer text-slate-600">Contents</summary>
            <ol className="mt-1.5 grid grid-cols-2 gap-x-4 gap-y-0.5">
              {CHAPTERS.map(([chapter, title]) => (
                <li key={chapter} className="truncate">
                  <RefLink target={chapter} /> <span className="text-slate-600">{title}</span>
                </li>
              ))}
            </ol>
          </details>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-6 pt-4 pb-16" data-testid="reference-body">
          {body}
        </div>
      </div>
    </dialog>
  );
}

/** For a rule, the sections that explain it; for both, Microsoft's pages. */
function TargetLinks({ target }: { target: RefTarget }) {
  const sections = isRule(target) ? (ruleById(target)?.sections ?? []) : [];
  const pages = learnPagesFor(target);
  if (sections.length === 0 && pages.length === 0) return null;
  return (
    <div className="mt-2 space-y-1 text-xs text-slate-600">
      {sections.length > 0 && (
        <p>
          Explained in{' '}
          {sections.map((section, i) => (
            <span key={section}>
              {i > 0 && ', '}
              <RefLink target={section} /> {doc.titles.get(section)}
            </span>
          ))}
        </p>
      )}
      {pages.length > 0 && (
        <p data-testid="reference-learn">
          View on Microsoft Learn:{' '}
          {pages.map((page, i) => (
            <span key={page.path}>
              {i > 0 && ' · '}
              <LearnLink page={page} />
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
