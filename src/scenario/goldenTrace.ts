/** A run's trace as the golden files hold it: one event per line, the way the CLI's table prints it. */
import type { TraceEvent } from '../engine/index.ts';
import { describeEvent } from './describe.ts';
import { formatMicros } from './duration.ts';

export function goldenTrace(events: readonly TraceEvent[]): string {
  const lines = events.map((e) => {
    const { actor, text } = describeEvent(e);
    return `${formatMicros(e.t).padStart(10)}  ${actor.padEnd(9)}  ${text}`;
  });
  return `${lines.join('\n')}\n`;
}
