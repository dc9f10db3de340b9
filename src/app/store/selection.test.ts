import { describe, expect, it } from 'vitest';
import { createSelectionStore, isSelected } from './selection.ts';

describe('selection store', () => {
  it('starts empty, selects one thing at a time, naming its side, and clears', () => {
    const store = createSelectionStore();
    expect(store.getState().selected).toBeNull();
    store.getState().select({ side: 'a', kind: 'queue', id: 1 });
    expect(store.getState().selected).toEqual({ side: 'a', kind: 'queue', id: 1 });
    store.getState().select({ side: 'b', kind: 'queue', id: 1 });
    expect(store.getState().selected).toEqual({ side: 'b', kind: 'queue', id: 1 });
    store.getState().select({ side: 'b', kind: 'frame', id: 7 });
    expect(store.getState().selected).toEqual({ side: 'b', kind: 'frame', id: 7 });
    store.getState().clear();
    expect(store.getState().selected).toBeNull();
  });

  it('keeps its own copy, so a caller mutating its object changes nothing', () => {
    const store = createSelectionStore();
    const selection = { side: 'a', kind: 'filter' as const, id: 2 };
    store.getState().select(selection);
    selection.id = 3;
    selection.side = 'b';
    expect(store.getState().selected).toEqual({ side: 'a', kind: 'filter', id: 2 });
  });

  it('isSelected matches kind and id', () => {
    expect(isSelected({ kind: 'queue', id: 1 }, 'queue', 1)).toBe(true);
    expect(isSelected({ kind: 'queue', id: 1 }, 'filter', 1)).toBe(false);
    expect(isSelected({ kind: 'queue', id: 1 }, 'queue', 2)).toBe(false);
    expect(isSelected(null, 'queue', 1)).toBe(false);
  });
});
