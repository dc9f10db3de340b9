/**
 * "Copy link": puts the link to exactly what is on screen (page/keepAddress.ts) on the clipboard, says what it opens,
 * and says what it could not carry. Where the browser refuses the clipboard, the link is shown selected, to copy by
 * hand. The L shortcut does the same (shell/HeaderTools.tsx). "Copy embed code" does the same for an <iframe> of the
 * embedded player (page/presentation.ts) at this moment, and shows the code, with a choice of the drawing it shows.
 */
import { useEffect, useRef } from 'react';
import { create, useStore } from 'zustand';
import type { Page } from '../page/createPage.ts';
import type { AddressKeeper } from '../page/keepAddress.ts';
import { usePage } from '../page/PageProvider.tsx';
import { type EmbedView, embedLink } from '../page/presentation.ts';
import { Button, Segmented } from '../ui/primitives.tsx';

interface Copied {
  /** The link or embed code copied (or to copy by hand), and whether the clipboard took it. */
  shown: { url: string; onClipboard: boolean; embed: EmbedView | null } | null;
  close(): void;
}

const useCopied = create<Copied>()((set) => ({ shown: null, close: () => set({ shown: null }) }));

const putOnClipboard = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

/** An <iframe> of the embedded player at `link`'s moment: 16:9, no border, allowed to go full screen. */
export function embedCode(link: string, view: EmbedView, title: string): string {
  const attribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attribute(embedLink(link, view))}" width="640" height="360" title="${attribute(`VMQ Playground: ${title}`)}" style="border:0" allow="fullscreen" loading="lazy"></iframe>`;
}

/** Copies the embed code of this view; returns what a screen reader should hear. */
export async function copyEmbedCode(page: Page, view: EmbedView = 'diagram'): Promise<string> {
  if (!page.address) return 'This page has no address to share';
  const title = page.sides()[0]?.store.getState().scenario?.title ?? 'the NDIS VMQ receive path';
  const code = embedCode(await page.address.link(), view, title);
  const onClipboard = await putOnClipboard(code);
  useCopied.setState({ shown: { url: code, onClipboard, embed: view } });
  return onClipboard ? 'Embed code copied' : 'The browser refused the clipboard: the embed code is shown to copy';
}

/** Copies the link to this view; returns what a screen reader should hear. */
export async function copyLink(page: Page): Promise<string> {
  if (!page.address) return 'This page has no address to share';
  const url = await page.address.link();
  const onClipboard = await putOnClipboard(url);
  useCopied.setState({ shown: { url, onClipboard, embed: null } });
  return onClipboard ? 'Link copied' : 'The browser refused the clipboard: the link is shown to copy';
}

export function ShareLinkButton() {
  const page = usePage();
  const shown = useCopied((s) => s.shown);
  return (
    <div className="relative flex items-center gap-1">
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
      <Button
        variant="quiet"
        onClick={() => void copyEmbedCode(page)}
        title="Copy embed code: an <iframe> of this moment for a slide or a document (the drawing, play/pause/step, the narration)"
        data-testid="copy-embed"
        disabled={!page.address}
      >
        Embed
      </Button>
      {shown && page.address && <CopiedNote page={page} address={page.address} shown={shown} />}
    </div>
  );
}

function CopiedNote({
  page,
  address,
  shown,
}: {
  page: Page;
  address: AddressKeeper;
  shown: NonNullable<Copied['shown']>;
}) {
  const close = useCopied((s) => s.close);
  const problem = useStore(address.state, (s) => s.problem);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!shown.onClipboard) field.current?.select();
    // A plain confirmation goes by itself; one that says what the link lost, asks to copy by hand, or shows embed
    // code to read, stays.
    if (!shown.onClipboard || problem || shown.embed) return;
    const timer = setTimeout(close, 4000);
    return () => clearTimeout(timer);
  }, [shown, problem, close]);
  return (
    <div
      role="status"
      data-testid="copied-link"
      className="absolute right-0 top-full z-40 mt-2 w-[26rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-lg"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // The note takes this Esc: the page's (clear the selection, leave present mode) waits for the next one.
        event.preventDefault();
        close();
      }}
    >
      <div className="flex items-start justify-between gap-3">
        {shown.embed ? (
          <p>
            <span className="font-semibold text-slate-900">
              {shown.onClipboard ? 'Embed code copied.' : 'Copy this embed code:'}
            </span>{' '}
            Paste it into a slide or a document: a player of this scenario at this moment, fitted to any frame size.
          </p>
        ) : (
          <p>
            <span className="font-semibold text-slate-900">
              {shown.onClipboard ? 'Link copied.' : 'Copy this link:'}
            </span>{' '}
            It opens this scenario at this moment, with this selection and these panels.
          </p>
        )}
        <Button variant="quiet" className="h-6 shrink-0 px-2 text-xs" onClick={close}>
          Close
        </Button>
      </div>
      {shown.embed && (
        <>
          <div className="mt-2 flex items-center gap-2 text-xs text-slate-600">
            It shows
            <Segmented
              label="What the player shows"
              options={[
                ['diagram', 'the adapter diagram'],
                ['memory', 'the memory map'],
              ]}
              value={shown.embed}
              onChange={(view) => void copyEmbedCode(page, view)}
              testIdPrefix="embed-view"
            />
          </div>
          <textarea
            readOnly
            value={shown.url}
            rows={4}
            aria-label="Embed code"
            onFocus={(event) => event.currentTarget.select()}
            className="mt-2 w-full resize-none rounded border-0 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700 ring-1 ring-slate-300"
            data-testid="embed-code"
          />
        </>
      )}
      {!shown.onClipboard && !shown.embed && (
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
