/**
 * The Ethernet and 802.1Q header of a traced frame, field by field, each with the bytes it occupies, so the
 * inspector can link a field to its bytes. The bytes are the frame's first ones, as `frame-arrived.headerHex`
 * carries them.
 */

export interface HeaderField {
  /** Stable key linking a field row to its bytes. */
  key: string;
  /** The field's name as IEEE 802.3 / 802.1Q call it. */
  name: string;
  value: string;
  /** Byte range [start, end). Sub-byte fields (PCP, DEI, VID) share the TCI's two bytes. */
  start: number;
  end: number;
}

export interface FrameHeader {
  bytes: number[];
  fields: HeaderField[];
  /** Bytes of the frame not carried in the trace. */
  notShown: number;
}

const TPID_8021Q = 0x8100;

/** A Map, not an object literal, so the EtherTypes stay written in hex as every reference writes them. */
const ETHER_TYPES: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'],
  [0x0806, 'ARP'],
  [0x86dd, 'IPv6'],
  [0x8100, '802.1Q'],
]);

const hex = (value: number, digits: number): string => `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;

const mac = (bytes: number[], at: number): string =>
  bytes
    .slice(at, at + 6)
    .map((b) => b.toString(16).toUpperCase().padStart(2, '0'))
    .join('-');

const word = (bytes: number[], at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

function etherType(value: number): string {
  const name = ETHER_TYPES.get(value);
  return name === undefined ? hex(value, 4) : `${hex(value, 4)} (${name})`;
}

function hexBytes(text: string): number[] {
  return (text.match(/[0-9a-f]{2}/gi) ?? []).map((pair) => parseInt(pair, 16));
}

/** Splits the traced bytes of a frame of `lengthBytes` into its header fields. */
export function parseFrameHeader(headerHex: string, lengthBytes: number): FrameHeader {
  const bytes = hexBytes(headerHex);
  const fields: HeaderField[] = [];
  const add = (key: string, name: string, value: string, start: number, end: number) => {
    if (bytes.length >= end) fields.push({ key, name, value, start, end });
  };
  add('dst', 'Destination address', mac(bytes, 0), 0, 6);
  add('src', 'Source address', mac(bytes, 6), 6, 12);
  let payloadAt = 14;
  if (word(bytes, 12) === TPID_8021Q && bytes.length >= 16) {
    const tci = word(bytes, 14);
    const vid = tci & 0x0fff;
    add('tpid', 'TPID (802.1Q tag)', hex(TPID_8021Q, 4), 12, 14);
    add('pcp', 'PCP (priority)', String(tci >> 13), 14, 16);
    add('dei', 'DEI', String((tci >> 12) & 1), 14, 16);
    add('vid', 'VID (VLAN ID)', vid === 0 ? '0 (priority-tagged)' : String(vid), 14, 16);
    add('type', 'EtherType', etherType(word(bytes, 16)), 16, 18);
    payloadAt = 18;
  } else {
    add('type', 'EtherType', etherType(word(bytes, 12)), 12, 14);
  }
  if (bytes.length > payloadAt) {
    add('payload', 'Payload', `${lengthBytes - payloadAt} bytes`, payloadAt, bytes.length);
  }
  return { bytes, fields, notShown: Math.max(0, lengthBytes - bytes.length) };
}
