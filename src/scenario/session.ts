/**
 * Runs a scenario against an engine step by step, or up to any point in virtual time, so the UI can scrub
 * and the CLI can run to the end with the same semantics.
 *
 * Time model: a step starts at the scenario time reached by the steps before it (the cursor). Only `advance`
 * and `runUntilIdle` take time; every other step happens at an instant. `advanceTo(t)` may stop inside an
 * advance or runUntilIdle step; that step finishes when a later call passes its end.
 */
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
import type { OidExpect, Scenario, Step, StepOf, TrafficSpec } from './schema.ts';
import { formatMicros } from './duration.ts';

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
}

export interface StepOutcome {
  stepIndex: number;
  startNs: TimeNs;
  endNs: TimeNs;
  /** Expectations decided while the step ran (an advance may complete earlier pended OIDs). */
  results: ExpectationResult[];
}

export interface ScenarioSessionOptions {
  /** Per-frame trace events; overrides the scenario's options.traceFrames. */
  traceFrames?: boolean;
  sink?: (event: TraceEvent) => void;
  /** How long runToEnd lets the engine run after the last step, so pended requests can complete. Default SETTLE_LIMIT_NS. */
  settleLimitNs?: DurationNs;
}

export interface ScenarioSession {
  readonly scenario: Scenario;
  readonly engine: Engine;
  readonly nextStepIndex: number;
  /** All steps have been executed. */
  readonly done: boolean;
  /** Scenario time at which the next step starts. */
  readonly cursorNs: TimeNs;
  /** Executes exactly one step; an advance step runs the engine through its whole duration. */
  runNextStep(): StepOutcome;
  /** Executes every step that starts at or before `t` (possibly entering an advance partway), then moves the engine to `t`. */
  advanceTo(t: TimeNs): void;
  /** All remaining steps, then lets the engine settle so pended requests complete; unfinished OID expectations fail. */
  runToEnd(): ScenarioReport;
  report(): ScenarioReport;
  /** A deep copy of the runner and its engine; restoring it continues exactly as from that moment. */
  snapshot(): SessionSnapshot;
  restore(snapshot: SessionSnapshot): void;
}

/** Opaque, structured-cloneable session state. */
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
}

interface SnapshotData extends SessionSnapshot {
  engine: EngineSnapshot;
  runner: RunnerState;
}

/**
 * How long the engine may run after the last step so pended requests complete: 1 s of virtual time,
 * far more than any pendingOids delay or NBL return latency a scenario sets.
 */
export const SETTLE_LIMIT_NS = 1_000_000_000;

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
  private readonly scope: RefScope;
  /** Results decided since the current runNextStep (or advanceTo) began. */
  private fresh: ExpectationResult[] = [];

  constructor(
    readonly scenario: Scenario,
    private readonly opts: ScenarioSessionOptions,
  ) {
    const vms = new Map(scenario.vms.map((vm) => [vm.name, vm]));
    this.scope = { saved: (name) => this.saved.get(name), vm: (name) => vms.get(name) };
    const config = engineConfigFor(scenario);
    if (opts.traceFrames !== undefined) config.adapter.options.traceFrames = opts.traceFrames;
    this.engine = createEngine(config, (event) => {
      opts.sink?.(event);
      this.observe(event);
    });
  }

  get nextStepIndex(): number {
    return this.index;
  }
  get done(): boolean {
    return this.index >= this.scenario.steps.length;
  }
  get cursorNs(): TimeNs {
    return this.cursor;
  }

  runNextStep(): StepOutcome {
    const step = this.scenario.steps[this.index];
    if (step === undefined) throw new Error('the scenario has no more steps');
    const stepIndex = this.index;
    const startNs = this.cursor;
    this.fresh = [];
    // The engine is public: a caller may already have moved it past this step's end.
    if ('advance' in step) this.engine.advanceTo(latestOf(this.engine.nowNs, timeAfter(startNs, step.advance)));
    else if ('runUntilIdle' in step) this.settle(idleDeadline(this.cursor, step));
    else this.runInstant(step, stepIndex);
    this.finishStep();
    return { stepIndex, startNs, endNs: this.cursor, results: this.fresh };
  }

  advanceTo(t: TimeNs): void {
    if (t < this.engine.nowNs)
      throw new RangeError(`cannot go back from ${this.engine.nowNs} ns to ${t} ns; restore a snapshot instead`);
    this.fresh = [];
    for (let step = this.scenario.steps[this.index]; step !== undefined; step = this.scenario.steps[this.index]) {
      if ('advance' in step) {
        const end = timeAfter(this.cursor, step.advance);
        if (end > t) break;
        this.engine.advanceTo(end);
      } else if ('runUntilIdle' in step) {
        const deadline = idleDeadline(this.cursor, step);
        if (!this.settle(earliestOf(deadline, t)) && deadline > t) break;
      } else {
        this.runInstant(step, this.index);
      }
      this.finishStep();
    }
    if (t > this.engine.nowNs) this.engine.advanceTo(t);
  }

  runToEnd(): ScenarioReport {
    while (!this.done) this.runNextStep();
    this.settle(timeAfter(this.engine.nowNs, this.opts.settleLimitNs ?? SETTLE_LIMIT_NS));
    for (const [requestId, waiting] of this.waiting) {
      this.waiting.delete(requestId);
      if (waiting.step.expect === undefined) continue;
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
    };
  }

  snapshot(): SessionSnapshot {
    const runner: RunnerState = {
      index: this.index,
      cursor: this.cursor,
      results: this.results,
      waiting: this.waiting,
      saved: this.saved,
      violations: this.violations,
    };
    return { __sessionSnapshot: true, engine: this.engine.snapshot(), runner: structuredClone(runner) } as SnapshotData;
  }

  restore(snapshot: SessionSnapshot): void {
    const data = snapshot as SnapshotData;
    this.engine.restore(data.engine);
    // RunnerState's members are this session's fields of the same names (snapshot() gathers them).
    Object.assign(this, structuredClone(data.runner));
  }

  private finishStep(): void {
    this.index++;
    this.cursor = this.engine.nowNs;
  }

  /** Runs the engine until nothing is scheduled or `until` passes. Returns whether it went idle. */
  private settle(until: TimeNs): boolean {
    this.engine.runUntilIdle(until);
    const idle = this.engine.nextEventTimeNs() === null;
    if (!idle && until > this.engine.nowNs) this.engine.advanceTo(until);
    return idle;
  }

  private runInstant(step: Exclude<Step, StepOf<'advance'> | StepOf<'runUntilIdle'>>, stepIndex: number): void {
    try {
      if ('oid' in step) this.request(step, stepIndex);
      else if ('traffic' in step) this.engine.startFlow(this.flowSpec(step.traffic));
      else if ('stopTraffic' in step) this.engine.stopFlow(step.stopTraffic);
      else if ('frame' in step) this.engine.injectFrame(hexBytes(step.frame.hex), step.frame.flow);
      else if ('returnNbls' in step) {
        const { queueId, count = 'all' } = step.returnNbls;
        this.engine.returnNbls(queueId === undefined ? null : resolveQueueId(queueId, this.scope), count);
      } else if ('adapter' in step) this.engine.adapterAction(step.adapter);
      else if ('closeBinding' in step) this.engine.closeBinding(step.closeBinding);
      else if ('note' in step) this.engine.note(step.note);
      else this.record(stepIndex, 'expect', stepLabel(step), checkState(step.expect, this.engine, this.scope));
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
