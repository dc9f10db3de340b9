/**
 * Autosave: the user's session survives a reload. Saved under one versioned localStorage key: the scenario (a
 * built-in's name, or the text of a file the user opened), the user's own actions with where each was sent, the
 * position, and the OID console (the OID shown, its drafts, which hold every valid raw JSON edit, and the history).
 * Restoring loads the scenario, replays the actions and goes to the position, as crash recovery does
 * (side/recovery.ts). What is read back is checked field by field; an entry that is corrupt or of another version
 * is ignored with a notice and removed, never trusted. Writes are throttled, not made on every batch.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { SimPosition, UserAction } from '../../client/SessionJournal.ts';
import { NDIS_STATUS, type Fault } from '../../engine/index.ts';
import { replayJournal } from '../side/recovery.ts';
import type { Side } from '../side/createSide.ts';
import type { HistoryEntry, SavedConsole } from '../store/consoleStore.ts';
import { messageOf } from '../store/simStore.ts';
import type { Lesson } from '../../lesson/schema.ts';
import type { LoadedScenario, PageStore } from './pageStore.ts';

export const SESSION_KEY = 'vmq-playground/session/v1';
/** A write waits this long after the first change, so a playing simulation writes at most this often. */
const SAVE_DELAY_MS = 2000;
/** Larger sessions are not saved (localStorage holds about 5 MB per origin). */
const MAX_SAVED_CHARS = 2_000_000;

export interface SavedSession {
  version: 1;
  scenario: { builtIn: string } | { source: string; text: string };
  /** The id of the lesson the session is an attempt at (page/lessons.ts), if it is one. */
  lesson?: string;
  /** The seed the scenario ran with, when it was not its file's. */
  seed?: number;
  actions: { action: UserAction; at: SimPosition }[];
  /** The last position a batch reported; null before the first batch. */
  position: SimPosition | null;
  console: SavedConsole;
}

export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isPosition = (value: unknown): value is SimPosition =>
  isObject(value) &&
  isCount(value.tNs) &&
  isCount(value.stepIndex) &&
  isCount(value.eventCount) &&
  (value.heldEvents === undefined || isCount(value.heldEvents));
const isRequest = (value: unknown): boolean => isObject(value) && typeof value.oid === 'string';
const isResult = (value: unknown): boolean => value === null || (isObject(value) && typeof value.oid === 'string');

function isAction(value: unknown): value is UserAction {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'request-oid':
      return isRequest(value.request);
    case 'start-traffic':
      return isObject(value.flow) && typeof value.flow.name === 'string';
    case 'stop-traffic':
      return typeof value.flow === 'string';
    case 'return-nbls':
      return (value.queueId === null || isCount(value.queueId)) && (value.count === 'all' || isCount(value.count));
    case 'adapter-action':
      return ['pause', 'restart', 'reset', 'halt'].includes(value.action as string);
    case 'close-binding':
      return typeof value.binding === 'string';
    case 'inject-fault':
      return isFault(value.fault);
    case 'keep-scenario-steps':
      return true;
    default:
      return false;
  }
}

/** A QueueId or a duration in ns, where null means every queue, or none. */
const isCountOrNull = (value: unknown): boolean => value === null || isCount(value);

/** Whether `value` has a fault's shape (engine/faults.ts); the engine judges what it asks for. */
function isFault(value: unknown): value is Fault {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'refuse-oid':
      return (
        typeof value.oid === 'string' &&
        typeof value.status === 'string' &&
        Object.hasOwn(NDIS_STATUS, value.status) &&
        (value.count === 'always' || isCount(value.count))
      );
    case 'pend-oid':
      return typeof value.oid === 'string' && isCountOrNull(value.delayNs);
    case 'shared-memory-exhausted':
      return (
        isCount(value.afterBlocks) &&
        (value.status === 'NDIS_STATUS_RESOURCES' || value.status === 'NDIS_STATUS_FAILURE')
      );
    case 'surprise-removal':
      return true;
    case 'delay-dpc':
      return isCountOrNull(value.queueId) && isCount(value.delayNs);
    case 'withhold-nbls':
      return isCountOrNull(value.queueId) && typeof value.on === 'boolean';
    case 'return-latency':
      return isCountOrNull(value.latencyNs);
    case 'live-migration':
      return typeof value.vm === 'string';
    default:
      return false;
  }
}

const isHistoryEntry = (value: unknown): value is HistoryEntry =>
  isObject(value) &&
  isCount(value.key) &&
  isRequest(value.request) &&
  isResult(value.answer) &&
  isResult(value.final) &&
  (value.error === null || typeof value.error === 'string') &&
  typeof value.undone === 'boolean';

const isConsole = (value: unknown): value is SavedConsole =>
  isObject(value) &&
  typeof value.oid === 'string' &&
  (value.rawText === null || typeof value.rawText === 'string') &&
  isObject(value.drafts) &&
  Object.values(value.drafts).every(isRequest) &&
  Array.isArray(value.history) &&
  value.history.every(isHistoryEntry);

const isScenario = (value: unknown): value is SavedSession['scenario'] =>
  isObject(value) &&
  (typeof value.builtIn === 'string' || (typeof value.source === 'string' && typeof value.text === 'string'));

/** Whether `value` is a list of the user's actions, each with the position it was sent at (as the journal keeps them). */
export const isReplayable = (value: unknown): value is SavedSession['actions'] =>
  Array.isArray(value) && value.every((entry) => isObject(entry) && isAction(entry.action) && isPosition(entry.at));

/** Reads a stored entry: null when there is none, else the session or why it cannot be used. */
export function readSavedSession(raw: string | null): { session: SavedSession } | { problem: string } | null {
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { problem: 'it is not valid JSON' };
  }
  if (!isObject(data)) return { problem: 'it is not a saved session' };
  if (data.version !== 1) return { problem: `it is from another version (${String(data.version).slice(0, 20)})` };
  const valid =
    isScenario(data.scenario) &&
    Array.isArray(data.actions) &&
    isReplayable(data.actions) &&
    (data.position === null || isPosition(data.position)) &&
    (data.lesson === undefined || typeof data.lesson === 'string') &&
    (data.seed === undefined || (isCount(data.seed) && data.seed <= 0xffff_ffff)) &&
    isConsole(data.console);
  return valid ? { session: data as unknown as SavedSession } : { problem: 'some of its fields are missing or wrong' };
}

/** A saved session of the built-in scenario `file`. */
export const isOfBuiltIn =
  (file: string) =>
  (session: SavedSession): boolean =>
    'builtIn' in session.scenario && session.scenario.builtIn === file;

export interface AutosaveState {
  /** Something the user should know about their saved session (it could not be read, or saved). */
  notice: string | null;
  dismissNotice(): void;
}

export interface Autosave {
  readonly state: StoreApi<AutosaveState>;
  /** Restores the saved session on the first side, if there is one (and, given `wanted`, only if it is the one the
   * address names: a reload must not lose the position). Returns whether it did. */
  restore(wanted?: (session: SavedSession) => boolean): Promise<boolean>;
  /** Restores the saved session if it is an attempt at `lesson`, as an attempt at it again. Returns whether it did. */
  restoreLesson(lesson: Lesson): Promise<boolean>;
  /** Writes now (the page is being hidden or closed). */
  flush(): void;
  /** Forgets the saved session; the caller loads the default scenario. */
  clear(): void;
  dispose(): void;
}

export interface AutosaveDeps {
  storage: SessionStorage;
  page: PageStore;
  /** The side the session belongs to: the first one. */
  side(): Side | undefined;
  loadBuiltIn(file: string, seed?: number): Promise<boolean>;
  load(text: string, source: string, lesson?: Lesson, seed?: number): Promise<boolean>;
  /** setTimeout in the page; tests pass their own. */
  schedule?: (callback: () => void, ms: number) => void;
}

/** The seed the first side runs the scenario with: the one it was loaded with, else its file's. */
const seedOf = (loaded: LoadedScenario, first: Side): number | undefined =>
  loaded.seed ?? first.store.getState().scenario?.seed;

export function createAutosave({ storage, page, side, loadBuiltIn, load, schedule }: AutosaveDeps): Autosave {
  const later = schedule ?? ((callback, ms) => void setTimeout(callback, ms));
  const state = createStore<AutosaveState>()((set) => ({ notice: null, dismissNotice: () => set({ notice: null }) }));
  let pending = false;
  /** Off while a saved session is being restored, so a half-restored one never overwrites it. */
  let enabled = true;

  const snapshot = (): SavedSession | null => {
    const loaded = page.getState().loaded;
    const first = side();
    if (!loaded || !first || page.getState().sides.length > 1) return null;
    const { oid, drafts, history, rawText } = first.console.getState();
    return {
      version: 1,
      scenario: loaded.builtIn
        ? { builtIn: loaded.source }
        : {
            source: loaded.source,
            text: typeof loaded.scenario === 'string' ? loaded.scenario : JSON.stringify(loaded.scenario),
          },
      ...(loaded.lesson ? { lesson: loaded.lesson.id } : {}),
      ...(seedOf(loaded, first) !== undefined ? { seed: seedOf(loaded, first) } : {}),
      actions: first.journal.replayable(),
      position: first.journal.lastGood,
      console: { oid, drafts, history, rawText },
    };
  };

  const write = () => {
    pending = false;
    const session = enabled && side()?.recovery.getState().status !== 'recovering' ? snapshot() : null;
    if (!session) return;
    const text = JSON.stringify(session);
    if (text.length > MAX_SAVED_CHARS) return;
    try {
      storage.setItem(SESSION_KEY, text);
    } catch (error) {
      state.setState({ notice: `Your session could not be saved: ${messageOf(error)}` });
    }
  };

  const changed = () => {
    if (pending) return;
    pending = true;
    later(write, SAVE_DELAY_MS);
  };

  let unsubscribeSide: (() => void)[] = [];
  const follow = () => {
    for (const stop of unsubscribeSide) stop();
    const first = side();
    unsubscribeSide = first
      ? [
          first.store.subscribe((s, previous) => {
            if (s.stats !== previous.stats || s.sessionId !== previous.sessionId) changed();
          }),
          first.console.subscribe(changed),
        ]
      : [];
  };
  follow();
  const unsubscribePage = page.subscribe((s, previous) => {
    if (s.sides !== previous.sides) follow();
    if (s.loaded !== previous.loaded) changed();
  });

  const forget = (problem: string) => {
    storage.removeItem(SESSION_KEY);
    state.setState({ notice: `Your saved session was not restored: ${problem}. Starting fresh.` });
    return false;
  };

  /** Restores the saved session if `wanted` says it is the one asked for; `lesson` loads it as an attempt at it. */
  const restoreIf = async (wanted: (session: SavedSession) => boolean, lesson?: Lesson): Promise<boolean> => {
    const read = readSavedSession(storage.getItem(SESSION_KEY));
    if (read === null) return false;
    if ('problem' in read) return forget(read.problem);
    const { session } = read;
    if (!wanted(session)) return false;
    enabled = false;
    try {
      const { scenario, seed } = session;
      const loaded =
        'builtIn' in scenario
          ? await loadBuiltIn(scenario.builtIn, seed)
          : await load(scenario.text, scenario.source, lesson, seed);
      const first = side();
      if (!loaded || !first) return forget('its scenario could not be loaded');
      const exact = await replayJournal(first, session.actions, session.position);
      first.console.getState().restore(session.console);
      first.console.getState().traceChanged();
      if (!exact) state.setState({ notice: 'Your saved session was restored as closely as it could be.' });
      return true;
    } catch (error) {
      return forget(messageOf(error));
    } finally {
      enabled = true;
    }
  };

  return {
    state,
    restore: (wanted) => restoreIf(wanted ?? (() => true)),
    restoreLesson: (lesson) => restoreIf((session) => session.lesson === lesson.id, lesson),
    flush: () => write(),
    clear: () => {
      storage.removeItem(SESSION_KEY);
      const oidConsole = side()?.console.getState();
      oidConsole?.restore({ oid: oidConsole.oid, drafts: {}, history: [], rawText: null });
      state.setState({ notice: null });
    },
    dispose: () => {
      enabled = false;
      unsubscribePage();
      for (const stop of unsubscribeSide) stop();
    },
  };
}
