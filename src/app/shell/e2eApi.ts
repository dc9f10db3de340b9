/**
 * A read-only window onto the simulation for the Playwright specs (style guide §2.6): they compare what the page
 * shows with the engine's own AdapterView instead of parsing numbers back out of the DOM.
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
