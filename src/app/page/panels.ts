/**
 * Which of the page's panels are open: the timeline's lanes, and the panels docked under the drawings. The reader's
 * choice is remembered in the browser's storage, like the theme; anything unreadable there means the defaults.
 */
export const PANELS = [
  'timeline',
  'queues',
  'log',
  'drive',
  'conformance',
  'expectations',
  'sequence',
  'charts',
] as const;
export type PanelKey = (typeof PANELS)[number];
export type PanelsOpen = Readonly<Record<PanelKey, boolean>>;

/** The first view: the timeline as a compact strip so the diagram fills the screen; the dock open below it. */
export const DEFAULT_PANELS: PanelsOpen = {
  timeline: false,
  queues: true,
  log: true,
  drive: true,
  conformance: true,
  expectations: true,
  // A review tool, not part of the story: closed, its chart is not folded until someone opens it.
  sequence: false,
  // Charts are for a closer look: closed until asked for, so their code loads only then.
  charts: false,
};

const STORAGE_KEY = 'vmq-playground:panels';

type PanelStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function rememberedPanels(storage: PanelStorage): PanelsOpen {
  let saved: unknown;
  try {
    saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return DEFAULT_PANELS;
  }
  if (typeof saved !== 'object' || saved === null) return DEFAULT_PANELS;
  const entries = PANELS.map((key) => {
    const open = (saved as Record<string, unknown>)[key];
    return [key, typeof open === 'boolean' ? open : DEFAULT_PANELS[key]] as const;
  });
  return Object.fromEntries(entries) as Record<PanelKey, boolean>;
}

export function rememberPanels(storage: PanelStorage, panels: PanelsOpen): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(panels));
}
