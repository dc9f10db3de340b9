/**
 * Which indication carried each frame, and which NdisReturnNetBufferLists gave its NBL back.
 *
 * Indication parts name only their first frame and a count, and returns only a queue and a count, so this follows
 * each queue's ring the way the miniport does: frames are indicated in DMA order (R37), the oldest waiting frame
 * first, and NBLs come back oldest first (docs/decisions.md, "Receive buffers"). Frames flushed before their DPC
 * leave the ring without an indication. It needs per-frame events (dma-written); without them it knows nothing.
 */
import type { TraceEvent } from '../../engine/types.ts';
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
  /** Per queue: frames DMA'd and not yet indicated, oldest first. */
  const waiting = new Map<number, number[]>();
  /** Per queue: frames indicated and not yet returned, oldest first. */
  const held = new Map<number, number[]>();
  const list = (map: Map<number, number[]>, queueId: number): number[] => {
    let frames = map.get(queueId);
    if (!frames) {
      frames = [];
      map.set(queueId, frames);
    }
    return frames;
  };
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    switch (event.kind) {
      case 'dma-written':
        list(waiting, event.queueId).push(event.frameId);
        break;
      case 'frame-dropped': {
        if (event.queueId === null) break;
        const frames = list(waiting, event.queueId);
        const at = frames.indexOf(event.frameId);
        if (at >= 0) frames.splice(at, 1);
        break;
      }
      case 'frames-dropped':
        // A flush without per-frame events (tracing was off): the waiting frames are gone.
        if (event.queueId !== null) list(waiting, event.queueId).splice(0, event.count);
        break;
      case 'nbls-indicated': {
        const parts = event.parts.map((part) => {
          const frames = list(waiting, part.queueId);
          const start = part.firstFrameId === null ? 0 : Math.max(0, frames.indexOf(part.firstFrameId));
          const carried = frames.splice(start, part.count);
          for (const frameId of carried) ledger.indicatedIn.set(frameId, event);
          list(held, part.queueId).push(...carried);
          return carried;
        });
        ledger.framesOf.set(event.indicationId, parts);
        break;
      }
      case 'nbls-returned':
        for (const frameId of list(held, event.queueId).splice(0, event.count)) ledger.returnedBy.set(frameId, event);
        break;
      default:
        break;
    }
  }
  return ledger;
}
