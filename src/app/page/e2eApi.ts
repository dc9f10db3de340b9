/**
 * A read-only window onto the simulation for the Playwright specs. A spec checks the page against the engine's own
 * AdapterView and playback facts instead of parsing numbers back out of the DOM, so it tests that the view shows
 * what the engine reports, and it waits for an exact simulation state rather than for time to pass. Read-only, so
 * a spec can never put the page in a state a user could not reach. It reads the page's first side, the one the
 * page-wide panels follow.
 */
import { asTimeNs, type AdapterView, type TimeNs } from '../../engine/index.ts';
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
    simTimeNs: () => first()?.store.getState().simTimeNs ?? asTimeNs(0),
    stats: () => first()?.store.getState().stats ?? null,
    traceLength: () => first()?.buffer.length ?? 0,
  };
}
