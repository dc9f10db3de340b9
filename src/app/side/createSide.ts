/**
 * A side: one simulation on screen, and everything it owns. The page shows one side, compare mode two (the same
 * scenario on two Windows versions), and a what-if fork would show more; each is built here, the same way:
 * - its simulation client (a worker) and the store the worker's batches feed;
 * - the trace buffer behind the store;
 * - its view session (the trace digest and the feed of new events for the drawings) and its frame loop;
 * - its OID console;
 * - its handle on the page's one selection, which names the side;
 * - its journal of the user's actions and its crash recovery (side/recovery.ts).
 * `dispose()` removes every subscription the side made and releases its worker.
 */
import { JournalingSimClient, SessionJournal } from '../../client/SessionJournal.ts';
import type { SimPosition, UserAction } from '../../client/SessionJournal.ts';
import type { ISimClient, LoadOutcome } from '../../client/SimClient.ts';
import type { ProfileName } from '../../engine/index.ts';
import type { BatchMessage } from '../../protocol/messages.ts';
import { createConsoleStore } from '../store/consoleStore.ts';
import type { ConsoleStore } from '../store/consoleStore.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import type { Selectable, SelectionStore } from '../store/selection.ts';
import { createSimStore, messageOf } from '../store/simStore.ts';
import type { SimStore } from '../store/simStore.ts';
import type { TraceFold } from '../trace/traceFold.ts';
import { FrameLoop } from '../viz/frameLoop.ts';
import { VizSession } from '../viz/vizSession.ts';
import { paceForReact } from './reactPace.ts';
import type { ReactPace } from './reactPace.ts';
import { createRecovery } from './recovery.ts';
import type { RecoveryStore } from './recovery.ts';

/** A side as the page lists it (page/pageStore.ts): views iterate these, and find the side's parts by its id. */
export interface SideDescriptor {
  /** Stable for the side's whole life. */
  id: string;
  /** What the page calls it where several sides are shown ("Windows Server 2012"). */
  label: string;
  /** The Windows version it runs the scenario as (side/profileVariant.ts); null runs the scenario as written. */
  profile: ProfileName | null;
  /** A what-if fork (app/fork): the one action this side alone got, and the position it got it at. */
  fork?: { action: UserAction; at: SimPosition };
}

export interface Side {
  /** Stable for the side's whole life; the selection and the page's list of sides name it. */
  readonly id: string;
  readonly client: ISimClient;
  readonly store: SimStore;
  readonly buffer: EventBuffer;
  readonly viz: VizSession;
  readonly frames: FrameLoop;
  /** When React re-reads the store and the digests (side/reactPace.ts). */
  readonly pace: ReactPace;
  readonly console: ConsoleStore;
  /** Whether its simulation broke and how the restore went (shell/RecoveryBanner.tsx shows it). */
  readonly recovery: RecoveryStore;
  /** The user's actions in this session, with where each was sent, and the last position a batch reported. */
  readonly journal: SessionJournal;
  /** Resolves after the next batch that answers every command sent so far and leaves no backlog. */
  settled(): Promise<void>;
  /** The side's digest that `create` makes, made and attached to the trace on first use (one per `create`), so the
   * views that share it fold each batch once. */
  digest<F extends TraceFold>(create: () => F): F;
  /** The page's selection (every side shares it; a selection names its side). */
  readonly selection: SelectionStore;
  /** Selects a thing of this side. */
  select(thing: Selectable): void;
  /** Sends a user action (an OID request, traffic, an NBL return) the way this side's views and OID console do: to
   * every side the page drives together. Returns this side's reply (undefined when it has no scenario). */
  act<T>(send: (client: ISimClient) => T): T | undefined;
  /** Notes the intent a pull answers; call it just before the pull is sent. */
  pulling(): void;
  /** Applies this side's part of a pull: its batch, or the reason it has none. Returns whether the side wants
   * more frames (it plays, or the host holds a backlog). */
  pulled(result: PromiseSettledResult<BatchMessage>): boolean;
  dispose(): void;
}

export interface SideDeps {
  id: string;
  client: ISimClient;
  selection: SelectionStore;
  /** Asks the page's batch pump for a pull. */
  requestPull(): void;
  /** Sends a user action to every side the page drives together (page/drive.ts), answering with this side's reply. */
  act<T>(send: (client: ISimClient) => T): T | undefined;
  /** Leaves this side out of the page's pulls until its next load (its simulation is being restarted). */
  hold(): void;
  /** Loads this side's current scenario again, alone, on its restarted simulation; null when it had none. */
  reload(): { outcome: Promise<LoadOutcome>; source: string } | null;
}

export function createSide({ id, client, selection, requestPull, act, hold, reload }: SideDeps): Side {
  const buffer = new EventBuffer();
  const journal = new SessionJournal();
  const store = createSimStore({ client: new JournalingSimClient(client, journal), buffer, requestPull });
  const viz = new VizSession({ store, buffer });
  // After the view session: its digests are up to date by the time React hears of a batch.
  const pace = paceForReact(store);
  const frames = new FrameLoop();
  const oidConsole = createConsoleStore({ act, trace: buffer });
  const digests = new Map<() => TraceFold, TraceFold>();
  const detachDigests: (() => void)[] = [];
  /** The store's intentEpoch when the pull in flight was sent (there is at most one). */
  let pulledAtEpoch = 0;
  /** Callers of settled(), answered by the next batch that is up to date with every command and has no backlog. */
  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const answerWaiting = (error?: unknown) => {
    const answered = waiting;
    waiting = [];
    for (const waiter of answered) error === undefined ? waiter.resolve() : waiter.reject(error);
  };
  const settled = () =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject });
      requestPull();
    });
  const recovery = createRecovery({ client, store, journal, hold, reload, settled });
  const restoring = () => recovery.state.getState().status === 'recovering';

  const unsubscribe = [
    client.onError((message) => store.getState().reportFailure(message)),
    client.onBroken((reason) => void recovery.recover(reason)),
    store.subscribe((state, previous) => {
      if (state.sessionId !== previous.sessionId) journal.reset();
      if (state.view !== previous.view && state.view)
        for (const digest of digests.values()) digest.observeView?.(state.view);
      // While a restore rebuilds the trace, the console waits for the whole of it: an emptied trace is not an undo.
      if (state.traceRevision !== previous.traceRevision && !restoring()) oidConsole.getState().traceChanged();
    }),
    recovery.state.subscribe((state, previous) => {
      if (previous.status === 'recovering' && state.status !== 'recovering') oidConsole.getState().traceChanged();
    }),
  ];
  client.ready.then(
    () => store.setState({ connection: 'ready' }),
    (error: unknown) => store.setState({ connection: 'failed', failure: messageOf(error) }),
  );

  return {
    id,
    client,
    store,
    buffer,
    viz,
    frames,
    pace,
    console: oidConsole,
    recovery: recovery.state,
    journal,
    settled,
    digest: <F extends TraceFold>(create: () => F): F => {
      let digest = digests.get(create);
      if (!digest) {
        digest = create();
        digests.set(create, digest);
        detachDigests.push(buffer.attach(digest));
        const view = store.getState().view;
        if (view) digest.observeView?.(view);
      }
      return digest as F;
    },
    selection,
    select: (thing) => selection.getState().select({ side: id, ...thing }),
    act,
    pulling: () => {
      pulledAtEpoch = store.getState().intentEpoch;
      journal.pullSent();
    },
    pulled: (result) => {
      if (result.status === 'rejected') {
        journal.pullFailed();
        answerWaiting(result.reason);
        // A broken simulation is the recovery banner's to explain.
        if (client.broken === null && !restoring()) store.getState().reportFailure(messageOf(result.reason));
        return false;
      }
      const batch = result.value;
      const upToDate = pulledAtEpoch === store.getState().intentEpoch;
      if (!store.getState().applyBatch(batch, pulledAtEpoch)) return false;
      journal.batchApplied(batch);
      if (upToDate && batch.stats.backlog === 0) answerWaiting();
      const { playing, finished } = store.getState();
      return batch.stats.backlog > 0 || (playing && !finished);
    },
    dispose: () => {
      for (const stop of [...unsubscribe, ...detachDigests]) stop();
      pace.dispose();
      viz.dispose();
      frames.dispose();
      client.dispose();
    },
  };
}
