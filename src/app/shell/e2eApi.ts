/**
 * A read-only window onto the simulation for the Playwright specs. A spec checks the page against the engine's own
 * AdapterView and playback facts instead of parsing numbers back out of the DOM, so it tests that the view shows
 * what the engine reports, and it waits for an exact simulation state rather than for time to pass. Read-only, so
 * a spec can never put the page in a state a user could not reach.
 */
import type { AdapterView, TimeNs } from '../../engine/index.ts';
import type { PlaybackStats } from '../../protocol/messages.ts';
import type { SimRuntime } from '../simRuntime.ts';

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

export function installE2EApi({ store, buffer }: SimRuntime): void {
  window.vmqE2E = {
    view: () => store.getState().view,
    simTimeNs: () => store.getState().simTimeNs,
    stats: () => store.getState().stats,
    traceLength: () => buffer.length,
  };
}
