/**
 * What one side's engine reported, folded for the fork summary (fork/forkDiff.ts): which queue each frame was
 * classified to, the frame named by its flow and its place in that flow (a fork that starts traffic of its own
 * shifts the frame ids after it, so an id does not name the same frame on both sides), the
 * NBLs indicated per queue and per CPU, the drops by reason and the memory per address space now. Every fact is read
 * from the engine's trace events or its AdapterView; nothing here decides a VMQ fact.
 */
import type { AdapterView, TraceEvent } from '../../engine/index.ts';

export interface SideFacts {
  /** A frame's name on every side ("to VM1#3": the third frame of flow "to VM1") → this side's frame id and the
   * QueueId the NIC classified it to (frame-classified). */
  queueOf: Map<string, { frameId: number; queueId: number }>;
  /** frameId → its name, from frame-arrived; and how many frames each flow has put on the wire so far. */
  frameNames: Map<number, string>;
  flowFrames: Map<string, number>;
  /** QueueId → NBLs indicated on it (nbls-indicated parts). */
  indicatedPerQueue: Map<number, number>;
  /** CPU → NBLs indicated on it. */
  indicatedPerCpu: Map<number, number>;
  /** DropReason → frames dropped for it (frame-dropped and frames-dropped). */
  dropsByReason: Map<string, number>;
  /** Address space → the shared memory allocated in it now (AdapterView.memory). */
  memoryBySpace: Map<string, { bytes: number; blocks: number }>;
}

export const emptyFacts = (): SideFacts => ({
  queueOf: new Map(),
  frameNames: new Map(),
  flowFrames: new Map(),
  indicatedPerQueue: new Map(),
  indicatedPerCpu: new Map(),
  dropsByReason: new Map(),
  memoryBySpace: new Map(),
});

const add = <K>(map: Map<K, number>, key: K, by: number) => map.set(key, (map.get(key) ?? 0) + by);

/** Folds `events` into `facts` (in place, so a side's facts grow batch by batch). */
export function foldEvents(facts: SideFacts, events: Iterable<TraceEvent>): SideFacts {
  for (const event of events) {
    switch (event.kind) {
      case 'frame-arrived': {
        const flow = event.flow ?? 'wire';
        const n = (facts.flowFrames.get(flow) ?? 0) + 1;
        facts.flowFrames.set(flow, n);
        facts.frameNames.set(event.frameId, `${flow}#${n}`);
        break;
      }
      case 'frame-classified': {
        const name = facts.frameNames.get(event.frameId) ?? `#${event.frameId}`;
        facts.queueOf.set(name, { frameId: event.frameId, queueId: event.queueId });
        break;
      }
      case 'nbls-indicated':
        for (const part of event.parts) {
          add(facts.indicatedPerQueue, part.queueId, part.count);
          add(facts.indicatedPerCpu, event.cpu, part.count);
        }
        break;
      case 'frame-dropped':
        add(facts.dropsByReason, event.reason, 1);
        break;
      case 'frames-dropped':
        add(facts.dropsByReason, event.reason, event.count);
        break;
      default:
        break;
    }
  }
  return facts;
}

/** Takes the memory per address space from the engine's view of the adapter now. */
export function observeMemory(facts: SideFacts, view: Pick<AdapterView, 'memory'>): SideFacts {
  facts.memoryBySpace = new Map();
  for (const block of view.memory) {
    const space = facts.memoryBySpace.get(block.space) ?? { bytes: 0, blocks: 0 };
    facts.memoryBySpace.set(block.space, { bytes: space.bytes + block.length, blocks: space.blocks + 1 });
  }
  return facts;
}
