/**
 * Compare mode on and off. On: a second simulation (the follower) is attached to the page's LockstepSimClient and
 * the current scenario is reloaded on both sides, 2008 R2 left and 2012 right. Off: the follower is dropped and the
 * scenario reloaded as written. The URL carries `?compare=1`, so a link opens straight into compare mode.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ISimClient } from '../../client/SimClient.ts';
import type { SimRuntime } from '../simRuntime.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { createSimStore } from '../store/simStore.ts';
import type { SimSide } from '../viz/vizSession.ts';
import { LockstepSimClient } from './LockstepSimClient.ts';
import type { Follower } from './LockstepSimClient.ts';

/** The scenario compare mode opens with when the URL names none: the one where the two versions differ most. */
export const COMPARE_DEFAULT_SCENARIO = 'lookahead-split-2008r2.json';
const PARAM = 'compare';

export type FollowerSide = Follower & SimSide;

interface CompareState {
  /** The 2012 side while compare mode is on. */
  follower: FollowerSide | null;
  /** A switch is in progress (the scenario is reloading on both sides). */
  switching: boolean;
}

const compareStore = createStore<CompareState>()(() => ({ follower: null, switching: false }));

export function useCompare<T>(selector: (state: CompareState) => T): T {
  return useStore(compareStore, selector);
}

export const compareRequested = (search: string): boolean => new URLSearchParams(search).get(PARAM) === '1';

/** The search string startup should use: compare mode without a named scenario opens the split scenario. */
export function startupSearch(search: string): string {
  const params = new URLSearchParams(search);
  if (params.get(PARAM) === '1' && !params.has('scenario')) params.set('scenario', COMPARE_DEFAULT_SCENARIO);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const lockstepOf = (runtime: SimRuntime): LockstepSimClient | null =>
  runtime.client instanceof LockstepSimClient ? runtime.client : null;

/**
 * @param createClient makes the follower's simulation client (a worker in the page; tests pass an in-process one)
 */
export async function enterCompare(runtime: SimRuntime, createClient: () => ISimClient): Promise<void> {
  const lockstep = lockstepOf(runtime);
  if (!lockstep || lockstep.follower) return;
  const client = createClient();
  const buffer = new EventBuffer();
  // The follower is pulled by the leader's pump (LockstepSimClient.pullBatch), never by a pump of its own.
  const store = createSimStore({ client, buffer, requestPull: () => {} });
  client.onError((message) => store.getState().reportFailure(message));
  const follower: FollowerSide = { client, store, buffer };
  lockstep.attach(follower);
  compareStore.setState({ follower, switching: true });
  setUrlParam(true);
  try {
    await reload(runtime, lockstep);
  } finally {
    compareStore.setState({ switching: false });
  }
}

export async function leaveCompare(runtime: SimRuntime): Promise<void> {
  const lockstep = lockstepOf(runtime);
  const follower = lockstep?.detach();
  if (!lockstep || !follower) return;
  compareStore.setState({ follower: null, switching: true });
  setUrlParam(false);
  try {
    // A lockstep pull may still be waiting on the follower; disposing it now would fail that pull.
    while (follower.client.pulling) await new Promise((resolve) => setTimeout(resolve, 16));
    follower.client.dispose();
    await reload(runtime, lockstep);
  } finally {
    compareStore.setState({ switching: false });
  }
}

/** Runs the current scenario again from the start, on whichever sides are attached now. */
async function reload(runtime: SimRuntime, lockstep: LockstepSimClient): Promise<void> {
  const last = lockstep.lastLoad;
  if (last) await runtime.store.getState().loadScenario(last.scenario, last.source);
}

function setUrlParam(on: boolean): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (on) url.searchParams.set(PARAM, '1');
  else url.searchParams.delete(PARAM);
  window.history.replaceState(window.history.state, '', url);
}
