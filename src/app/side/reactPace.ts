/**
 * What React sees of a side's store, and when. While the side plays, the facts that every batch rewrites (the
 * adapter view, the virtual clock, the counters, the trace) reach React at most once per PACE_MS: re-rendering every
 * panel per batch kept the page's main thread too busy to animate the frames in flight. A transport change (Pause,
 * Play, speed) reaches React at once and alone, so the click that paused shows without waiting for a re-render of
 * every panel; the batch facts follow at the pace. Any other change (a load, a failure), and everything while
 * paused, reaches React at once and whole. The drawings' canvas and the trace digests still get every batch
 * (viz/vizSession.ts); React only re-reads them less often.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { SimState } from '../store/simStore.ts';

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

/** The user's playback intent: shown at once, ahead of the batch facts. */
const TRANSPORT = ['playing', 'finished', 'intentEpoch', 'speed'] as const satisfies readonly (keyof SimState)[];
const IS_TRANSPORT: ReadonlySet<string> = new Set(TRANSPORT);

export interface PaceTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: PaceTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ReactPace {
  /** The store's state as React should show it now. */
  state(): SimState;
  /** For useSyncExternalStore over state(): notified when it changed. */
  subscribe(listener: () => void): () => void;
  /** For useSyncExternalStore over the trace digests: notified when the batch facts were shown. */
  subscribeTrace(listener: () => void): () => void;
  /** How many times the batch facts were shown: the trace digests' snapshot for React. The digests themselves change
   * with every batch, so a snapshot of theirs would make React re-render whatever read one at every batch. */
  traceShown(): number;
  dispose(): void;
}

export function paceForReact(store: StoreApi<SimState>, paceMs = PACE_MS, timers = browserTimers): ReactPace {
  const stateListeners = new Set<() => void>();
  const traceListeners = new Set<() => void>();
  let shown = store.getState();
  let pending: unknown = null;
  let traceShown = 0;

  const showAll = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
    shown = store.getState();
    traceShown++;
    for (const listener of [...stateListeners, ...traceListeners]) listener();
  };
  const showLater = () => {
    if (pending === null) pending = timers.set(showAll, paceMs);
  };
  const showTransport = (state: SimState) => {
    const next = { ...shown };
    for (const key of TRANSPORT) Object.assign(next, { [key]: state[key] });
    shown = next;
    for (const listener of [...stateListeners]) listener();
  };

  const unsubscribe = store.subscribe((state) => {
    const changed = changedBeyondBatch(state, shown);
    if (changed === 'other' || (!state.playing && !shown.playing)) showAll();
    else if (changed === 'transport') {
      showTransport(state);
      showLater();
    } else showLater();
  });
  const listen = (listeners: Set<() => void>) => (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    state: () => shown,
    subscribe: listen(stateListeners),
    subscribeTrace: listen(traceListeners),
    traceShown: () => traceShown,
    dispose: () => {
      unsubscribe();
      if (pending !== null) timers.clear(pending);
      pending = null;
      stateListeners.clear();
      traceListeners.clear();
    },
  };
}

/** Which of the fields that a batch does not rewrite differ: none, only the transport's, or others too. */
function changedBeyondBatch(state: SimState, shown: SimState): 'none' | 'transport' | 'other' {
  let changed: 'none' | 'transport' = 'none';
  for (const key of Object.keys(state) as (keyof SimState)[]) {
    if (PER_BATCH.has(key) || state[key] === shown[key]) continue;
    if (!IS_TRANSPORT.has(key)) return 'other';
    changed = 'transport';
  }
  return changed;
}
