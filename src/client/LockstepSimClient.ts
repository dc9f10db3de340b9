/**
 * Several simulations in lockstep: one load gives each member its own scenario, and one pull asks every member for
 * a batch with the same wall time, so their virtual clocks advance together. Members are named by the caller's
 * keys, and every outcome and batch comes back under its member's key: applying it is the caller's business, so
 * this layer holds no UI state. Commands (play, step, OIDs…) go to each member's own client directly.
 */
import type { Lesson } from '../lesson/schema.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ISimClient, LoadOutcome, PullRequest } from './SimClient.ts';

/** What one member loads: the document, the build's parse of it when it is a built-in file as written, and the
 * lesson it is an attempt at, if any. */
export interface MemberScenario {
  scenario: unknown;
  checked?: Scenario;
  lesson?: Lesson;
}

interface Member {
  client: ISimClient;
  /** The member has accepted a scenario; before that its host has nothing to pull from. */
  loaded: boolean;
}

export class LockstepSimClient {
  readonly #members = new Map<string, Member>();
  /** The pull in flight (it never rejects: each member's failure is its own result). */
  #round: Promise<unknown> | null = null;

  join(key: string, client: ISimClient): void {
    if (this.#members.has(key)) throw new Error(`"${key}" is already in lockstep`);
    this.#members.set(key, { client, loaded: false });
  }

  /** Takes `key` out of every later load and pull. Resolves once no pull in flight still waits on its client, so
   * the caller may dispose of the client then. */
  async leave(key: string): Promise<void> {
    this.#members.delete(key);
    await this.#round;
  }

  /** True while a pull is awaiting its batches. */
  get pulling(): boolean {
    return this.#round !== null;
  }

  /** Gives each member `scenarioFor(key)` once its client is ready; each outcome comes back under its key as soon
   * as that member has answered. */
  loadScenario(
    scenarioFor: (key: string) => MemberScenario | Promise<MemberScenario>,
    source: string,
  ): Map<string, Promise<LoadOutcome>> {
    return new Map([...this.#members.keys()].map((key) => [key, this.reload(key, scenarioFor(key), source)]));
  }

  /** Loads one member alone (a restarted one restoring its scenario); it is left out of pulls until it has one. */
  reload(key: string, scenario: MemberScenario | Promise<MemberScenario>, source: string): Promise<LoadOutcome> {
    const member = this.#members.get(key);
    if (!member) return Promise.reject(new Error(`"${key}" is not in lockstep`));
    const outcome = Promise.all([scenario, member.client.ready]).then(([{ scenario, checked, lesson }]) =>
      member.client.loadScenario(scenario, source, checked, lesson),
    );
    // Registered before the caller's own handlers, so a member is pulled from the first pull after its load.
    outcome.then(
      (answer) => {
        if (answer.type === 'scenario-loaded') member.loaded = true;
      },
      () => {},
    );
    return outcome;
  }

  /** Leaves a member out of pulls until its next load: its host was restarted and has no scenario. */
  hold(key: string): void {
    const member = this.#members.get(key);
    if (member) member.loaded = false;
  }

  /** One batch from every member that has a scenario, all pulled with the same request. At most one pull may be in
   * flight. A member whose pull failed gets its failure back; the others still get their batches. */
  async pullBatch(request: PullRequest): Promise<Map<string, PromiseSettledResult<BatchMessage>>> {
    if (this.#round) throw new Error('a lockstep pull is already in flight');
    const pulled = [...this.#members].filter(([, member]) => member.loaded);
    const round = Promise.allSettled(pulled.map(([, member]) => member.client.pullBatch(request)));
    this.#round = round;
    try {
      const results = await round;
      return new Map(pulled.map(([key], i) => [key, results[i] as PromiseSettledResult<BatchMessage>]));
    } finally {
      this.#round = null;
    }
  }
}
