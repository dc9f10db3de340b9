/**
 * describeEvent for the screen. A description quotes names the user chose (flows, notes, QueueName) inside our own
 * sentence, where no element boundary can isolate them, so their bidirectional controls are shown as code points
 * instead of reordering the rest of the sentence.
 */
import type { TraceEvent } from '../../engine/index.ts';
import { describeEvent, type EventDescription } from '../../scenario/describe.ts';
import { visibleControls } from '../ui/plainText.ts';

export function describeOnScreen(event: TraceEvent): EventDescription {
  const description = describeEvent(event);
  return { ...description, text: visibleControls(description.text) };
}
