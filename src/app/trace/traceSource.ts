/** Read access to the trace by position, oldest first; `at` answers undefined outside 0…length-1. The EventBuffer
 * is one. */
import type { TraceEvent } from '../../engine/index.ts';

export interface TraceSource {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
}
