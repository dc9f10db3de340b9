/**
 * The embedded player (`?embed=1`, page/presentation.ts): for an <iframe> on a slide or in a document. Only the
 * drawing (the adapter diagram, or the memory map with `&view=memory`) of every side, fitted whole to the frame
 * whatever its size, and one line under it: play/pause, step, back, where the story is, and the narration. No header,
 * no dock; "Open" leads to the whole playground at the same moment.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { AdapterDiagram } from './diagram/AdapterDiagram.tsx';
import { MemoryMap } from './memory/MemoryMap.tsx';
import { useDrive, usePage, usePageStore } from './page/PageProvider.tsx';
import { LINK_PARAMS } from './page/shareLink.ts';
import { Citations } from './reference/RefLink.tsx';
import { notesDigest } from './shell/narration.ts';
import { focusKind, shortcutFor, type ShortcutAction } from './shell/shortcuts.ts';
import type { Drive } from './page/drive.ts';
import { SideProvider, useSideStore } from './side/SideProvider.tsx';
import { usePlayback } from './side/usePlayback.ts';
import { useDigest } from './side/useTrace.ts';
import { MIN_DIAGRAM_PX } from './diagram/layout.ts';
import { FitToFrame } from './ui/FitToFrame.tsx';
import { Button } from './ui/primitives.tsx';
import './embed.css';

/** The memory map reads at a narrower width than the diagram. */
const MIN_MEMORY_PX = 640;

/** The keys the player answers once it has focus (a click into the frame): a clicker's PageDown and PageUp, Space
 * and the arrows, as in present mode. */
const PLAYER_KEYS: Partial<Record<ShortcutAction, (drive: Drive) => void>> = {
  'toggle-play': (drive) => drive.togglePlay(),
  step: (drive) => drive.step('event'),
  'step-scenario': (drive) => drive.step('scenario-step'),
  'next-scenario-step': (drive) => drive.step('scenario-step'),
  'step-back': (drive) => drive.stepBack(),
  'previous-step': (drive) => drive.stepBack(),
};

function usePlayerKeys(drive: Drive) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const { key, shiftKey, ctrlKey, metaKey, altKey } = event;
      const action = shortcutFor({ key, shiftKey, ctrlKey, metaKey, altKey, focus: focusKind(event.target) }, true);
      const run = action === null ? undefined : PLAYER_KEYS[action];
      if (!run) return;
      event.preventDefault();
      run(drive);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [drive]);
}

export function EmbedPlayer() {
  const page = usePage();
  usePlayerKeys(page.drive);
  const presentation = useStore(page.presentation, (s) => s.presentation);
  const sides = usePageStore((s) => s.sides);
  const memory = presentation.mode === 'embed' && presentation.view === 'memory';
  return (
    <div className="flex h-dvh w-full flex-col overflow-hidden bg-white text-slate-800" data-testid="embed-player">
      <div
        className="grid min-h-0 flex-1 gap-2 p-2"
        style={{ gridTemplateColumns: `repeat(${sides.length}, minmax(0, 1fr))` }}
      >
        {sides.map((descriptor) => {
          const side = page.side(descriptor.id);
          return side ? (
            <SideProvider key={descriptor.id} value={side}>
              <div className="flex min-h-0 min-w-0 flex-col">
                {sides.length > 1 && (
                  <p className="truncate text-center text-xs font-medium text-slate-500">{descriptor.label}</p>
                )}
                <FitToFrame minWidth={memory ? MIN_MEMORY_PX : MIN_DIAGRAM_PX} className="min-h-0 flex-1">
                  {memory ? <MemoryMap /> : <AdapterDiagram />}
                </FitToFrame>
              </div>
            </SideProvider>
          ) : null;
        })}
      </div>
      <PlayerBar />
    </div>
  );
}

/** `href` without the player's parameters: the whole playground at the same moment. */
const wholePage = (href: string): string => {
  const url = new URL(href);
  for (const name of [LINK_PARAMS.embed, LINK_PARAMS.embedView]) url.searchParams.delete(name);
  return url.href;
};

function PlayerBar() {
  const { togglePlay, step, stepBack } = useDrive();
  const { loaded, playing, finished, canStepBack, stepIndex, stepCount } = usePlayback();
  const title = useSideStore((s) => s.scenario?.title ?? '');
  const failure = useSideStore((s) => s.failure ?? s.loadProblem?.errors[0]?.message ?? null);
  const text = useDigest(notesDigest).value();
  return (
    <div
      className="flex min-h-0 shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-t border-slate-200 bg-slate-50 px-2 py-1.5"
      data-testid="embed-bar"
    >
      <div className="flex shrink-0 items-center gap-1">
        <Button
          variant="primary"
          className="h-7 w-16 justify-center px-2 text-xs"
          onClick={togglePlay}
          disabled={!loaded}
          data-testid="play-pause"
        >
          {playing ? 'Pause' : finished ? 'Replay' : 'Play'}
        </Button>
        <Button
          className="h-7 px-2 text-xs"
          onClick={() => step('scenario-step')}
          disabled={!loaded || finished}
          title="Run through the next scenario step"
          data-testid="step-scenario"
        >
          Step
        </Button>
        <Button
          variant="quiet"
          className="h-7 px-2 text-xs"
          onClick={stepBack}
          disabled={!loaded || !canStepBack}
          title="Undo the last step"
          data-testid="step-back"
        >
          Back
        </Button>
      </div>
      <p className="shrink-0 font-mono text-xs tabular-nums text-slate-500" data-testid="step-counter">
        {stepIndex} / {stepCount}
      </p>
      <p
        aria-live="polite"
        dir="auto"
        className="order-last line-clamp-2 min-w-0 flex-1 basis-full text-xs leading-snug text-slate-800 [unicode-bidi:isolate] sm:order-none sm:basis-0"
        data-testid="narration"
        title={text ?? undefined}
      >
        {failure ? (
          <span className="text-rose-700">{failure}</span>
        ) : text ? (
          <Citations text={text} />
        ) : (
          <span className="text-slate-500">{title}</span>
        )}
      </p>
      <a
        href={wholePage(window.location.href)}
        onClick={(event) => {
          event.currentTarget.href = wholePage(window.location.href);
        }}
        target="_blank"
        rel="noopener"
        className="ml-auto shrink-0 rounded px-1 text-xs text-sky-700 underline decoration-sky-300 underline-offset-2 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-600"
        title="Open this moment in the whole VMQ Playground, in a new tab"
        data-testid="embed-open"
      >
        Open ↗
      </a>
    </div>
  );
}
