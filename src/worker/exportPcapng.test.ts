import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { harness } from './hostHarness.ts';

const FILE = 'vlan-filtering.json';
const TEXT = readFileSync(new URL(`../../public/scenarios/${FILE}`, import.meta.url), 'utf8');

/** What `vmq run FILE --pcapng out.pcapng …` writes. */
function cliPcapng(...argv: string[]): Uint8Array {
  let written: Uint8Array | undefined;
  runCli(['run', FILE, '--quiet', '--pcapng', 'out.pcapng', ...argv], {
    readFile: () => TEXT,
    out: () => {},
    err: () => {},
    version: '9.9.9',
    writeFile: (_, data) => {
      written = data as Uint8Array;
    },
  });
  if (!written) throw new Error('vmq wrote no pcapng');
  return written;
}

describe('export-pcapng', () => {
  it('is byte-identical to vmq run --pcapng, even with per-frame tracing off on the page', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: { ...JSON.parse(TEXT), seed: 7 }, source: FILE });
    send({ type: 'set-trace-frames', on: false });
    pull();
    const reply = send({ type: 'export-pcapng', tool: 'vmq 9.9.9' });
    if (reply?.type !== 'pcapng-exported') throw new Error(`expected pcapng-exported, got ${JSON.stringify(reply)}`);
    expect(reply.frames).toBeGreaterThan(0);
    expect(new Uint8Array(reply.pcapng)).toEqual(cliPcapng('--seed', '7'));
  });
});
