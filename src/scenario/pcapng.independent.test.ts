/**
 * Independent tests of `vmq run --pcapng` (docs/cli.md "pcapng output"), written from the doc and the pcapng
 * spec (draft-ietf-opsawg-pcapng) without reading the writer. The bytes are parsed by a reader written here from
 * the spec, and compared with the NDJSON of `vmq run --json --frames` for the same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';

const SCENARIOS = join(__dirname, '../../public/scenarios');
const BUILT_IN = readdirSync(SCENARIOS).filter((name) => name.endsWith('.json'));

interface Run {
  code: number;
  out: string[];
  err: string[];
  written: Map<string, Uint8Array>;
}

function vmq(...argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, Uint8Array>();
  const code = runCli(argv, {
    readFile: (path) => readFileSync(path, 'utf8'),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '0.1.0',
    writeFile: (path, data) => {
      written.set(path, typeof data === 'string' ? new TextEncoder().encode(data) : data);
    },
  });
  return { code, out, err, written };
}

interface Option {
  code: number;
  value: Uint8Array;
}
interface Block {
  type: number;
  body: Uint8Array;
}
interface Packet {
  interfaceId: number;
  ts: bigint;
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
  options: Option[];
}

/** Splits the file into blocks, checking that each block's leading and trailing total lengths agree. */
function readBlocks(bytes: Uint8Array): Block[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks: Block[] = [];
  let at = 0;
  while (at < bytes.length) {
    expect(bytes.length - at).toBeGreaterThanOrEqual(12);
    const type = view.getUint32(at, true);
    const total = view.getUint32(at + 4, true);
    expect(total % 4, `block at ${at}: total length ${total} is a multiple of 4`).toBe(0);
    expect(at + total).toBeLessThanOrEqual(bytes.length);
    expect(view.getUint32(at + total - 4, true), `block at ${at}: trailing total length`).toBe(total);
    blocks.push({ type, body: bytes.subarray(at + 8, at + total - 4) });
    at += total;
  }
  expect(at).toBe(bytes.length);
  return blocks;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The element at `index`, failing the test when there is none. */
function at<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no element ${index} (length ${items.length})`);
  return item;
}

/** Options: code, length, value padded to 32 bits with zeros, ended by opt_endofopt (0, 0). */
function readOptions(area: Uint8Array): Option[] {
  const view = new DataView(area.buffer, area.byteOffset, area.byteLength);
  const options: Option[] = [];
  let at = 0;
  for (;;) {
    expect(area.length - at, 'options end with opt_endofopt').toBeGreaterThanOrEqual(4);
    const code = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (code === 0) {
      expect(length).toBe(0);
      expect(at + 4, 'nothing after opt_endofopt').toBe(area.length);
      return options;
    }
    const value = area.subarray(at + 4, at + 4 + length);
    expect(value.length).toBe(length);
    const padding = area.subarray(at + 4 + length, at + 4 + pad4(length));
    expect(
      [...padding].every((b) => b === 0),
      `option ${code} padding is zeros`,
    ).toBe(true);
    options.push({ code, value });
    at += 4 + pad4(length);
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function readPcapng(bytes: Uint8Array) {
  const blocks = readBlocks(bytes);
  const shb = at(blocks, 0);
  const idb = at(blocks, 1);
  const rest = blocks.slice(2);
  expect(shb.type).toBe(0x0a0d0d0a);
  const shbView = new DataView(shb.body.buffer, shb.body.byteOffset, shb.body.byteLength);
  expect(shbView.getUint32(0, true), 'byte-order magic, little-endian').toBe(0x1a2b3c4d);
  expect(shbView.getUint16(4, true)).toBe(1);
  expect(shbView.getUint16(6, true)).toBe(0);
  expect(shbView.getBigInt64(8, true), 'section length -1').toBe(-1n);
  const shbOptions = readOptions(shb.body.subarray(16));

  expect(idb.type).toBe(1);
  const idbView = new DataView(idb.body.buffer, idb.body.byteOffset, idb.body.byteLength);
  const idbOptions = readOptions(idb.body.subarray(8));

  const packets: Packet[] = rest.map((block) => {
    expect(block.type, 'every block after the IDB is an EPB').toBe(6);
    const v = new DataView(block.body.buffer, block.body.byteOffset, block.body.byteLength);
    const capturedLength = v.getUint32(12, true);
    const data = block.body.subarray(20, 20 + capturedLength);
    const padding = block.body.subarray(20 + capturedLength, 20 + pad4(capturedLength));
    expect(
      [...padding].every((b) => b === 0),
      'packet data padding is zeros',
    ).toBe(true);
    return {
      interfaceId: v.getUint32(0, true),
      ts: (BigInt(v.getUint32(4, true)) << 32n) | BigInt(v.getUint32(8, true)),
      capturedLength,
      originalLength: v.getUint32(16, true),
      data,
      options: readOptions(block.body.subarray(20 + pad4(capturedLength))),
    };
  });
  return {
    shb: { options: shbOptions },
    idb: {
      linkType: idbView.getUint16(0, true),
      reserved: idbView.getUint16(2, true),
      snapLen: idbView.getUint32(4, true),
      options: idbOptions,
    },
    packets,
  };
}

type Event = Record<string, unknown> & { kind: string; t: number };

function ndjsonEvents(file: string): Event[] {
  const run = vmq('run', file, '--json', '--frames');
  return run.out
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.type === 'event') as Event[];
}

function pcapngOf(file: string, ...extra: string[]): Uint8Array {
  const run = vmq('run', file, '--pcapng', 'out.pcapng', ...extra);
  expect(run.err).toEqual([]);
  const bytes = run.written.get('out.pcapng');
  expect(bytes, 'the pcapng was written').toBeDefined();
  return bytes as Uint8Array;
}

/** The comment docs/cli.md promises for a frame, from the NDJSON events. */
function expectedComment(frameId: number, events: Event[]): string {
  const classified = events.find((e) => e.kind === 'frame-classified' && e.frameId === frameId) as
    | (Event & { queueId: number; filterId: number; match: { vmName: string; takes: boolean }[] })
    | undefined;
  const taker = classified?.match.find((m) => m.takes);
  const indication = events.find(
    (e) =>
      e.kind === 'nbls-indicated' &&
      (e.parts as { frameIds?: number[] }[]).some((part) => part.frameIds?.includes(frameId)),
  );
  const dropped = events.find(
    (e) =>
      (e.kind === 'frame-dropped' && e.frameId === frameId) ||
      (e.kind === 'frames-dropped' && (e.frameIds as number[] | undefined)?.includes(frameId)),
  );
  const dash = (value: unknown) => (value === undefined || value === null || value === '' ? '-' : String(value));
  const disposition = indication
    ? 'indicated'
    : dropped
      ? `dropped: ${dropped.reason}`
      : 'not indicated by the end of the run';
  return `QueueId ${dash(classified?.queueId)}, FilterId ${dash(classified?.filterId)}, VM ${dash(taker?.vmName)}, CPU ${dash(indication?.cpu)}: ${disposition}`;
}

const COMMENT =
  /^QueueId (\d+|-), FilterId (\d+|-), VM (\S+), CPU (\d+|-): (indicated|dropped: \S+|not indicated by the end of the run)/;

/** Checks the whole export of `file` against docs/cli.md and the NDJSON of the same run. */
function checkExport(file: string): string[] {
  const capture = readPcapng(pcapngOf(file, '--quiet'));
  const events = ndjsonEvents(file);

  const userappl = capture.shb.options.find((o) => o.code === 4);
  expect(userappl && text(userappl.value)).toBe('vmq 0.1.0');
  expect(capture.idb.linkType).toBe(1);
  expect(capture.idb.reserved).toBe(0);
  expect(capture.idb.snapLen).toBe(64);
  const ifName = capture.idb.options.find((o) => o.code === 2);
  expect(ifName && text(ifName.value)).toBe('vmq-wire');
  const tsresol = capture.idb.options.find((o) => o.code === 9);
  expect(tsresol && [...tsresol.value]).toEqual([9]);

  const arrived = events.filter((e) => e.kind === 'frame-arrived') as (Event & {
    frameId: number;
    length: number;
    headerHex: string;
  })[];
  expect(capture.packets.length).toBe(arrived.length);
  let previous = -1n;
  capture.packets.forEach((packet, i) => {
    const frame = at(arrived, i);
    expect(packet.interfaceId).toBe(0);
    expect(packet.ts, `packet ${i + 1} timestamp is frame-arrived t in ns`).toBe(BigInt(frame.t));
    expect(packet.ts >= previous, 'timestamps in order').toBe(true);
    previous = packet.ts;
    expect(packet.capturedLength).toBeLessThanOrEqual(64);
    expect(hex(packet.data)).toBe(frame.headerHex.toLowerCase());
    expect(packet.originalLength).toBe(frame.length);
    expect(packet.originalLength).toBeGreaterThanOrEqual(packet.capturedLength);
    const comments = packet.options.filter((o) => o.code === 1).map((o) => text(o.value));
    expect(comments.length).toBe(1);
    expect(at(comments, 0)).toMatch(COMMENT);
    expect(at(comments, 0).startsWith(expectedComment(frame.frameId, events)), at(comments, 0)).toBe(true);
  });
  return capture.packets.map((packet) => text(packet.options.find((o) => o.code === 1)?.value ?? new Uint8Array()));
}

describe('vmq run --pcapng (docs/cli.md "pcapng output")', () => {
  it.each(BUILT_IN)('%s: SHB, IDB and one EPB per frame-arrived, agreeing with the NDJSON', (name) => {
    checkExport(join(SCENARIOS, name));
  });

  it('a pcapng that cannot be written is exit 2; --pcapng takes one file only', () => {
    const file = join(SCENARIOS, 'vlan-filtering.json');
    const out: string[] = [];
    const err: string[] = [];
    const code = runCli(['run', file, '--pcapng', '/nowhere/x.pcapng'], {
      readFile: (path) => readFileSync(path, 'utf8'),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      version: '0.1.0',
      writeFile: () => {
        throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
      },
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('/nowhere/x.pcapng');
    const two = vmq('run', file, join(SCENARIOS, 'oid-errors.json'), '--pcapng', 'two.pcapng');
    expect(two.code).toBe(2);
    expect(two.written.size).toBe(0);
  });

  it('the bytes do not depend on --frames or --json, and stdout is the same as without --pcapng', () => {
    const file = join(SCENARIOS, 'vlan-filtering.json');
    const plain = pcapngOf(file);
    expect(hex(pcapngOf(file, '--frames'))).toBe(hex(plain));
    expect(hex(pcapngOf(file, '--json'))).toBe(hex(plain));
    expect(vmq('run', file, '--pcapng', 'x.pcapng').out).toEqual(vmq('run', file).out);
  });

  it("vlan-filtering.json: each tagged frame's 802.1Q tag is in the packet data", () => {
    const file = join(SCENARIOS, 'vlan-filtering.json');
    const capture = readPcapng(pcapngOf(file));
    const arrived = ndjsonEvents(file).filter((e) => e.kind === 'frame-arrived');
    let tagged = 0;
    capture.packets.forEach((packet, i) => {
      const vlanId = at(arrived, i).vlanId as number | null;
      const tpid = (at(packet.data, 12) << 8) | at(packet.data, 13);
      if (vlanId === null) {
        expect(tpid, `packet ${i + 1} is untagged`).not.toBe(0x8100);
        return;
      }
      tagged++;
      expect(tpid, `packet ${i + 1} carries 802.1Q`).toBe(0x8100);
      expect(((at(packet.data, 14) << 8) | at(packet.data, 15)) & 0x0fff).toBe(vlanId);
    });
    expect(tagged).toBeGreaterThan(0);
  });

  it('tshark reads the vlan-filtering export back: comments and VLAN IDs', () => {
    const file = join(SCENARIOS, 'vlan-filtering.json');
    const dir = mkdtempSync(join(tmpdir(), 'vmq-pcapng-'));
    const out = join(dir, 'vlan.pcapng');
    writeFileSync(out, pcapngOf(file));
    const lines = execFileSync(
      '/usr/bin/tshark',
      ['-r', out, '-T', 'fields', '-E', 'separator=|', '-e', 'frame.number', '-e', 'frame.comment', '-e', 'vlan.id'],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n');
    const events = ndjsonEvents(file);
    const arrived = events.filter((e) => e.kind === 'frame-arrived');
    expect(lines.length).toBe(arrived.length);
    lines.forEach((line, i) => {
      const [number, comment = '', vlan] = line.split('|');
      expect(Number(number)).toBe(i + 1);
      expect(comment.startsWith(expectedComment(at(arrived, i).frameId as number, events)), comment).toBe(true);
      const vlanId = at(arrived, i).vlanId as number | null;
      expect(vlan).toBe(vlanId === null ? '' : String(vlanId));
    });
  });
});
