/**
 * The page's address follows what it shows, so a copied link opens the same: `?scenario=` names the built-in
 * scenario on screen (none for a file of the user's own, which no link can carry), and compare mode sets
 * `?compare=1` (compare/compareMode.ts). Changes replace the address in place, adding no history entries.
 */
import type { PageStore } from './pageStore.ts';

export const SCENARIO_PARAM = 'scenario';

/** Sets (or, with null, removes) one parameter of the page's address in place. */
export function setAddressParam(name: string, value: string | null): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

/** Keeps `?scenario=` on the built-in scenario the page has loaded; returns the unsubscribe. */
export function followLoadedScenario(
  store: PageStore,
  setParam: (name: string, value: string | null) => void = setAddressParam,
): () => void {
  return store.subscribe(({ loaded }, previous) => {
    if (loaded === previous.loaded || loaded === null) return;
    setParam(SCENARIO_PARAM, loaded.builtIn ? loaded.source : null);
  });
}
