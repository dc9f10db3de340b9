/**
 * The transport-independent half of both clients: stamps command ids, matches replies to their commands,
 * enforces one pull in flight and checks that batch `seq` increments by exactly one.
 */
import type { FlowSpec, OidRequest, OidResult, QueueId } from '../engine/index.ts';
import type { SimCommand, SimCommandInput, StepKind } from '../protocol/commands.ts';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import type { BatchMessage, WorkerMessage } from '../protocol/messages.ts';
import type { ISimClient, LoadOutcome, PullRequest } from './SimClient.ts';

interface Pending {
  /** Message types that answer this command; an `error` answers any command. */
  expects: readonly WorkerMessage['type'][];
  resolve: (message: WorkerMessage) => void;
  reject: (error: Error) => void;
}

export abstract class MessageSimClient implements ISimClient {
  readonly ready: Promise<void>;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #errorListeners = new Set<(message: string) => void>();
  /** The last batch seq seen; the next batch must carry exactly this + 1. */
  #lastBatchSeq: number | null = null;
  #pulling = false;
  #disposed = false;
  #announce!: { resolve: () => void; reject: (error: Error) => void };

  constructor() {
    this.ready = new Promise((resolve, reject) => {
      this.#announce = { resolve, reject };
    });
    // A caller that never awaits `ready` must not see an unhandled rejection; awaiting callers still get it.
    this.ready.catch(() => {});
  }

  /** Hands one command to the transport. */
  protected abstract post(command: SimCommand): void;
  /** Releases the transport. */
  protected abstract close(): void;

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
    if (message.type === 'error') pending.reject(new Error(message.message));
    else if (pending.expects.includes(message.type)) pending.resolve(message);
    else pending.reject(new Error(`expected ${pending.expects.join(' or ')}, got ${message.type}`));
  }

  /** The transport reports a failure outside any reply (e.g. the worker script failed to load). */
  protected fail(message: string): void {
    this.#announce.reject(new Error(message));
    for (const pending of this.#pending.values()) pending.reject(new Error(message));
    this.#pending.clear();
    this.#emitError(message);
  }

  get pulling(): boolean {
    return this.#pulling;
  }

  async loadScenario(scenario: unknown, source: string): Promise<LoadOutcome> {
    const reply = await this.#request({ type: 'load-scenario', scenario, source }, [
      'scenario-loaded',
      'scenario-rejected',
    ]);
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

  async requestOid(request: OidRequest): Promise<OidResult> {
    const reply = await this.#request({ type: 'request-oid', request }, ['oid-answered']);
    if (reply.type !== 'oid-answered') throw new Error(`unexpected ${reply.type}`);
    return reply.result;
  }

  async pullBatch(request: PullRequest): Promise<BatchMessage> {
    if (this.#pulling) throw new Error('a batch is already in flight');
    this.#pulling = true;
    try {
      const reply = await this.#request({ type: 'pull-batch', ...request }, ['batch']);
      if (reply.type !== 'batch') throw new Error(`unexpected ${reply.type}`);
      if (this.#lastBatchSeq !== null && reply.seq !== this.#lastBatchSeq + 1) {
        throw new Error(`batch seq ${reply.seq} after ${this.#lastBatchSeq}: a batch was lost or reordered`);
      }
      this.#lastBatchSeq = reply.seq;
      return reply;
    } finally {
      this.#pulling = false;
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
    this.fail('simulation client disposed');
    this.close();
  }

  #send(input: SimCommandInput, pending?: Pending): void {
    if (this.#disposed) throw new Error('simulation client disposed');
    const id = this.#nextId++;
    // Registered before posting, so even a transport that answers synchronously finds its waiter.
    if (pending) this.#pending.set(id, pending);
    this.post({ ...input, id } as SimCommand);
  }

  #request(input: SimCommandInput, expects: Pending['expects']): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => this.#send(input, { expects, resolve, reject }));
  }

  #emitError(message: string): void {
    for (const listener of this.#errorListeners) listener(message);
  }
}
