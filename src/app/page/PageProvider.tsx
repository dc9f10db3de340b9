/** Puts the page (page/createPage.ts) in React context: its store, its selection, its sides and its drive. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SelectionState } from '../store/selection.ts';
import type { Page } from './createPage.ts';
import type { Drive } from './drive.ts';
import type { PageState } from './pageStore.ts';

const PageContext = createContext<Page | null>(null);

export function PageProvider({ page, children }: { page: Page; children: ReactNode }) {
  return <PageContext value={page}>{children}</PageContext>;
}

export function usePage(): Page {
  const page = useContext(PageContext);
  if (!page) throw new Error('usePage must be used inside <PageProvider>');
  return page;
}

/** One slice of the page's state; return primitives or wrap the selector in useShallow. */
export function usePageStore<T>(selector: (state: PageState) => T): T {
  return useStore(usePage().store, selector);
}

/** The page's selection, whichever side it names (a view of one side reads it with useSideSelection). */
export function useSelection<T>(selector: (state: SelectionState) => T): T {
  return useStore(usePage().selection, selector);
}

/** Commands to every side on screen. */
export function useDrive(): Drive {
  return usePage().drive;
}
