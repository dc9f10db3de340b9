/**
 * Citations on screen: `RefLink` is the one way the app links to the reference, and `CitedText` shows a text
 * (an engine message, a rule, a scenario note) with its `code` spans set in code type and each "§3.9" or "R21"
 * in it turned into a RefLink.
 */
import { Fragment, type MouseEvent, type ReactNode } from 'react';
import { anchorId, citationText, citedRuns, type RefTarget } from './citations.ts';
import { openReference } from './referenceStore.ts';

export function RefLink({ target, children }: { target: RefTarget; children?: ReactNode }) {
  const open = (event: MouseEvent) => {
    // A modified click keeps its meaning (a new tab opens the page at the citation, see ReferenceDialog).
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    openReference(target);
  };
  return (
    <a
      href={`#${anchorId(target)}`}
      onClick={open}
      title={`Open ${citationText(target)} in the NDIS reference`}
      className="whitespace-nowrap text-sky-700 underline decoration-sky-300 decoration-1 underline-offset-2 hover:decoration-sky-700 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-sky-600"
      data-testid="ref-link"
      data-ref={target}
    >
      {children ?? citationText(target)}
    </a>
  );
}

/** Text with `code` spans; with `cite` (the default) its citations link to the reference. Off inside a button. */
export function CitedText({ text, cite = true }: { text: string; cite?: boolean }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code
            // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed string, by position (odd ones are code); they can repeat.
            key={i}
            className="font-mono text-[0.85em] text-slate-900"
          >
            {part}
          </code>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above, a piece of the string by position.
          <Fragment key={i}>{cite ? <Citations text={part} /> : part}</Fragment>
        ),
      )}
    </>
  );
}

/** Plain text whose citations link to the reference. */
export function Citations({ text }: { text: string }) {
  return (
    <>
      {citedRuns(text).map((run, i) =>
        run.kind === 'cite' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed string, by position; a citation can repeat.
          <RefLink key={i} target={run.target}>
            {run.text}
          </RefLink>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Fragment key={i}>{run.text}</Fragment>
        ),
      )}
    </>
  );
}
