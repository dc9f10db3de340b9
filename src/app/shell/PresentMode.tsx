/**
 * What present mode adds to the page (loaded only when it is on): the narration as a caption bar at the bottom, with
 * the scenario step and the clicker's keys, and a laser pointer that rings whatever part of a drawing the mouse is
 * over. The caption also says when the browser refused full screen, and how to get it anyway.
 */
import { useEffect, useRef } from 'react';
import { Citations } from '../reference/RefLink.tsx';
import { usePlayback } from '../side/usePlayback.ts';
import { useDigest } from '../side/useTrace.ts';
import { Button } from '../ui/primitives.tsx';
import { notesDigest } from './narration.ts';
import { useFullscreenNote } from './presentMode.ts';
import './present.css';

export function PresentOverlay() {
  return (
    <>
      <CaptionBar />
      <LaserPointer />
    </>
  );
}

const KEYS: readonly [string, string][] = [
  ['PgDn', 'next'],
  ['PgUp', 'back'],
  ['F', 'full screen'],
  ['Esc', 'leave'],
];

function CaptionBar() {
  const text = useDigest(notesDigest).value();
  const { stepIndex: step, stepCount: steps } = usePlayback();
  const refused = useFullscreenNote((s) => s.refused);
  const dismiss = useFullscreenNote((s) => s.dismiss);
  return (
    <section
      aria-label="Narration"
      className="present-caption fixed inset-x-0 bottom-0 z-40 border-t border-slate-700 bg-slate-900 text-slate-50 shadow-[0_-8px_24px_rgb(0_0_0/0.18)]"
      data-testid="caption-bar"
    >
      {refused && (
        <div
          role="alert"
          className="flex items-center justify-between gap-4 bg-amber-100 px-8 py-2 text-base text-amber-950"
          data-testid="fullscreen-refused"
        >
          <p>{refused}</p>
          <Button variant="quiet" className="shrink-0" onClick={dismiss}>
            Dismiss
          </Button>
        </div>
      )}
      <div className="flex items-center gap-8 px-8 py-4">
        <p className="shrink-0 font-mono text-base tabular-nums text-slate-300" data-testid="caption-step">
          step {step} / {steps}
        </p>
        <p
          dir="auto"
          className="min-h-[2lh] min-w-0 flex-1 text-2xl leading-snug [overflow-wrap:anywhere] [unicode-bidi:isolate] [&_a]:text-sky-300 [&_a]:decoration-sky-500"
          data-testid="caption"
        >
          {text ? <Citations text={text} /> : <span className="text-slate-400">PgDn steps through the story.</span>}
        </p>
        <ul className="hidden shrink-0 flex-col gap-0.5 text-sm text-slate-400 lg:flex" aria-label="Keys">
          {KEYS.map(([key, what]) => (
            <li key={key}>
              <kbd className="inline-block w-12 rounded bg-slate-800 px-1 text-center font-mono text-xs text-slate-200">
                {key}
              </kbd>{' '}
              {what}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The parts of a drawing the ring follows: the ones a viewer can select, and the ones a spec or reader names. */
const PART = '[data-testid="viz-stage"] svg [data-testid]';
const RING_PAD_PX = 6;

/** A laser pointer for the presenter's mouse. It never takes a click (pointer-events: none) and moves at most once
 * a frame. */
function LaserPointer() {
  const dot = useRef<HTMLDivElement>(null);
  const ring = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let pointer: { x: number; y: number; target: EventTarget | null } | null = null;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const [dotNode, ringNode] = [dot.current, ring.current];
      if (!dotNode || !ringNode) return;
      dotNode.style.opacity = pointer ? '1' : '0';
      if (pointer) dotNode.style.transform = `translate(${pointer.x}px, ${pointer.y}px)`;
      const part = pointer?.target instanceof Element ? pointer.target.closest(PART) : null;
      ringNode.style.opacity = part ? '1' : '0';
      ringNode.dataset['on'] = part?.getAttribute('data-testid') ?? '';
      if (!part) return;
      const box = part.getBoundingClientRect();
      ringNode.style.transform = `translate(${box.left - RING_PAD_PX}px, ${box.top - RING_PAD_PX}px)`;
      ringNode.style.width = `${box.width + 2 * RING_PAD_PX}px`;
      ringNode.style.height = `${box.height + 2 * RING_PAD_PX}px`;
    };
    const redraw = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const onMove = (event: PointerEvent) => {
      if (event.pointerType === 'touch') return;
      pointer = { x: event.clientX, y: event.clientY, target: event.target };
      redraw();
    };
    const onLeave = () => {
      pointer = null;
      redraw();
    };
    const root = document.documentElement;
    window.addEventListener('pointermove', onMove, { passive: true });
    root.addEventListener('pointerleave', onLeave);
    // The ring stays on its part while the page scrolls under a still mouse.
    window.addEventListener('scroll', redraw, { passive: true, capture: true });
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pointermove', onMove);
      root.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('scroll', redraw, { capture: true });
    };
  }, []);
  return (
    <div aria-hidden data-testid="laser-pointer">
      <div ref={ring} className="present-laser-ring" data-testid="laser-ring" />
      <div ref={dot} className="present-laser-dot" />
    </div>
  );
}
