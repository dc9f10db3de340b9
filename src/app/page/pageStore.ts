/**
 * The page's own state, one store created at start-up (page/createPage.ts): the theme, which panels are open, the
 * built-in scenarios, the scenario last loaded, and which sides are shown. Everything a side owns lives in the side (side/createSide.ts).
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Lesson } from '../../lesson/schema.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { SideDescriptor } from '../side/createSide.ts';
import type { CatalogEntry } from './scenarioCatalog.ts';
import { rememberedPanels, rememberPanels, type PanelKey, type PanelsOpen } from './panels.ts';
import { rememberedTheme, rememberTheme, showTheme } from './theme.ts';
import type { Theme, ThemeHost } from './theme.ts';

/** A scenario as the user gave it (before any side's profile variant), so a change of sides can reload it. */
export interface LoadedScenario {
  scenario: unknown;
  source: string;
  /** It is the built-in file `source`, so a saved session names it instead of keeping its text. */
  builtIn?: boolean;
  /** The build's parse of that built-in (scenario/checked.ts), which the worker runs without parsing it again. */
  checked?: Scenario;
  /** The lesson this is an attempt at (page/lessons.ts): the worker records what its checks need and grades it. */
  lesson?: Lesson;
  /** The seed it runs with instead of its file's (a link's, or the one the user picked). */
  seed?: number;
}

export interface PageState {
  theme: Theme;
  /** The timeline's lanes and the docked panels, open or collapsed (remembered). */
  panels: PanelsOpen;
  /** The sides on screen, in order. The first is the one the event log, timeline, queues, OID console and traffic
   * generator follow; the drawings show every side. */
  sides: readonly SideDescriptor[];
  /** Sides are being added or removed (and the scenario reloaded on all of them). */
  switching: boolean;
  /** The last scenario the first side accepted. */
  loaded: LoadedScenario | null;
  /** Built-in scenarios for the picker. */
  catalog: CatalogEntry[];
  /** Why the catalog could not be read, shown instead of the picker's options. */
  catalogProblem: string | null;
  /** The drawings are shown as tables, their text alternative (the V key; tables/). */
  tables: boolean;
  toggleTables(): void;
  toggleTheme(): void;
  setPanelOpen(panel: PanelKey, open: boolean): void;
  setCatalog(catalog: CatalogEntry[], problem: string | null): void;
}

export type PageStore = StoreApi<PageState>;

/** Shows the remembered theme at once, so the first paint has it. */
export function createPageStore(themeHost: ThemeHost, sides: readonly SideDescriptor[]): PageStore {
  const theme = rememberedTheme(themeHost);
  showTheme(themeHost, theme);
  return createStore<PageState>()((set, get) => ({
    theme,
    panels: rememberedPanels(themeHost.storage),
    sides,
    switching: false,
    loaded: null,
    catalog: [],
    catalogProblem: null,
    tables: false,
    toggleTables: () => set({ tables: !get().tables }),
    toggleTheme: () => {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
      rememberTheme(themeHost, next);
      showTheme(themeHost, next);
      set({ theme: next });
    },
    setPanelOpen: (panel, open) => {
      const panels = { ...get().panels, [panel]: open };
      rememberPanels(themeHost.storage, panels);
      set({ panels });
    },
    setCatalog: (catalog, problem) => set({ catalog, catalogProblem: problem }),
  }));
}
