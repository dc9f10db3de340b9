/** ISimClient over a dedicated module Web Worker: the engine runs off the UI thread. */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { MessageSimClient } from './MessageSimClient.ts';

export class WorkerSimClient extends MessageSimClient {
  #worker: Worker;

  constructor() {
    super();
    this.#worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'vmq-sim' });
    this.#worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    this.#worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`simulation worker failed: ${event.message || 'script error'}`);
    };
    this.#worker.onmessageerror = () => this.fail('a message from the simulation worker could not be decoded');
  }

  protected post(command: SimCommand): void {
    this.#worker.postMessage(command satisfies SimCommand);
  }

  protected close(): void {
    this.#worker.terminate();
  }
}
