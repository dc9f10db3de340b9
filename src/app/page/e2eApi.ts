/**
 * A read-only window onto the simulation for the Playwright specs. A spec checks the page against the engine's own
 * AdapterView and playback facts instead of parsing numbers back out of the DOM, so it tests that the view shows
 * what the engine reports, and it waits for an exact simulation state rather than for time to pass. Read-only, so
 * a spec can never put the page in a state a user could not reach. It reads the page's first side, the one the
 * page-wide panels follow. The one exception, killWorker(), does what devtools or an out-of-memory crash can do to
 * the worker, so the crash-recovery spec can cause one.
 */
import { asTimeNs, type AdapterView, type TimeNs } from '../../engine/index.ts';
import type { PlaybackStats } from '../../protocol/messages.ts';
import { MessageSimClient } from '../../client/MessageSimClient.ts';
import type { Page } from './createPage.ts';

export interface E2EApi {
  /** The engine's AdapterView as of the last batch. */
  view(): AdapterView | null;
  /** Every side's AdapterView, in the page's order (compare mode shows two). */
  views(): (AdapterView | null)[];
  simTimeNs(): TimeNs;
  /** The last batch's playback facts (step index, event count, whether step-back can go further). */
  stats(): PlaybackStats | null;
  /** Trace events the page holds. */
  traceLength(): number;
  /** Stops the first side's worker without a word, as `self.close()` in the worker would. */
  killWorker(): void;
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
    views: () => page.sides().map((side) => side.store.getState().view),
    simTimeNs: () => first()?.store.getState().simTimeNs ?? asTimeNs(0),
    stats: () => first()?.store.getState().stats ?? null,
    traceLength: () => first()?.buffer.length ?? 0,
    killWorker: () => {
      const client = first()?.client;
      if (client instanceof MessageSimClient) client.simulateCrash();
    },
  };
}
