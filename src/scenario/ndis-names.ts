/**
 * NDIS constant names as they appear in scenario buffers ("QueueType": "NdisReceiveQueueTypeVMQueue",
 * "Flags": ["NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO"]), and flag words spelled back as names.
 * The engine reads names in buffers itself, knowing which enum each field takes; this table only lets the
 * scenario layer catch misspelt names early and compare expected names with numeric outputs.
 * It is read off constants.ts so it can never disagree with the engine.
 */
import { ndis } from '../engine/index.ts';
import { unknownName } from './suggest.ts';

/** Enum members, flags, statuses and IDs whose names start with NDIS_ or Ndis. */
const NDIS_CONSTANTS: ReadonlyMap<string, number> = new Map(
  Object.entries(ndis)
    .flatMap(([name, value]): [string, number][] => {
      if (typeof value === 'number') return [[name, value]];
      if (typeof value === 'object' && !Array.isArray(value)) return Object.entries(value as Record<string, number>);
      return [];
    })
    .filter(([name]) => /^(NDIS_|Ndis)/.test(name)),
);

const CONSTANT_NAMES = [...NDIS_CONSTANTS.keys()];

/** A string meant as an NDIS name: `NDIS_…` or `Ndis…`. */
export const looksLikeNdisName = (text: string): boolean => /^(NDIS_|Ndis)\w*$/.test(text);

/** The value of an NDIS name, or a "did you mean" message. */
export function ndisValue(name: string): { value: number } | { error: string } {
  const value = NDIS_CONSTANTS.get(name);
  return value === undefined ? { error: unknownName('NDIS name', name, CONSTANT_NAMES) } : { value };
}

/** Names of the set bits of `value` among the constants starting with `prefix`, e.g. receive flags. */
export function flagNames(value: number, prefix: string): string[] {
  const names: string[] = [];
  let rest = value >>> 0;
  // Lowest bit first, as the headers list them (a module namespace iterates alphabetically).
  const candidates = [...NDIS_CONSTANTS]
    .filter(([name, bit]) => name.startsWith(prefix) && bit !== 0)
    .sort(([, a], [, b]) => a - b);
  for (const [name, bit] of candidates) {
    if ((rest & bit) === bit) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) names.push(ndis.hex32(rest));
  return names;
}
