/**
 * ISimClient: the UI's one handle on a simulation, whether it runs in a Web Worker or in-process.
 * Callers never see ids or raw messages; replies come back as promises.
 */
import type { AdapterAction, Fault, FlowSpec, OidRequest, OidResult, QueueId } from '../engine/index.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { StepKind } from '../protocol/commands.ts';
import type { Scenario } from '../scenario/schema.ts';
import type {
  BatchMessage,
  LessonGradedMessage,
  ScenarioLoadedMessage,
  ScenarioRejectedMessage,
  ScenarioWrittenMessage,
  PcapngExportedMessage,
  TraceExportedMessage,
} from '../protocol/messages.ts';

export type LoadOutcome = ScenarioLoadedMessage | ScenarioRejectedMessage;

export interface PullRequest {
  /** Most events the batch may carry; the rest wait in the host's backlog. */
  maxEvents: number;
  /** Wall-clock ms since the previous pull (the frame delta). */
  wallMs: number;
}

export interface ISimClient {
  /** Resolves once the host announced itself with our protocol version; rejects on a mismatch. A restart makes a new
   * one. */
  readonly ready: Promise<void>;
  /** Loads a scenario (JSON text or a parsed value). A rejected scenario leaves the current session as it was.
   * `checked`, the build's parse of a built-in file, spares the host from parsing it (protocol/commands.ts);
   * `lesson` makes the session an attempt at it, which gradeLesson judges. */
  loadScenario(scenario: unknown, source: string, checked?: Scenario, lesson?: Lesson): Promise<LoadOutcome>;
  play(speed: number): void;
  pause(): void;
  step(kind: StepKind): void;
  stepBack(): void;
  seek(tNs: number): void;
  setSpeed(speed: number): void;
  setTraceFrames(on: boolean): void;
  requestOid(request: OidRequest): Promise<OidResult>;
  startTraffic(flow: FlowSpec): void;
  stopTraffic(flow: string): void;
  returnNbls(queueId: QueueId | null, count: number | 'all'): void;
  /** MiniportPause / MiniportRestart / MiniportResetEx / MiniportHaltEx, as NDIS asks them. */
  adapterAction(action: AdapterAction): void;
  /** NdisCloseAdapterEx for one binding. */
  closeBinding(binding: string): void;
  /** Injects a fault (engine/faults.ts), as a scenario's `fault` step does. */
  injectFault(fault: Fault): void;
  /** Runs the scenario steps the user's first action detached, on top of what the user did. */
  keepScenarioSteps(): void;
  /** Writes what happened so far as a scenario file that replays it. */
  saveScenario(): Promise<ScenarioWrittenMessage>;
  /** The current run's trace as `vmq run --json` prints it for `file` (protocol/commands.ts `export-trace`). */
  exportTrace(file: string, tool: string): Promise<TraceExportedMessage>;
  /** The current run's frames as pcapng, as `vmq run --pcapng` writes it (protocol/commands.ts `export-pcapng`). */
  exportPcapng(tool: string): Promise<PcapngExportedMessage>;
  /** Judges the session now against the lesson it was loaded with; rejects when it was loaded without one. */
  gradeLesson(): Promise<LessonGradedMessage>;
  /** Pulls the next batch. At most one pull may be in flight: a second call before the first settles throws.
   * Rejects if the batch's `seq` is not exactly one more than the previous batch's. */
  pullBatch(request: PullRequest): Promise<BatchMessage>;
  /** True while a pull is awaiting its batch. */
  readonly pulling: boolean;
  /** Failures no promise is waiting for (a fire-and-forget command that threw). */
  onError(listener: (message: string) => void): () => void;
  /** The simulation can no longer be trusted: its worker died or failed, a reply never came, or a batch was refused
   * or lost. Called once per breakage with the reason; every command after it fails until `restart()`. */
  onBroken(listener: (reason: string) => void): () => void;
  /** Why the simulation is broken, or null while it is healthy. */
  readonly broken: string | null;
  /** Replaces the host with a fresh one (a new worker) with no scenario loaded; resolves once it is ready. */
  restart(): Promise<void>;
  dispose(): void;
}
