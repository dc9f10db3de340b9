/**
 * The glossary: every term in alphabetical order with its definition, its section of the reference and Microsoft's
 * page, and a search over names and definitions. A sheet along the right edge, like the reference viewer; Escape,
 * Close or a click beside it closes it, and focus returns to the header's Glossary button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { citationText } from '../reference/citations.ts';
import { LearnLink } from '../reference/LearnLink.tsx';
import { CitedText, RefLink } from '../reference/RefLink.tsx';
import { TextInput } from '../ui/formControls.tsx';
import { Button, sideSheet } from '../ui/primitives.tsx';
import { GLOSSARY, type ListedTerm, searchGlossary } from './glossaryList.ts';

export function GlossaryDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const titleId = useId();
  const found = searchGlossary(query);
  useEffect(() => {
    dialog.current?.showModal();
    // The sheet opens to be searched; its Close button is one Shift+Tab away.
    search.current?.focus();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby={titleId} data-testid="glossary" onClose={onClose} {...sideSheet('w-[34rem]')}>
      <div className="flex h-full flex-col">
        <header className="shrink-0 space-y-2 border-b border-slate-200 px-5 py-3">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Glossary
            </h2>
            <Button variant="quiet" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
          <TextInput
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Search names and definitions"
            aria-label="Search the glossary"
            className="w-full"
            ref={search}
            data-testid="glossary-search"
          />
          <p className="text-xs text-slate-500" aria-live="polite" data-testid="glossary-count">
            {found.length === GLOSSARY.length
              ? `${GLOSSARY.length} terms`
              : `${found.length} of ${GLOSSARY.length} terms`}
            , each with its section of the NDIS reference and, where there is one, Microsoft’s page.
          </p>
        </header>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 pt-2 pb-12">
          {found.length === 0 ? (
            <p className="py-4 text-sm text-slate-500">No term matches “{query.trim()}”.</p>
          ) : (
            <dl className="divide-y divide-slate-100">
              {found.map((term) => (
                <Entry key={term.id} term={term} />
              ))}
            </dl>
          )}
        </div>
      </div>
    </dialog>
  );
}

function Entry({ term }: { term: ListedTerm }) {
  return (
    <div className="py-3" data-testid="glossary-entry" data-term={term.id}>
      <dt className="text-sm font-semibold text-slate-900">{term.name}</dt>
      <dd className="mt-0.5 space-y-1 text-sm leading-relaxed text-slate-700">
        {term.aka.length > 0 && <p className="text-xs text-slate-500">also {term.aka.join(' · ')}</p>}
        <p>
          <CitedText text={term.definition} />
        </p>
        <p className="flex flex-wrap gap-x-4 text-xs">
          <RefLink target={term.section}>Reference {citationText(term.section)}</RefLink>
          {term.learn && <LearnLink page={term.learn}>Microsoft Learn</LearnLink>}
        </p>
      </dd>
    </div>
  );
}
