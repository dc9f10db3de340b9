import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { asTimeNs } from '../../engine/index.ts';
import type { SimState } from '../store/simStore.ts';
import { PACE_MS, paceForReact } from './reactPace.ts';
import type { PaceTimers } from './reactPace.ts';

/** Only the fields the pace looks at; the rest of SimState does not matter to it. */
function setup(initial: Partial<SimState> = {}) {
  const store = createStore<SimState>()(
    () =>
      ({
        playing: true,
        finished: false,
        intentEpoch: 0,
        speed: 100,
        simTimeNs: asTimeNs(0),
        traceRevision: 0,
        failure: null,
        ...initial,
      }) as SimState,
  );
  let due: (() => void) | null = null;
  const timers: PaceTimers = {
    set: (callback, ms) => {
      expect(ms).toBe(PACE_MS);
      due = callback;
      return callback;
    },
    clear: (handle) => {
      if (due === handle) due = null;
    },
  };
  const pace = paceForReact(store, PACE_MS, timers);
  const heard = { state: 0, trace: 0 };
  pace.subscribe(() => heard.state++);
  pace.subscribeTrace(() => heard.trace++);
  const elapse = () => {
    const callback = due;
    due = null;
    callback?.();
  };
  return { store, pace, heard, elapse };
}

const batch = (n: number): Partial<SimState> => ({ simTimeNs: asTimeNs(n * 1000), traceRevision: n });

describe('React pace', () => {
  it('shows the batches of a playing side once per pace, the latest one', () => {
    const { store, pace, heard, elapse } = setup();
    store.setState(batch(1));
    store.setState(batch(2));
    expect(pace.state().traceRevision).toBe(0);
    expect(heard).toEqual({ state: 0, trace: 0 });
    elapse();
    expect(pace.state().traceRevision).toBe(2);
    expect(heard).toEqual({ state: 1, trace: 1 });
  });

  it("gives the trace's readers a snapshot that changes only when the batch facts are shown, not with every batch", () => {
    const { store, pace, elapse } = setup();
    const before = pace.traceShown();
    store.setState(batch(1));
    store.setState(batch(2));
    expect(pace.traceShown()).toBe(before);
    elapse();
    expect(pace.traceShown()).toBe(before + 1);
    store.setState({ playing: false, intentEpoch: 1 });
    store.setState(batch(3));
    expect(pace.traceShown()).toBe(before + 2);
  });

  it('shows Pause at once and alone, and the batch facts at the pace', () => {
    const { store, pace, heard, elapse } = setup();
    store.setState(batch(1));
    store.setState({ playing: false, intentEpoch: 1 });
    expect(pace.state().playing).toBe(false);
    expect(pace.state().intentEpoch).toBe(1);
    expect(pace.state().traceRevision).toBe(0);
    expect(heard).toEqual({ state: 1, trace: 0 });
    elapse();
    expect(pace.state()).toBe(store.getState());
    expect(heard).toEqual({ state: 2, trace: 1 });
  });

  it('shows everything at once while paused', () => {
    const { store, pace, heard } = setup({ playing: false });
    store.setState(batch(1));
    expect(pace.state()).toBe(store.getState());
    expect(heard).toEqual({ state: 1, trace: 1 });
  });

  it('shows any other change at once and whole, even while playing', () => {
    const { store, pace, heard } = setup();
    store.setState(batch(1));
    store.setState({ failure: 'the worker stopped' });
    expect(pace.state()).toBe(store.getState());
    expect(heard).toEqual({ state: 1, trace: 1 });
  });

  it('stops listening when disposed', () => {
    const { store, pace, heard, elapse } = setup({ playing: false });
    pace.dispose();
    store.setState(batch(1));
    elapse();
    expect(heard).toEqual({ state: 0, trace: 0 });
  });
});
