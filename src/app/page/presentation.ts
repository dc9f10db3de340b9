/**
 * How the page is shown: the whole page; present mode (`?present=1`), for a projector and a clicker: large type,
 * the narration as a caption, the drawings full width; or the embedded player (`?embed=1`), chromeless, for an
 * iframe in slides and documents, showing the adapter diagram or, with `&view=memory`, the memory map. All three are
 * part of the link (docs/share-links.md), so a copied link opens the way it was shown.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AddressParams } from './address.ts';
import { excerpt, readSwitch } from './pageUrl.ts';
import { LINK_PARAMS } from './shareLink.ts';

export const EMBED_VIEWS = ['diagram', 'memory'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

export type Presentation = { mode: 'page' } | { mode: 'present' } | { mode: 'embed'; view: EmbedView };

export const PAGE: Presentation = { mode: 'page' };

/** Reads `search` (location.search, with or without its "?"); what it cannot use, `ignored` says, with why. */
export function readPresentation(search: string): { presentation: Presentation; ignored: string[] } {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const { present, embed, embedView } = LINK_PARAMS;
  const presenting = readSwitch(present, 'present mode', params.getAll(present), ignored);
  const embedded = readSwitch(embed, 'the embedded player', params.getAll(embed), ignored);
  const views = params.getAll(embedView);
  if (!embedded) {
    if (views.length > 0) ignored.push(`${embedView} was ignored: it chooses what ${embed}=1 shows`);
    return { presentation: presenting ? { mode: 'present' } : PAGE, ignored };
  }
  if (presenting) ignored.push(`${present} was ignored: the embedded player has no present mode`);
  const [asked] = views;
  let view: EmbedView = 'diagram';
  if (views.length > 1) ignored.push(`${embedView} is given ${views.length} times, so the diagram is shown`);
  else if (asked !== undefined && EMBED_VIEWS.includes(asked as EmbedView)) view = asked as EmbedView;
  else if (asked !== undefined)
    ignored.push(`${embedView}=${excerpt(asked)} was ignored: the player shows ${EMBED_VIEWS.join(' or ')}`);
  return { presentation: { mode: 'embed', view }, ignored };
}

/** The parameters that say `presentation`; the whole page needs none. */
export function presentationParams(presentation: Presentation): AddressParams {
  return {
    [LINK_PARAMS.present]: presentation.mode === 'present' ? '1' : null,
    [LINK_PARAMS.embed]: presentation.mode === 'embed' ? '1' : null,
    // The diagram is the player's default, so a link says only the other view.
    [LINK_PARAMS.embedView]:
      presentation.mode === 'embed' && presentation.view !== 'diagram' ? presentation.view : null,
  };
}

/** `link` as the embedded player of the same view (the player shows the diagram unless `view` says otherwise). */
export function embedLink(link: string, view: EmbedView = 'diagram'): string {
  const url = new URL(link);
  const params = presentationParams({ mode: 'embed', view });
  for (const [name, value] of Object.entries(params)) {
    url.searchParams.delete(name);
    if (value !== null) url.searchParams.set(name, value);
  }
  return url.href;
}

export interface PresentationState {
  presentation: Presentation;
  show(presentation: Presentation): void;
  /** Turns present mode on or off (the embedded player stays what it is). */
  present(on: boolean): void;
}

export type PresentationStore = StoreApi<PresentationState>;

export const createPresentationStore = (initial: Presentation): PresentationStore =>
  createStore<PresentationState>()((set, get) => ({
    presentation: initial,
    show: (presentation) => set({ presentation }),
    present: (on) => {
      if (get().presentation.mode === 'embed') return;
      set({ presentation: on ? { mode: 'present' } : PAGE });
    },
  }));
