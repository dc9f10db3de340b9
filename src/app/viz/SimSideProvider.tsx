/**
 * Which simulation a drawing shows. The page's views read the one runtime (SimProvider); the diagram and the memory
 * map read a side instead, so compare mode can put the same components on two simulations.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimState } from '../store/simStore.ts';
import type { TraceDigest } from './traceDigest.ts';
import { vizSessionFor } from './vizSession.ts';
import type { SimSide, VizSession } from './vizSession.ts';

const SideContext = createContext<SimSide | null>(null);

export function SimSideProvider({ side, children }: { side: SimSide; children: ReactNode }) {
  return <SideContext value={side}>{children}</SideContext>;
}

export function useSimSide(): SimSide {
  const side = useContext(SideContext);
  if (!side) throw new Error('useSimSide must be used inside <SimSideProvider>');
  return side;
}

/** One slice of the side's store; return primitives or wrap the selector in useShallow. */
export function useSideStore<T>(selector: (state: SimState) => T): T {
  return useStore(useSimSide().store, selector);
}

export function useVizSession(): VizSession {
  return vizSessionFor(useSimSide());
}

/** The side's trace digest, re-rendering the caller whenever one of its facts changes. */
export function useTraceDigest(): TraceDigest {
  const session = useVizSession();
  useSyncExternalStore(session.subscribeDigest, session.digestRevision);
  return session.digest;
}
