/** The simulation worker: one EngineHost, wired to the message port. All logic lives in engineHost.ts. */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { EngineHost } from './engineHost.ts';

declare const self: DedicatedWorkerGlobalScope;

const host = new EngineHost(
  (message, transfer = []) => self.postMessage(message satisfies WorkerMessage, transfer),
  // A chunk of its own, fetched only when a scenario needs parsing: built-ins arrive checked (scenario/checked.ts).
  () => import('../scenario/parse.ts').then((module) => module.parseScenario),
);
self.onmessage = (event: MessageEvent<SimCommand>) => host.receive(event.data);
host.announce();
