/**
 * Queues that just left the engine's view (freed) stay on the diagram for a moment as ghosts, drawn from the last
 * view the engine gave of them, so a reader sees where the queue went instead of a row that silently vanished.
 * Nothing is derived: a ghost is the engine's last QueueView of it and the indication it last stood with.
 */
import { useEffect, useRef, useState } from 'react';
import type { QueueView } from '../../engine/index.ts';
import type { QueueStateIndication } from '../viz/traceDigest.ts';

/** Wall time a freed queue stays as a ghost. */
export const DEPARTED_HOLD_MS = 2000;

export interface DepartedQueue {
  queue: QueueView;
  indication: QueueStateIndication | undefined;
}

/** The queues that left since the last render (by id), with what they last showed. */
export function departedSince(
  before: readonly QueueView[],
  now: readonly QueueView[],
  indications: ReadonlyMap<number, QueueStateIndication>,
): DepartedQueue[] {
  const stays = new Set(now.map((q) => q.QueueId));
  return before
    .filter((q) => !stays.has(q.QueueId))
    .map((queue) => ({ queue, indication: indications.get(queue.QueueId) }));
}

/** The ghosts to draw now: each for DEPARTED_HOLD_MS, gone at once when its QueueId is allocated again. */
export function useDepartedQueues(
  queues: readonly QueueView[],
  indications: ReadonlyMap<number, QueueStateIndication>,
): DepartedQueue[] {
  // The digest's map is live and forgets a queue's indication when it is freed: keep a copy from the last render.
  const previous = useRef<{ queues: readonly QueueView[]; indications: ReadonlyMap<number, QueueStateIndication> }>({
    queues,
    indications: new Map(indications),
  });
  const [ghosts, setGhosts] = useState<DepartedQueue[]>([]);
  // Not cleared by the next batch's render: each ghost leaves on its own clock.
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    const left = departedSince(previous.current.queues, queues, previous.current.indications);
    previous.current = { queues, indications: new Map(indications) };
    const live = new Set(queues.map((q) => q.QueueId));
    setGhosts((shown) => {
      const kept = shown.filter((g) => !live.has(g.queue.QueueId));
      return left.length === 0 && kept.length === shown.length ? shown : [...kept, ...left];
    });
    if (left.length === 0) return;
    const gone = new Set(left.map((g) => g.queue));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setGhosts((shown) => shown.filter((g) => !gone.has(g.queue)));
    }, DEPARTED_HOLD_MS);
    timers.current.add(timer);
  }, [queues, indications]);
  return ghosts;
}
