/**
 * Reads a capture a user brings — classic pcap or pcapng (docs/capture-import.md) — into the Ethernet frames the
 * engine can replay. Written from the pcap and pcapng specifications (draft-ietf-opsawg-pcap,
 * draft-ietf-opsawg-pcapng): both byte orders, micro- and nanosecond pcap, every pcapng section and interface,
 * `if_tsresol` and `if_tsoffset`, Enhanced, Simple and obsolete Packet Blocks. What cannot be replayed is counted
 * by reason, never thrown; only a file that is not a capture, or whose structure is corrupt, is an error.
 */
import { MAX_TAGGED_FRAME_BYTES } from '../engine/index.ts';

/** The largest capture read: the engine replays this many frames in seconds, and a page holds the file in memory. */
export const CAPTURE_MAX_BYTES = 64 * 1024 * 1024;
export const CAPTURE_MAX_FRAMES = 1_000_000;

/** LINKTYPE_ETHERNET: the only link type whose packets are Ethernet frames the adapter receives. */
const LINKTYPE_ETHERNET = 1;

export interface CapturedFrame {
  /** Time since the capture's first frame, in ns (never negative: a frame stamped earlier replays at once). */
  offsetNs: number;
  /** The frame without FCS; a snapped frame is padded with zero bytes to its original length. */
  bytes: Uint8Array;
}

export type CaptureSkip = 'not-ethernet' | 'truncated' | 'empty' | 'too-long' | 'unknown-interface';

export interface CaptureRead {
  format: 'pcap' | 'pcapng';
  frames: CapturedFrame[];
  /** Frames that were not replayable, by reason. */
  skipped: Partial<Record<CaptureSkip, number>>;
  /** Frames captured shorter than they were on the wire (snaplen), replayed padded to their length. */
  snapped: number;
  /** The link types of the packets skipped as not Ethernet. */
  linkTypes: number[];
}

/** What makes a file unreadable as a capture; the message names the byte offset. */
export class CaptureError extends Error {}

const PCAP_MAGIC = { micro: 0xa1b2c3d4, nano: 0xa1b23c4d } as const;
const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Whether `bytes` start as a pcap or pcapng file does (any byte order). */
export function looksLikeCapture(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, false) === PCAPNG_SHB || pcapOrder(view) !== null;
}

export function readCapture(bytes: Uint8Array): CaptureRead {
  if (bytes.length > CAPTURE_MAX_BYTES)
    throw new CaptureError(
      `the capture is ${mib(bytes.length)}; the limit is ${mib(CAPTURE_MAX_BYTES)} (docs/capture-import.md)`,
    );
  if (bytes.length < 4) throw new CaptureError('not a pcap or pcapng capture: the file is shorter than 4 bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = view.getUint32(0, false);
  const reader = new Frames();
  if (first === PCAPNG_SHB) readPcapng(bytes, view, reader);
  else if (pcapOrder(view) !== null) readPcap(bytes, view, reader);
  else
    throw new CaptureError(
      `not a pcap or pcapng capture: it starts with 0x${first.toString(16).padStart(8, '0')} at byte 0`,
    );
  return reader.result(first === PCAPNG_SHB ? 'pcapng' : 'pcap');
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** Collects frames and skips; times are kept absolute (BigInt ns) until the end, since epoch ns exceed 2^53. */
class Frames {
  #frames: { tNs: bigint; bytes: Uint8Array }[] = [];
  #skipped: Partial<Record<CaptureSkip, number>> = {};
  #snapped = 0;
  #linkTypes = new Set<number>();

  /** `tNs` null: the packet carries no time (a Simple Packet Block) and replays with the frame before it. */
  add(linkType: number, tNs: bigint | null, data: Uint8Array, originalLength: number): void {
    if (linkType !== LINKTYPE_ETHERNET) {
      this.#linkTypes.add(linkType);
      return this.skip('not-ethernet');
    }
    const length = Math.max(originalLength, data.length);
    if (length === 0) return this.skip('empty');
    if (length > MAX_TAGGED_FRAME_BYTES) return this.skip('too-long');
    if (this.#frames.length >= CAPTURE_MAX_FRAMES)
      throw new CaptureError(`the capture has more than ${CAPTURE_MAX_FRAMES.toLocaleString('en')} frames, the limit`);
    let frame = data.slice();
    if (length > data.length) {
      this.#snapped++;
      frame = new Uint8Array(length);
      frame.set(data);
    }
    this.#frames.push({ tNs: tNs ?? this.#frames.at(-1)?.tNs ?? 0n, bytes: frame });
  }

  skip(reason: CaptureSkip): void {
    this.#skipped[reason] = (this.#skipped[reason] ?? 0) + 1;
  }

  result(format: CaptureRead['format']): CaptureRead {
    const start = this.#frames[0]?.tNs ?? 0n;
    let previous = 0;
    const frames = this.#frames.map(({ tNs, bytes }) => {
      // Replay keeps the file's order; a frame stamped before the one ahead of it follows it at once.
      previous = Math.max(previous, Number(tNs - start));
      return { offsetNs: previous, bytes };
    });
    return { format, frames, skipped: this.#skipped, snapped: this.#snapped, linkTypes: [...this.#linkTypes] };
  }
}

/** true = little-endian file, false = big-endian, null = not pcap; with the magic's time unit. */
function pcapOrder(view: DataView): { little: boolean; nano: boolean } | null {
  for (const little of [false, true]) {
    const magic = view.getUint32(0, little);
    if (magic === PCAP_MAGIC.micro || magic === PCAP_MAGIC.nano) return { little, nano: magic === PCAP_MAGIC.nano };
  }
  return null;
}

const PCAP_HEADER = 24;
const PCAP_RECORD = 16;

function readPcap(bytes: Uint8Array, view: DataView, frames: Frames): void {
  const { little, nano } = pcapOrder(view)!;
  if (bytes.length < PCAP_HEADER) throw new CaptureError('pcap: the file header ends before byte 24');
  // The LinkType is the low 16 bits; the bits above carry the FCS length, which an Ethernet capture rarely sets.
  const linkType = view.getUint32(20, little) & 0xffff;
  let at = PCAP_HEADER;
  while (at < bytes.length) {
    if (at + PCAP_RECORD > bytes.length) return frames.skip('truncated');
    const seconds = BigInt(view.getUint32(at, little));
    const fraction = BigInt(view.getUint32(at + 4, little));
    const captured = view.getUint32(at + 8, little);
    const original = view.getUint32(at + 12, little);
    const end = at + PCAP_RECORD + captured;
    if (end > bytes.length) return frames.skip('truncated');
    const tNs = seconds * 1_000_000_000n + (nano ? fraction : fraction * 1000n);
    frames.add(linkType, tNs, bytes.subarray(at + PCAP_RECORD, end), original);
    at = end;
  }
}

interface Interface {
  linkType: number;
  snaplen: number;
  /** Timestamp units per second, and the offset in seconds added to every timestamp. */
  unitsPerSecond: bigint;
  offsetSeconds: bigint;
}

const BLOCK = { interface: 0x1, obsoletePacket: 0x2, simplePacket: 0x3, enhancedPacket: 0x6 } as const;
const OPTION = { end: 0, tsresol: 9, tsoffset: 14 } as const;

function readPcapng(bytes: Uint8Array, view: DataView, frames: Frames): void {
  let little = false;
  let interfaces: Interface[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return frames.skip('truncated');
    const type = view.getUint32(at, false);
    if (type === PCAPNG_SHB) {
      const magic = view.getUint32(at + 8, false);
      if (magic === BYTE_ORDER_MAGIC) little = false;
      else if (magic === 0x4d3c2b1a) little = true;
      else throw new CaptureError(`pcapng: the Section Header Block at byte ${at} has no byte-order magic`);
      interfaces = [];
    }
    const blockType = view.getUint32(at, little);
    const length = view.getUint32(at + 4, little);
    if (length < 12 || length % 4 !== 0)
      throw new CaptureError(`pcapng: the block at byte ${at} declares a length of ${length} (a multiple of 4, ≥ 12)`);
    if (at + length > bytes.length) return frames.skip('truncated');
    if (view.getUint32(at + length - 4, little) !== length)
      throw new CaptureError(`pcapng: the block at byte ${at} ends with a length other than its ${length}`);
    const body = at + 8;
    const bodyEnd = at + length - 4;
    const u32 = (offset: number) => view.getUint32(offset, little);
    const packet = (iface: number, tsAt: number, capturedAt: number, dataAt: number) => {
      const captured = u32(capturedAt);
      const original = u32(capturedAt + 4);
      if (dataAt + captured > bodyEnd)
        throw new CaptureError(`pcapng: the packet at byte ${at} runs past the end of its block`);
      const known = interfaces[iface];
      if (!known) return frames.skip('unknown-interface');
      const ts = (BigInt(u32(tsAt)) << 32n) | BigInt(u32(tsAt + 4));
      frames.add(known.linkType, timeNs(ts, known), bytes.subarray(dataAt, dataAt + captured), original);
    };
    switch (blockType) {
      case BLOCK.interface:
        if (body + 8 > bodyEnd)
          throw new CaptureError(`pcapng: the Interface Description Block at byte ${at} is short`);
        interfaces.push({
          linkType: view.getUint16(body, little),
          snaplen: u32(body + 4),
          ...timeOptions(view, body + 8, bodyEnd, little),
        });
        break;
      case BLOCK.enhancedPacket:
        if (body + 20 > bodyEnd) throw new CaptureError(`pcapng: the Enhanced Packet Block at byte ${at} is short`);
        packet(u32(body), body + 4, body + 12, body + 20);
        break;
      case BLOCK.obsoletePacket:
        if (body + 20 > bodyEnd) throw new CaptureError(`pcapng: the Packet Block at byte ${at} is short`);
        packet(view.getUint16(body, little), body + 4, body + 12, body + 20);
        break;
      case BLOCK.simplePacket: {
        const known = interfaces[0];
        if (!known) {
          frames.skip('unknown-interface');
          break;
        }
        const original = u32(body);
        const captured = Math.min(original, known.snaplen || original, bodyEnd - body - 4);
        frames.add(known.linkType, null, bytes.subarray(body + 4, body + 4 + captured), original);
        break;
      }
    }
    at += length;
  }
}

/** if_tsresol (default microseconds) and if_tsoffset from an interface's options. */
function timeOptions(
  view: DataView,
  from: number,
  end: number,
  little: boolean,
): Pick<Interface, 'unitsPerSecond' | 'offsetSeconds'> {
  let unitsPerSecond = 1_000_000n;
  let offsetSeconds = 0n;
  let at = from;
  while (at + 4 <= end) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    if (code === OPTION.end || at + 4 + length > end) break;
    if (code === OPTION.tsresol && length >= 1) {
      const resol = view.getUint8(at + 4);
      const power = BigInt(resol & 0x7f);
      unitsPerSecond = resol & 0x80 ? 2n ** power : 10n ** power;
    }
    if (code === OPTION.tsoffset && length >= 8) offsetSeconds = view.getBigInt64(at + 4, little);
    at += 4 + Math.ceil(length / 4) * 4;
  }
  return { unitsPerSecond, offsetSeconds };
}

function timeNs(ts: bigint, iface: Interface): bigint {
  return iface.offsetSeconds * 1_000_000_000n + (ts * 1_000_000_000n) / iface.unitsPerSecond;
}
