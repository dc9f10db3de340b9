/** ISimClient over a dedicated module Web Worker: the engine runs off the UI thread. */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { MessageSimClient } from './MessageSimClient.ts';
import type { MessageSimClientOptions } from './MessageSimClient.ts';

export class WorkerSimClient extends MessageSimClient {
  #worker!: Worker;

  constructor(options?: MessageSimClientOptions) {
    super(options);
    this.open();
  }

  protected open(): void {
    const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'vmq-sim' });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`simulation worker failed: ${event.message || 'script error'}`);
    };
    worker.onmessageerror = () => this.fail('a message from the simulation worker could not be decoded');
    this.#worker = worker;
  }

  protected post(command: SimCommand): void {
    this.#worker.postMessage(command satisfies SimCommand);
  }

  protected close(): void {
    // A terminated worker's late messages must not reach the next one's client state.
    this.#worker.onmessage = null;
    this.#worker.onerror = null;
    this.#worker.onmessageerror = null;
    this.#worker.terminate();
  }
}
