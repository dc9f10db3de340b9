/**
 * Derived views of the trace for React: recomputed when the EventBuffer changes (the store's traceRevision),
 * never per event, and never holding raw events in React state.
 */
import { useMemo } from 'react';
import { useSide, useSideStore } from './SideProvider.tsx';
import type { EventBuffer } from '../store/eventBuffer.ts';

export function useTraceMemo<T>(compute: (trace: EventBuffer) => T, deps: readonly unknown[]): T {
  const { buffer } = useSide();
  const revision = useSideStore((s) => s.traceRevision);
  // The buffer changes in place, so its revision stands for its contents.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the invalidation key for the mutable buffer, and `deps` stand for what `compute` reads (a fresh closure each render, as with useMemo itself).
  return useMemo(() => compute(buffer), [buffer, revision, ...deps]);
}
