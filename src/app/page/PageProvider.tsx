/** Puts the page (page/createPage.ts) in React context: its store, its selection, its sides, its drive and its lessons. */
import { useStore } from 'zustand';
import type { SelectionState } from '../store/selection.ts';
import { requiredContext } from '../ui/requiredContext.ts';
import type { Page } from './createPage.ts';
import type { Drive } from './drive.ts';
import type { LessonsState } from './lessons.ts';
import type { PageState } from './pageStore.ts';

export const [PageProvider, usePage] = requiredContext<Page>('PageProvider');

/** One slice of the page's state; return primitives or wrap the selector in useShallow. */
export function usePageStore<T>(selector: (state: PageState) => T): T {
  return useStore(usePage().store, selector);
}

/** One slice of the lessons' state (page/lessons.ts). */
export function useLessons<T>(selector: (state: LessonsState) => T): T {
  return useStore(usePage().lessons, selector);
}

/** The page's selection, whichever side it names (a view of one side reads it with useSideSelection). */
export function useSelection<T>(selector: (state: SelectionState) => T): T {
  return useStore(usePage().selection, selector);
}

/** Commands to every side on screen. */
export function useDrive(): Drive {
  return usePage().drive;
}
