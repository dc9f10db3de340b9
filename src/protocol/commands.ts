/**
 * Commands: what the UI asks the simulation worker to do (UI → worker).
 * Types only; both sides `import type` this module. Every command carries an `id` the client picks, so a
 * reply (or an `error`) can name the command it answers through `replyTo`.
 */
import type { AdapterAction, Fault, FlowSpec, OidRequest, QueueId } from '../engine/index.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { Scenario } from '../scenario/schema.ts';

/** How far one `step` goes: one trace event (inside an instant too: a FREE_QUEUE's Stop DMA, DmaStopped indication,
 * Freeing and free one by one), to the next instant the engine has something scheduled, or through the next
 * scenario step. */
export type StepKind = 'event' | 'instant' | 'scenario-step';

export type SimCommand =
  /** Parses and validates `scenario` (JSON text or an already-parsed value). On success it replaces the session;
   * on failure the current session is left untouched. Answered by `scenario-loaded` or `scenario-rejected`.
   * `checked` is the build's own parse of a built-in file (scenario/checked.ts): the host runs it as it is, without
   * loading the parser. Only the page's own build writes one; a user's file never travels this way.
   * `lesson` (already parsed) makes the session a lesson attempt: it records what the lesson's checks need, and
   * `grade-lesson` judges it against them. */
  | { type: 'load-scenario'; id: number; scenario: unknown; source: string; checked?: Scenario; lesson?: Lesson }
  /** `speed` multiplies the story's pace; the host clamps it to 0.1–100. */
  | { type: 'play'; id: number; speed: number }
  | { type: 'pause'; id: number }
  | { type: 'step'; id: number; kind: StepKind }
  /** Restores the state just before the last step (or the last checkpoint while playing). */
  | { type: 'step-back'; id: number }
  /** Moves virtual time to `tNs` (0 = the very start): forwards by running every step that starts by then,
   * backwards by restoring a checkpoint and running on from it. Any number: the worker rounds it to an instant. */
  | { type: 'seek'; id: number; tNs: number }
  | { type: 'set-speed'; id: number; speed: number }
  /** Issues one NDIS_OID_REQUEST as the overlying driver. Answered by `oid-answered`. */
  | { type: 'request-oid'; id: number; request: OidRequest }
  | { type: 'start-traffic'; id: number; flow: FlowSpec }
  /** Stops the flow named `flow` before its count is reached (its `flow-ended` event says how many it sent). */
  | { type: 'stop-traffic'; id: number; flow: string }
  /** The overlying driver returns indicated NBLs; queueId null = every queue. */
  | { type: 'return-nbls'; id: number; queueId: QueueId | null; count: number | 'all' }
  /** MiniportPause / MiniportRestart / MiniportResetEx / MiniportHaltEx, as NDIS calls them (§5.5). */
  | { type: 'adapter-action'; id: number; action: AdapterAction }
  /** NdisCloseAdapterEx for the open `binding` (R41: NDIS cleans up what it left). */
  | { type: 'close-binding'; id: number; binding: string }
  /** Injects a fault (engine/faults.ts), as a scenario's `fault` step does. */
  | { type: 'inject-fault'; id: number; fault: Fault }
  | { type: 'set-trace-frames'; id: number; on: boolean }
  /** Runs the scenario steps a user's action detached (PlaybackStats.detachedSteps), on top of what the user did. */
  | { type: 'keep-scenario-steps'; id: number }
  /** Judges the session as it is now against the lesson it was loaded with (lesson/grade.ts). Answered by
   * `lesson-graded`; an `error` when the session has no lesson. */
  | { type: 'grade-lesson'; id: number }
  /** Writes what happened so far as a scenario file that replays it. Answered by `scenario-written`. */
  | { type: 'save-scenario'; id: number }
  /** Runs the current scenario (or, after the user's own actions, the scenario "Save as scenario" writes) to its end
   * and writes its trace as `vmq run --json` prints it (scenario/traceNdjson.ts), named `file`, by `tool`
   * ("vmq 0.1.0"), with the per-frame events when the session traces them (--frames). Answered by
   * `trace-exported`. */
  | { type: 'export-trace'; id: number; file: string; tool: string }
  /** Runs the scenario `export-trace` would run to its end, with per-frame events on, and writes its frames as pcapng
   * (scenario/tracePcapng.ts, what `vmq run --pcapng` writes), by `tool`. Answered by `pcapng-exported`. */
  | { type: 'export-pcapng'; id: number; tool: string }
  /** Asks for the next batch. `wallMs` is the wall-clock time since the previous pull (the frame delta): while
   * playing, the host plays wallMs × speed of the story (pacing in worker/engineHost.ts). Answered by `batch`.
   * The client keeps at most one in flight. */
  | { type: 'pull-batch'; id: number; maxEvents: number; wallMs: number };

/** Distributes over the union, so each command keeps its own fields. */
type WithoutId<C> = C extends unknown ? Omit<C, 'id'> : never;

/** A command as callers write it; the client stamps the `id`. */
export type SimCommandInput = WithoutId<SimCommand>;
