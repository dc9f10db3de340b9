/**
 * A scenario session that can go back in time.
 *
 * Everything done to the session is appended to a journal of small operations. Because the engine is
 * deterministic (same seed and operations → same trace), replaying a prefix of the journal on a fresh session
 * reproduces the state at that point exactly: queues, counters, the runner's expectation results, and the
 * trace's `seq` numbering. A checkpoint is just a journal position plus what the UI needs to know about it.
 *
 * NOTE: restore replays from t = 0. The built-in scenarios replay in 1–2 ms, so this is instant today.
 * ScenarioSession has no snapshot()/restore() of its own (the runner's bookkeeping — step index, cursor,
 * expectation results, saved requests — is private), which is why engine.snapshot() alone cannot be used:
 * it would restore the adapter but leave the runner's results from the abandoned future. When the session
 * gains snapshot()/restore(), a checkpoint can hold one and restore becomes O(1) without changing this API.
 */
import type { FlowSpec } from '../engine/api.ts';
import type { AdapterView, OidRequest, OidResult, TimeNs, TraceEvent } from '../engine/types.ts';
import type { Scenario, Step } from '../scenario/schema.ts';
import { engineConfigFor } from '../scenario/config.ts';
import { createScenarioSession } from '../scenario/session.ts';
import type { ScenarioReport, ScenarioSession } from '../scenario/session.ts';

type JournalEntry =
  | { op: 'run-next-step' }
  /** Moves the engine inside a timed step (or after the last step) without finishing the step. */
  | { op: 'engine-advance-to'; tNs: TimeNs }
  /** ScenarioSession.advanceTo: every step that starts at or before tNs (seek). */
  | { op: 'session-advance-to'; tNs: TimeNs }
  /** Runs the engine until idle after the last step, as ScenarioSession.runToEnd does. */
  | { op: 'settle'; untilNs: TimeNs }
  | { op: 'request-oid'; request: OidRequest }
  | { op: 'start-traffic'; flow: FlowSpec }
  | { op: 'return-nbls'; queueId: number | null; count: number | 'all' }
  | { op: 'set-trace-frames'; on: boolean };

export interface Checkpoint {
  /** Operations applied before this point. */
  readonly journalLength: number;
  readonly tNs: TimeNs;
  /** Seq of the last trace event produced before this point (-1 = none), so the UI can cut its trace. */
  readonly lastEventSeq: number;
  readonly eventCount: number;
}

/** Checkpoints kept; beyond this every other one is dropped (never the first), so density falls off with age. */
const MAX_CHECKPOINTS = 256;
/** How long a final "settle" may run, like ScenarioSession.runToEnd's default. */
const SETTLE_LIMIT_NS = 1_000_000_000;

/** `"runUntilIdle": true` gives up after this long (the runner's own limit for it). */
const IDLE_LIMIT_NS = 10_000_000_000;

const isTimed = (step: Step): boolean => 'advance' in step || 'runUntilIdle' in step;

/** The last item matching `test` (Array.prototype.findLast is ES2023; we target ES2022). */
function latest<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return items[i];
  return undefined;
}

export class ScenarioTimeline {
  readonly scenario: Scenario;
  #session: ScenarioSession;
  #journal: JournalEntry[] = [];
  #checkpoints: Checkpoint[] = [];
  #lastEventSeq = -1;
  #eventCount = 0;
  /** True while a restore replays the journal: those events were delivered already. */
  #replaying = false;
  #onEvent: (event: TraceEvent) => void;

  /** Per-frame events at the start (undefined = the scenario's own setting). */
  #initialTraceFrames: boolean | undefined;
  /** Per-frame events as the engine has them now. */
  #traceFrames: boolean;
  /** The user's last explicit choice. It is journaled like any operation (replays must emit the same events),
   * and it outlives restores: going back in time must not silently undo a display preference. */
  #preferredTraceFrames: boolean | null = null;

  /** @param onEvent receives each trace event as it is produced (never during a replay). */
  constructor(scenario: Scenario, onEvent: (event: TraceEvent) => void, traceFrames?: boolean) {
    this.scenario = scenario;
    this.#onEvent = onEvent;
    this.#initialTraceFrames = traceFrames;
    this.#traceFrames = traceFrames ?? engineConfigFor(scenario).adapter.options.traceFrames;
    this.#session = this.#freshSession();
    this.checkpoint();
  }

  get nowNs(): TimeNs { return this.#session.engine.nowNs; }
  get nextStepIndex(): number { return this.#session.nextStepIndex; }
  get stepCount(): number { return this.scenario.steps.length; }
  get stepsDone(): boolean { return this.#session.done; }
  get lastEventSeq(): number { return this.#lastEventSeq; }
  get eventCount(): number { return this.#eventCount; }
  get checkpointCount(): number { return this.#checkpoints.length; }

  /** Every step has run and the engine has nothing scheduled: the story is over. */
  get finished(): boolean {
    return this.#session.done && this.#session.engine.nextEventTimeNs() === null;
  }

  /** The step that runs next, or undefined after the last one. */
  get nextStep(): Step | undefined {
    return this.scenario.steps[this.#session.nextStepIndex];
  }

  /** Whether the next step takes no virtual time (an OID, a note, an expectation, starting traffic…). */
  get nextStepIsInstant(): boolean {
    const step = this.nextStep;
    return step !== undefined && !isTimed(step);
  }

  /** When the step in progress ends: an advance at cursor + duration; runUntilIdle at its limit (or now, if idle).
   * Null when there is no step left (the engine may still have things scheduled). */
  get stepEndNs(): TimeNs | null {
    const step = this.nextStep;
    if (step === undefined) return null;
    const cursor = this.#session.cursorNs;
    if ('advance' in step) return cursor + step.advance;
    if ('runUntilIdle' in step) {
      if (this.nextEventTimeNs() === null) return this.nowNs;
      return cursor + (step.runUntilIdle === true ? IDLE_LIMIT_NS : step.runUntilIdle);
    }
    return cursor;
  }

  nextEventTimeNs(): TimeNs | null { return this.#session.engine.nextEventTimeNs(); }
  view(): AdapterView { return this.#session.engine.view(); }
  report(): ScenarioReport { return this.#session.report(); }

  runNextStep(): void {
    this.#apply({ op: 'run-next-step' });
  }

  /** Moves the engine to `tNs` without finishing the step in progress; `tNs` must not pass its end. */
  advanceEngineTo(tNs: TimeNs): void {
    const end = this.stepEndNs;
    if (end !== null && tNs >= end && !this.stepsDone) throw new RangeError(`${tNs} ns is at or past the end of the current step (${end} ns); run the step instead`);
    const last = this.#journal.at(-1);
    // Engine time is a pure function of its schedule, so advancing to t1 then t2 equals advancing to t2:
    // consecutive moves collapse into one entry, unless a checkpoint marks the point between them.
    if (last?.op === 'engine-advance-to' && this.#checkpoints.at(-1)?.journalLength !== this.#journal.length) {
      this.#session.engine.advanceTo(tNs);
      last.tNs = tNs;
      return;
    }
    this.#apply({ op: 'engine-advance-to', tNs });
  }

  /** Runs every step that starts at or before `tNs`, then moves the engine there. */
  advanceTo(tNs: TimeNs): void {
    this.#apply({ op: 'session-advance-to', tNs });
  }

  /** After the last step: runs the engine until nothing is scheduled (at most SETTLE_LIMIT_NS). */
  settle(): void {
    this.#apply({ op: 'settle', untilNs: this.nowNs + SETTLE_LIMIT_NS });
  }

  requestOid(request: OidRequest): OidResult {
    return this.#apply({ op: 'request-oid', request }) as OidResult;
  }

  startTraffic(flow: FlowSpec): void { this.#apply({ op: 'start-traffic', flow }); }
  returnNbls(queueId: number | null, count: number | 'all'): void { this.#apply({ op: 'return-nbls', queueId, count }); }
  setTraceFrames(on: boolean): void {
    this.#preferredTraceFrames = on;
    if (on !== this.#traceFrames) this.#apply({ op: 'set-trace-frames', on });
  }

  get traceFrames(): boolean { return this.#traceFrames; }

  /** Remembers the current point (a no-op if nothing happened since the last checkpoint). */
  checkpoint(): void {
    const last = this.#checkpoints.at(-1);
    if (last && last.journalLength === this.#journal.length) return;
    this.#checkpoints.push({ journalLength: this.#journal.length, tNs: this.nowNs, lastEventSeq: this.#lastEventSeq, eventCount: this.#eventCount });
    if (this.#checkpoints.length > MAX_CHECKPOINTS) this.#checkpoints = this.#checkpoints.filter((_, i) => i === 0 || i % 2 === 1);
  }

  /** Whether there is an earlier point to go back to. */
  get canStepBack(): boolean {
    return this.#checkpoints.some((c) => c.journalLength < this.#journal.length);
  }

  /** Goes back to the latest checkpoint before now. Returns it, or null when already at the start. */
  stepBack(): Checkpoint | null {
    const target = latest(this.#checkpoints, (c) => c.journalLength < this.#journal.length);
    if (!target) return null;
    this.#restore(target);
    return target;
  }

  /** Goes back to the latest checkpoint strictly before `tNs` (the first one, at the very start, for 0). Returns it. */
  rewindBefore(tNs: TimeNs): Checkpoint {
    const target = latest(this.#checkpoints, (c) => c.tNs < tNs) ?? (this.#checkpoints[0] as Checkpoint);
    this.#restore(target);
    return target;
  }

  #restore(target: Checkpoint): void {
    const replay = this.#journal.slice(0, target.journalLength);
    this.#journal = [];
    this.#checkpoints = this.#checkpoints.filter((c) => c.journalLength <= target.journalLength);
    this.#lastEventSeq = -1;
    this.#traceFrames = this.#initialTraceFrames ?? engineConfigFor(this.scenario).adapter.options.traceFrames;
    this.#replaying = true;
    try {
      this.#session = this.#freshSession();
      for (const entry of replay) {
        try {
          this.#apply(entry);
        } catch {
          // It threw when it first ran too (and was reported then); replaying it keeps any partial effect.
        }
      }
    } finally {
      this.#replaying = false;
    }
    if (this.#lastEventSeq !== target.lastEventSeq || this.nowNs !== target.tNs) {
      throw new Error(`replay diverged: reached seq ${this.#lastEventSeq} at ${this.nowNs} ns, expected seq ${target.lastEventSeq} at ${target.tNs} ns`);
    }
    this.#eventCount = target.eventCount;
    if (this.#preferredTraceFrames !== null && this.#preferredTraceFrames !== this.#traceFrames) {
      // The restored point, with the preference on top, takes the target's place; keeping both would make the
      // next step-back land on the target again.
      this.#checkpoints.pop();
      this.#apply({ op: 'set-trace-frames', on: this.#preferredTraceFrames });
      this.checkpoint();
    }
  }

  #freshSession(): ScenarioSession {
    return createScenarioSession(this.scenario, {
      ...(this.#initialTraceFrames === undefined ? {} : { traceFrames: this.#initialTraceFrames }),
      sink: (event) => {
        this.#lastEventSeq = event.seq;
        if (this.#replaying) return;
        this.#eventCount++;
        this.#onEvent(event);
      },
    });
  }

  #apply(entry: JournalEntry): OidResult | undefined {
    const session = this.#session;
    const engine = session.engine;
    // Journaled before running so that a throwing operation replays (and throws) identically.
    this.#journal.push(structuredClone(entry));
    switch (entry.op) {
      case 'run-next-step': session.runNextStep(); return undefined;
      case 'engine-advance-to': engine.advanceTo(entry.tNs); return undefined;
      case 'session-advance-to': session.advanceTo(entry.tNs); return undefined;
      case 'settle': engine.runUntilIdle(entry.untilNs); return undefined;
      case 'request-oid': return engine.request(entry.request);
      case 'start-traffic': engine.startFlow(entry.flow); return undefined;
      case 'return-nbls': engine.returnNbls(entry.queueId, entry.count); return undefined;
      case 'set-trace-frames':
        engine.setTraceFrames(entry.on);
        this.#traceFrames = entry.on;
        return undefined;
    }
  }
}
