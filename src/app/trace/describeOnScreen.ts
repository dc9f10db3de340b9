/**
 * describeEvent for the screen. A description quotes names the user chose (flows, notes, QueueName) inside our own
 * sentence, where no element boundary can isolate them, so their bidirectional controls are shown as code points
 * instead of reordering the rest of the sentence.
 *
 * A request NDIS issued itself (its cleanup at halt or after an unclean close) carries the name of the binding it
 * cleans up for, so its description alone reads as that binding's: the engine's `issuedBy` says whose it is.
 */
import type { OidResult, TraceEvent } from '../../engine/index.ts';
import { describeEvent, type EventDescription } from '../../scenario/describe.ts';
import { visibleControls } from '../ui/plainText.ts';

export interface ScreenDescription extends EventDescription {
  /** 'NDIS' on the request and the completion of a request NDIS issued itself; absent otherwise. */
  issuedBy?: OidResult['issuedBy'];
}

export function describeOnScreen(event: TraceEvent): ScreenDescription {
  const description = describeEvent(event);
  const text = visibleControls(description.text);
  const issuedBy = issuerOf(event);
  return issuedBy === undefined ? { ...description, text } : { ...description, text, issuedBy };
}

function issuerOf(event: TraceEvent): OidResult['issuedBy'] {
  if (event.kind === 'oid-requested') return event.issuedBy;
  if (event.kind === 'oid-completed') return event.result.issuedBy;
  return undefined;
}
