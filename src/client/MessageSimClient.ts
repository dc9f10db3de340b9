/**
 * The transport-independent half of both clients: stamps command ids, matches replies to their commands,
 * enforces one pull in flight and checks that batch `seq` increments by exactly one.
 *
 * It also notices when the host can no longer be trusted (onBroken): the transport failed, a reply did not come
 * within a generous deadline while the page was visible (a worker that closed itself or ran out of memory says
 * nothing), a pull was refused, or a batch seq skipped. Recovery is the caller's business; `restart()` gives it a
 * fresh host.
 */
import type { AdapterAction, Fault, FlowSpec, OidRequest, OidResult, QueueId } from '../engine/index.ts';
import type { SimCommand, SimCommandInput, StepKind } from '../protocol/commands.ts';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import type {
  BatchMessage,
  LessonGradedMessage,
  ScenarioWrittenMessage,
  PcapngExportedMessage,
  TraceExportedMessage,
  WorkerMessage,
} from '../protocol/messages.ts';
import type { Lesson } from '../lesson/schema.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { ISimClient, LoadOutcome, PullRequest } from './SimClient.ts';

interface Pending {
  /** Message types that answer this command; an `error` answers any command. */
  expects: readonly WorkerMessage['type'][];
  resolve: (message: WorkerMessage) => void;
  reject: (error: Error) => void;
}

export interface MessageSimClientOptions {
  /** How long a reply may take before the host counts as dead. Generous: a pull can wait behind a long step. */
  replyDeadlineMs?: number;
  /** Whether the page is visible; a hidden page's deadline is not counted (its timers are throttled). */
  isVisible?: () => boolean;
}

const DEFAULT_REPLY_DEADLINE_MS = 10_000;

export abstract class MessageSimClient implements ISimClient {
  #ready!: Promise<void>;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #errorListeners = new Set<(message: string) => void>();
  #brokenListeners = new Set<(reason: string) => void>();
  #broken: string | null = null;
  /** Counts restarts, so a reply to the host a restart replaced is not taken for a failure of the new one. */
  #generation = 0;
  /** The host has accepted a scenario since it started; before that a refused pull is the caller's mistake. */
  #hasSession = false;
  /** The last batch seq seen; the next batch must carry exactly this + 1. */
  #lastBatchSeq: number | null = null;
  #pulling = false;
  #disposed = false;
  #announce!: { resolve: () => void; reject: (error: Error) => void };
  #replyDeadlineMs: number;
  #isVisible: () => boolean;
  /** Watches the oldest unanswered command; null while nothing is awaited. */
  #watchdog: ReturnType<typeof setTimeout> | null = null;

  constructor(options: MessageSimClientOptions = {}) {
    this.#replyDeadlineMs = options.replyDeadlineMs ?? DEFAULT_REPLY_DEADLINE_MS;
    this.#isVisible = options.isVisible ?? (() => true);
    this.#expectAnnouncement();
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  get broken(): string | null {
    return this.#broken;
  }

  /** Hands one command to the transport. */
  protected abstract post(command: SimCommand): void;
  /** Releases the transport. */
  protected abstract close(): void;
  /** Opens a fresh transport to a new host (after close()); the host announces itself as at construction. */
  protected abstract open(): void;

  /** The transport calls this for every message from the host. */
  protected receive(message: WorkerMessage): void {
    if (message.type === 'ready') {
      if (message.protocolVersion === PROTOCOL_VERSION) this.#announce.resolve();
      else
        this.#announce.reject(
          new Error(`worker speaks protocol ${message.protocolVersion}, UI speaks ${PROTOCOL_VERSION}`),
        );
      return;
    }
    const pending = message.replyTo === null ? undefined : this.#pending.get(message.replyTo);
    if (!pending) {
      if (message.type === 'error') this.#emitError(message.message);
      return;
    }
    this.#pending.delete(message.replyTo as number);
    this.#watch();
    if (message.type === 'error') pending.reject(new Error(message.message));
    else if (pending.expects.includes(message.type)) pending.resolve(message);
    else pending.reject(new Error(`expected ${pending.expects.join(' or ')}, got ${message.type}`));
  }

  /** The transport reports a failure outside any reply (e.g. the worker script failed to load, or crashed). */
  protected fail(message: string): void {
    this.#break(message);
  }

  /** Stops the host without a word, as a worker that calls self.close() or is killed does (the e2e hook). */
  simulateCrash(): void {
    this.close();
  }

  async restart(): Promise<void> {
    if (this.#disposed) throw new Error('simulation client disposed');
    this.#rejectAll('the simulation was restarted');
    this.close();
    this.#broken = null;
    this.#generation++;
    this.#lastBatchSeq = null;
    this.#pulling = false;
    this.#hasSession = false;
    this.#expectAnnouncement();
    this.open();
    await this.#ready;
  }

  onBroken(listener: (reason: string) => void): () => void {
    this.#brokenListeners.add(listener);
    return () => this.#brokenListeners.delete(listener);
  }

  get pulling(): boolean {
    return this.#pulling;
  }

  async loadScenario(scenario: unknown, source: string, checked?: Scenario, lesson?: Lesson): Promise<LoadOutcome> {
    const reply = await this.#request(
      { type: 'load-scenario', scenario, source, ...(checked ? { checked } : {}), ...(lesson ? { lesson } : {}) },
      ['scenario-loaded', 'scenario-rejected'],
    );
    if (reply.type === 'scenario-loaded') this.#hasSession = true;
    return reply as LoadOutcome;
  }

  play(speed: number): void {
    this.#send({ type: 'play', speed });
  }
  pause(): void {
    this.#send({ type: 'pause' });
  }
  step(kind: StepKind): void {
    this.#send({ type: 'step', kind });
  }
  stepBack(): void {
    this.#send({ type: 'step-back' });
  }
  seek(tNs: number): void {
    this.#send({ type: 'seek', tNs });
  }
  setSpeed(speed: number): void {
    this.#send({ type: 'set-speed', speed });
  }
  setTraceFrames(on: boolean): void {
    this.#send({ type: 'set-trace-frames', on });
  }
  startTraffic(flow: FlowSpec): void {
    this.#send({ type: 'start-traffic', flow });
  }
  stopTraffic(flow: string): void {
    this.#send({ type: 'stop-traffic', flow });
  }
  returnNbls(queueId: QueueId | null, count: number | 'all'): void {
    this.#send({ type: 'return-nbls', queueId, count });
  }
  adapterAction(action: AdapterAction): void {
    this.#send({ type: 'adapter-action', action });
  }
  closeBinding(binding: string): void {
    this.#send({ type: 'close-binding', binding });
  }
  injectFault(fault: Fault): void {
    this.#send({ type: 'inject-fault', fault });
  }
  keepScenarioSteps(): void {
    this.#send({ type: 'keep-scenario-steps' });
  }

  async saveScenario(): Promise<ScenarioWrittenMessage> {
    const reply = await this.#request({ type: 'save-scenario' }, ['scenario-written']);
    if (reply.type !== 'scenario-written') throw new Error(`unexpected ${reply.type}`);
    return reply;
  }

  async exportTrace(file: string, tool: string): Promise<TraceExportedMessage> {
    const reply = await this.#request({ type: 'export-trace', file, tool }, ['trace-exported']);
    if (reply.type !== 'trace-exported') throw new Error(`unexpected ${reply.type}`);
    return reply;
  }

  async exportPcapng(tool: string): Promise<PcapngExportedMessage> {
    const reply = await this.#request({ type: 'export-pcapng', tool }, ['pcapng-exported']);
    if (reply.type !== 'pcapng-exported') throw new Error(`unexpected ${reply.type}`);
    return reply;
  }

  async gradeLesson(): Promise<LessonGradedMessage> {
    const reply = await this.#request({ type: 'grade-lesson' }, ['lesson-graded']);
    if (reply.type !== 'lesson-graded') throw new Error(`unexpected ${reply.type}`);
    return reply;
  }

  async requestOid(request: OidRequest): Promise<OidResult> {
    const reply = await this.#request({ type: 'request-oid', request }, ['oid-answered']);
    if (reply.type !== 'oid-answered') throw new Error(`unexpected ${reply.type}`);
    return reply.result;
  }

  async pullBatch(request: PullRequest): Promise<BatchMessage> {
    if (this.#pulling) throw new Error('a batch is already in flight');
    this.#pulling = true;
    const generation = this.#generation;
    try {
      let reply: WorkerMessage;
      try {
        reply = await this.#request({ type: 'pull-batch', ...request }, ['batch']);
      } catch (error) {
        if (generation !== this.#generation || this.#broken !== null || !this.#hasSession) throw error;
        // A refused pull has used up its seq on the host: every later batch would be refused too.
        const reason = `a batch could not be delivered: ${error instanceof Error ? error.message : String(error)}`;
        this.#break(reason);
        throw new Error(reason);
      }
      if (reply.type !== 'batch') throw new Error(`unexpected ${reply.type}`);
      if (this.#lastBatchSeq !== null && reply.seq !== this.#lastBatchSeq + 1) {
        const reason = `batch seq ${reply.seq} after ${this.#lastBatchSeq}: a batch was lost or reordered`;
        this.#break(reason);
        throw new Error(reason);
      }
      this.#lastBatchSeq = reply.seq;
      return reply;
    } finally {
      if (generation === this.#generation) this.#pulling = false;
    }
  }

  onError(listener: (message: string) => void): () => void {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#errorListeners.clear();
    this.#brokenListeners.clear();
    this.#rejectAll('simulation client disposed');
    this.close();
  }

  #send(input: SimCommandInput, pending?: Pending): void {
    if (this.#disposed) throw new Error('simulation client disposed');
    if (this.#broken !== null) throw new Error(`the simulation is broken: ${this.#broken}`);
    const id = this.#nextId++;
    // Registered before posting, so even a transport that answers synchronously finds its waiter.
    if (pending) {
      this.#pending.set(id, pending);
      this.#watch();
    }
    this.post({ ...input, id } as SimCommand);
  }

  #expectAnnouncement(): void {
    this.#ready = new Promise((resolve, reject) => {
      this.#announce = { resolve, reject };
    });
    // A caller that never awaits `ready` must not see an unhandled rejection; awaiting callers still get it.
    this.#ready.catch(() => {});
  }

  /** Keeps one deadline running while any reply is awaited; it restarts whenever a reply arrives, so it measures how
   * long the host has been silent. A deadline that passes while the page is hidden is given again. */
  #watch(): void {
    if (this.#watchdog !== null) clearTimeout(this.#watchdog);
    this.#watchdog = null;
    if (this.#pending.size === 0 || this.#broken !== null) return;
    this.#watchdog = setTimeout(() => {
      this.#watchdog = null;
      if (this.#pending.size === 0) return;
      if (!this.#isVisible()) return this.#watch();
      this.#break(`the simulation worker stopped answering (no reply in ${this.#replyDeadlineMs / 1000} s)`);
    }, this.#replyDeadlineMs);
  }

  #rejectAll(message: string): void {
    this.#announce.reject(new Error(message));
    for (const pending of this.#pending.values()) pending.reject(new Error(message));
    this.#pending.clear();
    this.#watch();
  }

  #break(reason: string): void {
    if (this.#broken !== null || this.#disposed) return;
    this.#broken = reason;
    this.#rejectAll(reason);
    for (const listener of this.#brokenListeners) listener(reason);
  }

  #request(input: SimCommandInput, expects: Pending['expects']): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => this.#send(input, { expects, resolve, reject }));
  }

  #emitError(message: string): void {
    for (const listener of this.#errorListeners) listener(message);
  }
}
