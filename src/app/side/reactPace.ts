/**
 * How often React hears of a side's store. While the side plays, the facts that change with every batch (the
 * adapter view, the virtual clock, the counters, the trace) reach React at most once per PACE_MS: re-rendering every
 * panel per batch kept the page's main thread too busy to animate the frames in flight. Everything else the store
 * says (play and pause, a load, a failure) and every change while paused reaches React at once, so the transport
 * controls never lag. The drawings' canvas and the trace digests still get every batch (viz/vizSession.ts); React
 * only re-reads them less often.
 */
import type { SimState, SimStore } from '../store/simStore.ts';

/** About 10 renders a second: numbers stay readable and calm, and the page keeps time for the canvas. */
export const PACE_MS = 100;

/** The store's fields that every batch rewrites while playing. */
const PER_BATCH: ReadonlySet<string> = new Set<keyof SimState>([
  'view',
  'simTimeNs',
  'stats',
  'report',
  'traceRevision',
  'sampled',
]);

export interface PaceTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: PaceTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ReactPace {
  /** For useSyncExternalStore: notified when React should re-read the store. */
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

export function paceForReact(store: SimStore, paceMs = PACE_MS, timers = browserTimers): ReactPace {
  const listeners = new Set<() => void>();
  let pending: unknown = null;
  const notify = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
    for (const listener of [...listeners]) listener();
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (listeners.size === 0) return;
    if (!state.playing || changedBeyondBatch(state, previous)) notify();
    else if (pending === null) pending = timers.set(notify, paceMs);
  });
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      unsubscribe();
      if (pending !== null) timers.clear(pending);
      pending = null;
      listeners.clear();
    },
  };
}

function changedBeyondBatch(state: SimState, previous: SimState): boolean {
  for (const key of Object.keys(state) as (keyof SimState)[]) {
    if (!PER_BATCH.has(key) && state[key] !== previous[key]) return true;
  }
  return false;
}
