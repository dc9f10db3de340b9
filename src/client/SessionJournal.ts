/**
 * The user's own actions on a simulation (OID requests, traffic started and stopped, NBLs returned, the adapter's
 * lifecycle, bindings closed, faults injected), each with the position it was sent at, so a restarted host can be
 * brought back to where the user was: load the same scenario, replay the actions at their positions, seek to the
 * last good position. The engine is deterministic, so the replay gives the same state.
 *
 * A position is the host's, as the batch after it reports it: its virtual time, the next scenario step and the
 * events produced so far (which tells apart two moments at one instant, such as before and after an OID).
 */
import type { OidResult } from '../engine/index.ts';
import type { BatchMessage } from '../protocol/messages.ts';
import type { UserAction as SessionAction } from '../scenario/sessionScenario.ts';
import type { ISimClient } from './SimClient.ts';

export interface SimPosition {
  tNs: number;
  stepIndex: number;
  eventCount: number;
  /** Events of a held instant not shown yet (sessions saved before held instants have none). */
  heldEvents?: number;
}

/** What the user did to the adapter, or their choice to keep the scenario steps their first action detached. */
export type UserAction = SessionAction | { kind: 'keep-scenario-steps' };

export interface JournalEntry {
  action: UserAction;
  /** Where the host stood just before the action; null until the batch in flight when it was sent reports it. */
  at: SimPosition | null;
  /** A batch pulled after the action has arrived, so the host took it and could still report. An action the host
   * never confirmed may be what broke it, and is not replayed. */
  confirmed: boolean;
}

const positionOf = (batch: BatchMessage): SimPosition => ({
  tNs: batch.view.nowNs,
  stepIndex: batch.stats.nextStepIndex,
  eventCount: batch.stats.eventCount,
  heldEvents: batch.stats.heldEvents,
});

export class SessionJournal {
  #entries: JournalEntry[] = [];
  #lastGood: SimPosition | null = null;
  /** Entries recorded before the pull in flight was sent: its batch confirms them. */
  #coveredByPull = 0;
  #pullInFlight = false;

  /** The actions that survive, oldest first. */
  get entries(): readonly JournalEntry[] {
    return this.#entries;
  }

  /** The actions a restore replays: those the host confirmed, with where each was sent. */
  replayable(): { action: UserAction; at: SimPosition }[] {
    return this.#entries.flatMap(({ action, at, confirmed }) => (confirmed && at ? [{ action, at }] : []));
  }

  /** Where the last batch left the host: the position a recovery returns to. */
  get lastGood(): SimPosition | null {
    return this.#lastGood;
  }

  /** A new session: nothing the user did before it applies. */
  reset(): void {
    this.#entries = [];
    this.#lastGood = null;
    this.#coveredByPull = 0;
  }

  record(action: UserAction): void {
    this.#entries.push({
      action: structuredClone(action),
      at: this.#pullInFlight ? null : this.#lastGood,
      confirmed: false,
    });
  }

  pullSent(): void {
    this.#pullInFlight = true;
    this.#coveredByPull = this.#entries.length;
  }

  /** A pull failed: nothing it would have confirmed is confirmed. */
  pullFailed(): void {
    this.#pullInFlight = false;
  }

  /** A batch of this session was applied. A rewind drops the actions it undid: those sent after the restored point. */
  batchApplied(batch: BatchMessage): void {
    this.#pullInFlight = false;
    const position = positionOf(batch);
    this.#entries.forEach((entry, i) => {
      if (entry.at === null) entry.at = position;
      if (i < this.#coveredByPull) entry.confirmed = true;
    });
    const { rewound } = batch;
    if (rewound) {
      // Seqs count events from 0, so "before the action" holds events 0 … at.eventCount − 1.
      const kept = this.#entries.filter((entry) => (entry.at as SimPosition).eventCount <= rewound.lastEventSeq);
      this.#coveredByPull -= this.#entries.length - kept.length;
      this.#entries = kept;
    }
    this.#lastGood = position;
  }
}

/** Sends a journaled action again, through any client. */
export function replay(action: UserAction, client: ISimClient): Promise<OidResult> | undefined {
  switch (action.kind) {
    case 'request-oid':
      return client.requestOid(action.request);
    case 'start-traffic':
      return void client.startTraffic(action.flow);
    case 'stop-traffic':
      return void client.stopTraffic(action.flow);
    case 'return-nbls':
      return void client.returnNbls(action.queueId, action.count);
    case 'adapter-action':
      return void client.adapterAction(action.action);
    case 'close-binding':
      return void client.closeBinding(action.binding);
    case 'inject-fault':
      return void client.injectFault(action.fault);
    case 'keep-scenario-steps':
      return void client.keepScenarioSteps();
  }
}

/** A client that journals every user action sent through it; everything else passes straight through. */
export class JournalingSimClient implements ISimClient {
  readonly #inner: ISimClient;
  readonly #journal: SessionJournal;

  constructor(inner: ISimClient, journal: SessionJournal) {
    this.#inner = inner;
    this.#journal = journal;
  }

  get ready() {
    return this.#inner.ready;
  }
  get pulling() {
    return this.#inner.pulling;
  }
  get broken() {
    return this.#inner.broken;
  }
  loadScenario: ISimClient['loadScenario'] = (scenario, source, checked, lesson) =>
    this.#inner.loadScenario(scenario, source, checked, lesson);
  play: ISimClient['play'] = (speed) => this.#inner.play(speed);
  pause: ISimClient['pause'] = () => this.#inner.pause();
  step: ISimClient['step'] = (kind) => this.#inner.step(kind);
  stepBack: ISimClient['stepBack'] = () => this.#inner.stepBack();
  seek: ISimClient['seek'] = (tNs) => this.#inner.seek(tNs);
  setSpeed: ISimClient['setSpeed'] = (speed) => this.#inner.setSpeed(speed);
  setTraceFrames: ISimClient['setTraceFrames'] = (on) => this.#inner.setTraceFrames(on);
  pullBatch: ISimClient['pullBatch'] = (request) => this.#inner.pullBatch(request);
  onError: ISimClient['onError'] = (listener) => this.#inner.onError(listener);
  onBroken: ISimClient['onBroken'] = (listener) => this.#inner.onBroken(listener);
  restart: ISimClient['restart'] = () => this.#inner.restart();
  saveScenario: ISimClient['saveScenario'] = () => this.#inner.saveScenario();
  exportTrace: ISimClient['exportTrace'] = (file, tool) => this.#inner.exportTrace(file, tool);
  exportPcapng: ISimClient['exportPcapng'] = (tool) => this.#inner.exportPcapng(tool);
  gradeLesson: ISimClient['gradeLesson'] = () => this.#inner.gradeLesson();
  dispose: ISimClient['dispose'] = () => this.#inner.dispose();

  requestOid: ISimClient['requestOid'] = (request) =>
    this.#sent({ kind: 'request-oid', request }) as Promise<OidResult>;
  startTraffic: ISimClient['startTraffic'] = (flow) => void this.#sent({ kind: 'start-traffic', flow });
  stopTraffic: ISimClient['stopTraffic'] = (flow) => void this.#sent({ kind: 'stop-traffic', flow });
  returnNbls: ISimClient['returnNbls'] = (queueId, count) => void this.#sent({ kind: 'return-nbls', queueId, count });
  adapterAction: ISimClient['adapterAction'] = (action) => void this.#sent({ kind: 'adapter-action', action });
  closeBinding: ISimClient['closeBinding'] = (binding) => void this.#sent({ kind: 'close-binding', binding });
  injectFault: ISimClient['injectFault'] = (fault) => void this.#sent({ kind: 'inject-fault', fault });
  keepScenarioSteps: ISimClient['keepScenarioSteps'] = () => void this.#sent({ kind: 'keep-scenario-steps' });

  /** Sends first: an action the client refuses at once (a broken host) was never taken. */
  #sent(action: UserAction): Promise<OidResult> | undefined {
    const reply = replay(action, this.#inner);
    this.#journal.record(action);
    return reply;
  }
}
