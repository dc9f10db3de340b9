/**
 * What the user has selected, shared by every view that can show or pick a thing: the event log, the timeline,
 * the inspector, the conformance panel and the adapter diagram. One small store of its own, so selecting
 * re-renders only the views that read it, never the simulation store's subscribers.
 *
 * Ids are the engine's own: QueueId, FilterId, frameId, the trace event's `seq`, and an indication's
 * `indicationId` for 'nbl' (one NdisMIndicateReceiveNetBufferLists call).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

export type SelectionKind = 'queue' | 'filter' | 'frame' | 'event' | 'nbl';

export interface Selection {
  kind: SelectionKind;
  id: number;
}

export interface SelectionState {
  selected: Selection | null;
  select(selection: Selection): void;
  clear(): void;
}

export type SelectionStore = StoreApi<SelectionState>;

export function createSelectionStore(): SelectionStore {
  return createStore<SelectionState>()((set) => ({
    selected: null,
    select: (selection) => set({ selected: { kind: selection.kind, id: selection.id } }),
    clear: () => set({ selected: null }),
  }));
}

/** The page's one selection (a page shows one simulation at a time; tests create their own stores). */
export const selectionStore: SelectionStore = createSelectionStore();

/** Subscribes to one slice of the page's selection; return primitives, or compare with `sameSelection`. */
export function useSelection<T>(selector: (state: SelectionState) => T): T {
  return useStore(selectionStore, selector);
}

/** Whether `selection` names exactly this thing (for highlighting a row or a shape). */
export const isSelected = (selection: Selection | null, kind: SelectionKind, id: number): boolean =>
  selection !== null && selection.kind === kind && selection.id === id;
