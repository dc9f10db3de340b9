/**
 * EngineHost: runs one scenario timeline for the UI, in time slices, and answers the protocol's commands.
 * DOM-free and transport-free: it receives SimCommands and emits WorkerMessages through `post`, so the worker
 * entry, the in-process client and unit tests all drive the same code.
 *
 * Playback pacing. The UI pulls once per animation frame and says how much wall time passed; at speed s that buys
 * wallMs × s of "story time". An instant scenario step (an OID, a note, an expectation) costs STEP_BEAT_MS of
 * story time so a reader can follow it; virtual time costs 1 ms of story time per NS_PER_STORY_MS ns. Each pull
 * simulates until its story time is spent, its CPU budget is spent, or the batch is full — whichever comes first.
 *
 * Bounded memory. Playback stops producing while a batch's worth is undelivered, so it never piles up events. A
 * Step, a seek or a user action runs unpaced, through however many frames it covers, so its events go through a
 * SampledRun: at most TRACE_BUDGET of them reach the backlog, and the batch names the gap (`omitted`). The run
 * stays open until the next pull, so commands that pile up before the page pulls (a held Step key while the
 * worker is busy) share one budget instead of adding one each.
 *
 * States are seen, not only logged. An instant that changes one queue's state more than once (a FREE_QUEUE: DmaStopped,
 * Freeing, gone) is recorded with the engine's view after each event and held (worker/heldInstant.ts): playback
 * shows one state per STATE_BEAT_MS, "Step event" one event per press. Any other command first lets the rest out.
 *
 * The parser comes in on demand. Built-in scenarios arrive already checked (parsed at build time, vite.scenarios.ts),
 * so the first view never needs the parser and its schema library (P4). The first file that needs parsing loads it
 * through `loadParser`; commands that arrive meanwhile wait, in order, so nothing overtakes the load. The lesson
 * grader comes in the same way, on the first `grade-lesson` (`loadGrader`): a page without lessons never loads it.
 */
import {
  asTimeNs,
  earliestOf,
  latestOf,
  naturalRequestType,
  OID_INFO,
  timeAfter,
  type OidRequest,
  type TimeNs,
  type TraceEvent,
} from '../engine/index.ts';
import type { SimCommand, StepKind } from '../protocol/commands.ts';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { BatchMessage, PlaybackStats, TraceOmission, WorkerMessage } from '../protocol/messages.ts';
import { engineConfigFor } from '../scenario/config.ts';
import type { gradeSession } from '../lesson/grade.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { ParseResult } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type HeldInstant, InstantRecorder, type RecordFrom } from './heldInstant.ts';
import { sessionScenario } from '../scenario/sessionScenario.ts';
import type { ndjsonRunText } from '../scenario/traceNdjson.ts';
import type { pcapngRun } from '../scenario/tracePcapng.ts';
import { SampledRun, TRACE_BUDGET } from './sampledRun.ts';
import { ScenarioTimeline, type Checkpoint } from './scenarioTimeline.ts';

/** Story time an instant step takes at 1×: long enough to read the row it adds. */
const STEP_BEAT_MS = 1500;
/** Story time each held queue state stays on screen at 1× (the first one costs its step's beat). */
const STATE_BEAT_MS = 1200;
/** Virtual ns that pass per ms of story time at 1×. The default scenario ("VMQ in a minute": 20 instant steps and
 * 150 µs of traffic) then plays in about a minute: 20 × 1.5 s of steps plus 150 µs / 5 ns per ms = 30 s of traffic,
 * plus two STATE_BEAT_MS for the free sequence's held states. */
const NS_PER_STORY_MS = 5;
const MIN_SPEED = 0.1;
const MAX_SPEED = 100;
/** Unspent story time carried to the next pull, at most; more would make a slow frame play as a burst. */
const MAX_CARRY_MS = 100;

export interface EngineHostOptions {
  /** CPU time one pull may spend simulating. 8 ms leaves half a 60 Hz frame for the page and the copy. */
  sliceBudgetMs?: number;
  /** While playing, a checkpoint every this many events (besides one at every scenario step), bounding how far
   * step-back jumps inside a long stretch of traffic. */
  checkpointEveryEvents?: number;
  /** Clock for the slice budget; tests pass a fake one. */
  now?: () => number;
  /** Loads the lesson grader on the first `grade-lesson`; by default a lazy chunk of its own. */
  loadGrader?: LoadGrader;
  /** Loads the NDJSON trace writer on the first `export-trace`; by default a lazy chunk of its own. */
  loadTraceWriter?: LoadTraceWriter;
  /** Loads the pcapng writer on the first `export-pcapng`; by default a lazy chunk of its own. */
  loadPcapngWriter?: LoadPcapngWriter;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export type ParseScenario = (input: unknown) => ParseResult;
/** Called once, when a scenario first needs parsing: the parser itself (Node) or a promise of it (a lazy chunk). */
export type LoadParser = () => ParseScenario | Promise<ParseScenario>;
export type GradeSession = typeof gradeSession;
/** Called once, when a session is first graded: the grader itself or a promise of it. */
export type LoadGrader = () => GradeSession | Promise<GradeSession>;

const loadGraderChunk: LoadGrader = () => import('../lesson/grade.ts').then((module) => module.gradeSession);

export type WriteTrace = typeof ndjsonRunText;
/** Called once, when a trace is first exported: the writer itself or a promise of it. */
export type LoadTraceWriter = () => WriteTrace | Promise<WriteTrace>;

const loadTraceWriterChunk: LoadTraceWriter = () =>
  import('../scenario/traceNdjson.ts').then((module) => module.ndjsonRunText);

export type WritePcapng = typeof pcapngRun;
/** Called once, when frames are first exported as pcapng: the writer itself or a promise of it. */
export type LoadPcapngWriter = () => WritePcapng | Promise<WritePcapng>;

const loadPcapngWriterChunk: LoadPcapngWriter = () =>
  import('../scenario/tracePcapng.ts').then((module) => module.pcapngRun);

/** A part of the host loaded the first time a command needs it, named for the error when it does not load. */
interface LazyPart<T extends (...args: never[]) => unknown> {
  readonly name: string;
  readonly load: () => T | Promise<T>;
  loaded: T | null;
}

interface Loaded {
  /** Sent with every batch so the UI can drop batches of a session it replaced. */
  id: number;
  timeline: ScenarioTimeline;
}

/** Posts a message to the page; `transfer` lists buffers that move rather than being copied. */
export type PostMessage = (message: WorkerMessage, transfer?: Transferable[]) => void;

export class EngineHost {
  #post: PostMessage;
  #parser: LazyPart<ParseScenario>;
  #grader: LazyPart<GradeSession>;
  #traceWriter: LazyPart<WriteTrace>;
  #pcapngWriter: LazyPart<WritePcapng>;
  /** Commands that arrived while a part was loading, in order; null when nothing waits. */
  #waiting: SimCommand[] | null = null;
  #sliceBudgetMs: number;
  #checkpointEveryEvents: number;
  #now: () => number;

  #loaded: Loaded | null = null;
  #nextSessionId = 1;
  #nextBatchSeq = 1;
  /** Produced, not yet delivered (a batch was full). */
  #backlog: TraceEvent[] = [];
  /** Gaps the trace budget left in the backlog, oldest first; each goes out with the event that follows it. */
  #gaps: TraceOmission[] = [];
  /** Unpaced commands since the last pull, whose events are sampled; null while playing or idle. */
  #run: OpenRun | null = null;
  /** Set by a restore; the next batch tells the UI to cut its trace after this seq. */
  #rewoundTo: number | null = null;
  /** Where the next batch starts: the previous batch's toNs, or the restored time after a rewind. */
  #fromNs = asTimeNs(0);
  #playing = false;
  #speed = 1;
  /** Story time bought but not yet spent (negative while an instant step's beat is still being "read"). */
  #creditMs = 0;
  #eventsSinceCheckpoint = 0;
  /** The instant being recorded, while one engine call runs. */
  #recorder: InstantRecorder | null = null;
  /** A recorded instant not fully shown yet. */
  #held: HeldInstant | null = null;
  /** Held instants that left the hold, newest last, with how far each was shown: let out by another command (whose
   * checkpoint sits right after the instant, at the same position), or shown whole. Step back to that position holds
   * the instant again where it was, so stepping back retraces exactly, one event at a time. */
  #letOut: LetOut[] = [];
  /** The user's per-frame tracing choice (null = each scenario's own); it survives loads and restores. */
  #traceFrames: boolean | null = null;

  constructor(post: PostMessage, loadParser: LoadParser, options: EngineHostOptions = {}) {
    this.#post = post;
    this.#parser = { name: 'the scenario parser', load: loadParser, loaded: null };
    this.#grader = { name: 'the lesson grader', load: options.loadGrader ?? loadGraderChunk, loaded: null };
    this.#traceWriter = {
      name: 'the trace writer',
      load: options.loadTraceWriter ?? loadTraceWriterChunk,
      loaded: null,
    };
    this.#pcapngWriter = {
      name: 'the pcapng writer',
      load: options.loadPcapngWriter ?? loadPcapngWriterChunk,
      loaded: null,
    };
    this.#sliceBudgetMs = options.sliceBudgetMs ?? 8;
    this.#checkpointEveryEvents = options.checkpointEveryEvents ?? 200;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Tells the UI which protocol this host speaks; sent once, right after construction. */
  announce(): void {
    this.#post({ type: 'ready', protocolVersion: PROTOCOL_VERSION } satisfies WorkerMessage);
  }

  /** Handles one command; any failure is reported as an `error` naming the command. */
  receive(command: SimCommand): void {
    if (this.#waiting) {
      this.#waiting.push(command);
      return;
    }
    this.#answering(command.id, () => this.#handle(command));
  }

  /** Runs `work` for command `replyTo`; a failure is reported as an `error` naming it. */
  #answering(replyTo: number, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.#post({ type: 'error', replyTo, message: messageOf(error) } satisfies WorkerMessage);
    }
  }

  #handle(command: SimCommand): void {
    if (this.#held && !keepsHeldInstant(command)) this.#letOutHeld(this.#held);
    switch (command.type) {
      case 'load-scenario': {
        const lesson = command.lesson ?? null;
        return command.checked
          ? this.#start(command.id, command.checked, command.source, lesson)
          : this.#parseAndLoad(command.id, command.scenario, command.source, lesson);
      }
      case 'pull-batch':
        return this.#pullBatch(command.id, command.maxEvents, command.wallMs);
      case 'play':
        this.#speed = clampSpeed(command.speed);
        this.#playing = !this.#timeline().finished || this.#held !== null;
        this.#creditMs = Math.max(this.#creditMs, 0);
        return;
      case 'pause':
        this.#playing = false;
        return;
      case 'set-speed':
        this.#speed = clampSpeed(command.speed);
        return;
      case 'step':
        return this.#sampled('step', () => this.#step(command.kind));
      case 'step-back':
        return this.#sampled('step', () => this.#stepBack());
      case 'seek':
        return this.#sampled('seek', () => this.#seek(command.tNs));
      case 'request-oid': {
        const changes = !onlyReads(command.request);
        const result = this.#userAction((timeline) => timeline.requestOid(command.request), changes);
        this.#post({ type: 'oid-answered', replyTo: command.id, result } satisfies WorkerMessage);
        return;
      }
      case 'start-traffic':
        return this.#userAction((timeline) => timeline.startTraffic(command.flow));
      case 'stop-traffic':
        return this.#userAction((timeline) => timeline.stopTraffic(command.flow));
      case 'return-nbls':
        return this.#userAction((timeline) => timeline.returnNbls(command.queueId, command.count));
      case 'adapter-action':
        return this.#userAction((timeline) => timeline.adapterAction(command.action));
      case 'close-binding':
        return this.#userAction((timeline) => timeline.closeBinding(command.binding));
      case 'inject-fault':
        return this.#userAction((timeline) => timeline.injectFault(command.fault));
      case 'set-trace-frames':
        this.#traceFrames = command.on;
        return this.#sampled('action', () => this.#timeline().setTraceFrames(command.on));
      case 'keep-scenario-steps':
        return this.#sampled('action', () => this.#beforeCommand().reattach());
      case 'save-scenario':
        return this.#withParser(command.id, (parse) => this.#writeScenario(parse, command.id));
      case 'export-trace':
        return this.#withParser(command.id, (parse) =>
          this.#withPart(this.#traceWriter, command.id, (write) =>
            this.#exportTrace(parse, write, command.id, command.file, command.tool),
          ),
        );
      case 'export-pcapng':
        return this.#withParser(command.id, (parse) =>
          this.#withPart(this.#pcapngWriter, command.id, (write) => {
            const { bytes, frames } = write(this.#scenarioToExport(parse), command.tool);
            const pcapng = bytes.buffer as ArrayBuffer;
            this.#post({ type: 'pcapng-exported', replyTo: command.id, pcapng, frames } satisfies WorkerMessage, [
              pcapng,
            ]);
          }),
        );
      case 'grade-lesson':
        this.#timeline().gradable();
        return this.#withPart(this.#grader, command.id, (grade) => this.#grade(grade, command.id));
    }
  }

  #parseAndLoad(replyTo: number, input: unknown, source: string, lesson: Lesson | null): void {
    this.#withParser(replyTo, (parse) => this.#load(parse, replyTo, input, source, lesson));
  }

  /** Runs `use` with the scenario parser, loading it first if no file has needed it yet. */
  #withParser(replyTo: number, use: (parse: ParseScenario) => void): void {
    this.#withPart(this.#parser, replyTo, use);
  }

  /** Runs `use` with `part`, loading it first if no command has needed it yet. */
  #withPart<T extends (...args: never[]) => unknown>(
    part: LazyPart<T>,
    replyTo: number,
    use: (loaded: T) => void,
  ): void {
    if (part.loaded) return use(part.loaded);
    const didNotLoad = (error: unknown) =>
      this.#post({ type: 'error', replyTo, message: `${part.name} did not load: ${messageOf(error)}` });
    let loading: T | Promise<T>;
    try {
      loading = part.load();
    } catch (error) {
      didNotLoad(error);
      return;
    }
    if (typeof loading === 'function') {
      part.loaded = loading;
      return use(loading);
    }
    const waiting: SimCommand[] = [];
    this.#waiting = waiting;
    const resume = (): void => {
      this.#waiting = null;
      for (const command of waiting) this.receive(command);
    };
    loading.then(
      (loaded) => {
        part.loaded = loaded;
        this.#answering(replyTo, () => use(loaded));
        resume();
      },
      (error: unknown) => {
        didNotLoad(error);
        resume();
      },
    );
  }

  #grade(grade: GradeSession, replyTo: number): void {
    const { id: sessionId, timeline } = this.#loaded as Loaded;
    this.#post({ type: 'lesson-graded', replyTo, sessionId, grade: timeline.grade(grade) } satisfies WorkerMessage);
  }

  #load(parse: ParseScenario, replyTo: number, input: unknown, source: string, lesson: Lesson | null): void {
    const parsed = parse(input);
    if (!parsed.ok) {
      // The running session is left exactly as it was: rejecting a file must not cost the user anything.
      this.#post({ type: 'scenario-rejected', replyTo, source, errors: parsed.errors } satisfies WorkerMessage);
      return;
    }
    this.#start(replyTo, parsed.scenario, source, lesson);
  }

  /** Writes the session as a scenario file, and says what of it the parser would refuse. */
  #writeScenario(parse: ParseScenario, replyTo: number): void {
    const timeline = this.#timeline();
    // The engine ran a held instant whole, and so does the file: its unshown rest was let out first (#handle), so
    // the screen shows what is saved.
    const file = this.#sessionFile(timeline);
    const parsed = parse(file);
    this.#post({
      type: 'scenario-written',
      replyTo,
      text: `${JSON.stringify(file, null, 2)}\n`,
      steps: (file['steps'] as unknown[]).length,
      problems: parsed.ok ? [] : parsed.errors,
    } satisfies WorkerMessage);
  }

  /** The run the page shows, from the start to its end, as vmq would print it for the file the page names. */
  #exportTrace(parse: ParseScenario, write: WriteTrace, replyTo: number, file: string, tool: string): void {
    const frames = this.#timeline().traceFrames;
    const ndjson = new TextEncoder().encode(write(this.#scenarioToExport(parse), { file, tool, frames })).buffer;
    this.#post({ type: 'trace-exported', replyTo, ndjson, frames } satisfies WorkerMessage, [ndjson]);
  }

  /** The scenario an export runs: the page's, or after the user's own actions, the file "Save as scenario" writes. */
  #scenarioToExport(parse: ParseScenario): Scenario {
    const timeline = this.#timeline();
    if (timeline.userChangeCount === 0) return timeline.scenario;
    // The user's own actions are in no file: the one "Save as scenario" writes replays them, and is what vmq runs.
    const parsed = parse(this.#sessionFile(timeline));
    if (!parsed.ok) throw new Error(`the session's scenario does not load: ${parsed.errors[0]?.message ?? ''}`);
    return parsed.scenario;
  }

  #sessionFile(timeline: ScenarioTimeline): Record<string, unknown> {
    return sessionScenario({
      scenario: timeline.scenario,
      happened: timeline.happened,
      endNs: timeline.nowNs,
      view: timeline.view(),
    });
  }

  #start(replyTo: number, scenario: Scenario, source: string, lesson: Lesson | null): void {
    // Constructing the timeline already produces events (the default queue's buffers, allocated at initialization);
    // they are held apart until construction succeeded, so a scenario the engine refuses leaves the old session whole.
    const initialEvents: TraceEvent[] = [];
    let deliver = (event: TraceEvent): void => {
      initialEvents.push(event);
    };
    const timeline = new ScenarioTimeline(scenario, (event) => deliver(event), this.#traceFrames ?? undefined, lesson);
    deliver = (event) => this.#onEvent(event);
    this.#loaded = { id: this.#nextSessionId++, timeline };
    this.#backlog = initialEvents;
    this.#held = null;
    this.#letOut = [];
    this.#gaps = [];
    this.#run = null;
    this.#rewoundTo = null;
    this.#fromNs = asTimeNs(0);
    this.#playing = false;
    this.#creditMs = 0;
    this.#eventsSinceCheckpoint = 0;
    this.#post({
      type: 'scenario-loaded',
      replyTo,
      sessionId: this.#loaded.id,
      scenario: {
        title: scenario.title,
        description: scenario.description ?? '',
        stepCount: scenario.steps.length,
        source,
        vms: scenario.vms,
        cpus: engineConfigFor(scenario).adapter.cpus,
        plannedNs: scenario.steps.reduce((sum, step) => sum + ('advance' in step ? step.advance : 0), 0),
        seed: scenario.seed,
      },
    } satisfies WorkerMessage);
  }

  #onEvent(event: TraceEvent): void {
    this.#eventsSinceCheckpoint++;
    if (!this.#recorder?.accept(event)) this.#deliver(event);
  }

  #deliver(event: TraceEvent): void {
    if (this.#run) this.#run.sampled.accept(event);
    else this.#backlog.push(event);
  }

  /** Runs one engine call with its instant recorded; what it holds back is let out by later steps or beats. */
  #recording(from: RecordFrom, work: () => void): void {
    const recorder = new InstantRecorder(from, this.#timeline());
    this.#recorder = recorder;
    try {
      work();
    } finally {
      this.#recorder = null;
      const { now, held } = recorder.finish();
      for (const event of now) this.#deliver(event);
      this.#held = held;
    }
  }

  #letOutHeld(held: HeldInstant): void {
    this.#remember(held);
    for (const event of held.releaseAll()) this.#deliver(event);
    this.#held = null;
  }

  #releaseHeld(take: (held: HeldInstant) => TraceEvent[]): void {
    const held = this.#held;
    if (!held) return;
    for (const event of take(held)) this.#deliver(event);
    if (!held.done) return;
    this.#remember(held);
    this.#held = null;
  }

  #remember(held: HeldInstant): void {
    const entry = { position: this.#timeline().position, held, shown: held.shown };
    this.#letOut = [...this.#letOut.slice(1 - MAX_LET_OUT), entry];
  }

  /** Runs one unpaced command with its events under the trace budget, in the run open since the last pull. */
  #sampled<T>(by: TraceOmission['by'], command: () => T): T {
    this.#openRun(by);
    return command();
  }

  #openRun(by: TraceOmission['by']): void {
    this.#run ??= { by, sampled: new SampledRun(), arrivedBefore: this.#timeline().framesArrived };
  }

  /** Moves the open run's kept events to the backlog, and queues the gap it left for the UI. */
  #closeRun(timeline: ScenarioTimeline): void {
    const run = this.#run;
    if (!run) return;
    this.#run = null;
    const { events, gap } = run.sampled.finish();
    for (const event of events) this.#backlog.push(event);
    if (gap) {
      this.#gaps.push({
        by: run.by,
        ...gap,
        keptFirst: TRACE_BUDGET.head,
        keptLast: TRACE_BUDGET.tail,
        frames: timeline.framesArrived - run.arrivedBefore,
      });
    }
  }

  #timeline(): ScenarioTimeline {
    if (!this.#loaded) throw new Error('no scenario is loaded');
    return this.#loaded.timeline;
  }

  /** Steps and user actions pause playback and start from a checkpoint, so step-back undoes exactly them. */
  #beforeCommand(): ScenarioTimeline {
    const timeline = this.#timeline();
    this.#playing = false;
    this.#checkpoint(timeline);
    return timeline;
  }

  /** A user action also detaches the scenario: its remaining steps would otherwise run on top of the user's (a
   * second VM1 queue, say). A Query changes nothing, so it leaves the scenario running. A checkpoint on each side
   * of it: Step back undoes it, and a seek to any later moment (its own instant too) keeps it. */
  #userAction<T>(act: (timeline: ScenarioTimeline) => T, changes = true): T {
    return this.#sampled('action', () => {
      const timeline = this.#beforeCommand();
      if (changes) timeline.userChanges();
      const result = act(timeline);
      timeline.checkpoint(true);
      this.#eventsSinceCheckpoint = 0;
      return result;
    });
  }

  #checkpoint(timeline: ScenarioTimeline): void {
    timeline.checkpoint();
    this.#eventsSinceCheckpoint = 0;
  }

  /** One step: one trace event ('event'), to the next instant anything happens ('instant'), or through the next
   * scenario step. */
  #step(kind: StepKind): void {
    if (kind === 'event') {
      this.#playing = false;
      if (this.#held) return this.#releaseHeld((held) => held.release(1));
      return this.#recording('start', () => this.#stepThrough('instant'));
    }
    this.#stepThrough(kind);
  }

  #stepThrough(kind: Exclude<StepKind, 'event'>): void {
    const timeline = this.#beforeCommand();
    if (timeline.finished) return;
    if (timeline.stepsDone) {
      if (kind === 'scenario-step') timeline.settle();
      else timeline.advanceEngineTo(timeline.nextEventTimeNs() as TimeNs);
      return;
    }
    if (kind === 'scenario-step' || timeline.nextStepIsInstant) {
      timeline.runNextStep();
      return;
    }
    const end = timeline.stepEndNs as number;
    const next = timeline.nextEventTimeNs();
    if (next === null || next >= end) timeline.runNextStep();
    else timeline.advanceEngineTo(next);
  }

  #stepBack(): void {
    const timeline = this.#timeline();
    this.#playing = false;
    const held = this.#held;
    if (held && held.shown >= 2) {
      held.showOnly(held.shown - 1);
      return this.#rewoundToHeld(held);
    }
    // The instant's first event goes back with the checkpoint before it, and the held rest with it.
    this.#held = null;
    // An instant shown whole with nothing since: take back its last event.
    const whole = this.#letOut.find((e) => e.position === timeline.position && e.shown === e.held.size);
    if (whole && whole.shown >= 2) return this.#holdAgain(whole, whole.shown - 1);
    const target = timeline.stepBack();
    if (!target) return;
    this.#forgetLetOutAfter(target);
    const again = this.#letOut.find((entry) => entry.position === target.position);
    // Let out whole (by a command after the last Step event): the next Step back takes its last event back.
    if (!again || again.shown === again.held.size) return this.#rewound(target.lastEventSeq, target.tNs);
    this.#holdAgain(again, again.shown);
  }

  #holdAgain(entry: LetOut, shown: number): void {
    this.#letOut = this.#letOut.filter((e) => e !== entry);
    entry.held.showOnly(shown);
    this.#held = entry.held;
    this.#rewoundToHeld(entry.held);
  }

  #rewoundToHeld(held: HeldInstant): void {
    const last = held.lastShown as TraceEvent;
    this.#rewound(last.seq, last.t);
  }

  /** Instants let out after `target` belong to an abandoned future (a later one may reuse their positions). */
  #forgetLetOutAfter(target: Checkpoint): void {
    this.#letOut = this.#letOut.filter((entry) => entry.position <= target.position);
  }

  /** Seek: every scenario step that starts at or before `tNs` has run and the engine is at `tNs`;
   * 0 means the very start, before anything ran. Backwards goes through a checkpoint and runs forward from it. */
  #seek(tNs: number): void {
    if (!Number.isFinite(tNs) || tNs < 0) throw new RangeError(`cannot seek to ${tNs} ns`);
    const timeline = this.#timeline();
    this.#playing = false;
    const targetNs = asTimeNs(Math.round(tNs));
    if (targetNs <= timeline.nowNs) {
      const target = timeline.rewindBefore(targetNs);
      this.#forgetLetOutAfter(target);
      this.#rewound(target.lastEventSeq, target.tNs);
    }
    if (targetNs > timeline.nowNs) {
      this.#checkpoint(timeline);
      timeline.advanceTo(targetNs);
    }
  }

  /** After a restore: undelivered events from the abandoned future are dropped and the UI is told where to cut. */
  #rewound(lastEventSeq: number, tNs: TimeNs): void {
    // The open run may hold the abandoned future of earlier commands: it is cut like the backlog, and the rest of
    // this command (a seek runs on from the restored point) samples into a fresh run.
    const by = this.#run?.by;
    this.#closeRun(this.#timeline());
    if (by) this.#openRun(by);
    this.#backlog = this.#backlog.filter((e) => e.seq <= lastEventSeq);
    this.#gaps = this.#gaps.filter((g) => g.afterSeq < lastEventSeq);
    this.#rewoundTo = Math.min(this.#rewoundTo ?? lastEventSeq, lastEventSeq);
    this.#fromNs = earliestOf(this.#fromNs, tNs);
    this.#creditMs = 0;
    this.#eventsSinceCheckpoint = 0;
  }

  #pullBatch(replyTo: number, maxEvents: number, wallMs: number): void {
    const timeline = this.#timeline();
    // Never more than the trace budget's head: playback must not hold more undelivered events than a Step may.
    const limit = Math.min(TRACE_BUDGET.head, Math.max(1, Math.floor(maxEvents)));
    const startedMs = this.#now();
    this.#closeRun(timeline);
    if (this.#playing) {
      this.#creditMs = Math.min(this.#creditMs + Math.max(0, wallMs) * this.#speed, MAX_CARRY_MS + STEP_BEAT_MS);
      this.#play(timeline, startedMs + this.#sliceBudgetMs, limit);
      if (timeline.finished && !this.#held) this.#playing = false;
    }
    const events = this.#backlog.length <= limit ? this.#backlog : this.#backlog.slice(0, limit);
    this.#backlog = this.#backlog.length <= limit ? [] : this.#backlog.slice(limit);
    const lastDelivered = events.at(-1);
    const omitted = this.#gaps.filter((g) => lastDelivered !== undefined && g.afterSeq < lastDelivered.seq);
    this.#gaps = this.#gaps.slice(omitted.length);
    // With a backlog left, the batch only reaches its last event; the rest of the time comes with the rest.
    const held = this.#held;
    const toNs = latestOf(
      this.#fromNs,
      (this.#backlog.length > 0 || held) && lastDelivered ? lastDelivered.t : (held?.lastShown?.t ?? timeline.nowNs),
    );
    const stats: PlaybackStats = {
      playing: this.#playing,
      speed: this.#speed,
      finished: timeline.finished && !held,
      nextStepIndex: timeline.nextStepIndex,
      stepCount: timeline.stepCount,
      backlog: this.#backlog.length,
      eventCount: timeline.eventCount,
      heldEvents: held?.waiting ?? 0,
      detachedSteps: timeline.detachedSteps,
      userChanges: timeline.userChangeCount,
      checkpoints: timeline.checkpointCount,
      canStepBack: timeline.canStepBack || (held?.shown ?? 0) >= 2,
      traceFrames: timeline.traceFrames,
      busyMs: this.#now() - startedMs,
    };
    const batch: BatchMessage = {
      type: 'batch',
      replyTo,
      seq: this.#nextBatchSeq++,
      sessionId: (this.#loaded as Loaded).id,
      fromNs: this.#fromNs,
      toNs,
      rewound: this.#rewoundTo === null ? null : { lastEventSeq: this.#rewoundTo },
      events,
      omitted,
      view: held?.view ?? timeline.view(),
      report: held?.report ?? timeline.report(),
      stats,
    };
    this.#rewoundTo = null;
    this.#fromNs = toNs;
    this.#post(batch satisfies WorkerMessage);
  }

  /** Spends the story-time credit: instant steps one beat each, virtual time at NS_PER_STORY_MS, slice by slice. */
  #play(timeline: ScenarioTimeline, deadlineMs: number, maxEvents: number): void {
    while (this.#creditMs > 0 && (!timeline.finished || this.#held)) {
      if (this.#backlog.length >= maxEvents || this.#now() >= deadlineMs) {
        // Out of CPU or room: the unspent story time is dropped, so playback slows down instead of bursting later.
        this.#creditMs = Math.min(this.#creditMs, 0);
        return;
      }
      if (this.#held) {
        this.#releaseHeld((held) => held.releaseToHiddenState());
        this.#creditMs -= STATE_BEAT_MS;
        continue;
      }
      if (this.#eventsSinceCheckpoint >= this.#checkpointEveryEvents) this.#checkpoint(timeline);
      if (timeline.nextStepIsInstant) {
        this.#checkpoint(timeline);
        this.#recording('first state change', () => timeline.runNextStep());
        this.#creditMs -= STEP_BEAT_MS;
        continue;
      }
      const end = timeline.stepEndNs;
      if (end !== null && end <= timeline.nowNs) {
        this.#checkpoint(timeline);
        // A runUntilIdle whose engine is already idle: nothing to wait for.
        this.#recording('first state change', () => timeline.runNextStep());
        continue;
      }
      const fromNs = timeline.nowNs;
      const targetNs = timeAfter(fromNs, Math.floor(this.#creditMs * NS_PER_STORY_MS));
      const next = timeline.nextEventTimeNs();
      // One slice = up to the next instant something happens, so the budget is checked between instants.
      const sliceEndNs = earliestOf(targetNs, next ?? targetNs, end ?? targetNs);
      if (sliceEndNs <= fromNs && (next === null || next > fromNs)) return; // less than 1 ns of credit left: keep it
      if (end !== null && sliceEndNs >= end) {
        this.#checkpoint(timeline);
        this.#recording('first state change', () => timeline.runNextStep());
      } else {
        this.#recording('first state change', () => timeline.advanceEngineTo(sliceEndNs));
      }
      this.#creditMs -= (timeline.nowNs - fromNs) / NS_PER_STORY_MS;
    }
  }
}

/** Let-out instants remembered for Step back; older ones are let go (Step back then lands on the whole instant). */
const MAX_LET_OUT = 16;

interface LetOut {
  /** The timeline's position when it was let out: a checkpoint taken right after has this position. */
  position: number;
  held: HeldInstant;
  shown: number;
}

interface OpenRun {
  /** The command that opened it, so the UI can name it. */
  by: TraceOmission['by'];
  sampled: SampledRun;
  /** The engine's frame count when it opened; the gap reports the frames that arrived since. */
  arrivedBefore: number;
}

/** Commands that go on from a held instant; every other one first lets the rest of it out, so it acts on the
 * state the engine is really in. */
function keepsHeldInstant(command: SimCommand): boolean {
  switch (command.type) {
    case 'pull-batch':
    case 'play':
    case 'pause':
    case 'set-speed':
    case 'step-back':
    // Per-frame tracing changes what later instants record, not the engine state the held events show.
    case 'set-trace-frames':
    // Grading reads the engine; it changes nothing the held events show.
    case 'grade-lesson':
      return true;
    case 'step':
      return command.kind === 'event';
    default:
      return false;
  }
}

/** A Query reads the adapter and changes nothing. An OID the engine does not know is not one: it may be anything. */
function onlyReads(request: OidRequest): boolean {
  const type =
    request.requestType ?? (Object.hasOwn(OID_INFO, request.oid) ? naturalRequestType(request.oid) : undefined);
  return type === 'NdisRequestQueryInformation' || type === 'NdisRequestQueryStatistics';
}

function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) throw new RangeError(`speed must be a number, got ${speed}`);
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}
