/**
 * The parameters that name what the page shows: `?scenario=` the built-in scenario on screen,
 * `?empty=<profile>&cpus=N&vms=N` the empty adapter on screen (page/emptyAdapter.ts), `?lesson=<id>` the lesson being
 * worked on; a file of the user's own travels packed. page/keepAddress.ts writes these and the rest of the address
 * (the teacher's view `?teacher=1` among it); docs/share-links.md describes it all.
 */
import { EMPTY_ADAPTER_SOURCE, emptyAdapterOf, type EmptyAdapterField } from './emptyAdapter.ts';
import type { LoadedScenario } from './pageStore.ts';

export const SCENARIO_PARAM = 'scenario';
export const LESSON_PARAM = 'lesson';
export const TEACHER_PARAM = 'teacher';
/** The parameter that carries each field of an empty adapter. */
export const EMPTY_ADAPTER_PARAMS: Record<EmptyAdapterField, string> = { profile: 'empty', cpus: 'cpus', vms: 'vms' };

/** Values for some parameters of the page's address; null removes one. */
export type AddressParams = Record<string, string | null>;

/** Sets (or, with null, removes) parameters of the page's address in place. */
export function setAddressParams(params: AddressParams): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

export const setAddressParam = (name: string, value: string | null): void => setAddressParams({ [name]: value });

/** The parameters that name `loaded`: every scenario parameter, set for what it is and removed for the rest. */
export function addressOf(loaded: LoadedScenario): AddressParams {
  const empty = loaded.source === EMPTY_ADAPTER_SOURCE ? emptyAdapterOf(loaded.scenario) : null;
  return {
    [LESSON_PARAM]: loaded.lesson?.id ?? null,
    [SCENARIO_PARAM]: loaded.builtIn ? loaded.source : null,
    [EMPTY_ADAPTER_PARAMS.profile]: empty?.profile ?? null,
    [EMPTY_ADAPTER_PARAMS.cpus]: empty ? String(empty.cpus) : null,
    [EMPTY_ADAPTER_PARAMS.vms]: empty ? String(empty.vms) : null,
  };
}
