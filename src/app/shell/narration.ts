/** The scenario's narration: the latest `note` event in the trace, which tells the story step by step. */
import type { TraceEvent } from '../../engine/index.ts';
import { EventSubset } from '../trace/eventSubset.ts';

type Note = Extract<TraceEvent, { kind: 'note' }>;

const isNote = (event: TraceEvent): event is Note => event.kind === 'note';

/** The side's digest whose value is the text of the newest note the trace keeps, or null. */
export const notesDigest = () => new EventSubset(isNote, (notes): string | null => notes.at(-1)?.text ?? null);
