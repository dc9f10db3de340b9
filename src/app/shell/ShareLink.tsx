/**
 * "Copy link": puts the link to exactly what is on screen (page/keepAddress.ts) on the clipboard, says what it opens,
 * and says what it could not carry. Where the browser refuses the clipboard, the link is shown selected, to copy by
 * hand. The L shortcut does the same (shell/HeaderTools.tsx).
 */
import { useEffect, useRef } from 'react';
import { create, useStore } from 'zustand';
import type { Page } from '../page/createPage.ts';
import type { AddressKeeper } from '../page/keepAddress.ts';
import { usePage } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';

interface Copied {
  /** The link copied (or to copy by hand), and whether the clipboard took it. */
  shown: { url: string; onClipboard: boolean } | null;
  close(): void;
}

const useCopied = create<Copied>()((set) => ({ shown: null, close: () => set({ shown: null }) }));

/** Copies the link to this view; returns what a screen reader should hear. */
export async function copyLink(page: Page): Promise<string> {
  if (!page.address) return 'This page has no address to share';
  const url = await page.address.link();
  let onClipboard = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    onClipboard = false;
  }
  useCopied.setState({ shown: { url, onClipboard } });
  return onClipboard ? 'Link copied' : 'The browser refused the clipboard: the link is shown to copy';
}

export function ShareLinkButton() {
  const page = usePage();
  const shown = useCopied((s) => s.shown);
  return (
    <div className="relative">
      <Button
        variant="quiet"
        onClick={() => void copyLink(page)}
        aria-keyshortcuts="L"
        title="Copy a link to exactly this view (L)"
        data-testid="copy-link"
        disabled={!page.address}
      >
        Copy link
      </Button>
      {shown && page.address && <CopiedNote address={page.address} shown={shown} />}
    </div>
  );
}

function CopiedNote({ address, shown }: { address: AddressKeeper; shown: NonNullable<Copied['shown']> }) {
  const close = useCopied((s) => s.close);
  const problem = useStore(address.state, (s) => s.problem);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!shown.onClipboard) field.current?.select();
    // A plain confirmation goes by itself; one that says what the link lost, or asks to copy by hand, stays.
    if (!shown.onClipboard || problem) return;
    const timer = setTimeout(close, 4000);
    return () => clearTimeout(timer);
  }, [shown, problem, close]);
  return (
    <div
      role="status"
      data-testid="copied-link"
      className="absolute right-0 top-full z-40 mt-2 w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-lg"
      onKeyDown={(event) => {
        if (event.key === 'Escape') close();
      }}
    >
      <div className="flex items-start justify-between gap-3">
        <p>
          <span className="font-semibold text-slate-900">{shown.onClipboard ? 'Link copied.' : 'Copy this link:'}</span>{' '}
          It opens this scenario at this moment, with this selection and these panels.
        </p>
        <Button variant="quiet" className="h-6 shrink-0 px-2 text-xs" onClick={close}>
          Close
        </Button>
      </div>
      {!shown.onClipboard && (
        <input
          ref={field}
          readOnly
          value={shown.url}
          aria-label="Link to this view"
          className="mt-2 w-full rounded border-0 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700 ring-1 ring-slate-300"
          data-testid="copied-link-text"
        />
      )}
      {problem && (
        <p className="mt-2 text-amber-800" data-testid="link-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
