/**
 * Crash recovery for one side. When its simulation breaks (the worker died, stopped answering, or refused a batch),
 * the side restarts the worker, loads the same scenario again, replays the user's own actions at the positions they
 * were sent at (SessionJournal), and seeks to the last position a batch reported. The engine is deterministic, so the
 * side comes back exactly where the user was; the banner (shell/RecoveryBanner.tsx) says what happened.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { LoadOutcome } from '../../client/SimClient.ts';
import { replay } from '../../client/SessionJournal.ts';
import type { SessionJournal, SimPosition, UserAction } from '../../client/SessionJournal.ts';
import type { ISimClient } from '../../client/SimClient.ts';
import { messageOf } from '../store/simStore.ts';
import type { SimState, SimStore } from '../store/simStore.ts';

export interface RecoveryState {
  /** idle: nothing happened; recovering: restoring now; recovered: back where the user was; failed: could not. */
  status: 'idle' | 'recovering' | 'recovered' | 'failed';
  /** What broke the simulation. */
  reason: string | null;
  /** Where the restored session stands, or why it could not be restored. */
  outcome: string | null;
  dismiss(): void;
}

export type RecoveryStore = StoreApi<RecoveryState>;

export interface RecoveryDeps extends ReplayTarget {
  client: ISimClient;
  journal: SessionJournal;
  /** Keeps the page from pulling the side while its host is replaced. */
  hold(): void;
  /** Loads the side's current scenario again on its fresh host; null when it had none. */
  reload(): { outcome: Promise<LoadOutcome>; source: string } | null;
}

export interface Recovery {
  readonly state: RecoveryStore;
  /** Restores the side after `reason` broke it. A breakage during a restore ends that restore as failed. */
  recover(reason: string): Promise<void>;
}

/** Where the side stands now, as a journal records it. */
export const here = (store: SimStore): SimPosition => {
  const { view, stats } = store.getState();
  return {
    tNs: view?.nowNs ?? 0,
    stepIndex: stats?.nextStepIndex ?? 0,
    eventCount: stats?.eventCount ?? 0,
    heldEvents: stats?.heldEvents ?? 0,
  };
};

const actions = (count: number): string => (count === 1 ? '1 action' : `${count} actions`);

const samePosition = (a: SimPosition, b: SimPosition): boolean =>
  a.tNs === b.tNs && a.stepIndex === b.stepIndex && a.eventCount === b.eventCount && sameHeld(a, b);
const sameHeld = (a: SimPosition, b: SimPosition): boolean => (a.heldEvents ?? 0) === (b.heldEvents ?? 0);

/** At `target`'s instant and step, but short of its events: the rest of the instant is still to run or to show. */
const shortOf = (now: SimPosition, target: SimPosition): boolean =>
  now.tNs === target.tNs &&
  now.stepIndex === target.stepIndex &&
  (now.eventCount < target.eventCount || (now.heldEvents ?? 0) > (target.heldEvents ?? 0));

/** What a replay drives: the side's store, and a way to wait for the host to catch up. */
export interface ReplayTarget {
  /** Where the replay stands (the first side's, when `commands` drive several). */
  store: SimStore;
  /** Resolves after the next batch that answers every command sent so far and leaves no backlog. */
  settled(): Promise<void>;
  /** Where seeks, steps and actions go: the store's own side unless given (the page's drive moves every side). */
  commands?: Pick<SimState, 'seek' | 'step' | 'act'>;
}

/** Brings the host to `target`: a seek to its time runs every step that starts by then, which may be more steps
 * than the user had run at that instant; then it seeks to just before and steps forward one scenario step at a
 * time. Already at that instant, it only steps: a seek to the current time would restore a checkpoint before it,
 * and with it undo an action just replayed there. */
async function reach({ store, settled, commands }: ReplayTarget, target: SimPosition): Promise<void> {
  const sim = () => ({ ...store.getState(), ...commands });
  const now = here(store);
  if (now.tNs !== target.tNs || now.stepIndex > target.stepIndex) {
    sim().seek(target.tNs);
    await settled();
    if (here(store).stepIndex > target.stepIndex) {
      sim().seek(Math.max(0, target.tNs - 1));
      await settled();
    }
  }
  while (here(store).stepIndex < target.stepIndex && !sim().finished) {
    sim().step('scenario-step');
    await settled();
  }
  // Inside one instant only the events tell two positions apart (a user's flow whose first frame arrives at the
  // instant it starts, a held instant shown event by event). Run the rest of the instant as the user did: whole,
  // or held and then shown event by event.
  for (let moved = true; moved && shortOf(here(store), target) && !sim().finished; ) {
    const before = here(store);
    sim().step((before.heldEvents ?? 0) > 0 || (target.heldEvents ?? 0) > 0 ? 'event' : 'instant');
    await settled();
    moved = !samePosition(here(store), before);
  }
}

/** On a freshly loaded session: replays `actions` at their positions, then goes to `target`. Returns whether it
 * got exactly there. */
export async function replayJournal(
  side: ReplayTarget,
  actions: readonly { action: UserAction; at: SimPosition }[],
  target: SimPosition | null,
): Promise<boolean> {
  await side.settled();
  for (const { action, at } of actions) {
    await reach(side, at);
    await (side.commands ?? side.store.getState()).act((sim) => replay(action, sim));
    await side.settled();
  }
  if (!target) return true;
  await reach(side, target);
  return samePosition(here(side.store), target);
}

export function createRecovery({ client, store, journal, hold, reload, settled }: RecoveryDeps): Recovery {
  const state = createStore<RecoveryState>()((set) => ({
    status: 'idle',
    reason: null,
    outcome: null,
    dismiss: () => set({ status: 'idle', reason: null, outcome: null }),
  }));

  const restore = async (): Promise<string> => {
    const entries = journal.replayable();
    const dropped = journal.entries.length - entries.length;
    const target = journal.lastGood;
    hold();
    await client.restart();
    const again = reload();
    if (!again) return 'No scenario was loaded; pick one to start.';
    if (!(await store.getState().loadScenario(again.outcome, again.source)))
      throw new Error(`${again.source} could not be loaded again`);
    const exact = await replayJournal({ store, settled }, entries, target);
    const { scenario, stats } = store.getState();
    const where = `${again.source}, step ${stats?.nextStepIndex ?? 0} of ${scenario?.stepCount ?? 0}`;
    const replayed = entries.length === 0 ? '' : `, with your ${actions(entries.length)} replayed`;
    const lost = dropped === 0 ? '' : ` ${actions(dropped)} sent just before the failure not replayed.`;
    return `Restored ${exact ? 'where you were' : 'as close as it could get to where you were'}: ${where}${replayed}.${lost}`;
  };

  return {
    state,
    recover: async (reason) => {
      if (state.getState().status === 'recovering') return;
      state.setState({ status: 'recovering', reason, outcome: null });
      try {
        state.setState({ status: 'recovered', outcome: await restore() });
      } catch (error) {
        state.setState({ status: 'failed', outcome: messageOf(error) });
      }
    },
  };
}
