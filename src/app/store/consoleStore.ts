/**
 * The OID console's state: the request being edited (one draft per OID, so switching OIDs loses nothing), and the
 * history of requests sent, each with its immediate answer and, for NDIS_STATUS_PENDING, its later completion.
 *
 * Completions and undos come from the trace: an `oid-completed` event finishes a pending entry, and a step-back
 * that removes a request's `oid-requested` event marks the entry undone (its effects are gone; it can be resent).
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { OidName, OidRequest, OidResult, TraceEvent } from '../../engine/index.ts';
import type { ISimClient } from '../../client/SimClient.ts';
import { latestEvent } from '../trace/traceLookup.ts';
import type { TraceSource } from '../trace/traceSource.ts';

/** The request an OID's form starts from, as the adapter stands now (the console's forms know how to fill it). */
export type OidDefaults = (oid: OidName) => OidRequest;

export interface HistoryEntry {
  /** Local to the console: request ids restart when a scenario loads and repeat after a step-back. */
  key: number;
  request: OidRequest;
  /** What the request returned at once: NDIS_STATUS_PENDING, or already the final status. */
  answer: OidResult | null;
  /** The final result: the answer itself, or the completion of a pended request. */
  final: OidResult | null;
  /** Why it could not be sent (no scenario loaded, the worker refused the command). */
  error: string | null;
  /** A step back undid it. */
  undone: boolean;
}

export interface ConsoleState {
  oid: OidName;
  drafts: Partial<Record<OidName, OidRequest>>;
  history: HistoryEntry[];
  /** The raw JSON editor's text while it is not a valid request yet (null when the draft is what it shows), so an
   * edit in progress survives a reload. */
  rawText: string | null;
  /** The entry whose answer is shown (the latest sent, or one picked from the history). */
  shownKey: number | null;
  /** Switches to `oid`, starting from its defaults unless the user has edited its draft. */
  chooseOid(oid: OidName, defaults: OidDefaults): void;
  editDraft(request: OidRequest): void;
  editRawText(text: string | null): void;
  resetDraft(defaults: OidDefaults): void;
  /** The adapter changed: a draft the user has not touched follows it (SET_FILTER aims at the newest queue…). */
  refreshDefaults(defaults: OidDefaults): void;
  send(request: OidRequest): Promise<void>;
  /** Puts a history entry's request back in the form. */
  load(key: number): void;
  show(key: number): void;
  /** Folds new trace events in: completions of pended requests, and undos after a step-back. */
  traceChanged(): void;
  /** Puts back a saved console (page/autosave.ts): the OID shown, the drafts and the history. */
  restore(saved: SavedConsole): void;
}

/** What of the console survives a reload. */
export type SavedConsole = Pick<ConsoleState, 'oid' | 'drafts' | 'history' | 'rawText'>;

export type ConsoleStore = StoreApi<ConsoleState>;

export interface ConsoleDeps {
  /** Sends a user action and pulls its effect (the sim store's act()); undefined when no scenario is loaded. */
  act<T>(send: (client: ISimClient) => T): T | undefined;
  /** The trace, with how many events it has pushed out at the front (the EventBuffer). */
  trace: TraceSource & { readonly evicted: number };
}

const completes = (event: TraceEvent, entry: HistoryEntry): event is Extract<TraceEvent, { kind: 'oid-completed' }> =>
  event.kind === 'oid-completed' &&
  entry.answer !== null &&
  event.result.requestId === entry.answer.requestId &&
  event.result.issuedAtNs === entry.answer.issuedAtNs;

export function createConsoleStore({ act, trace }: ConsoleDeps): ConsoleStore {
  let nextKey = 1;
  /** The newest event already folded in, and where it was (adjusted for evictions since). */
  let seen: { event: TraceEvent; index: number; evicted: number } | null = null;

  /** Drafts that are still exactly a default, so they may be regenerated. */
  const pristine = new WeakSet<OidRequest>();
  const fresh = (oid: OidName, defaults: OidDefaults): OidRequest => {
    const request = defaults(oid);
    pristine.add(request);
    return request;
  };

  return createStore<ConsoleState>()((set, get) => {
    const update = (key: number, patch: Partial<HistoryEntry>) =>
      set({ history: get().history.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)) });

    /** Completes pended entries from the events at positions [from, trace.length). */
    const completeFrom = (from: number) => {
      const pending = get().history.filter((entry) => entry.final === null && entry.answer !== null && !entry.undone);
      if (pending.length === 0) return;
      for (let i = from; i < trace.length; i++) {
        const event = trace.at(i) as TraceEvent;
        const entry = pending.find((p) => completes(event, p));
        if (entry && event.kind === 'oid-completed') update(entry.key, { final: event.result });
      }
    };

    /** After a step-back: entries whose request is no longer in the trace were undone. */
    const markUndone = () => {
      const oldestKeptNs = trace.at(0)?.t ?? Infinity;
      const kept = (result: OidResult) =>
        result.issuedAtNs < oldestKeptNs || // pushed out of the buffer, not undone
        latestEvent(trace, 'oid-requested', (e) => e.requestId === result.requestId && e.t === result.issuedAtNs) !==
          undefined;
      const history = get().history;
      const undone = history.filter((entry) => entry.answer && !entry.undone && !kept(entry.answer));
      if (undone.length > 0)
        set({ history: history.map((entry) => (undone.includes(entry) ? { ...entry, undone: true } : entry)) });
    };

    return {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      drafts: {},
      history: [],
      rawText: null,
      shownKey: null,
      chooseOid: (oid, defaults) => {
        const draft = get().drafts[oid];
        set({
          oid,
          rawText: oid === get().oid ? get().rawText : null,
          drafts: draft && !pristine.has(draft) ? get().drafts : { ...get().drafts, [oid]: fresh(oid, defaults) },
        });
      },
      editDraft: (request) => set({ oid: request.oid, drafts: { ...get().drafts, [request.oid]: request } }),
      editRawText: (text) => set({ rawText: text }),
      resetDraft: (defaults) => set({ drafts: { ...get().drafts, [get().oid]: fresh(get().oid, defaults) } }),
      refreshDefaults: (defaults) => {
        const { oid, drafts } = get();
        const draft = drafts[oid];
        if (draft && !pristine.has(draft)) return;
        const next = defaults(oid);
        if (draft && JSON.stringify(draft) === JSON.stringify(next)) return;
        pristine.add(next);
        set({ drafts: { ...drafts, [oid]: next } });
      },
      send: async (request) => {
        const key = nextKey++;
        const entry: HistoryEntry = {
          key,
          request: structuredClone(request),
          answer: null,
          final: null,
          error: null,
          undone: false,
        };
        set({ history: [...get().history, entry], shownKey: key });
        const reply = act((client) => client.requestOid(request));
        if (reply === undefined) {
          update(key, { error: 'no scenario is loaded' });
          return;
        }
        try {
          const answer = await reply;
          update(key, { answer, final: answer.status === 'NDIS_STATUS_PENDING' ? null : answer });
          // The completion may already be in the trace (the pull that follows the request can beat this reply).
          completeFrom(0);
        } catch (error) {
          update(key, { error: error instanceof Error ? error.message : String(error) });
        }
      },
      load: (key) => {
        const entry = get().history.find((e) => e.key === key);
        if (entry)
          set({
            oid: entry.request.oid,
            drafts: { ...get().drafts, [entry.request.oid]: structuredClone(entry.request) },
            rawText: null,
            shownKey: key,
          });
      },
      show: (key) => set({ shownKey: key }),
      restore: ({ oid, drafts, history, rawText }) => {
        nextKey = Math.max(0, ...history.map((entry) => entry.key)) + 1;
        set({ oid, drafts, history, rawText, shownKey: history.at(-1)?.key ?? null });
      },
      traceChanged: () => {
        const newest = trace.at(trace.length - 1);
        const previous = seen;
        seen = newest ? { event: newest, index: trace.length - 1, evicted: trace.evicted } : null;
        if (previous === null) return completeFrom(0);
        const index = previous.index - (trace.evicted - previous.evicted);
        if (trace.at(index) === previous.event) return completeFrom(index + 1);
        markUndone();
        completeFrom(0);
      },
    };
  });
}
