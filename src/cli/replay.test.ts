/** vmq replay (docs/capture-import.md): a capture through a scenario's filters, from the command line. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

const DIR = mkdtempSync(join(tmpdir(), 'vmq-replay-'));
const VLAN = 'public/scenarios/vlan-filtering.json';

function vmq(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    readFile: (path) => readFileSync(path, 'utf8'),
    readBytes: (path) => readFileSync(path),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '0.0.0-test',
    writeFile: (path, data) => writeFileSync(path, data),
  });
  return { code, out, err };
}

const exported = (name: string) => {
  const file = join(DIR, name);
  expect(vmq('run', VLAN, '--quiet', '--pcapng', file).code).toBe(0);
  return file;
};

describe('vmq replay', () => {
  it('prints where the frames went, per queue and VM, after saying what it read', () => {
    const { code, out } = vmq('replay', VLAN, exported('a.pcapng'));
    expect(code).toBe(0);
    expect(out[0]).toMatch(/a\.pcapng: pcapng, 19 frames to replay; 19 snapped, padded to their length$/);
    expect(out.slice(2).sort()).toEqual([
      '  QueueId 0: 8 indicated',
      '  QueueId 1 (VM1): 4 indicated',
      '  QueueId 2 (VM2): 7 indicated',
    ]);
  });

  it('--json gives one vmq-replay object with every frame, agreeing with the summary', () => {
    const { code, out } = vmq('replay', VLAN, exported('b.pcapng'), '--json', '--compress');
    expect(code).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report).toMatchObject({
      format: 'vmq-replay',
      version: 1,
      spacing: 'compressed',
      read: { format: 'pcapng', frames: 19 },
    });
    expect(report.frames.filter((f: { QueueId: number }) => f.QueueId === 2)).toHaveLength(7);
    expect(report.frames.every((f: { fate: string }) => f.fate === 'indicated')).toBe(true);
  });

  it('reads a classic pcap that tshark wrote from our pcapng, with the same result', () => {
    const pcapng = exported('c.pcapng');
    const pcap = join(DIR, 'c.pcap');
    const tshark = spawnSync('tshark', ['-r', pcapng, '-F', 'pcap', '-w', pcap], { encoding: 'utf8' });
    expect(tshark.status, tshark.stderr).toBe(0);
    const fromPcap = vmq('replay', VLAN, pcap);
    expect(fromPcap.out[0]).toMatch(/c\.pcap: pcap, 19 frames/);
    expect(fromPcap.out.slice(1)).toEqual(vmq('replay', VLAN, pcapng).out.slice(1));
  });

  it('a file that is not a capture is a clear error, exit 2', () => {
    const bad = join(DIR, 'bad.pcap');
    writeFileSync(bad, 'not a capture at all');
    const { code, out, err } = vmq('replay', VLAN, bad);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([`vmq: ${bad}: not a pcap or pcapng capture: it starts with 0x6e6f7420 at byte 0`]);
  });

  it('needs a scenario and a capture', () => {
    const { code, err } = vmq('replay', VLAN);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/replay needs a scenario file and a pcap or pcapng capture/);
  });
});
