/**
 * Which side a view shows. Every view of a simulation reads it through these hooks: the page-wide panels sit under
 * the first side's provider, each drawing under its own side's, and the inspector under the side its selection
 * names.
 */
import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { AdapterView, VmConfig } from '../../engine/index.ts';
import type { Selection } from '../store/selection.ts';
import type { SimState } from '../store/simStore.ts';
import { requiredContext } from '../ui/requiredContext.ts';
import type { TraceDigest } from '../viz/traceDigest.ts';
import type { Side } from './createSide.ts';

export const [SideProvider, useSide] = requiredContext<Side>('SideProvider');

/** One slice of the side's store, re-read at the side's pace (side/reactPace.ts); return primitives or wrap the
 * selector in useShallow. */
export function useSideStore<T>(selector: (state: SimState) => T): T {
  const { pace } = useSide();
  return useSyncExternalStore(pace.subscribe, () => selector(pace.state()));
}

/** One slice of the page's selection as this side sees it: the selection if it names this side, else null. */
export function useSideSelection<T>(selector: (selected: Selection | null) => T): T {
  const { id, selection } = useSide();
  return useStore(selection, (state) => selector(state.selected?.side === id ? state.selected : null));
}

const NO_VMS: readonly VmConfig[] = [];

/** The loaded scenario's VMs (the same empty list while none is loaded, so callers do not re-render for nothing). */
export function useSideVms(): readonly VmConfig[] {
  return useSideStore((s) => s.scenario?.vms ?? NO_VMS);
}

/** What every drawing of a side reads: the adapter as of the last batch, the scenario's VMs, and the trace digest. */
export function useDrawingInput(): { view: AdapterView | null; vms: readonly VmConfig[]; digest: TraceDigest } {
  const view = useSideStore((s) => s.view);
  return { view, vms: useSideVms(), digest: useTraceDigest() };
}

/** The side's trace digest, re-rendering the caller (at the side's pace) whenever one of its facts changes. */
export function useTraceDigest(): TraceDigest {
  const { viz, pace } = useSide();
  useSyncExternalStore(pace.subscribeTrace, pace.traceShown);
  return viz.digest;
}
