/** The glossary term for each detailed queue state (§5.2), for the views that show a queue's state. */
import type { DetailedQueueState } from '../../engine/index.ts';
import type { TermId } from './terms.ts';

export const QUEUE_STATE_TERM: Readonly<Record<DetailedQueueState, TermId>> = {
  Undefined: 'state-undefined',
  Allocated: 'state-allocated',
  Set: 'state-set',
  Running: 'state-running',
  Paused: 'state-paused',
  StopDma: 'state-stop-dma',
  Freeing: 'state-freeing',
};
