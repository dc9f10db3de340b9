import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_EPB,
  BLOCK_IDB,
  BLOCK_SHB,
  BYTE_ORDER_MAGIC,
  encodePcapng,
  IF_NAME,
  IF_TSRESOL,
  LINKTYPE_ETHERNET,
  OPT_COMMENT,
  type PcapngPacket,
  SHB_USERAPPL,
} from './pcapng.ts';

interface Block {
  type: number;
  body: DataView;
}

/** A reader as small as the spec allows: blocks by their total length, which must repeat at the block's end. */
function blocks(bytes: Uint8Array): Block[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: Block[] = [];
  for (let at = 0; at < bytes.length; ) {
    const length = view.getUint32(at + 4, true);
    expect(length % 4, 'a block is a multiple of 32 bits').toBe(0);
    expect(view.getUint32(at + length - 4, true), 'the trailing Block Total Length').toBe(length);
    found.push({
      type: view.getUint32(at, true),
      body: new DataView(bytes.buffer, bytes.byteOffset + at + 8, length - 12),
    });
    at += length;
  }
  return found;
}

/** The options from `at` in a block's body: code → value bytes; checks each is padded and the list ends. */
function options(body: DataView, at: number): Map<number, Uint8Array> {
  const found = new Map<number, Uint8Array>();
  while (at < body.byteLength) {
    const code = body.getUint16(at, true);
    const length = body.getUint16(at + 2, true);
    if (code === 0) {
      expect(length).toBe(0);
      expect(at + 4, 'opt_endofopt ends the block').toBe(body.byteLength);
      return found;
    }
    const start = body.byteOffset + at + 4;
    found.set(code, new Uint8Array(body.buffer.slice(start, start + length)));
    const padding = new Uint8Array(body.buffer, start + length, (4 - (length % 4)) % 4);
    expect(
      [...padding].every((b) => b === 0),
      'options are padded with zeros',
    ).toBe(true);
    at += 4 + ((length + 3) & ~3);
  }
  expect(at, 'no options at all').toBe(body.byteLength);
  return found;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

interface ReadPacket extends PcapngPacket {
  interfaceId: number;
}

function read(bytes: Uint8Array) {
  const [shb, idb, ...epbs] = blocks(bytes);
  expect(shb!.type).toBe(BLOCK_SHB);
  expect(idb!.type).toBe(BLOCK_IDB);
  const packets: ReadPacket[] = epbs.map(({ type, body }) => {
    expect(type).toBe(BLOCK_EPB);
    const captured = body.getUint32(12, true);
    const start = body.byteOffset + 20;
    const data = new Uint8Array(body.buffer.slice(start, start + captured));
    const padding = new Uint8Array(body.buffer, start + captured, (4 - (captured % 4)) % 4);
    expect(
      [...padding].every((b) => b === 0),
      'packet data is padded with zeros',
    ).toBe(true);
    return {
      interfaceId: body.getUint32(0, true),
      timestampNs: body.getUint32(4, true) * 2 ** 32 + body.getUint32(8, true),
      bytes: data,
      originalLength: body.getUint32(16, true),
      comment: text(options(body, 20 + ((captured + 3) & ~3)).get(OPT_COMMENT)),
    };
  });
  return { shb: shb!.body, idb: idb!.body, packets };
}

const capture = (packets: PcapngPacket[]) =>
  encodePcapng({ application: 'vmq 9.9.9', interfaceName: 'vmq-wire', snaplen: 64, packets });

describe('encodePcapng', () => {
  it('writes a Section Header Block: byte-order magic, version 1.0, section length -1, shb_userappl', () => {
    const { shb } = read(capture([]));
    expect(shb.getUint32(0, true)).toBe(BYTE_ORDER_MAGIC);
    expect([shb.getUint16(4, true), shb.getUint16(6, true)]).toEqual([1, 0]);
    expect(shb.getBigInt64(8, true)).toBe(-1n);
    expect(text(options(shb, 16).get(SHB_USERAPPL))).toBe('vmq 9.9.9');
  });

  it('writes one Ethernet interface with its snaplen, if_name and nanosecond if_tsresol', () => {
    const { idb } = read(capture([]));
    expect(idb.getUint16(0, true)).toBe(LINKTYPE_ETHERNET);
    expect(idb.getUint32(4, true)).toBe(64);
    const opts = options(idb, 8);
    expect(text(opts.get(IF_NAME))).toBe('vmq-wire');
    expect([...opts.get(IF_TSRESOL)!]).toEqual([9]);
  });

  it('pads a 61-byte packet and a 5-byte comment to 32 bits: the EPB is 32 + 64 + 8 + 4 + 4 bytes', () => {
    const bytes = capture([
      { timestampNs: 1, bytes: new Uint8Array(61).fill(7), originalLength: 61, comment: 'hello' },
    ]);
    const [, , epb] = blocks(bytes);
    expect(epb!.body.byteLength + 12).toBe(12 + 20 + 64 + 4 + 8 + 4);
  });

  it('refuses a packet longer than the snaplen', () => {
    expect(() => capture([{ timestampNs: 0, bytes: new Uint8Array(65), originalLength: 65, comment: '' }])).toThrow(
      /snaplen 64/,
    );
  });

  it('round-trips any packets: time in ns past 2^32, bytes, original length, comment', () => {
    const packet = fc
      .record({
        timestampNs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        bytes: fc.uint8Array({ maxLength: 64 }),
        extra: fc.nat({ max: 1500 }),
        comment: fc.string({ unit: 'grapheme', maxLength: 80 }),
      })
      .map(({ extra, ...p }) => ({ ...p, originalLength: p.bytes.length + extra }));
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 8 }), (packets) => {
        const back = read(capture(packets)).packets;
        expect(back.map(({ interfaceId, ...p }) => p)).toEqual(
          packets.map((p) => ({ ...p, bytes: new Uint8Array(p.bytes) })),
        );
        expect(back.every((p) => p.interfaceId === 0)).toBe(true);
      }),
    );
  });
});
