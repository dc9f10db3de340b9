/**
 * The UI's state: low-frequency, user-visible facts only. Raw trace events stay in the EventBuffer;
 * a batch becomes exactly one `set()` (applyBatch), so React renders at most once per animation frame (and while
 * playing, at most once per side/reactPace.ts's pace).
 *
 * Actions that talk to the simulation go through ISimClient and never touch React.
 */
import { createStore } from 'zustand/vanilla';
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { ISimClient, LoadOutcome } from '../../client/SimClient.ts';
import { type AdapterView, type TimeNs, type TraceEvent, asTimeNs } from '../../engine/index.ts';
import type { StepKind } from '../../protocol/commands.ts';
import type { BatchMessage, PlaybackStats, ScenarioSummary, TraceOmission } from '../../protocol/messages.ts';
import type { ScenarioError } from '../../scenario/errors.ts';
import type { ScenarioReport } from '../../scenario/session.ts';
import type { EventBuffer } from './eventBuffer.ts';

/** Playback multipliers offered in the UI (the host accepts 0.1–100). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export interface SessionSlice {
  /** 'starting' until the worker announced a matching protocol; 'failed' if it never will. */
  connection: 'starting' | 'ready' | 'failed';
  /** The scenario the engine is running, or null before the first successful load. */
  scenario: ScenarioSummary | null;
  /** Batches for any other session are stale and ignored. */
  sessionId: number | null;
  /** Source being loaded, so the picker can show progress and not double-submit. */
  loadingSource: string | null;
  /** The last load that failed, with the parser's errors; the running scenario is untouched by it. */
  loadProblem: { source: string; errors: ScenarioError[] } | null;
  /** A failure outside any load (worker crashed, a command threw). */
  failure: string | null;
  /** Shows the load of `source` in progress, then its outcome: the new session, or why it was refused. Returns
   * whether the scenario was accepted. */
  loadScenario(outcome: Promise<LoadOutcome>, source: string): Promise<boolean>;
  /** Shows a load problem found before the worker saw the scenario (e.g. the file could not be fetched). */
  reportLoadProblem(source: string, message: string): void;
  dismissLoadProblem(): void;
  reportFailure(message: string): void;
  dismissFailure(): void;
}

export interface PlaybackSlice {
  /** The user's intent; the frame loop pulls continuously while it holds and the scenario is not finished. */
  playing: boolean;
  speed: number;
  finished: boolean;
  /** Virtual time the UI has caught up to (the last batch's toNs). */
  simTimeNs: TimeNs;
  /** The last batch's playback facts (step counter, backlog, checkpoints). */
  stats: PlaybackStats | null;
  /** Counts the user's playback commands; a batch pulled under an older count predates the latest one. */
  intentEpoch: number;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(kind: StepKind): void;
  stepBack(): void;
  /** Back to t = 0 (restores the first checkpoint). */
  rewind(): void;
  setSpeed(speed: number): void;
  /** Per-frame events on or off; counters stay exact either way. */
  setTraceFrames(on: boolean): void;
  /** Moves virtual time to `tNs` (the timeline's scrubber), pausing playback. */
  seek(tNs: number): void;
  /** Sends one user action (an OID request, traffic, an NBL return) and shows its effect. The host pauses
   * playback for it and checkpoints before it, so step-back undoes it. Returns what `send` returns, or undefined
   * when no scenario is loaded. */
  act<T>(send: (client: ISimClient) => T): T | undefined;
}

export interface AdapterSlice {
  /** The adapter at simTimeNs. */
  view: AdapterView | null;
  /** The runner's expectation results so far. */
  report: ScenarioReport | null;
  /** Changes whenever the EventBuffer changes; the trace table re-reads the buffer on it. */
  traceRevision: number;
  /** The latest gap the worker's trace budget left in the log, while the log still reaches it. */
  sampled: TraceOmission | null;
  dismissSampled(): void;
  /** Folds one batch into the buffer and the state with a single set(). `pulledAtEpoch` is the intentEpoch when the
   * pull was sent. Returns false for a batch of another session, which is ignored. */
  applyBatch(batch: BatchMessage, pulledAtEpoch: number): boolean;
}

export type SimState = SessionSlice & PlaybackSlice & AdapterSlice;
export type SimStore = StoreApi<SimState>;

/** What the store's actions need from outside React. */
export interface SimStoreDeps {
  client: ISimClient;
  buffer: EventBuffer;
  /** Asks the frame loop for one more pull (the effect of a command shows up in the next batch). */
  requestPull(): void;
}

type Slice<T> = StateCreator<SimState, [], [], T>;

const createSessionSlice =
  ({ client, buffer, requestPull }: SimStoreDeps): Slice<SessionSlice> =>
  (set, get) => ({
    connection: 'starting',
    scenario: null,
    sessionId: null,
    loadingSource: null,
    loadProblem: null,
    failure: null,
    loadScenario: async (pending, source) => {
      set({ loadingSource: source });
      try {
        const outcome = await pending;
        if (outcome.type === 'scenario-rejected') {
          set({ loadingSource: null, loadProblem: { source: outcome.source, errors: outcome.errors } });
          return false;
        }
        buffer.clear();
        set({
          loadingSource: null,
          loadProblem: null,
          scenario: outcome.scenario,
          sessionId: outcome.sessionId,
          playing: false,
          finished: false,
          simTimeNs: asTimeNs(0),
          stats: null,
          view: null,
          report: null,
          traceRevision: buffer.revision,
          sampled: null,
          intentEpoch: get().intentEpoch + 1,
        });
        client.setSpeed(get().speed);
        requestPull();
        return true;
      } catch (error) {
        set({ loadingSource: null, loadProblem: { source, errors: [{ path: '', message: messageOf(error) }] } });
        return false;
      }
    },
    reportLoadProblem: (source, message) => set({ loadProblem: { source, errors: [{ path: '', message }] } }),
    dismissLoadProblem: () => set({ loadProblem: null }),
    reportFailure: (message) => set({ failure: message }),
    dismissFailure: () => set({ failure: null }),
  });

const createPlaybackSlice =
  ({ client, requestPull }: SimStoreDeps): Slice<PlaybackSlice> =>
  (set, get) => {
    /** Every command that moves the engine is followed by a pull, so its effect reaches the screen. A new intent
     * also makes batches pulled before it stale for `playing`/`finished` (see applyBatch). */
    const command = (intent: Partial<PlaybackSlice>, send: () => void) => {
      if (get().sessionId === null) return;
      set({ ...intent, intentEpoch: get().intentEpoch + 1 });
      send();
      requestPull();
    };
    return {
      playing: false,
      speed: 1,
      finished: false,
      simTimeNs: asTimeNs(0),
      stats: null,
      intentEpoch: 0,
      play: () => {
        // Play at the end of the story plays it again from the start; but not over the user's own session, whose
        // start is before everything they did.
        const replay = get().finished;
        if (replay && isUsersOwn(get().stats)) return;
        command({ playing: true, finished: false }, () => {
          if (replay) client.seek(0);
          client.play(get().speed);
        });
      },
      pause: () => command({ playing: false }, () => client.pause()),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      step: (kind) => command({ playing: false }, () => client.step(kind)),
      stepBack: () => command({ playing: false }, () => client.stepBack()),
      rewind: () => command({ playing: false }, () => client.seek(0)),
      seek: (tNs) => command({ playing: false }, () => client.seek(tNs)),
      act: (send) => {
        let out: ReturnType<typeof send> | undefined;
        command({ playing: false }, () => {
          out = send(client);
        });
        return out;
      },
      setSpeed: (speed) => {
        set({ speed });
        if (get().sessionId !== null) client.setSpeed(speed);
      },
      setTraceFrames: (on) => {
        if (get().sessionId === null) return;
        client.setTraceFrames(on);
        requestPull();
      },
    };
  };

const createAdapterSlice =
  ({ buffer }: SimStoreDeps): Slice<AdapterSlice> =>
  (set, get) => ({
    view: null,
    report: null,
    traceRevision: buffer.revision,
    sampled: null,
    dismissSampled: () => set({ sampled: null }),
    applyBatch: (batch, pulledAtEpoch) => {
      if (batch.sessionId !== get().sessionId) return false;
      if (batch.rewound) buffer.truncateAfter(batch.rewound.lastEventSeq);
      buffer.append(batch.events);
      // The host's playing/finished are the truth, unless the user pressed something after this pull was sent:
      // then the batch describes the moment before the click and must not undo it on screen.
      const fresh = pulledAtEpoch === get().intentEpoch;
      set({
        sampled: batch.omitted.at(-1) ?? gapStillShown(get().sampled, buffer),
        simTimeNs: batch.toNs,
        view: batch.view,
        report: batch.report,
        stats: batch.stats,
        ...(fresh ? { playing: batch.stats.playing, finished: batch.stats.finished } : {}),
        traceRevision: buffer.revision,
      });
      return true;
    },
  });

/**
 * Creates the UI store of one simulation (a side's, see side/createSide.ts); tests build their own with an
 * InProcessSimClient.
 * @example
 * const store = createSimStore({ client, buffer: new EventBuffer(), requestPull: () => pump.request() });
 * await store.getState().loadScenario(client.loadScenario(text, file), file);
 */
/** The adapter is the user's: an empty one, or one they changed. Finished then means only that nothing is
 * scheduled: a replay from the start would throw away what they did (Rewind still goes there, when asked to). */
export const isUsersOwn = (stats: PlaybackStats | null): boolean =>
  stats !== null && (stats.userChanges > 0 || stats.stepCount === 0);

export function createSimStore(deps: SimStoreDeps): SimStore {
  return createStore<SimState>()((...a) => ({
    ...createSessionSlice(deps)(...a),
    ...createPlaybackSlice(deps)(...a),
    ...createAdapterSlice(deps)(...a),
  }));
}

/** A gap stays explained while the log holds events on both its sides: a rewind before it or the log's own
 * eviction past it takes it off screen. */
function gapStillShown(gap: TraceOmission | null, buffer: EventBuffer): TraceOmission | null {
  if (gap === null || buffer.length === 0) return null;
  const oldest = (buffer.at(0) as TraceEvent).seq;
  const newest = (buffer.at(buffer.length - 1) as TraceEvent).seq;
  return oldest <= gap.afterSeq && gap.afterSeq < newest ? gap : null;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
