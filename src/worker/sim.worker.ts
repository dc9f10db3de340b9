/** The simulation worker: one EngineHost, wired to the message port. All logic lives in engineHost.ts. */
import type { SimCommand } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { EngineHost } from './engineHost.ts';

declare const self: DedicatedWorkerGlobalScope;

const host = new EngineHost((message) => self.postMessage(message satisfies WorkerMessage));
self.onmessage = (event: MessageEvent<SimCommand>) => host.receive(event.data);
host.announce();
