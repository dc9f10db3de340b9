/** Puts one SimRuntime in React context; components read the store through useSimStore(selector). */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimRuntime } from './simRuntime.ts';
import type { SimState } from './store/simStore.ts';

const SimContext = createContext<SimRuntime | null>(null);

export function SimProvider({ runtime, children }: { runtime: SimRuntime; children: ReactNode }) {
  return <SimContext value={runtime}>{children}</SimContext>;
}

export function useSimRuntime(): SimRuntime {
  const runtime = useContext(SimContext);
  if (!runtime) throw new Error('useSimRuntime must be used inside <SimProvider>');
  return runtime;
}

/** Subscribes to one slice of the store; return primitives or wrap the selector in useShallow. */
export function useSimStore<T>(selector: (state: SimState) => T): T {
  return useStore(useSimRuntime().store, selector);
}
