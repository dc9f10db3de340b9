/** The capture reader: classic pcap and pcapng as their specifications lay them out, built byte by byte here. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFrame, parseMac } from '../engine/index.ts';
import { CAPTURE_MAX_BYTES, CaptureError, readCapture } from './capture.ts';
import { encodePcapng } from './pcapng.ts';

const FRAME = buildFrame({
  dst: parseMac('00-15-5D-00-00-01')!,
  src: parseMac('00-1D-D8-B7-1C-01')!,
  vlanId: 10,
  priority: 0,
  etherType: 0x0800,
  frameBytes: 128,
});

/** Little helper to lay out integers in either byte order. */
class Bytes {
  readonly parts: number[] = [];
  constructor(readonly little: boolean) {}
  u8(...values: number[]) {
    this.parts.push(...values);
    return this;
  }
  u16(v: number) {
    return this.little ? this.u8(v & 0xff, v >>> 8) : this.u8(v >>> 8, v & 0xff);
  }
  u32(v: number) {
    const be = [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    return this.u8(...(this.little ? be.reverse() : be));
  }
  data(bytes: Uint8Array) {
    this.u8(...bytes);
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get bytes() {
    return Uint8Array.from(this.parts);
  }
}

function pcap(
  little: boolean,
  nano: boolean,
  records: { s: number; frac: number; data: Uint8Array; orig?: number }[],
  linkType = 1,
) {
  const b = new Bytes(little)
    .u32(nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(65535)
    .u32(linkType);
  for (const r of records) {
    b.u32(r.s)
      .u32(r.frac)
      .u32(r.data.length)
      .u32(r.orig ?? r.data.length);
    b.u8(...r.data);
  }
  return b.bytes;
}

/** A pcapng block: type, total length, body, total length. */
function block(little: boolean, type: number, body: (b: Bytes) => void): number[] {
  const inner = new Bytes(little);
  body(inner);
  while (inner.parts.length % 4 !== 0) inner.parts.push(0);
  const total = inner.parts.length + 12;
  return new Bytes(little)
    .u32(type)
    .u32(total)
    .u8(...inner.parts)
    .u32(total).parts;
}
const shb = (little: boolean) =>
  block(little, 0x0a0d0d0a, (b) => b.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff));
const idb = (little: boolean, linkType = 1, options: (b: Bytes) => void = () => {}) =>
  block(little, 1, (b) => {
    b.u16(linkType).u16(0).u32(0);
    options(b);
    b.u16(0).u16(0);
  });
const epb = (little: boolean, iface: number, ts: bigint, data: Uint8Array, orig = data.length) =>
  block(little, 6, (b) =>
    b
      .u32(iface)
      .u32(Number(ts >> 32n))
      .u32(Number(ts & 0xffffffffn))
      .u32(data.length)
      .u32(orig)
      .data(data),
  );

describe('classic pcap', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('little-endian %s, nanosecond %s: frames with their spacing from the first', (little, nano) => {
    const read = readCapture(
      pcap(little, nano, [
        { s: 1_700_000_000, frac: 5, data: FRAME },
        { s: 1_700_000_001, frac: 7, data: FRAME },
      ]),
    );
    expect(read.format).toBe('pcap');
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 1_000_000_000 + (nano ? 2 : 2000)]);
    expect(read.frames[0]!.bytes).toEqual(FRAME);
  });

  it('a snapped frame is padded to its length on the wire, and counted', () => {
    const read = readCapture(pcap(true, false, [{ s: 0, frac: 0, data: FRAME.subarray(0, 64), orig: 128 }]));
    expect(read.snapped).toBe(1);
    expect(read.frames[0]!.bytes.length).toBe(128);
    expect(read.frames[0]!.bytes.subarray(0, 64)).toEqual(FRAME.subarray(0, 64));
  });

  it('a record cut off by the end of the file is counted as truncated, the frames before it kept', () => {
    const whole = pcap(true, false, [
      { s: 0, frac: 0, data: FRAME },
      { s: 0, frac: 1, data: FRAME },
    ]);
    const read = readCapture(whole.subarray(0, whole.length - 10));
    expect(read.frames).toHaveLength(1);
    expect(read.skipped).toEqual({ truncated: 1 });
  });

  it('a non-Ethernet link type is skipped frame by frame and named', () => {
    const read = readCapture(pcap(false, false, [{ s: 0, frac: 0, data: FRAME }], 105));
    expect(read.frames).toHaveLength(0);
    expect(read.skipped).toEqual({ 'not-ethernet': 1 });
    expect(read.linkTypes).toEqual([105]);
  });

  it('a frame longer than 1518 bytes is skipped: no VMQ adapter receives it', () => {
    const read = readCapture(pcap(true, false, [{ s: 0, frac: 0, data: new Uint8Array(1600) }]));
    expect(read.skipped).toEqual({ 'too-long': 1 });
  });
});

describe('pcapng', () => {
  it('reads what our own writer writes: every packet, with its nanosecond times', () => {
    const bytes = encodePcapng({
      application: 'test',
      interfaceName: 'wire',
      snaplen: 64,
      packets: [
        { timestampNs: 1000, bytes: FRAME.subarray(0, 64), originalLength: 128, comment: 'a' },
        { timestampNs: 4500, bytes: FRAME.subarray(0, 64), originalLength: 128, comment: 'b' },
      ],
    });
    const read = readCapture(bytes);
    expect(read.format).toBe('pcapng');
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 3500]);
    expect(read.frames.map((f) => f.bytes.length)).toEqual([128, 128]);
  });

  it.each([false, true])('little-endian %s: the default resolution is microseconds', (little) => {
    const read = readCapture(
      Uint8Array.from([...shb(little), ...idb(little), ...epb(little, 0, 10n, FRAME), ...epb(little, 0, 13n, FRAME)]),
    );
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 3000]);
  });

  it('if_tsresol in powers of two, and if_tsoffset, convert to ns', () => {
    const tsresol = (b: Bytes) =>
      b
        .u16(9)
        .u16(1)
        .u8(0x80 | 10, 0, 0, 0); // 2^-10 s
    const read = readCapture(
      Uint8Array.from([
        ...shb(true),
        ...idb(true, 1, tsresol),
        ...epb(true, 0, 1024n, FRAME),
        ...epb(true, 0, 1536n, FRAME),
      ]),
    );
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 500_000_000]);
  });

  it('interfaces are per section: a second section in the other byte order starts its own', () => {
    const read = readCapture(
      Uint8Array.from([
        ...shb(true),
        ...idb(true, 105),
        ...epb(true, 0, 0n, FRAME),
        ...shb(false),
        ...idb(false),
        ...epb(false, 0, 5n, FRAME),
        ...epb(false, 1, 6n, FRAME),
      ]),
    );
    expect(read.frames).toHaveLength(1);
    expect(read.skipped).toEqual({ 'not-ethernet': 1, 'unknown-interface': 1 });
  });

  it('a Simple Packet Block replays with the frame before it; unknown blocks are passed over', () => {
    const spb = block(true, 3, (b) => b.u32(FRAME.length).data(FRAME));
    const custom = block(true, 0x00000bad, (b) => b.u32(1));
    const read = readCapture(
      Uint8Array.from([...shb(true), ...idb(true), ...epb(true, 0, 7n, FRAME), ...custom, ...spb]),
    );
    expect(read.frames.map((f) => [f.offsetNs, f.bytes.length])).toEqual([
      [0, FRAME.length],
      [0, FRAME.length],
    ]);
  });

  it('a block cut off by the end of the file is truncated; a block with an impossible length is an error at its byte', () => {
    const whole = Uint8Array.from([...shb(true), ...idb(true), ...epb(true, 0, 0n, FRAME), ...epb(true, 0, 1n, FRAME)]);
    expect(readCapture(whole.subarray(0, whole.length - 8)).skipped).toEqual({ truncated: 1 });
    const corrupt = whole.slice();
    const second = shb(true).length + idb(true).length;
    new DataView(corrupt.buffer).setUint32(second + 4, 13, true);
    expect(() => readCapture(corrupt)).toThrow(
      new CaptureError(`pcapng: the block at byte ${second} declares a length of 13 (a multiple of 4, ≥ 12)`),
    );
  });
});

describe('what is not a capture', () => {
  it('a text file is refused, naming what it starts with', () => {
    expect(() => readCapture(new TextEncoder().encode('{"format":"vmq-scenario"}'))).toThrow(
      /not a pcap or pcapng capture: it starts with 0x7b22666f at byte 0/,
    );
  });

  it('a file over the documented limit is refused before it is read', () => {
    expect(() => readCapture(new Uint8Array(CAPTURE_MAX_BYTES + 1))).toThrow(/the limit is 64\.0 MiB/);
  });

  it('any bytes, and any damage to a valid capture, give frames or a CaptureError, never another failure', () => {
    const valid = Uint8Array.from([...shb(true), ...idb(true), ...epb(true, 0, 0n, FRAME), ...epb(true, 0, 9n, FRAME)]);
    const classic = pcap(false, true, [{ s: 1, frac: 2, data: FRAME }]);
    const damaged = fc
      .tuple(
        fc.constantFrom(valid, classic),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(),
      )
      .map(([base, edits, cut]) => {
        const bytes = base.slice(0, base.length - (cut % 24));
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return bytes;
      });
    const answers = (bytes: Uint8Array) => {
      try {
        const read = readCapture(bytes);
        for (const frame of read.frames) expect(frame.offsetNs).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect(error).toBeInstanceOf(CaptureError);
      }
    };
    fc.assert(fc.property(damaged, answers), { numRuns: 3000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), answers), { numRuns: 2000 });
  });
});
