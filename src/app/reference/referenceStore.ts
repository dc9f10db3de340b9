/**
 * Which citation the reference viewer shows, if any. One small store of its own: a citation anywhere on the page
 * opens the one viewer, and only the viewer re-renders when it changes.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { RefTarget } from './citations.ts';

interface ReferenceState {
  /** The section or rule shown, or null while the viewer is closed. */
  target: RefTarget | null;
  open(target: RefTarget): void;
  close(): void;
}

export const referenceStore = createStore<ReferenceState>()((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}));

export const openReference = (target: RefTarget): void => referenceStore.getState().open(target);

export const useReferenceTarget = (): RefTarget | null => useStore(referenceStore, (s) => s.target);
