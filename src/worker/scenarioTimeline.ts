/**
 * A scenario session that can go back in time.
 *
 * A checkpoint is a deep copy of the whole session (ScenarioSession.snapshot(): the engine, the runner's step
 * index and cursor, its expectation results and saved requests) plus what the UI needs to know about that moment.
 * Restoring one is a copy back, so step-back and seek are instant however long the story has run, and exact by
 * construction: the engine is deterministic, so the restored session continues exactly as it did the first time
 * (same events, same `seq` numbering). A snapshot of a built-in scenario is a few KB and takes about 0.1 ms.
 */
import {
  timeAfter,
  type AdapterAction,
  type Fault,
  type FlowSpec,
  type AdapterView,
  type OidRequest,
  type OidResult,
  type QueueId,
  type TimeNs,
  type TraceEvent,
} from '../engine/index.ts';
import type { gradeSession, LessonGrade } from '../lesson/grade.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { Scenario, Step } from '../scenario/schema.ts';
import { engineConfigFor } from '../scenario/config.ts';
import { createScenarioSession, idleDeadline } from '../scenario/session.ts';
import type { ScenarioReport, ScenarioSession, SessionSnapshot } from '../scenario/session.ts';
import { actionStep, type Happened, scenarioStep, type UserAction } from '../scenario/sessionScenario.ts';

export interface Checkpoint {
  /** Operations applied before this point; a later checkpoint has a larger one. */
  readonly position: number;
  readonly tNs: TimeNs;
  /** Seq of the last trace event produced before this point (-1 = none), so the UI can cut its trace. */
  readonly lastEventSeq: number;
  readonly eventCount: number;
  /** Whether per-frame events were on at this point (the engine's copy is inside the snapshot). */
  readonly traceFrames: boolean;
  /** How many instant steps had happened: what happened since belongs to the future a restore abandons. */
  readonly happened: number;
  /** Taken right after a user's action: a seek to its instant lands here, after the action, not before it. */
  readonly afterUserAction: boolean;
  readonly userChanges: number;
  readonly snapshot: SessionSnapshot;
}

/** Checkpoints kept; beyond this every other one is dropped (never the first), so density falls off with age. */
const MAX_CHECKPOINTS = 256;

const isTimed = (step: Step): boolean => 'advance' in step || 'runUntilIdle' in step;

/** The last item matching `test` (Array.prototype.findLast is ES2023; we target ES2022). */
function latest<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i] as T)) return items[i];
  return undefined;
}

export class ScenarioTimeline {
  readonly scenario: Scenario;
  readonly #session: ScenarioSession;
  /** Operations applied so far; checkpoints record it, so "is there anything to undo" is a comparison. */
  #position = 0;
  #checkpoints: Checkpoint[] = [];
  #lastEventSeq = -1;
  #eventCount = 0;
  #onEvent: (event: TraceEvent) => void;
  /** Every instant step that ran, the scenario's and the user's, in order: what "Save as scenario" writes. */
  #happened: Happened[] = [];
  /** The user's actions that changed the adapter (not Queries) so far. */
  #userChanges = 0;

  /** Per-frame events as the engine has them now. */
  #traceFrames: boolean;
  /** The user's last explicit choice. It outlives restores: going back in time must not silently undo a display
   * preference. */
  #preferredTraceFrames: boolean | null = null;

  /** The lesson this session is an attempt at, if any: its checks' trace facts are recorded from the start. */
  readonly lesson: Lesson | null;

  /** @param onEvent receives each trace event as it is produced. */
  constructor(
    scenario: Scenario,
    onEvent: (event: TraceEvent) => void,
    traceFrames?: boolean,
    lesson: Lesson | null = null,
  ) {
    this.scenario = scenario;
    this.lesson = lesson;
    this.#onEvent = onEvent;
    this.#traceFrames = traceFrames ?? engineConfigFor(scenario).adapter.options.traceFrames;
    this.#session = createScenarioSession(scenario, {
      ...(traceFrames === undefined ? {} : { traceFrames }),
      sink: (event) => {
        this.#lastEventSeq = event.seq;
        this.#eventCount++;
        this.#onEvent(event);
      },
      onInstantStep: (step) => this.#happened.push({ tNs: this.nowNs, step: scenarioStep(step), by: 'scenario' }),
      onEngineRun: () => this.#ran(),
      // The lesson's checks as lesson/grade.ts's lessonExpects lists them, without loading the grader before a grade.
      ...(lesson ? { alsoChecks: lesson.checks.map((check) => check.expect) } : {}),
    });
    this.checkpoint();
  }

  /** Operations applied so far: a checkpoint taken now has this position. */
  get position(): number {
    return this.#position;
  }
  get nowNs(): TimeNs {
    return this.#session.engine.nowNs;
  }
  get framesArrived(): number {
    return this.#session.engine.framesArrived;
  }
  get nextStepIndex(): number {
    return this.#session.nextStepIndex;
  }
  get stepCount(): number {
    return this.scenario.steps.length;
  }
  get stepsDone(): boolean {
    return this.#session.done;
  }
  get lastEventSeq(): number {
    return this.#lastEventSeq;
  }
  get eventCount(): number {
    return this.#eventCount;
  }
  get checkpointCount(): number {
    return this.#checkpoints.length;
  }
  /** Steps a user's action left unrun (0 while the scenario runs its own steps). */
  get detachedSteps(): number {
    return this.#session.detached ? this.stepCount - this.nextStepIndex : 0;
  }
  /** What happened so far, oldest first. */
  get happened(): readonly Happened[] {
    return this.#happened;
  }

  /** Every step has run and the engine has nothing scheduled: the story is over. */
  get finished(): boolean {
    return this.#session.done && this.#session.engine.nextEventTimeNs() === null;
  }

  /** The step that runs next, or undefined after the last one (or once a run limit stopped the scenario). */
  get nextStep(): Step | undefined {
    return this.#session.done ? undefined : this.scenario.steps[this.#session.nextStepIndex];
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
    if ('advance' in step) return timeAfter(cursor, step.advance);
    if ('runUntilIdle' in step) {
      if (this.nextEventTimeNs() === null) return this.nowNs;
      return idleDeadline(cursor, step);
    }
    return cursor;
  }

  nextEventTimeNs(): TimeNs | null {
    return this.#session.engine.nextEventTimeNs();
  }
  view(): AdapterView {
    return this.#session.engine.view();
  }
  report(): ScenarioReport {
    return this.#session.report();
  }

  /** Throws unless the session is an attempt at a lesson, saying so. */
  gradable(): Lesson {
    if (!this.lesson) throw new Error('this session is not a lesson: load the scenario with its lesson to grade it');
    return this.lesson;
  }

  /** The lesson's checks judged by `grade` (lesson/grade.ts's gradeSession) against the session as it is now: the
   * engine's state and the trace so far. */
  grade(grade: typeof gradeSession): LessonGrade {
    return grade(this.gradable(), this.#session);
  }

  runNextStep(): void {
    this.#apply(() => this.#session.runNextStep());
  }

  /** Moves the engine to `tNs` without finishing the step in progress; `tNs` must not pass its end. */
  advanceEngineTo(tNs: TimeNs): void {
    const end = this.stepEndNs;
    if (end !== null && tNs >= end && !this.stepsDone)
      throw new RangeError(`${tNs} ns is at or past the end of the current step (${end} ns); run the step instead`);
    this.#apply(() => this.#session.engine.advanceTo(tNs));
    this.#ran();
  }

  /** Runs every step that starts at or before `tNs`, then moves the engine there. */
  advanceTo(tNs: TimeNs): void {
    this.#apply(() => this.#session.advanceTo(tNs));
  }

  /** After the last step: runs the engine until nothing is scheduled (at most the settle limit, else a failed check). */
  settle(): void {
    this.#apply(() => this.#session.settle());
  }

  requestOid(request: OidRequest): OidResult {
    return this.#userAction({ kind: 'request-oid', request }, () => this.#session.engine.request(request));
  }
  startTraffic(flow: FlowSpec): void {
    this.#userAction({ kind: 'start-traffic', flow }, () => this.#session.engine.startFlow(flow));
  }
  stopTraffic(flow: string): void {
    this.#userAction({ kind: 'stop-traffic', flow }, () => this.#session.engine.stopFlow(flow));
  }
  returnNbls(queueId: QueueId | null, count: number | 'all'): void {
    this.#userAction({ kind: 'return-nbls', queueId, count }, () => this.#session.engine.returnNbls(queueId, count));
  }
  adapterAction(action: AdapterAction): void {
    this.#userAction({ kind: 'adapter-action', action }, () => this.#session.engine.adapterAction(action));
  }
  closeBinding(binding: string): void {
    this.#userAction({ kind: 'close-binding', binding }, () => this.#session.engine.closeBinding(binding));
  }
  injectFault(fault: Fault): void {
    this.#userAction({ kind: 'inject-fault', fault }, () => this.#session.engine.injectFault(fault));
  }

  /** The user is about to change the adapter: they take over, and the scenario's remaining steps stop running, so
   * they cannot run on top of what the user does. */
  userChanges(): void {
    this.#userChanges++;
    if (!this.#session.done) this.#apply(() => this.#session.detach());
  }
  /** How many of the user's actions changed the adapter: replaying the story from the start would undo them. */
  get userChangeCount(): number {
    return this.#userChanges;
  }
  /** The user keeps the remaining steps after all: they run on top of what the user did. */
  reattach(): void {
    if (this.#session.detached) this.#apply(() => this.#session.reattach());
  }

  /** Recorded once the engine took it: an action it refused with an exception did nothing. */
  #userAction<T>(action: UserAction, operation: () => T): T {
    const tNs = this.nowNs;
    const result = this.#apply(operation);
    this.#happened.push({ tNs, step: actionStep(action), by: 'user' });
    return result;
  }

  /** Runs in a row are one (playback runs the engine every frame); a restore puts the last one back (#restore). */
  #ran(): void {
    const last = this.#happened.length - 1;
    const run = { tNs: this.nowNs, ran: true } as const;
    if (last >= 0 && 'ran' in (this.#happened[last] as Happened)) this.#happened[last] = run;
    else this.#happened.push(run);
  }
  setTraceFrames(on: boolean): void {
    this.#preferredTraceFrames = on;
    if (on !== this.#traceFrames) this.#switchTraceFrames(on);
  }

  get traceFrames(): boolean {
    return this.#traceFrames;
  }

  /** Remembers the current point (a no-op if nothing happened since the last checkpoint). */
  checkpoint(afterUserAction = false): void {
    const last = this.#checkpoints.at(-1);
    if (last && last.position === this.#position) return;
    this.#checkpoints.push({
      afterUserAction,
      userChanges: this.#userChanges,
      position: this.#position,
      tNs: this.nowNs,
      lastEventSeq: this.#lastEventSeq,
      eventCount: this.#eventCount,
      traceFrames: this.#traceFrames,
      happened: this.#happened.length,
      snapshot: this.#session.snapshot(),
    });
    if (this.#checkpoints.length > MAX_CHECKPOINTS)
      this.#checkpoints = this.#checkpoints.filter((_, i) => i === 0 || i % 2 === 1);
  }

  /** Whether there is an earlier point to go back to. */
  get canStepBack(): boolean {
    return this.#checkpoints.some((c) => c.position < this.#position);
  }

  /** Goes back to the latest checkpoint before now. Returns it, or null when already at the start. */
  stepBack(): Checkpoint | null {
    const target = latest(this.#checkpoints, (c) => c.position < this.#position);
    if (!target) return null;
    this.#restore(target);
    return target;
  }

  /** Goes back to the latest checkpoint strictly before `tNs` (the first one, at the very start, for 0), or at `tNs`
   * right after a user's action: seeking to any moment after the user acted keeps what they did. Returns it. */
  rewindBefore(tNs: TimeNs): Checkpoint {
    const target =
      latest(this.#checkpoints, (c) => c.tNs < tNs || (c.afterUserAction && c.tNs === tNs)) ??
      (this.#checkpoints[0] as Checkpoint);
    this.#restore(target);
    return target;
  }

  #restore(target: Checkpoint): void {
    this.#session.restore(target.snapshot);
    this.#checkpoints = this.#checkpoints.filter((c) => c.position <= target.position);
    this.#position = target.position;
    this.#lastEventSeq = target.lastEventSeq;
    this.#eventCount = target.eventCount;
    this.#traceFrames = target.traceFrames;
    this.#happened.length = target.happened;
    this.#userChanges = target.userChanges;
    // A run that was last at the checkpoint, and went on after it, ended at the checkpoint's time back then.
    const last = this.#happened.at(-1);
    if (last && 'ran' in last && last.tNs > target.tNs)
      this.#happened[target.happened - 1] = { tNs: target.tNs, ran: true };
    if (this.#preferredTraceFrames !== null && this.#preferredTraceFrames !== this.#traceFrames) {
      // The restored point, with the preference on top, takes the target's place; keeping both would make the
      // next step-back land on the target again.
      this.#checkpoints.pop();
      this.#switchTraceFrames(this.#preferredTraceFrames);
      this.checkpoint();
    }
  }

  #switchTraceFrames(on: boolean): void {
    this.#apply(() => this.#session.engine.setTraceFrames(on));
    this.#traceFrames = on;
  }

  /** Every change to the session goes through here, so checkpoints can tell whether anything happened since. */
  #apply<T>(operation: () => T): T {
    this.#position++;
    return operation();
  }
}
