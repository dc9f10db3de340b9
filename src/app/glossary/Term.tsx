/**
 * A glossary term on screen. The text it wraps gets a dotted underline and becomes focusable; its tip (the term's
 * definition, its section of the reference, Microsoft's page) opens when the pointer rests on it, on keyboard focus,
 * or on a click or tap, and stays while the pointer or the focus is on the term or the tip, so its links can be
 * reached. Escape closes it. The tip and every definition load with the first tip opened (TermTip.tsx), not with the
 * page (bench P4).
 */
import { Suspense, useEffect, useId, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { lazyNamed } from '../ui/lazyPart.tsx';
import type { TermId } from './terms.ts';

const TermTip = lazyNamed(() => import('./TermTip.tsx'), 'TermTip');

/** A pointer crossing a panel opens nothing: it must rest this long. */
const OPEN_AFTER_MS = 350;
/** Leaving closes the tip only after this long: time to move from the term onto the tip's links. */
const CLOSE_AFTER_MS = 200;

export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const descriptionId = useId();

  const openNow = (next: boolean) => {
    clearTimeout(timer.current);
    setOpen(next);
  };
  const openLater = (next: boolean, ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOpen(next), ms);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    if (!open) return;
    // On the window, before the page's own shortcuts: this Escape closes the tip and clears no selection.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      if (wrapper.current?.contains(document.activeElement)) trigger.current?.focus();
      clearTimeout(timer.current);
      setOpen(false);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [open]);

  /** Keyboard focus on the term or in its tip keeps the tip open when the pointer leaves. */
  const keyboardInside = () => {
    const focused = document.activeElement;
    return !!focused && !!wrapper.current?.contains(focused) && focused.matches(':focus-visible');
  };
  const byMouse = (event: PointerEvent) => event.pointerType !== 'touch';

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the span only hears what happens on its button and its tip (hover and focus moving between them); the button is what a keyboard reaches.
    <span
      ref={wrapper}
      onPointerEnter={(event) => byMouse(event) && (open ? openNow(true) : openLater(true, OPEN_AFTER_MS))}
      onPointerLeave={(event) => byMouse(event) && !keyboardInside() && openLater(false, CLOSE_AFTER_MS)}
      onFocus={(event) => {
        // A click focuses the term too; only keyboard focus opens the tip by itself.
        if (event.target.matches(':focus-visible')) openNow(true);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) openNow(false);
      }}
    >
      <button
        ref={trigger}
        type="button"
        onClick={() => openNow(true)}
        aria-describedby={open ? descriptionId : undefined}
        // At least 24 px tall to aim at (WCAG 2.5.8), however small its type, without moving the text around it: the
        // padding that makes up the height is taken back by a negative margin.
        className="-my-[max(0px,calc(12px-0.5lh))] cursor-help rounded-sm py-[max(0px,calc(12px-0.5lh))] underline decoration-slate-400 decoration-dotted decoration-1 underline-offset-[3px] hover:decoration-slate-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600"
        data-testid="term"
        data-term={id}
      >
        {children}
      </button>
      {open && (
        <Suspense fallback={null}>
          <TermTip
            id={id}
            anchor={trigger}
            descriptionId={descriptionId}
            onReference={() => {
              // The reference returns the focus to what had it when it opened: the term, not the closed tip.
              trigger.current?.focus({ preventScroll: true });
              openNow(false);
            }}
          />
        </Suspense>
      )}
    </span>
  );
}

/** A term as the name of a row in a list of rows (ui/sections.tsx `Fields`), keyed as an element of a list must be. */
export const termLabel = (id: TermId, text: string) => (
  <Term key={id} id={id}>
    {text}
  </Term>
);
