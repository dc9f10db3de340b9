/**
 * The difference summary of a fork against the original, from what each side's engine reported (fork/forkFacts.ts):
 * the frames classified to another queue, the load on the default queue (QueueId 0), the load per CPU, the drops by
 * reason and the memory per address space. Pure, so the summary panel only shows it.
 */
import type { SideFacts } from './forkFacts.ts';

/** The default queue's QueueId (NDIS_DEFAULT_RECEIVE_QUEUE_ID). */
export const DEFAULT_QUEUE_ID = 0;

export interface MovedFrame {
  /** The frame's id on the fork's side. */
  frameId: number;
  from: number;
  to: number;
}

/** A count on both sides; `delta` is fork − original. */
export interface Change {
  key: string;
  original: number;
  fork: number;
  delta: number;
}

export interface ForkDiff {
  /** Frames both sides classified, to different queues; the total, and the first few by frame id. */
  movedCount: number;
  moved: MovedFrame[];
  /** NBLs indicated on the default queue. */
  defaultQueue: Change;
  perCpu: Change[];
  drops: Change[];
  memoryBytes: Change[];
  memoryBlocks: Change[];
}

const changes = (original: Map<string | number, number>, fork: Map<string | number, number>): Change[] =>
  [...new Set([...original.keys(), ...fork.keys()])]
    .sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))))
    .map((key) => {
      const before = original.get(key) ?? 0;
      const after = fork.get(key) ?? 0;
      return { key: String(key), original: before, fork: after, delta: after - before };
    });

const mapOf = (facts: SideFacts, pick: 'bytes' | 'blocks') =>
  new Map([...facts.memoryBySpace].map(([space, memory]) => [space, memory[pick]]));

export function diffFork(original: SideFacts, fork: SideFacts, examples = 5): ForkDiff {
  const moved: MovedFrame[] = [];
  let movedCount = 0;
  const frames = [...fork.queueOf.entries()].sort(([, a], [, b]) => a.frameId - b.frameId);
  for (const [name, { frameId, queueId: to }] of frames) {
    const from = original.queueOf.get(name)?.queueId;
    if (from === undefined || from === to) continue;
    movedCount++;
    if (moved.length < examples) moved.push({ frameId, from, to });
  }
  const before = original.indicatedPerQueue.get(DEFAULT_QUEUE_ID) ?? 0;
  const after = fork.indicatedPerQueue.get(DEFAULT_QUEUE_ID) ?? 0;
  return {
    movedCount,
    moved,
    defaultQueue: { key: String(DEFAULT_QUEUE_ID), original: before, fork: after, delta: after - before },
    perCpu: changes(original.indicatedPerCpu, fork.indicatedPerCpu),
    drops: changes(original.dropsByReason, fork.dropsByReason),
    memoryBytes: changes(mapOf(original, 'bytes'), mapOf(fork, 'bytes')),
    memoryBlocks: changes(mapOf(original, 'blocks'), mapOf(fork, 'blocks')),
  };
}

/** Whether the fork differs from the original in anything the summary shows. */
export const differs = (diff: ForkDiff): boolean =>
  diff.movedCount > 0 ||
  [diff.defaultQueue, ...diff.perCpu, ...diff.drops, ...diff.memoryBytes, ...diff.memoryBlocks].some(
    (change) => change.delta !== 0,
  );
