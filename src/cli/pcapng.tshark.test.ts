/**
 * Issue 11 §1: a pcapng `vmq run --pcapng` writes opens in tshark (Wireshark's reader) with every frame of the run,
 * its comment, its virtual time, and its VLAN tag. .ci/run installs tshark; without it this test fails, never skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.ts';

const SCENARIOS = 'public/scenarios';
const DIR = mkdtempSync(join(tmpdir(), 'vmq-pcapng-'));

/** What vmq prints (NDJSON lines) for argv, writing files for real. */
function vmq(...argv: string[]): string[] {
  const out: string[] = [];
  runCli(argv, {
    readFile: (path) => readFileSync(path, 'utf8'),
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    version: '0.0.0-test',
    writeFile: (path, data) => writeFileSync(path, data),
  });
  return out;
}

interface TsharkFrame {
  number: number;
  epoch: string;
  comment: string;
  vlanId: string;
}

function tshark(file: string): TsharkFrame[] {
  const fields = ['frame.number', 'frame.time_epoch', 'frame.comment', 'vlan.id'].flatMap((f) => ['-e', f]);
  const run = spawnSync('tshark', ['-r', file, '-T', 'fields', ...fields, '-E', 'separator=\t'], { encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `tshark could not run (${run.error.message}): install it (apt-get install tshark; .ci/run does) — this test checks the pcapng export with it`,
    );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [number = '', epoch = '', comment = '', vlanId = ''] = line.split('\t');
      return { number: Number(number), epoch, comment, vlanId };
    });
}

/** "12.000000345" as integer ns, without going through a double. */
const epochNs = (epoch: string): bigint => {
  const [seconds = '0', fraction = ''] = epoch.split('.');
  return BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
};

type Event = Record<string, unknown> & { kind: string; t: number };

describe('vmq run --pcapng, read back by tshark', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));

  it('covers vlan-filtering.json, whose VLAN tags must decode', () => {
    expect(files).toContain('vlan-filtering.json');
  });

  it.each(files)('%s: every frame of the run, in time order, with its comment and VLAN id', (name) => {
    const path = join(SCENARIOS, name);
    const out = join(DIR, `${name}.pcapng`);
    vmq('run', path, '--quiet', '--pcapng', out);
    // The same run's per-frame events, as vmq prints them: what each packet must say.
    const events = vmq('run', path, '--json', '--frames')
      .map((line) => JSON.parse(line) as { type: string } & Event)
      .filter((line) => line.type === 'event');
    const arrived = events.filter((e) => e.kind === 'frame-arrived');
    const frames = tshark(out);

    expect(frames.map((f) => f.number)).toEqual(arrived.map((_, i) => i + 1));
    const times = frames.map((f) => epochNs(f.epoch));
    for (let i = 1; i < times.length; i++) expect(times[i]! >= times[i - 1]!).toBe(true);
    arrived.forEach((event, i) => {
      const frame = frames[i]!;
      expect(times[i]).toBe(BigInt(event.t));
      expect(frame.vlanId).toBe(event['vlanId'] === null ? '' : String(event['vlanId']));
      const classified = events.find((e) => e.kind === 'frame-classified' && e['frameId'] === event['frameId']);
      const dropped = events.find(
        (e) =>
          (e.kind === 'frame-dropped' && e['frameId'] === event['frameId']) ||
          (e.kind === 'frames-dropped' &&
            (e['frameIds'] as number[] | undefined)?.includes(event['frameId'] as number)),
      );
      expect(frame.comment).toMatch(/^QueueId \S+, FilterId \S+, VM .+, CPU \S+: /);
      if (classified)
        expect(frame.comment).toContain(`QueueId ${classified['queueId']}, FilterId ${classified['filterId']}`);
      if (dropped) expect(frame.comment).toMatch(new RegExp(`: dropped: ${dropped['reason']}$`));
    });
    if (name === 'vlan-filtering.json') expect(frames.some((f) => f.vlanId !== '')).toBe(true);
  });
});
