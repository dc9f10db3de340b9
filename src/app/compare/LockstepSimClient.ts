/**
 * The page's simulation client. Alone it passes every call to the one simulation (the "leader"). In compare mode a
 * second simulation (the "follower") is attached, and then:
 * - a loaded scenario goes to both, the leader running it as Windows Server 2008 R2 and the follower as 2012
 *   (profileVariant.ts);
 * - every command (play, pause, step, seek, speed, OIDs, traffic, NBL returns) goes to both;
 * - each pull asks both for a batch with the same wall time, so both engines advance in lockstep; the follower's
 *   batch goes to its own store, the leader's to the caller (the page's one BatchPump).
 * Every view that drives the simulation (control bar, shortcuts, OID console, traffic generator) thereby drives
 * both sides without knowing compare mode exists.
 */
import type { FlowSpec, OidRequest, OidResult, ProfileName, QueueId, TimeNs } from '../../engine/index.ts';
import type { ISimClient, LoadOutcome, PullRequest } from '../../client/SimClient.ts';
import type { StepKind } from '../../protocol/commands.ts';
import type { BatchMessage } from '../../protocol/messages.ts';
import type { SimStore } from '../store/simStore.ts';
import { scenarioForProfile } from './profileVariant.ts';

/** The second simulation: its own client and store (its EventBuffer sits behind the store). */
export interface Follower {
  client: ISimClient;
  store: SimStore;
}

/** Which Windows version each side runs in compare mode. */
export const LEADER_PROFILE: ProfileName = 'ws2008r2';
export const FOLLOWER_PROFILE: ProfileName = 'ws2012';

export class LockstepSimClient implements ISimClient {
  readonly #leader: ISimClient;
  #follower: Follower | null = null;
  /** The last scenario the leader accepted, as given (before any variant), so compare mode can reload it. */
  #lastLoad: { scenario: unknown; source: string } | null = null;

  constructor(leader: ISimClient) {
    this.#leader = leader;
  }

  get ready(): Promise<void> {
    return this.#leader.ready;
  }
  get pulling(): boolean {
    return this.#leader.pulling;
  }
  get follower(): Follower | null {
    return this.#follower;
  }
  get lastLoad(): { scenario: unknown; source: string } | null {
    return this.#lastLoad;
  }

  /** Starts sending everything to `follower` as well; the next load puts both on the same scenario. */
  attach(follower: Follower): void {
    this.#follower = follower;
  }

  /** Stops compare mode; returns the follower so the caller can dispose of it. */
  detach(): Follower | null {
    const follower = this.#follower;
    this.#follower = null;
    return follower;
  }

  async loadScenario(scenario: unknown, source: string): Promise<LoadOutcome> {
    const follower = this.#follower;
    if (!follower) {
      const outcome = await this.#leader.loadScenario(scenario, source);
      if (outcome.type === 'scenario-loaded') this.#lastLoad = { scenario, source };
      return outcome;
    }
    const [outcome] = await Promise.all([
      this.#leader.loadScenario(scenarioForProfile(scenario, LEADER_PROFILE).scenario, source),
      follower.client.ready.then(() =>
        follower.store.getState().loadScenario(scenarioForProfile(scenario, FOLLOWER_PROFILE).scenario, source),
      ),
    ]);
    if (outcome.type === 'scenario-loaded') this.#lastLoad = { scenario, source };
    return outcome;
  }

  play(speed: number): void {
    this.#both((c) => c.play(speed));
  }
  pause(): void {
    this.#both((c) => c.pause());
  }
  step(kind: StepKind): void {
    this.#both((c) => c.step(kind));
  }
  stepBack(): void {
    this.#both((c) => c.stepBack());
  }
  seek(tNs: TimeNs): void {
    this.#both((c) => c.seek(tNs));
  }
  setSpeed(speed: number): void {
    this.#both((c) => c.setSpeed(speed));
  }
  setTraceFrames(on: boolean): void {
    this.#both((c) => c.setTraceFrames(on));
  }
  startTraffic(flow: FlowSpec): void {
    this.#both((c) => c.startTraffic(flow));
  }
  stopTraffic(flow: string): void {
    this.#both((c) => c.stopTraffic(flow));
  }
  returnNbls(queueId: QueueId | null, count: number | 'all'): void {
    this.#both((c) => c.returnNbls(queueId, count));
  }

  /** The leader's result is the answer; the follower's shows on its own side. */
  requestOid(request: OidRequest): Promise<OidResult> {
    const follower = this.#follower;
    if (follower)
      follower.client
        .requestOid(request)
        .catch((error: unknown) => follower.store.getState().reportFailure(String(error)));
    return this.#leader.requestOid(request);
  }

  async pullBatch(request: PullRequest): Promise<BatchMessage> {
    const follower = this.#follower;
    if (!follower || follower.client.pulling || follower.store.getState().sessionId === null)
      return this.#leader.pullBatch(request);
    const [leader, other] = await Promise.all([this.#leader.pullBatch(request), follower.client.pullBatch(request)]);
    follower.store.getState().applyBatch(other, follower.store.getState().intentEpoch);
    // The pump keeps pulling while either side still has something to show.
    return {
      ...leader,
      stats: {
        ...leader.stats,
        backlog: Math.max(leader.stats.backlog, other.stats.backlog),
        playing: leader.stats.playing || other.stats.playing,
        finished: leader.stats.finished && other.stats.finished,
      },
    };
  }

  onError(listener: (message: string) => void): () => void {
    return this.#leader.onError(listener);
  }

  dispose(): void {
    this.detach()?.client.dispose();
    this.#leader.dispose();
  }

  #both(command: (client: ISimClient) => void): void {
    command(this.#leader);
    if (this.#follower) command(this.#follower.client);
  }
}
