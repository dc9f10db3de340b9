/**
 * Derived views of the trace for React: recomputed when the EventBuffer changes (the store's traceRevision),
 * never per event, and never holding raw events in React state.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { useSide, useSideStore } from './SideProvider.tsx';
import type { EventBuffer } from '../store/eventBuffer.ts';
import type { TraceFold } from '../trace/traceFold.ts';

/** The side's digest that `create` makes (Side.digest); the caller re-renders when the side shows its batch facts
 * (at its pace, side/reactPace.ts), not on every batch. `create` must be a module-level function: it names
 * the digest. `prepare` tells the digest what the caller wants before its version is read (an idempotent setting,
 * such as the log's filter). */
export function useDigest<F extends TraceFold>(create: () => F, prepare?: (digest: F) => void): F {
  const side = useSide();
  const digest = side.digest(create);
  prepare?.(digest);
  useSyncExternalStore(side.pace.subscribeTrace, side.pace.traceShown);
  return digest;
}

export function useTraceMemo<T>(compute: (trace: EventBuffer) => T, deps: readonly unknown[]): T {
  const { buffer } = useSide();
  const revision = useSideStore((s) => s.traceRevision);
  // The buffer changes in place, so its revision stands for its contents.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the invalidation key for the mutable buffer, and `deps` stand for what `compute` reads (a fresh closure each render, as with useMemo itself).
  return useMemo(() => compute(buffer), [buffer, revision, ...deps]);
}
