/**
 * The reproducers for buffers and limits, through `vmq validate` and `vmq run`: each is invalid input
 * (exit 2) with the JSON path of the value, never a hang, a TypeError or a silent PASS.
 */
import { describe, expect, it } from 'vitest';
import { scenarioDocument } from '../scenario/testing.ts';
import { runCli } from './main.ts';

const allocateWithMask = (Mask: number) => ({
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', ProcessorAffinity: { Mask, Group: 0 } },
});
const flood = (count: number) => ({
  traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count, interval: 1 },
});

/** `vmq <command> scenario.json` over one in-memory document: the exit code and everything printed. */
function vmqOn(command: 'validate' | 'run', steps: unknown[]) {
  const lines: string[] = [];
  const code = runCli([command, 'scenario.json'], {
    readFile: () => JSON.stringify(scenarioDocument(steps)),
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    version: '0.0.0',
  });
  return { code, text: lines.join('\n') };
}

describe('hostile buffers and limits in the CLI', () => {
  it.each(['validate', 'run'] as const)('R5 %s: a fractional Mask is invalid input naming its path', (command) => {
    const { code, text } = vmqOn(command, [allocateWithMask(0.5), { advance: '10us' }]);
    expect(code).toBe(2);
    expect(text).toContain('steps[0].buffer.ProcessorAffinity.Mask: 0.5 is not a KAFFINITY');
  });

  it.each(['validate', 'run'] as const)('R5 %s: a negative Mask is invalid input, not a TypeError', (command) => {
    const { code, text } = vmqOn(command, [allocateWithMask(-16), { advance: '10us' }]);
    expect(code).toBe(2);
    expect(text).toContain('steps[0].buffer.ProcessorAffinity.Mask: -16 is not a KAFFINITY');
    expect(text).not.toContain('TypeError');
  });

  it('a misspelt buffer member does not pass validate', () => {
    const step = {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', NumSuggestedReceiveBufers: 32 },
    };
    const { code, text } = vmqOn('validate', [step]);
    expect(code).toBe(2);
    expect(text).toContain('did you mean NumSuggestedReceiveBuffers?');
  });

  it('traffic of 1e12 frames and an advance of 2^53 ns are refused before anything runs', () => {
    const { code, text } = vmqOn('run', [flood(1e12), { advance: 2 ** 53 }]);
    expect(code).toBe(2);
    expect(text).toContain('steps[0].traffic.count: must be at most 10000000');
    expect(text).toContain('steps[1].advance: a duration is at most one hour of virtual time');
    expect(text).not.toContain('PASS');
  });
});
