/**
 * Runs a scenario against an engine step by step, or up to any point in virtual time, so the UI can scrub
 * and the CLI can run to the end with the same semantics.
 *
 * Time model: a step starts at the scenario time reached by the steps before it (the cursor). Only `advance`
 * and `runUntilIdle` take time; every other step happens at an instant. `advanceTo(t)` may stop inside an
 * advance or runUntilIdle step; that step finishes when a later call passes its end.
 *
 * Run limits (limits.ts): one call (a Step, a seek, a whole CLI run) puts at most `frameLimit` frames on the wire,
 * and the settle after the last step lasts at most `settleLimitNs`. A run that reaches either stops there and
 * records a failed check naming the limit, so it can never pass having silently done less than it said.
 */
import { faultOf } from './faultStep.ts';
import {
  RUN_UNTIL_IDLE_LIMIT_NS,
  createEngine,
  asTimeNs,
  earliestOf,
  latestOf,
  timeAfter,
  type Engine,
  type EngineSnapshot,
  type FlowSpec,
  type DurationNs,
  type OidRequest,
  type OidResult,
  type RuleId,
  type TimeNs,
  type TraceEvent,
} from '../engine/index.ts';
import { engineConfigFor } from './config.ts';
import { checkOidResult, checkState, resolveQueueId, type Check } from './expect.ts';
import { parseRef, resolveValue, type RefScope, type SavedRequest } from './refs.ts';
import type { ExpectSpec, OidExpect, Scenario, Step, StepOf, TrafficSpec } from './schema.ts';
import { PER_FRAME_KINDS } from './eventFacts.ts';
import { needsFrames, patternUses } from './traceChecks.ts';
import { type RecordSnapshot, TraceRecord } from './traceRecord.ts';
import { formatDuration, formatMicros } from './duration.ts';
import { RUN_FRAME_LIMIT, SETTLE_LIMIT_NS } from './limits.ts';

export interface ExpectationResult {
  stepIndex: number;
  /** 'oid' = an OID step's expect, 'expect' = an expect step, 'error' = a step that could not run. */
  kind: 'oid' | 'expect' | 'error';
  /** The step's comment, or a short description of what it checks. */
  label: string;
  ok: boolean;
  /** What held, or what did not: "queue 1 state: expected Running, got Paused". */
  detail: string;
  /** Virtual time at which it was decided. */
  atNs: TimeNs;
}

export interface ViolationRecord {
  rule: RuleId;
  severity: 'error' | 'warning';
  message: string;
  atNs: TimeNs;
  queueId?: number;
  requestId?: number;
}

export interface ScenarioReport {
  /** Every expectation decided so far holds, no step failed, and no OID expectation is still waiting. */
  ok: boolean;
  /** In step order. */
  expectations: ExpectationResult[];
  /** OID expectations whose request is still pending. */
  waiting: { stepIndex: number; label: string; requestId: number }[];
  /** Conformance-checker findings, in the order they happened. */
  violations: ViolationRecord[];
  endNs: TimeNs;
  stepsRun: number;
  stepCount: number;
  /** What lets a run pass without showing anything: no expectation at all, or a request still pending at the end
   * with nothing expected of it. `vmq run --strict` fails on them. */
  warnings: string[];
}

export interface StepOutcome {
  stepIndex: number;
  startNs: TimeNs;
  endNs: TimeNs;
  /** Expectations decided while the step ran (an advance may complete earlier pended OIDs). */
  results: ExpectationResult[];
}

export interface ScenarioSessionOptions {
  /** Per-frame trace events for the sink; overrides the scenario's options.traceFrames. Checks about single frames
   * still get them traced, unless the scenario itself sets options.traceFrames false. */
  traceFrames?: boolean;
  sink?: (event: TraceEvent) => void;
  /** How long runToEnd lets the engine run after the last step, so pended requests can complete. Default SETTLE_LIMIT_NS. */
  settleLimitNs?: DurationNs;
  /** Frames one call may put on the wire before the run stops with a failed check. Default RUN_FRAME_LIMIT. */
  frameLimit?: number;
  /** Called as each instant step (an OID, traffic, a note, an expectation…) starts, with the engine at its time. */
  onInstantStep?: (step: InstantStep) => void;
  /** Called each time a step or advanceTo has run the engine (its clock is then where the run stopped). */
  onEngineRun?: () => void;
  /** Checks judged later with check() (a lesson's): the session records the trace events they name, too. */
  alsoChecks?: readonly ExpectSpec[];
}

/** A step that takes no virtual time. */
export type InstantStep = Exclude<Step, StepOf<'advance'> | StepOf<'runUntilIdle'>>;

export interface ScenarioSession {
  readonly scenario: Scenario;
  readonly engine: Engine;
  readonly nextStepIndex: number;
  /** All steps have been executed, a run limit stopped the scenario, or it is detached. */
  readonly done: boolean;
  /** The user acted on top of the scenario: its remaining steps do not run until reattach(). */
  readonly detached: boolean;
  /** Scenario time at which the next step starts. */
  readonly cursorNs: TimeNs;
  /** Executes exactly one step; an advance step runs the engine through its whole duration. */
  runNextStep(): StepOutcome;
  /** Executes every step that starts at or before `t` (possibly entering an advance partway), then moves the engine to `t`. */
  advanceTo(t: TimeNs): void;
  /** After the last step: lets the engine run until idle, at most settleLimitNs; still busy then is a failed check. */
  settle(): void;
  /** All remaining steps, then settle(); unfinished OID expectations fail. */
  runToEnd(): ScenarioReport;
  report(): ScenarioReport;
  /** Stops running steps: what happens next is the user's, not the scenario's. */
  detach(): void;
  /** Runs the remaining steps again, on top of whatever the user did. */
  reattach(): void;
  /** Judges one expectation now: the engine as it is, the trace recorded so far, the outputs saved so far. */
  check(expect: ExpectSpec): Check[];
  /** A deep copy of the runner and its engine; restoring it continues exactly as from that moment. */
  snapshot(): SessionSnapshot;
  restore(snapshot: SessionSnapshot): void;
}

/** Opaque session state, kept in the process that made it (the trace record is shared, not copied). */
export interface SessionSnapshot {
  readonly __sessionSnapshot: true;
}

/** What a snapshot holds besides the engine: the runner's own bookkeeping. */
interface RunnerState {
  index: number;
  cursor: TimeNs;
  results: ExpectationResult[];
  waiting: Map<number, Waiting>;
  saved: Map<string, SavedRequest>;
  violations: ViolationRecord[];
  /** A run limit stopped the scenario; no further step runs. */
  stopped: boolean;
  isDetached: boolean;
}

interface SnapshotData extends SessionSnapshot {
  engine: EngineSnapshot;
  runner: RunnerState;
  record: RecordSnapshot;
}

/** Virtual time the engine first runs between frame-limit checks; the slice then adapts to the traffic. */
const FIRST_SLICE_NS = 1_000;
/** Frames a slice aims at: checks stay rare (a view per slice) and the limit is overshot by little. */
const SLICE_FRAMES = 50_000;

/** Absolute time at which a runUntilIdle step begun at `cursorNs` gives up (`true`: the engine's own limit). */
export const idleDeadline = (cursorNs: TimeNs, step: StepOf<'runUntilIdle'>): TimeNs =>
  timeAfter(cursorNs, step.runUntilIdle === true ? RUN_UNTIL_IDLE_LIMIT_NS : step.runUntilIdle);

/** An OID step whose request has not completed yet. */
interface Waiting {
  stepIndex: number;
  label: string;
  step: StepOf<'oid'>;
  pended: boolean;
}

export function createScenarioSession(scenario: Scenario, opts: ScenarioSessionOptions = {}): ScenarioSession {
  return new Session(scenario, opts);
}

class Session implements ScenarioSession {
  readonly engine: Engine;
  private index = 0;
  private cursor = asTimeNs(0);
  private results: ExpectationResult[] = [];
  private waiting = new Map<number, Waiting>();
  private saved = new Map<string, SavedRequest>();
  private violations: ViolationRecord[] = [];
  private stopped = false;
  private isDetached = false;
  /** Requests runToEnd found still pending, with no expectation to fail. */
  private leftPending: string[] = [];
  /** Some step (an `expect`, or an OID step's own) can fail the run. */
  private readonly checksSomething: boolean;
  /** Frames on the wire when the outermost public call began; undefined between calls. */
  private arrivedAtCallStart: number | undefined;
  private readonly scope: RefScope;
  /** The trace facts that the scenario's checks, and alsoChecks, name. */
  private readonly trace: TraceRecord;
  private readonly perFrame: boolean;
  /** Results decided since the current runNextStep (or advanceTo) began. */
  private fresh: ExpectationResult[] = [];

  constructor(
    readonly scenario: Scenario,
    private readonly opts: ScenarioSessionOptions,
  ) {
    const vms = new Map(scenario.vms.map((vm) => [vm.name, vm]));
    this.checksSomething = scenario.steps.some((step) => 'expect' in step);
    this.scope = { saved: (name) => this.saved.get(name), vm: (name) => vms.get(name) };
    const config = engineConfigFor(scenario);
    const expects = [
      ...scenario.steps.flatMap((step) => ('expect' in step && !('oid' in step) ? [step.expect] : [])),
      ...(opts.alsoChecks ?? []),
    ];
    // What the caller sees, and what the engine traces: checks about single frames need per-frame tracing even when
    // the caller does not print it (vmq run without --frames); only the scenario's own traceFrames: false forbids it.
    const shown = opts.traceFrames ?? config.adapter.options.traceFrames;
    const forbidden = scenario.adapter.options?.traceFrames === false;
    const uses = patternUses(expects);
    this.perFrame = shown || (!forbidden && uses.some(needsFrames));
    config.adapter.options.traceFrames = this.perFrame;
    // The kinds of trace event that checks name: the only ones the session records.
    this.trace = new TraceRecord(new Set(uses.map((use) => use.event)));
    this.engine = createEngine(config, (event) => {
      if (shown || !PER_FRAME_KINDS.has(event.kind)) opts.sink?.(event);
      this.trace.observe(event);
      this.observe(event);
    });
  }

  get nextStepIndex(): number {
    return this.index;
  }
  get done(): boolean {
    return this.stopped || this.isDetached || this.index >= this.scenario.steps.length;
  }
  get detached(): boolean {
    return this.isDetached;
  }

  detach(): void {
    this.isDetached = true;
  }
  reattach(): void {
    this.isDetached = false;
  }
  get cursorNs(): TimeNs {
    return this.cursor;
  }

  runNextStep(): StepOutcome {
    const step = this.done ? undefined : this.scenario.steps[this.index];
    if (step === undefined) throw new Error('the scenario has no more steps');
    const stepIndex = this.index;
    const startNs = this.cursor;
    this.fresh = [];
    this.withinLimits(() => {
      // The engine is public: a caller may already have moved it past this step's end.
      if ('advance' in step) this.drive(latestOf(this.engine.nowNs, timeAfter(startNs, step.advance)), false);
      else if ('runUntilIdle' in step) this.runUntilIdle(step, idleDeadline(this.cursor, step));
      else this.runInstant(step, stepIndex);
    });
    this.finishStep();
    return { stepIndex, startNs, endNs: this.cursor, results: this.fresh };
  }

  advanceTo(t: TimeNs): void {
    if (t < this.engine.nowNs)
      throw new RangeError(`cannot go back from ${this.engine.nowNs} ns to ${t} ns; restore a snapshot instead`);
    this.fresh = [];
    this.withinLimits(() => {
      for (let step = this.nextStep(); step !== undefined; step = this.nextStep()) {
        if ('advance' in step) {
          const end = timeAfter(this.cursor, step.advance);
          if (end > t) break;
          this.drive(latestOf(this.engine.nowNs, end), false);
        } else if ('runUntilIdle' in step) {
          const deadline = idleDeadline(this.cursor, step);
          if (!this.runUntilIdle(step, earliestOf(deadline, t)) && deadline > t) break;
        } else {
          this.runInstant(step, this.index);
        }
        this.finishStep();
      }
      if (t > this.engine.nowNs) this.drive(t, false);
    });
  }

  settle(): void {
    const limitNs = this.opts.settleLimitNs ?? SETTLE_LIMIT_NS;
    this.withinLimits(() => {
      if (this.drive(timeAfter(this.engine.nowNs, limitNs), true) || this.stopped) return;
      this.limitReached(
        `the engine was still busy (traffic flowing or work scheduled) ${formatDuration(limitNs)} after the last ` +
          `step, the settle limit; the run stopped at ${formatMicros(this.engine.nowNs)} µs. ` +
          'Add an advance step that covers the traffic, or send fewer frames',
      );
    });
  }

  runToEnd(): ScenarioReport {
    this.withinLimits(() => {
      while (!this.done) this.runNextStep();
      this.settle();
    });
    for (const [requestId, waiting] of this.waiting) {
      this.waiting.delete(requestId);
      if (waiting.step.expect === undefined) {
        this.leftPending.push(
          `steps[${waiting.stepIndex}] ${waiting.label}: request #${requestId} was still pending at the end ` +
            `(${formatMicros(this.engine.nowNs)} µs), and nothing is expected of it`,
        );
        continue;
      }
      this.record(waiting.stepIndex, 'oid', waiting.label, [
        {
          ok: false,
          text: `request #${requestId} never completed; still pending at ${formatMicros(this.engine.nowNs)} µs`,
        },
      ]);
    }
    return this.report();
  }

  report(): ScenarioReport {
    const expectations = [...this.results].sort((a, b) => a.stepIndex - b.stepIndex);
    const waiting = [...this.waiting]
      .filter(([, w]) => w.step.expect !== undefined)
      .map(([requestId, w]) => ({ stepIndex: w.stepIndex, label: w.label, requestId }));
    return {
      ok: expectations.every((e) => e.ok) && waiting.length === 0,
      expectations,
      waiting,
      violations: [...this.violations],
      endNs: this.engine.nowNs,
      stepsRun: this.index,
      stepCount: this.scenario.steps.length,
      warnings: [
        ...(this.checksSomething ? [] : ['the scenario has no expectation, so it passes whatever happens']),
        ...this.leftPending,
      ],
    };
  }

  check(expect: ExpectSpec): Check[] {
    return checkState(expect, this.engine, this.scope, {
      facts: this.trace.facts(),
      kinds: this.trace.kinds,
      perFrame: this.perFrame,
    });
  }

  snapshot(): SessionSnapshot {
    const runner: RunnerState = {
      index: this.index,
      cursor: this.cursor,
      results: this.results,
      waiting: this.waiting,
      saved: this.saved,
      violations: this.violations,
      stopped: this.stopped,
      isDetached: this.isDetached,
    };
    return {
      __sessionSnapshot: true,
      engine: this.engine.snapshot(),
      runner: structuredClone(runner),
      record: this.trace.snapshot(),
    } as SnapshotData;
  }

  restore(snapshot: SessionSnapshot): void {
    const data = snapshot as SnapshotData;
    this.engine.restore(data.engine);
    this.trace.restore(data.record);
    // RunnerState's members are this session's fields of the same names (snapshot() gathers them).
    Object.assign(this, structuredClone(data.runner));
  }

  private finishStep(): void {
    this.index++;
    this.cursor = this.engine.nowNs;
  }

  private nextStep(): Step | undefined {
    return this.done ? undefined : this.scenario.steps[this.index];
  }

  /** Runs `body` as one call for the frame limit; calls made inside it (runToEnd → runNextStep) share its budget. */
  private withinLimits(body: () => void): void {
    if (this.arrivedAtCallStart !== undefined) return body();
    this.arrivedAtCallStart = this.engine.framesArrived;
    try {
      body();
    } finally {
      this.arrivedAtCallStart = undefined;
    }
  }

  /**
   * Moves the engine to `until`, or with `untilIdle` only until nothing is scheduled, in slices of virtual time
   * so the frame limit can stop a flow of billions of frames. Returns whether the engine went idle.
   */
  private drive(until: TimeNs, untilIdle: boolean): boolean {
    try {
      return this.driveSlices(until, untilIdle);
    } finally {
      this.opts.onEngineRun?.();
    }
  }

  private driveSlices(until: TimeNs, untilIdle: boolean): boolean {
    let sliceNs = FIRST_SLICE_NS;
    let before = this.engine.framesArrived;
    while (!this.stopped) {
      const end = asTimeNs(Math.min(until, this.engine.nowNs + sliceNs));
      if (untilIdle) {
        this.engine.runUntilIdle(end);
        if (this.engine.nextEventTimeNs() === null) return true;
      }
      this.engine.advanceTo(end);
      const arrived = this.engine.framesArrived;
      this.checkFrameLimit(arrived);
      if (end >= until) return false;
      const sent = arrived - before;
      before = arrived;
      if (sent < SLICE_FRAMES / 2) sliceNs *= 2;
      else if (sent > SLICE_FRAMES) sliceNs = Math.max(1, Math.floor(sliceNs / 2));
    }
    return false;
  }

  private checkFrameLimit(arrived: number): void {
    const limit = this.opts.frameLimit ?? RUN_FRAME_LIMIT;
    const sent = arrived - (this.arrivedAtCallStart ?? arrived);
    if (sent <= limit) return;
    this.limitReached(
      `stopped at ${formatMicros(this.engine.nowNs)} µs after ${sent} frames: one run puts at most ${limit} frames ` +
        'on the wire (the frame limit). Lower the traffic count or rate, or shorten the advance',
    );
  }

  /** The run stops here with a failed check that says which limit it reached. */
  private limitReached(why: string): void {
    this.stopped = true;
    const lastStep = Math.max(0, this.scenario.steps.length - 1);
    this.record(Math.min(this.index, lastStep), 'error', 'run limit', [{ ok: false, text: why }]);
  }

  /** A runUntilIdle step up to `until`; `runUntilIdle: true` still busy at the engine's own limit fails. */
  private runUntilIdle(step: StepOf<'runUntilIdle'>, until: TimeNs): boolean {
    const idle = this.drive(until, true);
    if (!idle && !this.stopped && step.runUntilIdle === true && until >= idleDeadline(this.cursor, step)) {
      this.limitReached(
        `runUntilIdle: the engine was still busy after ${formatDuration(RUN_UNTIL_IDLE_LIMIT_NS)}, its limit; ` +
          `the run stopped at ${formatMicros(this.engine.nowNs)} µs. Give runUntilIdle a duration, or send fewer frames`,
      );
    }
    return idle;
  }

  private runInstant(step: InstantStep, stepIndex: number): void {
    this.opts.onInstantStep?.(step);
    try {
      if ('oid' in step) this.request(step, stepIndex);
      else if ('traffic' in step) this.engine.startFlow(this.flowSpec(step.traffic));
      else if ('stopTraffic' in step) this.engine.stopFlow(step.stopTraffic);
      else if ('frame' in step) this.engine.injectFrame(hexBytes(step.frame.hex), step.frame.flow);
      else if ('returnNbls' in step) {
        const { QueueId: queueId, count = 'all' } = step.returnNbls;
        this.engine.returnNbls(queueId === undefined ? null : resolveQueueId(queueId, this.scope), count);
      } else if ('adapter' in step) this.engine.adapterAction(step.adapter);
      else if ('closeBinding' in step) this.engine.closeBinding(step.closeBinding);
      else if ('fault' in step) this.engine.injectFault(faultOf(step.fault, this.scope));
      else if ('note' in step) this.engine.note(step.note);
      else this.record(stepIndex, 'expect', stepLabel(step), this.check(step.expect));
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      if ('oid' in step && step.saveAs !== undefined)
        this.saved.set(step.saveAs, { stepIndex, oid: step.oid, error: error.message });
      this.record(stepIndex, 'error', stepLabel(step), [{ ok: false, text: error.message }]);
    }
  }

  private request(step: StepOf<'oid'>, stepIndex: number): void {
    const request: OidRequest = { oid: step.oid };
    if (step.requestType !== undefined) request.requestType = step.requestType;
    if (step.binding !== undefined) request.binding = step.binding;
    if (step.buffer !== undefined) request.buffer = resolveValue(step.buffer, this.scope) as Record<string, unknown>;
    if (step.bufferLength !== undefined) request.bufferLength = step.bufferLength;
    const result = this.engine.request(request);
    const waiting: Waiting = {
      stepIndex,
      label: stepLabel(step),
      step,
      pended: result.status === 'NDIS_STATUS_PENDING',
    };
    if (step.saveAs !== undefined) this.saved.set(step.saveAs, { stepIndex, oid: step.oid });
    if (result.completedAtNs === undefined) this.waiting.set(result.requestId, waiting);
    else this.completed(waiting, result);
  }

  private completed(waiting: Waiting, result: OidResult): void {
    const { step, stepIndex } = waiting;
    if (step.saveAs !== undefined) {
      this.saved.set(step.saveAs, {
        stepIndex,
        oid: step.oid,
        status: result.status,
        ...(result.output ? { output: result.output } : {}),
      });
    }
    if (step.expect !== undefined)
      this.record(stepIndex, 'oid', waiting.label, this.oidChecks(step.expect, result, waiting.pended));
  }

  private oidChecks(expect: OidExpect, result: OidResult, pended: boolean): Check[] {
    try {
      return checkOidResult(expect, result, pended, this.scope);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return [{ ok: false, text: error.message }];
    }
  }

  private observe(event: TraceEvent): void {
    if (event.kind === 'oid-completed') {
      const waiting = this.waiting.get(event.result.requestId);
      if (waiting === undefined) return;
      this.waiting.delete(event.result.requestId);
      this.completed(waiting, event.result);
    } else if (event.kind === 'rule-violated') {
      const { rule, severity, message, queueId, requestId } = event;
      this.violations.push({
        rule,
        severity,
        message,
        atNs: event.t,
        ...(queueId !== undefined ? { queueId } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
      });
    }
  }

  private record(stepIndex: number, kind: ExpectationResult['kind'], label: string, checks: Check[]): void {
    const failures = checks.filter((c) => !c.ok);
    const result: ExpectationResult = {
      stepIndex,
      kind,
      label,
      ok: failures.length === 0,
      detail: (failures.length > 0 ? failures : checks).map((c) => c.text).join('; '),
      atNs: this.engine.nowNs,
    };
    this.results.push(result);
    this.fresh.push(result);
  }

  private flowSpec(traffic: TrafficSpec): FlowSpec {
    const vm = vmOf(traffic.dst, this.scope);
    const flow: FlowSpec = {
      name: traffic.name,
      dst: String(resolveValue(traffic.dst, this.scope)),
      vlanId: traffic.vlanId !== undefined ? traffic.vlanId : (vm?.vlan ?? null),
      frameBytes: traffic.frameBytes,
      count: traffic.count,
      intervalNs: traffic.interval ?? Math.max(1, Math.round(1e9 / (traffic.ratePps ?? 1))),
    };
    if (traffic.src !== undefined) flow.src = String(resolveValue(traffic.src, this.scope));
    if (traffic.priority !== undefined) flow.priority = traffic.priority;
    if (traffic.pattern !== undefined) flow.pattern = traffic.pattern;
    if (traffic.etherType !== undefined) flow.etherType = traffic.etherType;
    return flow;
  }
}

/** The VM a "$vm:NAME" station names, if any (its VLAN becomes the flow's default). */
function vmOf(station: string, scope: RefScope) {
  const parsed = parseRef(station);
  return parsed !== null && 'ref' in parsed && parsed.ref.kind === 'vm' ? scope.vm(parsed.ref.vm) : undefined;
}

/** How reports name a step: its comment, or what it does. */
export function stepLabel(step: Step): string {
  if (step.comment !== undefined) return step.comment;
  if ('oid' in step) return step.saveAs === undefined ? step.oid : `${step.oid} as ${step.saveAs}`;
  if ('expect' in step) {
    const { queue, ...others } = step.expect;
    const queues =
      queue === undefined
        ? []
        : [
            `queue ${[queue]
              .flat()
              .map((q) => q.QueueId)
              .join(', ')}`,
          ];
    const rest = Object.entries(others).flatMap(([key, value]) => (value === undefined ? [] : [key]));
    return `expect ${[...queues, ...rest].join(', ')}`;
  }
  const [action = 'step', value] = Object.entries(step)[0] ?? [];
  return typeof value === 'string' || typeof value === 'number' ? `${action} ${value}` : action;
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16));

export interface ScenarioRun {
  events: TraceEvent[];
  report: ScenarioReport;
}

/** Runs a whole scenario and keeps every trace event; for tests and one-shot callers. */
export function runScenario(scenario: Scenario, opts: Omit<ScenarioSessionOptions, 'sink'> = {}): ScenarioRun {
  const events: TraceEvent[] = [];
  const report = createScenarioSession(scenario, { ...opts, sink: (event) => events.push(event) }).runToEnd();
  return { events, report };
}
