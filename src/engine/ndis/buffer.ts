/**
 * Reads NDIS structures carried as JSON. Numeric fields accept numbers, "0x…" strings, NDIS enum or
 * flag names, or arrays of flag names (OR-ed), so scenarios read like Microsoft's pages; whatever the
 * spelling, the value must fit the member's C type (fields.ts).
 */
import { parseMac } from '../frame.ts';
import { asFilterId, asQueueId, type FilterId, type QueueId } from '../types.ts';
import { fitsInteger, INTEGER_MEMBER_TYPES, integerTypeText } from './fields.ts';

/** A field value that cannot be read; NDIS answers NDIS_STATUS_INVALID_DATA. */
export class InvalidBufferData extends Error {}

/** An OID request's information buffer as JSON: its members under their NDIS names. */
export type InfoBuffer = Record<string, unknown>;

export function readNumber(
  buf: InfoBuffer | undefined,
  field: string,
  fallback: number,
  names?: Record<string, number>,
): number {
  const value = buf?.[field];
  if (value === undefined || value === null) return fallback;
  const type = INTEGER_MEMBER_TYPES.get(field) ?? 'ULONG';
  const one = (v: unknown): number => {
    const number = spelledNumber(v, names);
    if (number === undefined)
      throw new InvalidBufferData(
        `${field}: cannot read ${JSON.stringify(v)} as a number${names ? ' or a known name' : ''}`,
      );
    // A value its C type cannot hold (0.5, -16, 2^40 in a ULONG) is no buffer a caller could send.
    if (!fitsInteger(number, type)) throw new InvalidBufferData(`${field}: ${number} is not ${integerTypeText(type)}`);
    return number;
  };
  return Array.isArray(value) ? value.reduce((acc: number, v) => (acc | one(v)) >>> 0, 0) : one(value);
}

/** A number, a "0x…" or decimal string, or a name from `names`; undefined for anything else. */
function spelledNumber(v: unknown, names: Record<string, number> | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  if (/^(0x[0-9a-f]+|\d+)$/i.test(trimmed)) return Number(trimmed);
  return names !== undefined && Object.hasOwn(names, trimmed) ? names[trimmed] : undefined;
}

/** A QueueId member (0, the default queue, when absent): where a QueueId enters from a buffer. */
export const readQueueId = (buf: InfoBuffer | undefined, field = 'QueueId'): QueueId =>
  asQueueId(readNumber(buf, field, 0));

/** A FilterId member (0, no filter, when absent). */
export const readFilterId = (buf: InfoBuffer | undefined, field = 'FilterId'): FilterId =>
  asFilterId(readNumber(buf, field, 0));

export function readString(buf: InfoBuffer | undefined, field: string): string {
  const value = buf?.[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InvalidBufferData(`${field}: expected a string`);
  return value;
}

export function readObject(buf: InfoBuffer | undefined, field: string): InfoBuffer | undefined {
  const value = buf?.[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidBufferData(`${field}: expected an object`);
  return value as InfoBuffer;
}

export function readArray(buf: InfoBuffer | undefined, field: string): InfoBuffer[] {
  const value = buf?.[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) {
    throw new InvalidBufferData(`${field}: expected an array of objects`);
  }
  return value as InfoBuffer[];
}

/** A MAC in FieldByteArrayValue: "00-15-5D-00-00-01" or an array of 6+ bytes (the first 6 count). */
export function readMacValue(buf: InfoBuffer, field: string): number {
  const value = buf[field];
  if (typeof value === 'string') {
    const mac = parseMac(value);
    if (mac !== undefined) return mac;
  } else if (
    Array.isArray(value) &&
    value.length >= 6 &&
    value.slice(0, 6).every((b) => Number.isInteger(b) && b >= 0 && b <= 255)
  ) {
    return (value as number[]).slice(0, 6).reduce((acc, b) => acc * 256 + b, 0);
  }
  throw new InvalidBufferData(`${field}: expected a MAC address such as "00-15-5D-00-00-01"`);
}
