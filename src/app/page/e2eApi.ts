/**
 * A read-only window onto the simulation for the Playwright specs (style guide §2.6): they compare what the page
 * shows with the engine's own AdapterView instead of parsing numbers back out of the DOM. It reads the page's first
 * side, the one the page-wide panels follow.
 */
import type { AdapterView, TimeNs } from '../../engine/types.ts';
import type { PlaybackStats } from '../../protocol/messages.ts';
import type { Page } from './createPage.ts';

export interface E2EApi {
  /** The engine's AdapterView as of the last batch. */
  view(): AdapterView | null;
  simTimeNs(): TimeNs;
  /** The last batch's playback facts (step index, event count, whether step-back can go further). */
  stats(): PlaybackStats | null;
  /** Trace events the page holds. */
  traceLength(): number;
}

declare global {
  interface Window {
    vmqE2E?: E2EApi;
  }
}

export function installE2EApi(page: Page): void {
  const first = () => page.sides()[0];
  window.vmqE2E = {
    view: () => first()?.store.getState().view ?? null,
    simTimeNs: () => first()?.store.getState().simTimeNs ?? 0,
    stats: () => first()?.store.getState().stats ?? null,
    traceLength: () => first()?.buffer.length ?? 0,
  };
}
