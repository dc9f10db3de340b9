/** MAC addresses as scenario files write them ("00-15-5D-00-00-01" or "00:15:5d:00:00:01"): the engine's grammar. */
import { MAC_PATTERN } from '../engine/index.ts';

export { MAC_PATTERN };
export { formatMac as macFromInt } from '../engine/index.ts';

export const isMac = (text: string): boolean => MAC_PATTERN.test(text);

/** The engine's canonical spelling: upper case, dash separated (how Windows prints MACs). */
export const canonicalMac = (text: string): string => text.toUpperCase().replaceAll(':', '-');
