/**
 * Light or dark: the user's choice, remembered in the browser's storage, else the system's prefers-color-scheme.
 * The theme is one attribute on <html> (ui/theme.css does the rest). The page store applies it when the page is
 * created at start-up, before the first render, so the first paint already has the right colours.
 */
export type Theme = 'light' | 'dark';

/** Where the theme is remembered and shown: localStorage and <html> in the page; tests pass their own. */
export interface ThemeHost {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** The element whose `data-theme` the stylesheet reads. */
  root: HTMLElement;
  /** The system asks for dark (prefers-color-scheme). */
  prefersDark: boolean;
}

const STORAGE_KEY = 'vmq-playground:theme';

export function rememberedTheme({ storage, prefersDark }: ThemeHost): Theme {
  const saved = storage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return prefersDark ? 'dark' : 'light';
}

export function showTheme({ root }: ThemeHost, theme: Theme): void {
  root.dataset['theme'] = theme;
}

export function rememberTheme({ storage }: ThemeHost, theme: Theme): void {
  storage.setItem(STORAGE_KEY, theme);
}
