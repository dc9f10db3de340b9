/**
 * Keeps the page's address on exactly what is on screen, so the address is always a link to this moment
 * (docs/share-links.md): the scenario (page/address.ts addressOf; a file of the user's own packed into `file`), the
 * seed, compare mode, the first side's position, the user's actions (packed into `acts`), the selection, the open
 * panels, the teacher's view and how the page is shown (present mode, the embedded player). A deliberate change
 * (another scenario, seed or compare mode) adds a history entry, so Back returns to what was on screen before;
 * moving, selecting and opening panels replace the current entry. A click (a step, a panel, a selection, a
 * scenario) is written at once, so the address is current before the next thing the user does; the position is
 * written a few times a second at most while the story plays. What a link cannot carry (a file too large for one) is said, not
 * hidden.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { addressOf, type AddressParams, SCENARIO_PARAM, TEACHER_PARAM } from './address.ts';
import type { Page } from './createPage.ts';
import { EMPTY_ADAPTER_SOURCE } from './emptyAdapter.ts';
import { packActions, packOwnFile, type Replayable } from './linkFiles.ts';
import type { LoadedScenario } from './pageStore.ts';
import { presentationParams } from './presentation.ts';
import { LINK_PARAMS, writePanels, writePosition, writeSelection } from './shareLink.ts';

/** The longest link written: chat tools, issue trackers and document editors keep links this long intact. */
export const MAX_LINK_CHARS = 8000;
const WRITE_DELAY_MS = 250;
const COMPARE_PARAM = 'compare';

/** The browser's address and history (window.location and window.history in the page). */
export interface AddressHistory {
  href(): string;
  replace(url: string): void;
  push(url: string): void;
}

export interface LinkState {
  /** What the address cannot carry now, in words; null when it carries everything. */
  problem: string | null;
}

export interface AddressKeeper {
  readonly state: StoreApi<LinkState>;
  /** Writes the address now and returns it: the link to this exact view. */
  link(): Promise<string>;
  /** Stops writing while `open` runs (Back or Forward re-opens an address, which must not add entries), then writes
   * what it opened in place. */
  while<T>(open: () => Promise<T>): Promise<T>;
  dispose(): void;
}

export const browserHistory = (): AddressHistory => ({
  href: () => window.location.href,
  replace: (url) => window.history.replaceState(window.history.state, '', url),
  push: (url) => window.history.pushState(null, '', url),
});

/** A scenario the link carries as text: neither built in, nor the empty adapter the picker builds, nor a lesson's. */
const ownText = (loaded: LoadedScenario): string | null => {
  if (loaded.builtIn || loaded.lesson || loaded.source === EMPTY_ADAPTER_SOURCE) return null;
  return typeof loaded.scenario === 'string' ? loaded.scenario : JSON.stringify(loaded.scenario);
};

const kb = (chars: number): string => `${(chars / 1000).toFixed(1)} KB`;

export function keepAddress(
  page: Pick<Page, 'store' | 'selection' | 'sides' | 'presentation' | 'lessons'>,
  history: AddressHistory = browserHistory(),
): AddressKeeper {
  const state = createStore<LinkState>()(() => ({ problem: null }));
  const packedFiles = new WeakMap<LoadedScenario, Promise<string>>();
  let packedActions: { json: string; packed: Promise<string> } | null = null;
  let identity: string | null = null;
  let paused = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let written = Promise.resolve('');

  const packFile = (loaded: LoadedScenario, text: string): Promise<string> => {
    let packed = packedFiles.get(loaded);
    if (!packed) {
      packed = packOwnFile({ source: loaded.source, text });
      packedFiles.set(loaded, packed);
    }
    return packed;
  };
  const packActionsOf = (actions: Replayable): Promise<string> => {
    const json = JSON.stringify(actions);
    if (packedActions?.json !== json) packedActions = { json, packed: packActions(actions) };
    return packedActions.packed;
  };

  /** The parameters for what is on screen: the ones that name the session, and the ones that say where it is. */
  const paramsNow = async (): Promise<{ names: AddressParams; view: AddressParams }> => {
    const { loaded, sides, panels } = page.store.getState();
    const first = page.sides()[0];
    if (!loaded || !first) return { names: {}, view: {} };
    const text = ownText(loaded);
    const actions = first.journal.replayable();
    const at = first.journal.lastGood;
    const selected = page.selection.getState().selected;
    const [file, acts] = await Promise.all([
      text === null ? null : packFile(loaded, text),
      actions.length === 0 ? null : packActionsOf(actions),
    ]);
    const forks = sides.flatMap((side) => (side.fork ? [side.fork] : []));
    const seed = loaded.seed ?? first.store.getState().scenario?.seed;
    const names: AddressParams = {
      ...addressOf(loaded),
      [LINK_PARAMS.file]: file,
      [LINK_PARAMS.seed]: seed === undefined ? null : String(seed),
      // Compare mode runs every side as a named Windows version; what-if forks run the scenario as written.
      [COMPARE_PARAM]: sides.length > 1 && sides.every((side) => side.profile !== null) ? '1' : null,
    };
    const view: AddressParams = {
      [TEACHER_PARAM]: page.lessons.getState().teacher ? '1' : null,
      [LINK_PARAMS.at]: at ? writePosition(at) : null,
      [LINK_PARAMS.actions]: acts,
      [LINK_PARAMS.forks]: forks.length === 0 ? null : await packActions(forks),
      [LINK_PARAMS.selection]: selected ? writeSelection(selected, first.id) : null,
      [LINK_PARAMS.panels]: writePanels(panels),
      ...presentationParams(page.presentation.getState().presentation),
    };
    return { names, view };
  };

  /** Sets the parameters the keeper writes, in the order given (after any others the address has), so links read
   * alike: what is shown, then where. */
  const apply = (url: URL, params: AddressParams) => {
    for (const name of Object.keys(params)) url.searchParams.delete(name);
    for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.append(name, value);
  };

  /** Between a load's start and the page naming what it loaded, the first side and the page disagree about what is
   * on screen: a write then would give one scenario's entry the other's position. */
  const settledOnScenario = (): boolean => {
    const { loaded, switching } = page.store.getState();
    const sim = page.sides()[0]?.store.getState();
    return !switching && sim?.loadingSource === null && sim.scenario?.source === loaded?.source;
  };

  /** `settled` says the page shows one scenario throughout; a write that is not sure checks. */
  const write = async (settled = settledOnScenario()): Promise<string> => {
    if (!settled) return history.href();
    const { names, view } = await paramsNow();
    const url = new URL(history.href());
    apply(url, { ...names, ...view });
    let problem: string | null = null;
    if (url.href.length > MAX_LINK_CHARS) {
      const carried = [
        names[LINK_PARAMS.file] ? 'your scenario file' : null,
        view[LINK_PARAMS.actions] ? 'your actions' : null,
      ]
        .filter((what) => what !== null)
        .join(' and ');
      problem = `The link would be ${kb(url.href.length)} long with ${carried}, and a link holds ${kb(MAX_LINK_CHARS)}: it leaves them out, so it opens ${names[SCENARIO_PARAM] ? 'the scenario without them' : 'the default scenario'}. Download the scenario (or save your session as one) and share the file instead.`;
      for (const name of [LINK_PARAMS.file, LINK_PARAMS.actions, LINK_PARAMS.at]) url.searchParams.delete(name);
    }
    if (state.getState().problem !== problem) state.setState({ problem });
    const named = JSON.stringify(names);
    if (url.href !== history.href()) {
      if (identity !== null && named !== identity && paused === 0) history.push(url.href);
      else history.replace(url.href);
    }
    identity = named;
    return url.href;
  };

  const writeNow = (settled?: boolean) => {
    const once = () => write(settled);
    written = written.then(once, once);
    return written;
  };
  const schedule = () => {
    if (paused > 0 || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void writeNow();
    }, WRITE_DELAY_MS);
  };
  const writeAtOnce = (settled?: boolean) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (paused === 0) void writeNow(settled);
  };

  // A load that starts ends the current entry: what it still owes (the last steps before the user picked another
  // scenario) is written first, while the side and the page still both show the old scenario, so Back returns there.
  const followFirstSide = () =>
    page.sides()[0]?.store.subscribe((s, previous) => {
      if (s.loadingSource !== null && previous.loadingSource === null) {
        if (timer !== null) writeAtOnce(true);
      } else if (s.playing || previous.playing) schedule();
      // A step is a click too: the address has it before a reload or a copy can read it.
      else writeAtOnce();
    });
  let unfollowSide = followFirstSide();
  const unsubscribe = [
    page.store.subscribe((s, previous) => {
      if (s.sides !== previous.sides) {
        unfollowSide?.();
        unfollowSide = followFirstSide();
      }
      if (s.loaded !== previous.loaded || s.sides !== previous.sides || s.panels !== previous.panels) writeAtOnce();
    }),
    page.selection.subscribe(() => writeAtOnce()),
    page.presentation.subscribe(() => writeAtOnce()),
    page.lessons.subscribe((s, previous) => {
      if (s.teacher !== previous.teacher) writeAtOnce();
    }),
  ];

  return {
    state,
    link: () => writeNow(),
    while: async (open) => {
      paused++;
      try {
        return await open();
      } finally {
        paused--;
        // What Back or Forward opened names itself in place: the entry it returned to is this one.
        identity = null;
        void writeNow();
      }
    },
    dispose: () => {
      if (timer !== null) clearTimeout(timer);
      unfollowSide?.();
      for (const stop of unsubscribe) stop();
    },
  };
}
