/**
 * ISimClient with the host on the calling thread: unit tests, and a fallback where workers are unavailable.
 * Messages are structured-cloned and delivered asynchronously in both directions, exactly as across a worker
 * boundary, so code that works here does not depend on sharing objects with the host.
 */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { gradeSession } from '../lesson/grade.ts';
import { parseScenario } from '../scenario/parse.ts';
import { ndjsonRunText } from '../scenario/traceNdjson.ts';
import { pcapngRun } from '../scenario/tracePcapng.ts';
import { EngineHost } from '../worker/engineHost.ts';
import type { EngineHostOptions } from '../worker/engineHost.ts';
import { MessageSimClient } from './MessageSimClient.ts';
import type { MessageSimClientOptions } from './MessageSimClient.ts';

/** A host with its own open/closed switch, so a restarted client never hears from the host it replaced. */
interface Connection {
  host: EngineHost;
  gate: { closed: boolean };
}

export class InProcessSimClient extends MessageSimClient {
  #hostOptions: EngineHostOptions | undefined;
  #connection!: Connection;

  constructor(options?: EngineHostOptions & MessageSimClientOptions) {
    super(options);
    this.#hostOptions = options;
    this.open();
  }

  protected open(): void {
    const gate = { closed: false };
    const host = new EngineHost(
      (message) => this.#deliver(gate, message),
      () => parseScenario,
      {
        loadGrader: () => gradeSession,
        loadTraceWriter: () => ndjsonRunText,
        loadPcapngWriter: () => pcapngRun,
        ...this.#hostOptions,
      },
    );
    this.#connection = { host, gate };
    host.announce();
  }

  protected post(command: SimCommand): void {
    const { host, gate } = this.#connection;
    const copy = structuredClone(command satisfies SimCommand);
    queueMicrotask(() => {
      if (!gate.closed) host.receive(copy);
    });
  }

  protected close(): void {
    this.#connection.gate.closed = true;
  }

  #deliver(gate: Connection['gate'], message: WorkerMessage): void {
    const copy = structuredClone(message satisfies WorkerMessage);
    queueMicrotask(() => {
      if (!gate.closed) this.receive(copy);
    });
  }
}
