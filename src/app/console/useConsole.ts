/** The page's OID console store: one per simulation runtime, watching its trace for completions and undos. */
import { useStore } from 'zustand';
import { useSimRuntime } from '../SimProvider.tsx';
import type { SimRuntime } from '../simRuntime.ts';
import { createConsoleStore, type ConsoleState, type ConsoleStore } from './consoleStore.ts';

const stores = new WeakMap<SimRuntime, ConsoleStore>();

function consoleFor(runtime: SimRuntime): ConsoleStore {
  let store = stores.get(runtime);
  if (!store) {
    const created = createConsoleStore({ act: (send) => runtime.store.getState().act(send), trace: runtime.buffer });
    runtime.store.subscribe((state, previous) => {
      if (state.traceRevision !== previous.traceRevision) created.getState().traceChanged();
    });
    store = created;
    stores.set(runtime, store);
  }
  return store;
}

export function useConsole<T>(selector: (state: ConsoleState) => T): T {
  return useStore(consoleFor(useSimRuntime()), selector);
}

export function useConsoleStore(): ConsoleStore {
  return consoleFor(useSimRuntime());
}
