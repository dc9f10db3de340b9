/**
 * ISimClient with the host on the calling thread: unit tests, and a fallback where workers are unavailable.
 * Messages are structured-cloned and delivered asynchronously in both directions, exactly as across a worker
 * boundary, so code that works here does not depend on sharing objects with the host.
 */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { EngineHost } from '../worker/engineHost.ts';
import type { EngineHostOptions } from '../worker/engineHost.ts';
import { MessageSimClient } from './MessageSimClient.ts';

export class InProcessSimClient extends MessageSimClient {
  #host: EngineHost;
  #closed = false;

  constructor(options?: EngineHostOptions) {
    super();
    this.#host = new EngineHost((message) => this.#deliver(message), options);
    this.#host.announce();
  }

  protected post(command: SimCommand): void {
    const copy = structuredClone(command satisfies SimCommand);
    queueMicrotask(() => {
      if (!this.#closed) this.#host.receive(copy);
    });
  }

  protected close(): void {
    this.#closed = true;
  }

  #deliver(message: WorkerMessage): void {
    const copy = structuredClone(message satisfies WorkerMessage);
    queueMicrotask(() => {
      if (!this.#closed) this.receive(copy);
    });
  }
}
