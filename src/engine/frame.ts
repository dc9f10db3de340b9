/** Ethernet frames as bytes: MAC text ⇄ 48-bit integers, building frames and parsing their headers. */

/** Six hex octets with one consistent separator, "-" or ":" (docs/scenario-format.md, MAC addresses). */
export const MAC_PATTERN = /^[0-9A-Fa-f]{2}(?:(?:-[0-9A-Fa-f]{2}){5}|(?::[0-9A-Fa-f]{2}){5})$/;

export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_IPV4 = 0x0800;
export const BROADCAST_MAC = 0xffffffffffff;

/**
 * A 48-bit MAC held as a double is hi * MAC_HI_UNIT + lo: its high 16 bits and its low 32 bits. The
 * hot path splits it so that it compares two int32 halves, never 48-bit doubles.
 */
export const MAC_HI_UNIT = 2 ** 32;

/** "00-15-5D-00-00-01" (or with colons) → 48-bit integer; undefined when malformed. */
export function parseMac(text: string): number | undefined {
  const trimmed = text.trim();
  return MAC_PATTERN.test(trimmed) ? parseInt(trimmed.replace(/[-:]/g, ''), 16) : undefined;
}

/** A 48-bit integer → "00-15-5D-00-00-01": upper case, dash separated, the way Windows prints MACs. */
export function formatMac(mac: number): string {
  const octets: string[] = [];
  for (let i = 5; i >= 0; i--)
    octets.push((Math.floor(mac / 256 ** i) % 256).toString(16).toUpperCase().padStart(2, '0'));
  return octets.join('-');
}

/** True for group (multicast and broadcast) addresses: the I/G bit of the first octet. */
export const isGroupMac = (mac: number): boolean => Math.floor(mac / 256 ** 5) % 2 === 1;

export interface FrameTemplate {
  dst: number;
  src: number;
  vlanId: number | null;
  priority: number;
  etherType: number;
  frameBytes: number;
}

export const MIN_FRAME_BYTES = 60;
export const MAX_UNTAGGED_FRAME_BYTES = 1514;
export const MAX_TAGGED_FRAME_BYTES = 1518;

/** Builds a frame (no FCS); the payload counts up so hex dumps are easy to follow. */
export function buildFrame(f: FrameTemplate): Uint8Array {
  const bytes = new Uint8Array(f.frameBytes);
  writeMac(bytes, 0, f.dst);
  writeMac(bytes, 6, f.src);
  let off = 12;
  if (f.vlanId !== null) {
    bytes[12] = ETHERTYPE_VLAN >> 8;
    bytes[13] = ETHERTYPE_VLAN & 0xff;
    const tci = ((f.priority & 7) << 13) | (f.vlanId & 0x0fff);
    bytes[14] = tci >> 8;
    bytes[15] = tci & 0xff;
    off = 16;
  }
  bytes[off] = f.etherType >> 8;
  bytes[off + 1] = f.etherType & 0xff;
  for (let i = off + 2; i < bytes.length; i++) bytes[i] = (i - off - 2) & 0xff;
  return bytes;
}

function writeMac(bytes: Uint8Array, at: number, mac: number): void {
  for (let i = 0; i < 6; i++) bytes[at + i] = Math.floor(mac / 256 ** (5 - i)) % 256;
}

/** Destination MAC of a frame (at least 6 bytes). Kept allocation-free: this runs once per frame. */
export const readDstMac = (b: Uint8Array): number =>
  (b[0]! * 256 + b[1]!) * MAC_HI_UNIT + (((b[2]! << 24) | (b[3]! << 16) | (b[4]! << 8) | b[5]!) >>> 0);

/** VLAN ID of an 802.1Q-tagged frame, or -1 when untagged. */
export const readVlanId = (b: Uint8Array): number =>
  b.length >= 16 && b[12] === 0x81 && b[13] === 0x00 ? ((b[14]! & 0x0f) << 8) | b[15]! : -1;

export function hexToBytes(hex: string): Uint8Array | undefined {
  const clean = hex.replace(/[\s:-]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(clean)) return undefined;
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
