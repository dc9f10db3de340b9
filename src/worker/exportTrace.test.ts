import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { harness } from './hostHarness.ts';

const FILE = 'vmq-in-a-minute.json';
const TEXT = readFileSync(new URL(`../../public/scenarios/${FILE}`, import.meta.url), 'utf8');

/** What `vmq run --json …` prints for `files`, byte for byte as vmq.ts writes it (each line ended by "\n"). */
function cliOutput(files: Record<string, string>, ...argv: string[]): string {
  let out = '';
  runCli(['run', '--json', ...argv], {
    readFile: (path) => files[path] ?? '',
    out: (line) => {
      out += `${line}\n`;
    },
    err: () => {},
    version: '9.9.9',
  });
  return out;
}

function exported(send: ReturnType<typeof harness>['send'], file: string) {
  const reply = send({ type: 'export-trace', file, tool: 'vmq 9.9.9' });
  if (reply?.type !== 'trace-exported') throw new Error(`expected trace-exported, got ${JSON.stringify(reply)}`);
  return { text: new TextDecoder().decode(reply.ndjson), frames: reply.frames };
}

describe('export-trace', () => {
  it('is byte-identical to vmq run --json for the same scenario and seed, wherever the page stands', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: { ...JSON.parse(TEXT), seed: 42 }, source: FILE });
    send({ type: 'seek', tNs: 30_000 });
    pull();
    const { text, frames } = exported(send, FILE);
    // The story traces its frames (its options.traceFrames), so the page does, and vmq shows them with --frames.
    expect(frames).toBe(true);
    expect(text).toBe(cliOutput({ [FILE]: TEXT }, FILE, '--seed', '42', '--frames'));
    expect(text.split('\n').filter((line) => line.includes('"type":"event"')).length).toBeGreaterThan(20);
  });

  it('with per-frame tracing off, equals vmq run --json without --frames', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: TEXT, source: FILE });
    send({ type: 'set-trace-frames', on: false });
    pull();
    const { text, frames } = exported(send, FILE);
    expect(frames).toBe(false);
    expect(text).toBe(cliOutput({ [FILE]: TEXT }, FILE));
    expect(text).not.toContain('"kind":"frame-arrived"');
  });

  it('after the user acted on top of the scenario, equals vmq run --json of the file "Save as scenario" writes', () => {
    const { send, pull } = harness();
    send({ type: 'load-scenario', scenario: TEXT, source: FILE });
    send({ type: 'step', kind: 'scenario-step' });
    send({
      type: 'request-oid',
      request: {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: {
          QueueType: 'NdisReceiveQueueTypeVMQueue',
          ProcessorAffinity: { Mask: 1, Group: 0 },
          NumSuggestedReceiveBuffers: 8,
          VmName: 'VM2',
          QueueName: 'by hand',
        },
      },
    });
    pull();
    const saved = send({ type: 'save-scenario' });
    if (saved?.type !== 'scenario-written') throw new Error('expected scenario-written');
    const { text } = exported(send, 'session.json');
    expect(text).toBe(cliOutput({ 'session.json': saved.text }, 'session.json'));
    expect(text).toContain('"QueueName":"by hand"');
  });
});
