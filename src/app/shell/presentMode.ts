/**
 * Present mode's two page-wide acts: entering and leaving it (the header's Present button, P, Esc), and full screen
 * (F). A browser may refuse full screen (an iframe without allow="fullscreen", a kiosk policy, a key press it does
 * not count as the user's): the caption bar then says so and how to get the browser's own, instead of nothing
 * happening.
 */
import { create } from 'zustand';
import type { PresentationStore } from '../page/presentation.ts';

interface FullscreenNote {
  /** Why full screen did not happen, and what to do instead; null when it did (or nobody asked). */
  refused: string | null;
  dismiss(): void;
}

export const useFullscreenNote = create<FullscreenNote>()((set) => ({
  refused: null,
  dismiss: () => set({ refused: null }),
}));

const OWN_FULL_SCREEN = "Use the browser's own: F11, or Ctrl+Cmd+F on a Mac.";

/** Full screen, or back to the window; returns what a screen reader should hear. */
export async function toggleFullscreen(doc: Document = document): Promise<string> {
  if (doc.fullscreenElement) {
    await doc.exitFullscreen().catch(() => undefined);
    return 'Left full screen';
  }
  const refuse = (why: string) => {
    const refused = `${why}. ${OWN_FULL_SCREEN}`;
    useFullscreenNote.setState({ refused });
    return refused;
  };
  if (!doc.fullscreenEnabled || typeof doc.documentElement.requestFullscreen !== 'function')
    return refuse('This page may not go full screen here');
  try {
    await doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
    useFullscreenNote.setState({ refused: null });
    return 'Full screen';
  } catch {
    return refuse('The browser refused full screen');
  }
}

/** Present mode on or off; leaving it leaves full screen too (a presenter who is done wants the window back). */
export function setPresenting(presentation: PresentationStore, on: boolean, doc: Document = document): void {
  presentation.getState().present(on);
  if (!on) {
    useFullscreenNote.getState().dismiss();
    if (doc.fullscreenElement) void doc.exitFullscreen().catch(() => undefined);
  }
}
