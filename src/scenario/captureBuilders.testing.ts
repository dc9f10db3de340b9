/**
 * Tiny capture writers for the independent capture tests, written from the pcap and pcapng drafts
 * (draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng), not from the reader.
 */

/** An Ethernet frame of `length` bytes to `dst` (6 bytes), IPv4 EtherType, payload bytes set to `fill`. */
export function ethernetFrame(dst: readonly number[], length = 64, fill = 0xab): Uint8Array {
  const frame = new Uint8Array(length).fill(fill);
  frame.set(dst.slice(0, Math.min(6, length)), 0);
  if (length >= 14) {
    frame.set([0x02, 0, 0, 0, 0, 0x99], 6);
    frame.set([0x08, 0x00], 12);
  }
  return frame;
}

class Writer {
  readonly #parts: number[] = [];
  constructor(readonly little: boolean) {}
  u16(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff];
    this.#parts.push(...(this.little ? b : b.reverse()));
    return this;
  }
  u32(v: number): this {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.#parts.push(...(this.little ? b : b.reverse()));
    return this;
  }
  i64(v: bigint): this {
    const u = BigInt.asUintN(64, v);
    const lo = Number(u & 0xffffffffn);
    const hi = Number(u >> 32n);
    return this.little ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  bytes(b: Uint8Array | readonly number[]): this {
    for (const x of b) this.#parts.push(x);
    return this;
  }
  pad4(): this {
    while (this.#parts.length % 4 !== 0) this.#parts.push(0);
    return this;
  }
  get length(): number {
    return this.#parts.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.#parts);
  }
}

// ---------- classic pcap ----------

export const PCAP_MAGIC_US = 0xa1b2c3d4;
export const PCAP_MAGIC_NS = 0xa1b23c4d;

export interface PcapRecord {
  sec: number;
  /** Microseconds or nanoseconds, as the magic says. */
  frac: number;
  data: Uint8Array;
  originalLength?: number;
}

export function pcapFile(options: {
  little?: boolean;
  magic?: number;
  linkType?: number;
  snaplen?: number;
  records: readonly PcapRecord[];
}): Uint8Array {
  const w = new Writer(options.little ?? true);
  w.u32(options.magic ?? PCAP_MAGIC_US)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(options.snaplen ?? 65535)
    .u32(options.linkType ?? 1);
  for (const r of options.records)
    w.u32(r.sec)
      .u32(r.frac)
      .u32(r.data.length)
      .u32(r.originalLength ?? r.data.length)
      .bytes(r.data);
  return w.done();
}

// ---------- pcapng ----------

export interface BlockOption {
  code: number;
  value: Uint8Array | readonly number[];
}

function writeOptions(w: Writer, opts: readonly BlockOption[] | undefined): void {
  if (!opts || opts.length === 0) return;
  for (const o of opts) w.u16(o.code).u16(o.value.length).bytes(o.value).pad4();
  w.u16(0).u16(0);
}

/** Wrong block total lengths to write instead of the right one. */
export interface LengthOverride {
  leading?: number;
  trailing?: number;
}

/** A block: type, total length, body (padded to 32 bits), total length again. */
function block(little: boolean, type: number, body: (w: Writer) => void, override?: LengthOverride): Uint8Array {
  const inner = new Writer(little);
  body(inner);
  inner.pad4();
  const total = inner.length + 12;
  return new Writer(little)
    .u32(type)
    .u32(override?.leading ?? total)
    .bytes(inner.done())
    .u32(override?.trailing ?? total)
    .done();
}

export function shb(little = true, opts?: readonly BlockOption[]): Uint8Array {
  return block(little, 0x0a0d0d0a, (w) => {
    w.u32(0x1a2b3c4d).u16(1).u16(0).i64(-1n);
    writeOptions(w, opts);
  });
}

export function idb(little: boolean, linkType: number, opts?: readonly BlockOption[], snaplen = 0): Uint8Array {
  return block(little, 1, (w) => {
    w.u16(linkType).u16(0).u32(snaplen);
    writeOptions(w, opts);
  });
}

/** if_tsresol: one byte; the high bit set means 2^-n, else 10^-n. */
export const tsresol = (value: number): BlockOption => ({ code: 9, value: [value] });

/** if_tsoffset: a signed 64-bit count of seconds, in the section's byte order. */
export function tsoffset(little: boolean, seconds: bigint): BlockOption {
  return { code: 14, value: new Writer(little).i64(seconds).done() };
}

export function epb(
  little: boolean,
  interfaceId: number,
  timestamp: bigint,
  data: Uint8Array,
  originalLength = data.length,
  override?: LengthOverride & { capturedLength?: number },
): Uint8Array {
  return block(
    little,
    6,
    (w) => {
      w.u32(interfaceId)
        .u32(Number(timestamp >> 32n))
        .u32(Number(timestamp & 0xffffffffn))
        .u32(override?.capturedLength ?? data.length)
        .u32(originalLength)
        .bytes(data);
    },
    override,
  );
}

export function spb(little: boolean, data: Uint8Array, originalLength = data.length): Uint8Array {
  return block(little, 3, (w) => {
    w.u32(originalLength).bytes(data);
  });
}

/** The obsolete Packet Block (type 2): a 16-bit interface id and a 16-bit drops count. */
export function obsoletePb(little: boolean, interfaceId: number, timestamp: bigint, data: Uint8Array): Uint8Array {
  return block(little, 2, (w) => {
    w.u16(interfaceId)
      .u16(0)
      .u32(Number(timestamp >> 32n))
      .u32(Number(timestamp & 0xffffffffn))
      .u32(data.length)
      .u32(data.length)
      .bytes(data);
  });
}

/** Any block type with an opaque body (for "other blocks are passed over"). */
export function otherBlock(little: boolean, type: number, bodyLength: number): Uint8Array {
  return block(little, type, (w) => {
    w.bytes(new Uint8Array(bodyLength).fill(0x5a));
  });
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An 802.1Q-tagged Ethernet frame of `length` bytes to `dst` on VLAN `vlan`. */
export function vlanFrame(dst: readonly number[], vlan: number, length = 128): Uint8Array {
  const frame = ethernetFrame(dst, length);
  frame.set([0x81, 0x00, (vlan >>> 8) & 0x0f, vlan & 0xff, 0x08, 0x00], 12);
  return frame;
}
