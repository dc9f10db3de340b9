/**
 * What the user has selected, shared by every view that can show or pick a thing: the event log, the timeline,
 * the inspector, the conformance panel, the adapter diagram and the memory map. The page has one selection, and it
 * names the side (side/createSide.ts) the thing belongs to: with several sides on screen, queue 1 of one side is
 * not queue 1 of another. One small store of its own, so selecting re-renders only the views that read it, never
 * the simulation stores' subscribers.
 *
 * Ids are the engine's own: QueueId, FilterId, frameId, the trace event's `seq`, and an indication's
 * `indicationId` for 'nbl' (one NdisMIndicateReceiveNetBufferLists call).
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

export type SelectionKind = 'queue' | 'filter' | 'frame' | 'event' | 'nbl';

/** A thing of one side. */
export interface Selectable {
  kind: SelectionKind;
  id: number;
}

export interface Selection extends Selectable {
  /** The id of the side the thing belongs to. */
  side: string;
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
    select: ({ side, kind, id }) => set({ selected: { side, kind, id } }),
    clear: () => set({ selected: null }),
  }));
}

/** Whether `selection` names exactly this thing (for highlighting a row or a shape). */
export const isSelected = (selection: Selectable | null, kind: SelectionKind, id: number): boolean =>
  selection !== null && selection.kind === kind && selection.id === id;
