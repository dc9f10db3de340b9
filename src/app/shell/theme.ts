/**
 * Light or dark: the user's choice, remembered in localStorage, else the system's prefers-color-scheme.
 * The theme is one attribute on <html> (theme.css does the rest), set as soon as this module loads so the first
 * paint already has the right colours.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import './theme.css';

export type Theme = 'light' | 'dark';

interface ThemeState {
  theme: Theme;
  toggle(): void;
}

const STORAGE_KEY = 'vmq-playground:theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const apply = (theme: Theme): void => {
  document.documentElement.dataset['theme'] = theme;
};

export const themeStore = createStore<ThemeState>()((set, get) => ({
  theme: initialTheme(),
  toggle: () => {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(STORAGE_KEY, theme);
    apply(theme);
    set({ theme });
  },
}));

apply(themeStore.getState().theme);

export const useTheme = (): Theme => useStore(themeStore, (s) => s.theme);

/** The current value of a theme variable such as `--viz-frame`, for canvas drawing (SVG uses var() directly). */
export const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim();
