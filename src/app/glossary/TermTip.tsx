/**
 * The tip of a glossary term (Term.tsx): its name, its definition, and links to its section of the reference and to
 * Microsoft's page. It is a popover, so it sits in the top layer and no panel's scrolling or overflow clips it,
 * while it stays in the page's order right after its term: Tab goes from the term into the tip's links.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import { citationText } from '../reference/citations.ts';
import { LearnLink } from '../reference/LearnLink.tsx';
import { CitedText, RefLink } from '../reference/RefLink.tsx';
import { TERMS, type GlossaryTerm, type TermId } from './terms.ts';

/** Pixels between the term and its tip, and the least the tip keeps from the window's edges. */
const GAP = 6;
const MARGIN = 8;

/** Below the term where it fits, else above; inside the window sideways. */
function place(tip: HTMLElement, term: HTMLElement) {
  const at = term.getBoundingClientRect();
  const { clientWidth, clientHeight } = document.documentElement;
  const below = at.bottom + GAP;
  const above = at.top - GAP - tip.offsetHeight;
  const top = below + tip.offsetHeight <= clientHeight - MARGIN || above < MARGIN ? below : above;
  const left = Math.max(MARGIN, Math.min(at.left, clientWidth - tip.offsetWidth - MARGIN));
  tip.style.top = `${top}px`;
  tip.style.left = `${left}px`;
}

export function TermTip({
  id,
  anchor,
  descriptionId,
  onReference,
}: {
  id: TermId;
  anchor: RefObject<HTMLElement | null>;
  /** The id of the definition, which the term names as its description. */
  descriptionId: string;
  /** A link to the reference was followed: the viewer is opening over the page. */
  onReference(): void;
}) {
  const term: GlossaryTerm = TERMS[id];
  const tip = useRef<HTMLSpanElement>(null);

  useLayoutEffect(() => {
    const element = tip.current;
    const target = anchor.current;
    if (!element || !target) return;
    element.showPopover();
    const follow = () => place(element, target);
    follow();
    // The tip is fixed to the window, so it follows its term when the page or a panel scrolls.
    window.addEventListener('scroll', follow, { capture: true, passive: true });
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, { capture: true });
      window.removeEventListener('resize', follow);
    };
  }, [anchor]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: it hears the clicks of the links inside it, and Enter on a link is a click too.
    <span
      ref={tip}
      popover="manual"
      role="tooltip"
      onClick={(event) => {
        // After the link's own handler, which opened the reference in the page (and kept the browser from following
        // the link); a modified click opens a new tab instead. Closing sooner would unmount the link before that.
        if (event.defaultPrevented && (event.target as Element).closest('[data-testid="ref-link"]')) onReference();
      }}
      // Inherits nothing from where the term sits (a mono label, an uppercase heading, a bold badge).
      className="inset-auto m-0 block w-80 max-w-[calc(100vw-1rem)] rounded-md border border-slate-300 bg-white p-3 text-left font-sans text-xs leading-relaxed font-normal tracking-normal whitespace-normal text-slate-700 normal-case not-italic shadow-lg"
      data-testid="term-tip"
      data-term={id}
    >
      <span className="block text-sm font-semibold text-slate-900">{term.name}</span>
      <span id={descriptionId} className="mt-1 block" data-testid="term-definition">
        <CitedText text={term.definition} />
      </span>
      <span className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        <RefLink target={term.section}>Reference {citationText(term.section)}</RefLink>
        {term.learn && <LearnLink page={term.learn}>Microsoft Learn</LearnLink>}
      </span>
    </span>
  );
}
