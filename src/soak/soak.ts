/**
 * The soak: one long seeded stream of random driver steps (src/soak/history.ts), hostile steps (hostile.ts),
 * checkpoints, snapshot restores and halts, played on the engine's public API with every invariant checked
 * (invariants.ts): each trace event as it is emitted (and that the worker could post it), the adapter view after
 * every step and after every virtual instant inside a time advance. A restore puts the engine back to the last
 * checkpoint and replays the steps since; the replayed trace and view must equal the straight run. A halt ends a
 * life: it must free everything and complete every OID exactly once, and the next life starts a fresh adapter.
 *
 * The stream depends only on the seed, and a step's value only on its index, so a shorter run is a prefix of a
 * longer one: `--steps N` replays a failure at step N-1 exactly.
 */
import fc from 'fast-check';
import { asTimeNs, createEngine, type Engine, type EngineConfig, type TraceEvent } from '../engine/index.ts';
import { type Action, act, actionArb, configOf, setupArb } from './history.ts';
import {
  type HostileAction,
  type HostileClass,
  type HostileContext,
  hostileActionArb,
  isHostile,
  playHostile,
} from './hostile.ts';
import { Invariants } from './invariants.ts';

export type SoakStep = Action | HostileAction | { k: 'checkpoint' } | { k: 'restore' } | { k: 'halt' };

export interface SoakOptions {
  seed: number;
  steps: number;
  /** Which hostile classes the stream may draw. */
  classes: readonly HostileClass[];
  /** Builds each life's engine; tests pass a broken one to see the soak catch it. */
  createEngine?: (config: EngineConfig, sink: (event: TraceEvent) => void) => Engine;
}

export interface SoakFailure {
  /** 0-based index of the step after which the invariant broke. */
  step: number;
  action: SoakStep | null;
  problem: string;
}

export interface SoakReport {
  steps: number;
  lives: number;
  events: number;
  /** Invariant checks: each comparison against an event, a view or a replay counts once. */
  checks: number;
  hostileSteps: number;
  restores: number;
  failure: SoakFailure | null;
}

/** A halt every ~500 steps, a checkpoint every ~25, a restore every ~50; the rest driver and hostile steps. */
function stepArb(classes: readonly HostileClass[]): fc.Arbitrary<SoakStep> {
  const hostile = hostileActionArb(classes);
  return fc.oneof(
    { weight: 4000, arbitrary: actionArb },
    ...(hostile ? [{ weight: 600, arbitrary: hostile }] : []),
    { weight: 200, arbitrary: fc.constant({ k: 'checkpoint' as const }) },
    { weight: 100, arbitrary: fc.constant({ k: 'restore' as const }) },
    { weight: 10, arbitrary: fc.constant({ k: 'halt' as const }) },
  );
}

/** A checkpoint forced after this many events, so a replay's trace stays small. */
const CHECKPOINT_EVENTS = 20_000;
/** How long a halt may take to finish once every NBL is back (virtual time). */
const HALT_SETTLE_NS = 1_000_000;

class SoakFailed extends Error {}

export function runSoak(options: SoakOptions): SoakReport {
  const steps = fc.sample(stepArb(options.classes), { seed: options.seed, numRuns: options.steps });
  const report: SoakReport = {
    steps: 0,
    lives: 0,
    events: 0,
    checks: 0,
    hostileSteps: 0,
    restores: 0,
    failure: null,
  };
  let life: Life | null = null;
  let index = 0;
  try {
    for (; index < steps.length; index++) {
      life ??= new Life(options, report, report.lives++);
      if (life.play(steps[index]!, index) === 'halted') {
        report.checks += life.inv.checks;
        life = null;
      }
      report.steps++;
    }
    if (life) {
      // The closing halt belongs to the last step: --steps N replays a failure in it too.
      index = steps.length - 1;
      life.halt();
      report.checks += life.inv.checks;
    }
  } catch (error) {
    if (!(error instanceof SoakFailed)) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      report.failure = { step: index, action: steps[index] ?? null, problem: `the engine threw ${message}` };
    } else report.failure = { step: index, action: steps[index] ?? null, problem: error.message };
    if (life) report.checks += life.inv.checks;
  }
  return report;
}

/** What a restore goes back to: the engine's snapshot and what happened since. */
interface Checkpoint {
  snapshot: ReturnType<Engine['snapshot']>;
  context: HostileContext;
  steps: { step: Action | HostileAction; index: number }[];
  events: TraceEvent[];
}

/** One adapter from creation to halt. */
class Life {
  readonly inv = new Invariants();
  private readonly e: Engine;
  private readonly context: HostileContext = { latestAllocation: null };
  /** Where emitted events go: the invariants while playing, a list while replaying. */
  private replaying: TraceEvent[] | null = null;
  private stepEvents: TraceEvent[] = [];
  private checkpoint: Checkpoint;

  constructor(
    options: SoakOptions,
    private readonly report: SoakReport,
    lifeIndex: number,
  ) {
    const [setup] = fc.sample(setupArb, { seed: (options.seed + lifeIndex * 0x9e3779b9) >>> 0, numRuns: 1 });
    const make = options.createEngine ?? createEngine;
    this.e = make(configOf(setup!), (event) => this.emitted(event));
    this.settleStep();
    this.checkpoint = this.newCheckpoint();
  }

  private emitted(event: TraceEvent): void {
    if (event.kind === 'oid-requested' && event.oid === 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE')
      this.context.latestAllocation = event.requestId;
    if (this.replaying) {
      this.replaying.push(event);
      return;
    }
    this.report.events++;
    this.postable(event);
    this.stepEvents.push(event);
    this.checkpoint?.events.push(event);
    this.inv.observe(event);
    this.failOnProblem();
  }

  /** The worker posts every event to the page; one that cannot be cloned would stop every later batch. */
  private postable(event: TraceEvent): void {
    this.inv.checks++;
    try {
      structuredClone(event);
    } catch (error) {
      throw new SoakFailed(`event ${event.seq} (${event.kind}) cannot be posted to the page: ${String(error)}`);
    }
  }

  private failOnProblem(): void {
    const problem = this.inv.problems[0];
    if (problem !== undefined) throw new SoakFailed(problem);
  }

  private newCheckpoint(): Checkpoint {
    return { snapshot: this.e.snapshot(), context: { ...this.context }, steps: [], events: [] };
  }

  /** The checks that end every step: immediate results, then the view. */
  private settleStep(): void {
    this.inv.checkResults(this.e, this.stepEvents);
    this.stepEvents = [];
    this.inv.checkView(this.e.view());
    this.failOnProblem();
  }

  play(step: SoakStep, index: number): 'halted' | 'running' {
    switch (step.k) {
      case 'halt':
        this.halt();
        return 'halted';
      case 'checkpoint':
        this.checkpoint = this.newCheckpoint();
        return 'running';
      case 'restore':
        this.restore();
        return 'running';
      default:
        this.checkpoint.steps.push({ step, index });
        this.run(step, index, true);
        this.settleStep();
        if (this.checkpoint.events.length > CHECKPOINT_EVENTS) this.checkpoint = this.newCheckpoint();
        return 'running';
    }
  }

  private run(step: Action | HostileAction, index: number, checked: boolean): void {
    if (step.k === 'advance') return this.advance(step.ns, checked);
    if (!isHostile(step)) return act(this.e, step, index);
    if (checked) this.report.hostileSteps++;
    const problem = playHostile(this.e, step, index, this.context);
    if (problem !== null) throw new SoakFailed(problem);
  }

  /** Moves time instant by instant, so the view is checked between any two things that happen. */
  private advance(ns: number, checked: boolean): void {
    const target = asTimeNs(this.e.nowNs + ns);
    for (let next = this.e.nextEventTimeNs(); next !== null && next <= target; next = this.e.nextEventTimeNs()) {
      this.e.advanceTo(next);
      if (this.e.nextEventTimeNs() === next) throw new SoakFailed(`time does not move past ${next} ns`);
      if (checked) this.settleStep();
    }
    this.e.advanceTo(target);
  }

  /** Back to the checkpoint, then the same steps again: the trace and the view must come out the same. */
  private restore(): void {
    this.report.restores++;
    const { snapshot, steps, events } = this.checkpoint;
    const viewBefore = JSON.stringify(this.e.view());
    const contextBefore = JSON.stringify(this.context);
    this.replaying = [];
    this.e.restore(snapshot);
    // The soak's own memory goes back too: a "$q" reference must name the allocation it named the first time.
    Object.assign(this.context, this.checkpoint.context);
    for (const { step, index } of steps) this.run(step, index, false);
    const replayed = this.replaying;
    this.replaying = null;
    this.inv.checks += 2;
    const first = firstDifference(events, replayed);
    if (first !== null)
      throw new SoakFailed(
        `restore and replay of ${steps.length} steps differ from the straight run at event ${first}: ` +
          brief(events[first], replayed[first]),
      );
    const viewAfter = JSON.stringify(this.e.view());
    if (viewAfter !== viewBefore || JSON.stringify(this.context) !== contextBefore)
      throw new SoakFailed(`restore and replay of ${steps.length} steps end in another view than the straight run`);
    this.checkpoint = this.newCheckpoint();
  }

  /** MiniportHaltEx: every NBL back, then nothing may remain and every OID must have completed exactly once. */
  halt(): void {
    this.e.adapterAction('halt');
    for (let round = 0; round < 3; round++) {
      this.e.returnNbls(null, 'all');
      this.e.runUntilIdle(asTimeNs(this.e.nowNs + HALT_SETTLE_NS));
    }
    this.settleStep();
    const v = this.e.view();
    const left = { state: v.state, queues: v.queues.map((q) => q.QueueId), filters: v.filters.length };
    this.inv.checks += 2;
    if (v.state !== 'Halted' || left.queues.join() !== '0' || left.filters !== 0 || v.memory.length !== 0)
      throw new SoakFailed(`after halt: ${JSON.stringify({ ...left, memory: v.memory.length })}`);
    const unfinished = this.inv.unfinishedRequests();
    if (unfinished.length > 0) throw new SoakFailed(`requests not completed exactly once: ${unfinished.join(', ')}`);
  }
}

function firstDifference(a: readonly TraceEvent[], b: readonly TraceEvent[]): number | null {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return i;
  return null;
}

/** Where two events' JSON first differ, with a little context on each side. */
function brief(a: TraceEvent | undefined, b: TraceEvent | undefined): string {
  const [x, y] = [JSON.stringify(a) ?? 'nothing', JSON.stringify(b) ?? 'nothing'];
  let at = 0;
  while (at < x.length && x[at] === y[at]) at++;
  const from = Math.max(0, at - 60);
  return `…${x.slice(from, at + 60)}… ≠ …${y.slice(from, at + 60)}…`;
}
