/** An EngineHost driven synchronously from tests, with its outbox (Node only). */
import type { SimCommand, SimCommandInput } from '../protocol/commands.ts';
import type { BatchMessage, WorkerMessage } from '../protocol/messages.ts';
import { gradeSession } from '../lesson/grade.ts';
import { parseScenario } from '../scenario/parse.ts';
import { ndjsonRunText } from '../scenario/traceNdjson.ts';
import { pcapngRun } from '../scenario/tracePcapng.ts';
import { EngineHost, type EngineHostOptions } from './engineHost.ts';

/** A host with its outbox, driven synchronously. */
export function harness(options?: EngineHostOptions) {
  const outbox: WorkerMessage[] = [];
  const host = new EngineHost(
    (message) => outbox.push(structuredClone(message)),
    () => parseScenario,
    {
      loadGrader: () => gradeSession,
      loadTraceWriter: () => ndjsonRunText,
      loadPcapngWriter: () => pcapngRun,
      ...options,
    },
  );
  let nextId = 1;
  const send = (input: SimCommandInput): WorkerMessage | undefined => {
    const before = outbox.length;
    host.receive({ ...input, id: nextId++ } as SimCommand);
    return outbox.slice(before).at(-1);
  };
  const pull = (wallMs = 16, maxEvents = 500): BatchMessage => {
    const reply = send({ type: 'pull-batch', maxEvents, wallMs });
    if (reply?.type !== 'batch') throw new Error(`expected a batch, got ${JSON.stringify(reply)}`);
    return reply;
  };
  return { host, outbox, send, pull };
}
