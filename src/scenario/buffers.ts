/**
 * An OID step's buffer (and expected output) against its structure, as the engine lays it out (STRUCT_LAYOUTS):
 * every key is a member of the structure, every number fits the member's C type, counted strings fit
 * IF_MAX_STRING_SIZE. References and NDIS names are resolved later, so only their spelling is checked elsewhere.
 */
import {
  fitsInteger,
  integerTypeText,
  NDIS_INTEGER_TYPES,
  type Layout,
  type Member,
  type NdisIntegerType,
} from '../engine/index.ts';
import { shown } from './errors.ts';
import { MAX_COUNTED_STRING_CHARS } from './limits.ts';
import { isMatcher } from './match.ts';
import { matchIssues, slot } from './matchSchema.ts';
import { looksLikeNdisName } from './ndis-names.ts';
import { isRecord } from './refs.ts';
import { unknownName } from './suggest.ts';

export interface BufferIssue {
  path: PropertyKey[];
  message: string;
}

/** FieldByteArrayValue holds 16 bytes. */
const VALUE_UNION_BYTES = 16;
/** A decimal or "0x…" number written as a string, as the engine reads it. */
const SPELLED_NUMBER = /^\s*(0x[0-9a-f]+|\d+)\s*$/i;

/**
 * Every problem of `value` as the structure `layout` (named `struct` in messages). An `expected` output may give
 * any member as a matcher of the check language instead of a value.
 */
export function bufferIssues(
  struct: string,
  layout: Layout,
  value: unknown,
  path: PropertyKey[] = [],
  expected = false,
): BufferIssue[] {
  if (!isRecord(value)) return [{ path, message: `expected an object (${struct}), got ${shown(value)}` }];
  return Object.entries(value).flatMap(([key, item]) => {
    const member = Object.hasOwn(layout, key) ? layout[key] : undefined;
    if (member === undefined)
      return [{ path: [...path, key], message: unknownName(`member of ${struct}`, key, Object.keys(layout)) }];
    return memberIssues(key, member, item, [...path, key], expected);
  });
}

function memberIssues(
  name: string,
  member: Member,
  value: unknown,
  path: PropertyKey[],
  expected: boolean,
): BufferIssue[] {
  // An expected member may be a matcher; an object where a scalar member belongs can only be a misspelt one.
  if (expected && (isMatcher(value) || (typeof member === 'string' && isRecord(value)))) {
    const plain = (option: unknown) => memberIssues(name, member, option, [], expected)[0]?.message;
    return matchIssues(value, slot('any', plain), path);
  }
  if (Array.isArray(member)) {
    if (!Array.isArray(value)) return [{ path, message: `expected an array of ${name} elements, got ${shown(value)}` }];
    return value.flatMap((item, i) => bufferIssues(`${name}[${i}]`, member[0] as Layout, item, [...path, i], expected));
  }
  if (typeof member === 'object') return bufferIssues(name, member as Layout, value, path, expected);
  const problem = valueProblem(member, value);
  return problem === undefined ? [] : [{ path, message: problem }];
}

function valueProblem(member: Exclude<Member, Layout | readonly [Layout]>, value: unknown): string | undefined {
  if (typeof value === 'string' && value.startsWith('$')) return undefined; // a reference, resolved when the step runs
  if (member === 'IF_COUNTED_STRING') {
    if (typeof value !== 'string') return `expected a string (an NDIS_IF_COUNTED_STRING), got ${shown(value)}`;
    return value.length > MAX_COUNTED_STRING_CHARS
      ? `is ${value.length} characters; an NDIS_IF_COUNTED_STRING holds at most IF_MAX_STRING_SIZE (${MAX_COUNTED_STRING_CHARS})`
      : undefined;
  }
  if (member === 'VALUE_UNION') {
    if (typeof value === 'string') return undefined; // a MAC address; the engine reads it
    if (Array.isArray(value)) {
      if (value.length > VALUE_UNION_BYTES) return `holds at most ${VALUE_UNION_BYTES} bytes, got ${value.length}`;
      const bad = value.find((byte) => typeof byte !== 'number' || !fitsInteger(byte, 'UCHAR'));
      return bad === undefined ? undefined : `byte ${shown(bad)} is not ${integerTypeText('UCHAR')}`;
    }
    return integerProblem('ULONG64', value);
  }
  if (Array.isArray(value)) {
    // A flag word as an array of flag names (OR-ed) or numbers.
    for (const flag of value) {
      const problem = integerProblem(member, flag);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return integerProblem(member, value);
}

function integerProblem(type: NdisIntegerType, value: unknown): string | undefined {
  const expected = `expected ${integerTypeText(type)}, "0x…" or an NDIS name`;
  if (typeof value === 'string') {
    if (!SPELLED_NUMBER.test(value)) return looksLikeNdisName(value) ? undefined : `${expected}, got ${shown(value)}`;
    return Number(value) <= NDIS_INTEGER_TYPES[type] ? undefined : `${shown(value)} is not ${integerTypeText(type)}`;
  }
  if (typeof value !== 'number') return `${expected}, got ${shown(value)}`;
  return fitsInteger(value, type) ? undefined : `${shown(value)} is not ${integerTypeText(type)}`;
}
