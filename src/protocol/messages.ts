/**
 * Messages: what the simulation worker reports back (worker → UI), in past tense. Types plus the version constant;
 * both sides share this module and must agree on PROTOCOL_VERSION.
 */
import type { AdapterView, OidResult, TimeNs, TraceEvent, VmConfig, DurationNs } from '../engine/index.ts';
import type { LessonGrade } from '../lesson/grade.ts';
import type { ScenarioError } from '../scenario/errors.ts';
import type { ScenarioReport } from '../scenario/session.ts';

/** Bump on any incompatible change to commands.ts or messages.ts. */
export const PROTOCOL_VERSION = 8;

/** What the UI shows about the loaded scenario. */
export interface ScenarioSummary {
  title: string;
  description: string;
  stepCount: number;
  /** Where it came from (a file name), for the header and for error messages. */
  source: string;
  /** The guests behind the adapter: the OID console offers their names and MACs, the traffic generator their flows. */
  vms: VmConfig[];
  /** Processors in group 0, so ProcessorAffinity pickers offer only CPUs that exist. */
  cpus: number;
  /** The virtual time the scenario's `advance` steps add up to, so the timeline can offer the whole story before it
   * has played (runUntilIdle steps last as long as the engine needs, so they are not counted). */
  plannedNs: DurationNs;
  /** The seed its random traffic is drawn from (the file's, or the one the page loaded it with). */
  seed: number;
}

/** Playback facts the UI shows once per frame. */
export interface PlaybackStats {
  playing: boolean;
  speed: number;
  /** Every scenario step has run and the engine has nothing left scheduled. */
  finished: boolean;
  /** Index of the next scenario step to run (= steps already run). */
  nextStepIndex: number;
  stepCount: number;
  /** Events produced and not yet delivered because the batch was full; the UI pulls again while this is > 0. */
  backlog: number;
  /** Trace events produced since the scenario was loaded (restores rewind it), shown or not. */
  eventCount: number;
  /** Events of the current instant that ran in the engine but are held back, so its states can be seen one at a
   * time (worker/heldInstant.ts); the batch's view is the engine's view right after the last event shown. */
  heldEvents: number;
  /** Scenario steps left unrun because the user acted on top of the scenario (0 while it runs its own steps);
   * `keep-scenario-steps` runs them again. */
  detachedSteps: number;
  /** The user's actions so far that changed the adapter (Queries do not): Play at the end does not replay the story
   * from the start over them. */
  userChanges: number;
  /** Checkpoints held for step-back and seek. */
  checkpoints: number;
  /** Whether step-back has somewhere to go. */
  canStepBack: boolean;
  /** Whether per-frame events (arrived, classified, DMA written, dropped) are being traced. */
  traceFrames: boolean;
  /** Wall time the host spent simulating for this batch. */
  busyMs: number;
}

/** Events one Step, seek or user action produced beyond the trace budget (worker/sampledRun.ts): left out of the
 * log between the event with seq `afterSeq` and the next one delivered. The view and the report count them. */
export interface TraceOmission {
  /** What ran, so the UI can name it. */
  by: 'step' | 'seek' | 'action';
  afterSeq: number;
  /** Events left out. */
  omitted: number;
  /** Events of that run kept at its start and at its end. */
  keptFirst: number;
  keptLast: number;
  /** Frames that arrived during that run, as the engine counts them (exact, traced or not). */
  frames: number;
}

/** Sent once the worker's host is constructed. */
export interface ReadyMessage {
  type: 'ready';
  protocolVersion: number;
}

export interface ScenarioLoadedMessage {
  type: 'scenario-loaded';
  replyTo: number;
  /** Identifies this load; batches carry it so a batch produced for an older session can be recognised. */
  sessionId: number;
  scenario: ScenarioSummary;
}

export interface ScenarioRejectedMessage {
  type: 'scenario-rejected';
  replyTo: number;
  source: string;
  /** The parser's errors, verbatim: a JSON path such as "steps[3].oid" (line and column for JSON syntax errors). */
  errors: ScenarioError[];
}

/** Everything that happened between two pulls. */
export interface BatchMessage {
  type: 'batch';
  replyTo: number;
  /** Increments by exactly one per batch for the lifetime of the worker; a gap means a lost batch. */
  seq: number;
  sessionId: number;
  /** Virtual time the batch starts from; after a rewind it is the restored time. */
  fromNs: TimeNs;
  /** Virtual time the batch reaches. Never below `fromNs`; never below the previous `toNs` unless `rewound` is set. */
  toNs: TimeNs;
  /** Set when the host restored an earlier state (step-back, seek backwards) since the last batch:
   * the receiver drops every event it holds with `seq` above `lastEventSeq` before appending `events`. */
  rewound: { lastEventSeq: number } | null;
  /** Trace events in engine order.
   * NOTE: plain objects are fine at today's sizes (a few hundred per frame, structured-cloned in well under a ms).
   * If frame tracing at line rate makes batches reach thousands of events, the transferable path is a
   * struct-of-arrays encoding (kind/t/seq/queueId/frameId as typed arrays, text-bearing events kept as objects)
   * posted with its ArrayBuffers in the transfer list. */
  events: TraceEvent[];
  /** The gaps the budget left before this batch's last event, oldest first; usually empty. */
  omitted: TraceOmission[];
  /** The adapter as it is now: at `toNs`, or a little ahead of it while a backlog remains. */
  view: AdapterView;
  /** The runner's report so far (expectation results). */
  report: ScenarioReport;
  stats: PlaybackStats;
}

export interface OidAnsweredMessage {
  type: 'oid-answered';
  replyTo: number;
  result: OidResult;
}

/** The session written as a scenario file (scenario/sessionScenario.ts), to be downloaded. */
export interface ScenarioWrittenMessage {
  type: 'scenario-written';
  replyTo: number;
  /** The file's JSON text. */
  text: string;
  steps: number;
  /** What the scenario parser refuses in it (a request the console let through that no scenario may hold): the
   * file is still written, so nothing is lost, and the user is told what to fix. Empty when it loads as it is. */
  problems: ScenarioError[];
}

/** The current run's frames as a pcapng file, in a buffer transferred (not copied) to the page. */
export interface PcapngExportedMessage {
  type: 'pcapng-exported';
  replyTo: number;
  pcapng: ArrayBuffer;
  /** How many frames (Enhanced Packet Blocks) it holds. */
  frames: number;
}

/** The NDJSON trace of the current run, UTF-8, in a buffer transferred (not copied) to the page. */
export interface TraceExportedMessage {
  type: 'trace-exported';
  replyTo: number;
  ndjson: ArrayBuffer;
  /** Whether it carries the per-frame events (`vmq run --json --frames`). */
  frames: boolean;
}

/** The lesson's checks judged against the session as it was when the command arrived. */
export interface LessonGradedMessage {
  type: 'lesson-graded';
  replyTo: number;
  /** The session judged, so a grade of a session the page has since replaced can be recognised. */
  sessionId: number;
  grade: LessonGrade;
}

export interface ErrorMessage {
  type: 'error';
  /** The command that failed, or null for a failure no command caused. */
  replyTo: number | null;
  message: string;
}

export type WorkerMessage =
  | ReadyMessage
  | ScenarioLoadedMessage
  | ScenarioRejectedMessage
  | BatchMessage
  | OidAnsweredMessage
  | ScenarioWrittenMessage
  | TraceExportedMessage
  | PcapngExportedMessage
  | LessonGradedMessage
  | ErrorMessage;
