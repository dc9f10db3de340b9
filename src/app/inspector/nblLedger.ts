/**
 * Which indication carried each frame, and which NdisReturnNetBufferLists gave its NBL back: an index over the
 * `frameIds` the engine lists on each indication part and each return while per-frame events are on. Without
 * them (tracing off) it knows nothing.
 */
import type { TraceEvent } from '../../engine/index.ts';
import type { TraceSource } from '../trace/traceSource.ts';

type Indication = Extract<TraceEvent, { kind: 'nbls-indicated' }>;
type Return = Extract<TraceEvent, { kind: 'nbls-returned' }>;

export interface NblLedger {
  /** frameId → the indication that carried it. */
  indicatedIn: Map<number, Indication>;
  /** frameId → the return that gave its NBL back. */
  returnedBy: Map<number, Return>;
  /** indicationId → the frames it carried, per part (same order as `parts`). */
  framesOf: Map<number, number[][]>;
}

export function nblLedger(trace: TraceSource): NblLedger {
  const ledger: NblLedger = { indicatedIn: new Map(), returnedBy: new Map(), framesOf: new Map() };
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (event.kind === 'nbls-indicated') {
      const parts = event.parts.map((part) => part.frameIds ?? []);
      for (const frameId of parts.flat()) ledger.indicatedIn.set(frameId, event);
      ledger.framesOf.set(event.indicationId, parts);
    } else if (event.kind === 'nbls-returned') {
      for (const frameId of event.frameIds ?? []) ledger.returnedBy.set(frameId, event);
    }
  }
  return ledger;
}
