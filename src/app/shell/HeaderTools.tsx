/**
 * The page-wide tools in the header: the light/dark switch, "Copy link", the glossary, the shortcut sheet, and the keyboard shortcuts
 * themselves (one window listener for the whole page). The shortcuts drive every side and read the first side's
 * state, as the control bar does.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Button } from '../ui/primitives.tsx';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { useSide } from '../side/SideProvider.tsx';
import { focusKind, NAVIGATION_KEYS, shortcutFor, SHORTCUTS, type ShortcutAction } from './shortcuts.ts';
import { GlossaryButton } from '../glossary/GlossaryButton.tsx';
import { copyLink, ShareLinkButton } from './ShareLink.tsx';
import { PresentButton } from './PresentButton.tsx';
import { setPresenting, toggleFullscreen } from './presentMode.ts';

/** The keys that drive playback; they wait while the page sets its sides up (page store `switching`). */
const TRANSPORT: ReadonlySet<ShortcutAction> = new Set([
  'toggle-play',
  'step',
  'step-instant',
  'step-scenario',
  'next-scenario-step',
  'step-back',
  'previous-step',
  'rewind',
]);

export function HeaderTools() {
  const page = usePage();
  const { store } = useSide();
  const theme = usePageStore((s) => s.theme);
  const sheet = useRef<HTMLDialogElement>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const { drive, presentation } = page;
    const presenting = () => presentation.getState().presentation.mode === 'present';
    const run = (action: ShortcutAction): string => {
      const sim = store.getState();
      if (TRANSPORT.has(action) && page.store.getState().switching) return 'The sides are still being set up';
      switch (action) {
        case 'toggle-play':
          drive.togglePlay();
          return store.getState().playing ? 'Playing' : 'Paused';
        case 'step':
          if (sim.finished) return 'The scenario has finished';
          drive.step('event');
          return 'Stepped one event';
        case 'step-instant':
          if (sim.finished) return 'The scenario has finished';
          drive.step('instant');
          return 'Stepped to the next instant';
        case 'step-scenario':
        case 'next-scenario-step':
          if (sim.finished) return 'The scenario has finished';
          drive.step('scenario-step');
          return 'Stepped through the next scenario step';
        case 'step-back':
        case 'previous-step':
          if (!sim.stats?.canStepBack) return 'Already at the start';
          drive.stepBack();
          return 'Stepped back';
        case 'rewind':
          drive.rewind();
          return 'Rewound to the start';
        case 'open-fork':
        case 'describe-moment':
        case 'toggle-tables':
          return ''; // Their features' own key handlers (ui/usePageKey.ts) answer them.
        case 'clear-selection':
          page.selection.getState().clear();
          return 'Selection cleared';
        case 'toggle-theme':
          page.store.getState().toggleTheme();
          return `${page.store.getState().theme} theme`;
        case 'copy-link':
          void copyLink(page).then(setAnnouncement);
          return 'Copying the link';
        case 'toggle-present':
        case 'leave-present': {
          const on = action === 'toggle-present' && !presenting();
          setPresenting(presentation, on);
          return on ? 'Present mode' : 'Left present mode';
        }
        case 'fullscreen':
          void toggleFullscreen().then(setAnnouncement);
          return '';
        case 'toggle-sheet': {
          const dialog = sheet.current;
          if (dialog?.open) dialog.close();
          else dialog?.showModal();
          return '';
        }
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || sheet.current?.open) return; // the open sheet handles its own keys (Esc, ?)
      const action = shortcutFor(
        {
          key: event.key,
          shiftKey: event.shiftKey,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          focus: focusKind(event.target),
        },
        presenting(),
      );
      if (action === null || store.getState().sessionId === null) return;
      event.preventDefault();
      setAnnouncement(run(action));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [page, store]);

  return (
    <div className="flex items-center gap-1">
      <Button
        variant="quiet"
        onClick={() => page.store.getState().toggleTheme()}
        aria-pressed={theme === 'dark'}
        data-testid="theme-toggle"
        title="Switch theme (T)"
      >
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </Button>
      <PresentButton />
      <ShareLinkButton />
      <GlossaryButton />
      <Button
        variant="quiet"
        onClick={() => sheet.current?.showModal()}
        aria-keyshortcuts="Shift+?"
        data-testid="shortcuts-button"
        title="Keyboard shortcuts (?)"
      >
        Shortcuts <kbd className="rounded bg-slate-100 px-1.5 font-mono text-xs text-slate-600">?</kbd>
      </Button>
      <ShortcutSheet dialog={sheet} />
      <p aria-live="polite" className="sr-only" data-testid="announcement">
        {announcement}
      </p>
    </div>
  );
}

function ShortcutSheet({ dialog }: { dialog: RefObject<HTMLDialogElement | null> }) {
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcut-sheet-title"
      data-testid="shortcut-sheet"
      onKeyDown={(event) => {
        if (event.key === '?') dialog.current?.close();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) dialog.current?.close(); // a click on the backdrop
      }}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-baseline justify-between border-b border-slate-100 px-5 py-3">
        <h2 id="shortcut-sheet-title" className="text-sm font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <Button variant="quiet" onClick={() => dialog.current?.close()} autoFocus>
          Close
        </Button>
      </div>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2 px-5 py-4 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <KeyRow key={shortcut.action} {...shortcut} />
        ))}
      </dl>
      <h3 className="border-t border-slate-100 px-5 pt-3 text-xs font-semibold text-slate-600">
        In the drawings and the lists
      </h3>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2 px-5 py-3 text-sm" data-testid="navigation-keys">
        {NAVIGATION_KEYS.map((key) => (
          <KeyRow key={key.label} {...key} />
        ))}
      </dl>
      <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
        Shortcuts pause while you type in a field. Every control is also reachable with Tab.
      </p>
    </dialog>
  );
}

function KeyRow({ label, description }: { label: string; description: string }) {
  return (
    <div className="contents">
      <dt>
        <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-200">
          {label}
        </kbd>
      </dt>
      <dd className="text-slate-700">{description}</dd>
    </div>
  );
}
