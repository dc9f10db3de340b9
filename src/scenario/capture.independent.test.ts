/**
 * Independent tests of capture import (docs/capture-import.md, CONTRACT.md), written from the docs and the
 * pcap / pcapng drafts without reading the reader.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_MAX_BYTES, CaptureError, looksLikeCapture, readCapture } from './capture.ts';
import {
  concat,
  epb,
  ethernetFrame,
  idb,
  obsoletePb,
  otherBlock,
  PCAP_MAGIC_NS,
  PCAP_MAGIC_US,
  pcapFile,
  shb,
  spb,
  tsoffset,
  tsresol,
  vlanFrame,
} from './captureBuilders.testing.ts';
import { COMPRESSED_GAP_NS, replayAfterRun, replayOffsetNs } from './captureReplay.ts';
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';
import { pcapngRun } from './tracePcapng.ts';

const VM1 = [0x00, 0x15, 0x5d, 0x00, 0x00, 0x01];
const UNKNOWN = [0x00, 0x15, 0x5d, 0x77, 0x77, 0x77];
const frame = (n: number, length = 64) => ethernetFrame(VM1, length, n);
const offsets = (bytes: Uint8Array) => readCapture(bytes).frames.map((f) => f.offsetNs);

function builtIn(name: string): Scenario {
  const parsed = parseScenario(readFileSync(new URL(`../../public/scenarios/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.scenario;
}

function captureError(bytes: Uint8Array): CaptureError {
  try {
    readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureError) return e;
    throw e;
  }
  throw new Error('readCapture did not throw');
}

/** The message names `offset`, in decimal or hex. */
function namesOffset(message: string, offset: number): boolean {
  return new RegExp(`\\b(${offset}|0x0*${offset.toString(16)})\\b`, 'i').test(message);
}

describe('classic pcap', () => {
  for (const little of [true, false])
    it(`reads microsecond records in ${little ? 'little' : 'big'}-endian order`, () => {
      const bytes = pcapFile({
        little,
        records: [
          { sec: 100, frac: 999_999, data: frame(1) },
          { sec: 101, frac: 250, data: frame(2) },
        ],
      });
      const read = readCapture(bytes);
      expect(read.format).toBe('pcap');
      expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 251_000]);
      expect(read.frames[1]?.bytes).toEqual(frame(2));
      expect(read.skipped).toEqual({});
      expect(read.snapped).toBe(0);
    });

  for (const little of [true, false])
    it(`reads nanosecond records (0xA1B23C4D) in ${little ? 'little' : 'big'}-endian order`, () => {
      const bytes = pcapFile({
        little,
        magic: PCAP_MAGIC_NS,
        records: [
          { sec: 7, frac: 5, data: frame(1) },
          { sec: 7, frac: 1_005, data: frame(2) },
          { sec: 8, frac: 4, data: frame(3) },
        ],
      });
      expect(offsets(bytes)).toEqual([0, 1_000, 999_999_999]);
    });

  it('takes the LinkType from the low 16 bits of the link-type field (FCS bits above are ignored)', () => {
    const bytes = pcapFile({ linkType: 0x1000_0000 | (1 << 26) | 1, records: [{ sec: 0, frac: 0, data: frame(1) }] });
    expect(readCapture(bytes).frames).toHaveLength(1);
  });

  it('skips every packet of another link type and names the link type', () => {
    const bytes = pcapFile({
      linkType: 105,
      records: [
        { sec: 0, frac: 0, data: frame(1) },
        { sec: 0, frac: 1, data: frame(2) },
      ],
    });
    const read = readCapture(bytes);
    expect(read.frames).toEqual([]);
    expect(read.skipped['not-ethernet']).toBe(2);
    expect(read.linkTypes).toEqual([105]);
  });

  it('keeps the frames before a record cut off by the end of the file, and counts it truncated', () => {
    const whole = pcapFile({
      records: [
        { sec: 1, frac: 0, data: frame(1) },
        { sec: 1, frac: 10, data: frame(2) },
        { sec: 1, frac: 20, data: frame(3) },
      ],
    });
    for (const cut of [whole.length - 1, whole.length - 64 - 3, whole.length - 64 - 16 + 5]) {
      const read = readCapture(whole.subarray(0, cut));
      expect(read.frames.map((f) => f.bytes[14])).toEqual([1, 2]);
      expect(read.skipped.truncated).toBe(1);
    }
  });

  it('counts a record of zero bytes as empty', () => {
    const bytes = pcapFile({
      records: [
        { sec: 1, frac: 0, data: new Uint8Array(0) },
        { sec: 1, frac: 1, data: frame(2) },
      ],
    });
    const read = readCapture(bytes);
    expect(read.frames).toHaveLength(1);
    expect(read.skipped.empty).toBe(1);
  });

  it('skips frames longer than 1518 bytes and keeps a 1518-byte one', () => {
    const bytes = pcapFile({
      records: [
        { sec: 1, frac: 0, data: frame(1, 1518) },
        { sec: 1, frac: 1, data: frame(2, 1519) },
        { sec: 1, frac: 2, data: frame(3, 9000) },
      ],
    });
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.bytes.length)).toEqual([1518]);
    expect(read.skipped['too-long']).toBe(2);
  });

  it('pads a snapped frame with zero bytes to its original length and counts it', () => {
    const bytes = pcapFile({ snaplen: 64, records: [{ sec: 1, frac: 0, data: frame(9), originalLength: 200 }] });
    const read = readCapture(bytes);
    const got = read.frames[0]?.bytes ?? new Uint8Array(0);
    expect(got.length).toBe(200);
    expect(got.subarray(0, 64)).toEqual(frame(9));
    expect([...got.subarray(64)].every((b) => b === 0)).toBe(true);
    expect(read.snapped).toBe(1);
  });

  it('keeps file order when timestamps go backwards, with offsets from the first frame and never negative', () => {
    const bytes = pcapFile({
      records: [
        { sec: 10, frac: 0, data: frame(1) },
        { sec: 9, frac: 0, data: frame(2) },
        { sec: 10, frac: 5, data: frame(3) },
      ],
    });
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.bytes[14])).toEqual([1, 2, 3]);
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 0, 5_000]);
  });
});

describe('pcapng', () => {
  for (const little of [true, false])
    it(`reads Enhanced Packet Blocks in ${little ? 'little' : 'big'}-endian order, microseconds by default`, () => {
      const bytes = concat(
        shb(little),
        idb(little, 1),
        epb(little, 0, 5_000_000n, frame(1)),
        epb(little, 0, 5_000_003n, frame(2, 61)),
      );
      const read = readCapture(bytes);
      expect(read.format).toBe('pcapng');
      expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 3_000]);
      expect(read.frames[1]?.bytes).toEqual(frame(2, 61));
    });

  it('reads a timestamp above 32 bits (high word first)', () => {
    const bytes = concat(
      shb(),
      idb(true, 1),
      epb(true, 0, 0x1_0000_0000n, frame(1)),
      epb(true, 0, 0x2_0000_0000n, frame(2)),
    );
    expect(offsets(bytes)).toEqual([0, 0x1_0000_0000 * 1000]);
  });

  it('starts interfaces afresh in every section, which may change byte order', () => {
    const bytes = concat(
      shb(true),
      idb(true, 1),
      epb(true, 0, 1_000n, frame(1)),
      shb(false),
      idb(false, 113),
      epb(false, 0, 2_000n, frame(2)),
      shb(true),
      epb(true, 0, 3_000n, frame(3)),
      idb(true, 1),
      epb(true, 0, 4_000n, frame(4)),
    );
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.bytes[14])).toEqual([1, 4]);
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 3_000_000]);
    expect(read.skipped['not-ethernet']).toBe(1);
    expect(read.skipped['unknown-interface']).toBe(1);
    expect(read.linkTypes).toEqual([113]);
  });

  it('applies each interface’s if_tsresol (10^-n and 2^-n) and if_tsoffset', () => {
    const little = true;
    const bytes = concat(
      shb(little),
      idb(little, 1, [tsresol(9)]), // 0: nanoseconds
      idb(little, 1, [tsresol(0x80 | 10)]), // 1: 1/1024 s
      idb(little, 1, [tsoffset(little, 1n)]), // 2: microseconds, 1 s later
      idb(little, 1, [tsresol(3)]), // 3: milliseconds
      idb(little, 228), // 4: not Ethernet
      epb(little, 0, 1_000_000_000n, frame(0)), // 1 s
      epb(little, 1, 2048n, frame(1)), // 2 s
      epb(little, 2, 1_500_000n, frame(2)), // 1.5 s + 1 s
      epb(little, 3, 4_000n, frame(3)), // 4 s
      epb(little, 4, 0n, frame(4)),
      epb(little, 9, 0n, frame(5)),
    );
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 1e9, 1.5e9, 3e9]);
    expect(read.skipped).toEqual({ 'not-ethernet': 1, 'unknown-interface': 1 });
    expect(read.linkTypes).toEqual([228]);
  });

  it('honours if_tsoffset in a big-endian section', () => {
    const bytes = concat(
      shb(false),
      idb(false, 1),
      idb(false, 1, [tsoffset(false, 2n)]),
      epb(false, 0, 0n, frame(0)),
      epb(false, 1, 0n, frame(1)),
    );
    expect(offsets(bytes)).toEqual([0, 2e9]);
  });

  it('replays a Simple Packet Block with the frame before it, on interface 0', () => {
    const bytes = concat(
      shb(),
      idb(true, 1),
      epb(true, 0, 10n, frame(1)),
      epb(true, 0, 30n, frame(2)),
      spb(true, frame(3)),
    );
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.bytes[14])).toEqual([1, 2, 3]);
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 20_000, 20_000]);
  });

  it('pads a Simple Packet Block cut to the interface’s snaplen', () => {
    const bytes = concat(shb(), idb(true, 1, undefined, 64), spb(true, frame(1), 128));
    const read = readCapture(bytes);
    expect(read.frames[0]?.bytes.length).toBe(128);
    expect(read.snapped).toBe(1);
  });

  it('reads the obsolete Packet Block', () => {
    const bytes = concat(shb(), idb(true, 1), obsoletePb(true, 0, 100n, frame(1)), epb(true, 0, 107n, frame(2)));
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.offsetNs)).toEqual([0, 7_000]);
    expect(read.frames[0]?.bytes).toEqual(frame(1));
  });

  it('passes over other blocks (NRB, ISB, custom, unknown)', () => {
    const bytes = concat(
      shb(),
      otherBlock(true, 4, 8),
      idb(true, 1),
      otherBlock(true, 5, 20),
      epb(true, 0, 1n, frame(1)),
      otherBlock(true, 0x40000bad, 12),
      otherBlock(true, 0x00000bad, 0),
      epb(true, 0, 2n, frame(2)),
    );
    expect(offsets(bytes)).toEqual([0, 1_000]);
  });

  it('pads a snapped EPB with zeros to its original length and counts it', () => {
    const bytes = concat(shb(), idb(true, 1, undefined, 64), epb(true, 0, 0n, frame(1), 300));
    const read = readCapture(bytes);
    expect(read.frames[0]?.bytes.length).toBe(300);
    expect([...(read.frames[0]?.bytes.subarray(64) ?? [])].every((b) => b === 0)).toBe(true);
    expect(read.snapped).toBe(1);
  });

  it('counts empty and too-long EPBs', () => {
    const bytes = concat(
      shb(),
      idb(true, 1),
      epb(true, 0, 0n, new Uint8Array(0)),
      epb(true, 0, 0n, frame(1, 2000)),
      epb(true, 0, 0n, frame(2, 64), 1600),
      epb(true, 0, 0n, frame(3)),
    );
    const read = readCapture(bytes);
    expect(read.frames.map((f) => f.bytes[14])).toEqual([3]);
    expect(read.skipped).toEqual({ empty: 1, 'too-long': 2 });
  });

  it('keeps the frames before a block cut off by the end of the file', () => {
    const head = concat(shb(), idb(true, 1), epb(true, 0, 0n, frame(1)), epb(true, 0, 1n, frame(2)));
    const last = epb(true, 0, 2n, frame(3));
    for (const cut of [3, 8, 30, last.length - 1]) {
      const read = readCapture(concat(head, last.subarray(0, cut)));
      expect(read.frames.map((f) => f.bytes[14])).toEqual([1, 2]);
      expect(read.skipped.truncated).toBe(1);
    }
  });

  it('rejects a block whose trailing total length differs, naming the block’s offset', () => {
    const head = concat(shb(), idb(true, 1));
    const bad = epb(true, 0, 0n, frame(1), 64, { trailing: 80 });
    const e = captureError(concat(head, bad, epb(true, 0, 1n, frame(2))));
    expect(namesOffset(e.message, head.length)).toBe(true);
  });

  for (const leading of [0, 8, 13])
    it(`rejects an impossible block total length ${leading}, naming the byte offset`, () => {
      const head = concat(shb(), idb(true, 1), epb(true, 0, 0n, frame(1)));
      const bad = epb(true, 0, 1n, frame(2), 64, { leading });
      const e = captureError(concat(head, bad, epb(true, 0, 2n, frame(3))));
      expect(e.message).toMatch(/\d/);
      expect(namesOffset(e.message, head.length)).toBe(true);
    });

  it('counts a block longer than the rest of the file as truncated, keeping the frames before it', () => {
    const head = concat(shb(), idb(true, 1), epb(true, 0, 0n, frame(1)));
    const read = readCapture(concat(head, epb(true, 0, 1n, frame(2), 64, { leading: 0xfffffff0 })));
    expect(read.frames).toHaveLength(1);
    expect(read.skipped.truncated).toBe(1);
  });

  it('rejects a packet running past its block, naming the byte offset', () => {
    const head = concat(shb(), idb(true, 1));
    const e = captureError(concat(head, epb(true, 0, 0n, frame(1), 64, { capturedLength: 200 })));
    expect(e.message).toMatch(/\d/);
  });

  it('every sequence of well-formed EPBs reads back the same frames and offsets', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(
          fc.record({ gapUs: fc.integer({ min: 0, max: 1_000_000 }), length: fc.integer({ min: 14, max: 1518 }) }),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (little, packets) => {
          let t = 1_000_000n;
          const blocks = [shb(little), idb(little, 1)];
          const expected: number[] = [];
          let offset = 0;
          const frames = packets.map((p, i) => {
            t += BigInt(p.gapUs);
            offset += p.gapUs * 1000;
            expected.push(i === 0 ? 0 : offset - (packets[0]?.gapUs ?? 0) * 1000);
            const f = ethernetFrame(VM1, p.length, i);
            blocks.push(epb(little, 0, t, f));
            return f;
          });
          const read = readCapture(concat(...blocks));
          expect(read.frames.map((f) => f.bytes)).toEqual(frames);
          expect(read.frames.map((f) => f.offsetNs)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random byte corruption never throws anything but CaptureError', () => {
    const pcapng = concat(
      shb(),
      idb(true, 1, [tsresol(9)]),
      epb(true, 0, 5n, frame(1)),
      spb(true, frame(2)),
      obsoletePb(true, 0, 9n, frame(3)),
    );
    const pcap = pcapFile({ records: [{ sec: 1, frac: 2, data: frame(1) }] });
    fc.assert(
      fc.property(
        fc.constantFrom(pcapng, pcap),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat()),
        (base, edits, cut) => {
          const bytes = base.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const input = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          try {
            const read = readCapture(input);
            for (const f of read.frames) expect(f.offsetNs).toBeGreaterThanOrEqual(0);
          } catch (e) {
            expect(e).toBeInstanceOf(CaptureError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('what is not a capture', () => {
  it('looksLikeCapture knows every magic in either byte order', () => {
    for (const little of [true, false]) {
      expect(looksLikeCapture(pcapFile({ little, magic: PCAP_MAGIC_US, records: [] }))).toBe(true);
      expect(looksLikeCapture(pcapFile({ little, magic: PCAP_MAGIC_NS, records: [] }))).toBe(true);
      expect(looksLikeCapture(shb(little))).toBe(true);
    }
  });

  it('looksLikeCapture refuses a JSON scenario, an empty file and 3 bytes', () => {
    const json = readFileSync(new URL('../../public/scenarios/vlan-filtering.json', import.meta.url));
    expect(looksLikeCapture(new Uint8Array(json))).toBe(false);
    expect(looksLikeCapture(new Uint8Array(0))).toBe(false);
    expect(looksLikeCapture(Uint8Array.of(0xd4, 0xc3, 0xb2))).toBe(false);
  });

  it('a file that is not a capture is an error naming byte 0', () => {
    const e = captureError(new TextEncoder().encode('{"version": 2}'));
    expect(e.message).toMatch(/not a pcap or pcapng capture/);
    expect(e.message).toMatch(/byte 0/);
    expect(captureError(new Uint8Array(0))).toBeInstanceOf(CaptureError);
    expect(captureError(Uint8Array.of(0xd4, 0xc3, 0xb2))).toBeInstanceOf(CaptureError);
  });

  it('a file just over CAPTURE_MAX_BYTES is an error', () => {
    expect(CAPTURE_MAX_BYTES).toBe(64 * 1024 * 1024);
    const big = new Uint8Array(CAPTURE_MAX_BYTES + 1);
    big.set(pcapFile({ records: [{ sec: 0, frac: 0, data: frame(1) }] }));
    expect(captureError(big)).toBeInstanceOf(CaptureError);
  });
});

describe('the playground’s own pcapng export', () => {
  it('reads back: every frame, its time from the first and its header bytes, padded to its length', () => {
    const scenario = builtIn('vlan-filtering.json');
    const { bytes, frames } = pcapngRun(scenario, 'vmq test');
    const read = readCapture(bytes);
    expect(read.format).toBe('pcapng');
    expect(read.frames).toHaveLength(frames);
    expect(frames).toBeGreaterThan(0);
    const stories = replayAfterRun(scenario, read.frames, 'recorded');
    expect(stories).toHaveLength(frames);
    expect(read.frames.every((f, i) => i === 0 || f.offsetNs >= (read.frames[i - 1]?.offsetNs ?? 0))).toBe(true);
    expect(read.frames[0]?.offsetNs).toBe(0);
  });
});

describe('replaying through a built-in scenario', () => {
  it('frames to a VM’s MAC land in its queue, unknown MACs in the default queue', () => {
    const frames = [
      { offsetNs: 0, bytes: vlanFrame(VM1, 10) },
      { offsetNs: 1_000, bytes: vlanFrame(UNKNOWN, 10) },
    ];
    const [toVm, toNobody] = replayAfterRun(builtIn('allocate-filter-receive.json'), frames, 'recorded');
    expect(toVm?.vmName).toBe('VM1');
    expect(toVm?.queueId).toBeGreaterThan(0);
    expect(toVm?.length).toBe(128);
    expect(toNobody?.queueId).toBe(0);
  });

  it('a scenario that frees a queue at its end sends that VM’s frames to the default queue', () => {
    // The same frame reaches VM1's queue through allocate-filter-receive, whose run keeps the queue.
    const frames = [{ offsetNs: 0, bytes: vlanFrame(VM1, 10) }];
    const [story] = replayAfterRun(builtIn('free-queue-properly.json'), frames, 'recorded');
    expect(story?.queueId).toBe(0);
    expect(story?.dropped).toBeUndefined();
  });

  it('recorded spacing keeps offsets, compressed puts frames COMPRESSED_GAP_NS apart in file order', () => {
    expect(COMPRESSED_GAP_NS).toBe(1000);
    const f = { offsetNs: 5_000_000, bytes: frame(1) };
    expect(replayOffsetNs(f, 3, 'recorded')).toBe(5_000_000);
    expect(replayOffsetNs(f, 3, 'compressed')).toBe(3 * COMPRESSED_GAP_NS);
    const frames = [
      { offsetNs: 0, bytes: ethernetFrame(VM1, 128) },
      { offsetNs: 9_000_000, bytes: ethernetFrame(VM1, 128) },
    ];
    const s = builtIn('allocate-filter-receive.json');
    const recorded = replayAfterRun(s, frames, 'recorded');
    const compressed = replayAfterRun(s, frames, 'compressed');
    expect(recorded.map((r) => r.t - (recorded[0]?.t ?? 0))).toEqual([0, 9_000_000]);
    expect(compressed.map((r) => r.t - (compressed[0]?.t ?? 0))).toEqual([0, COMPRESSED_GAP_NS]);
  });
});
