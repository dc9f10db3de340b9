/** MAC addresses as scenario files write them ("00-15-5D-00-00-01" or "00:15:5d:00:00:01"). */

/** Six hex octets with one consistent separator, "-" or ":". */
export const MAC_PATTERN = /^[0-9A-Fa-f]{2}(?:(?:-[0-9A-Fa-f]{2}){5}|(?::[0-9A-Fa-f]{2}){5})$/;

export const isMac = (text: string): boolean => MAC_PATTERN.test(text);

/** The engine's canonical spelling: upper case, dash separated (how Windows prints MACs). */
export const canonicalMac = (text: string): string => text.toUpperCase().replaceAll(':', '-');

/** A 48-bit integer (as in FilterSpec.mac) → "00-15-5D-00-00-01". */
export function macFromInt(value: number): string {
  return value
    .toString(16)
    .toUpperCase()
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1-');
}
