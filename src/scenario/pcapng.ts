/**
 * A pcapng writer (IETF draft-ietf-opsawg-pcapng): one section, one Ethernet interface, one Enhanced Packet Block
 * per frame with a comment. Written here rather than taken from a package: the blocks needed are a few dozen lines,
 * and no well-kept library that runs in both the browser and Node writes per-packet comments. Little-endian, as the
 * byte-order magic of the Section Header Block declares; readers handle either order.
 */

/** One packet: its capture time in ns (the interface's if_tsresol is 9), the bytes captured, and a comment. */
export interface PcapngPacket {
  timestampNs: number;
  /** The bytes captured: at most the interface's snaplen. */
  bytes: Uint8Array;
  /** The frame's length on the wire (at least bytes.length). */
  originalLength: number;
  comment: string;
}

export interface PcapngCapture {
  /** shb_userappl: the application that wrote the file ("vmq 0.1.0"). */
  application: string;
  /** if_name of the one interface. */
  interfaceName: string;
  /** The interface's snaplen: no packet carries more bytes. */
  snaplen: number;
  packets: readonly PcapngPacket[];
}

export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
export const BLOCK_EPB = 0x00000006;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const LINKTYPE_ETHERNET = 1;
export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_TSRESOL = 9;
/** if_tsresol 9: timestamps count units of 10^-9 s, the engine's virtual nanoseconds. */
const TSRESOL_NANOSECONDS = 9;

interface PcapngOption {
  code: number;
  value: Uint8Array;
}

const utf8 = new TextEncoder();
const text = (code: number, value: string): PcapngOption => ({ code, value: utf8.encode(value) });
const padded = (length: number): number => (length + 3) & ~3;

/** An options list: each code, length, value padded to 32 bits, then opt_endofopt. Empty when there are none. */
function optionsLength(options: readonly PcapngOption[]): number {
  if (options.length === 0) return 0;
  return options.reduce((sum, o) => sum + 4 + padded(o.value.length), 4);
}

/** Sequential little-endian writes into one buffer sized in advance. */
class BlockWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;
  constructor(length: number) {
    this.bytes = new Uint8Array(length);
    this.#view = new DataView(this.bytes.buffer);
  }
  u16(value: number): void {
    this.#view.setUint16(this.#at, value, true);
    this.#at += 2;
  }
  u32(value: number): void {
    this.#view.setUint32(this.#at, value >>> 0, true);
    this.#at += 4;
  }
  /** The bytes, then zeros up to the next 32-bit boundary. */
  data(value: Uint8Array): void {
    this.bytes.set(value, this.#at);
    this.#at += padded(value.length);
  }
  options(options: readonly PcapngOption[]): void {
    if (options.length === 0) return;
    for (const option of options) {
      this.u16(option.code);
      this.u16(option.value.length);
      this.data(option.value);
    }
    this.u16(OPT_ENDOFOPT);
    this.u16(0);
  }
  /** Block type and Block Total Length (which the block repeats at its end); `body` writes the rest. */
  block(type: number, length: number, body: () => void): void {
    this.u32(type);
    this.u32(length);
    body();
    this.u32(length);
  }
}

const BLOCK_FRAME = 12; // type, total length, trailing total length

export function encodePcapng(capture: PcapngCapture): Uint8Array {
  const shbOptions = [text(SHB_USERAPPL, capture.application)];
  const idbOptions = [
    text(IF_NAME, capture.interfaceName),
    { code: IF_TSRESOL, value: Uint8Array.of(TSRESOL_NANOSECONDS) },
  ];
  const shbLength = BLOCK_FRAME + 16 + optionsLength(shbOptions);
  const idbLength = BLOCK_FRAME + 8 + optionsLength(idbOptions);
  const packets = capture.packets.map((packet) => {
    if (packet.bytes.length > capture.snaplen)
      throw new RangeError(`a packet of ${packet.bytes.length} bytes is longer than the snaplen ${capture.snaplen}`);
    const options = packet.comment === '' ? [] : [text(OPT_COMMENT, packet.comment)];
    return { packet, options, length: BLOCK_FRAME + 20 + padded(packet.bytes.length) + optionsLength(options) };
  });
  const writer = new BlockWriter(shbLength + idbLength + packets.reduce((sum, p) => sum + p.length, 0));
  writer.block(BLOCK_SHB, shbLength, () => {
    writer.u32(BYTE_ORDER_MAGIC);
    writer.u16(1); // major version
    writer.u16(0); // minor version
    // Section Length -1: not given, so a reader walks the blocks.
    writer.u32(0xffffffff);
    writer.u32(0xffffffff);
    writer.options(shbOptions);
  });
  writer.block(BLOCK_IDB, idbLength, () => {
    writer.u16(LINKTYPE_ETHERNET);
    writer.u16(0); // reserved
    writer.u32(capture.snaplen);
    writer.options(idbOptions);
  });
  for (const { packet, options, length } of packets) {
    writer.block(BLOCK_EPB, length, () => {
      writer.u32(0); // Interface ID: the one IDB
      writer.u32(Math.floor(packet.timestampNs / 2 ** 32));
      writer.u32(packet.timestampNs % 2 ** 32);
      writer.u32(packet.bytes.length);
      writer.u32(packet.originalLength);
      writer.data(packet.bytes);
      writer.options(options);
    });
  }
  return writer.bytes;
}
