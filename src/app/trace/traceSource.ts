/** Read access to the trace by position, oldest first: the EventBuffer is one, and so is any array-backed fake. */
import type { TraceEvent } from '../../engine/types.ts';

export interface TraceSource {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
}
