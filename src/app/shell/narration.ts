/** The scenario's narration: the latest `note` event in the trace, which tells the story step by step. */
import type { TraceSource } from '../trace/traceSource.ts';

/** Frames can flood the trace between two notes; looking further back than this is not worth a frame's time. */
const MAX_SCAN = 20_000;

/** The text of the newest note within the last MAX_SCAN events, or null. */
export function latestNote(events: TraceSource): string | null {
  const stop = Math.max(0, events.length - MAX_SCAN);
  for (let i = events.length - 1; i >= stop; i--) {
    const e = events.at(i);
    if (e?.kind === 'note') return e.text;
  }
  return null;
}
