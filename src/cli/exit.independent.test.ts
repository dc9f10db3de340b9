/**
 * Independent tests of vmq's exit codes (issue 7, "A CLI that graders can script"): 0 pass, 1 a failed
 * expectation, 2 invalid input, 3 an internal error with a one-line message (the stack only with --debug).
 * Each of the CLI reproducers must end with a clear message and the right code. Written from the issue
 * and docs/cli.md; runCli is driven in-process through its CliIo.
 */
import { describe, expect, it } from 'vitest';
import { allocateBuffer, nested, RUNNING_QUEUE, scenarioDoc, withNestedText } from '../scenario/independent.testing.ts';
import { runCli, type CliIo } from './main.ts';

interface Run {
  code: number;
  out: string[];
  err: string[];
  all: string;
}

/** Runs vmq over in-memory files. `io` can replace parts of the CliIo to provoke internal errors. */
function vmq(files: Record<string, string>, argv: string[], io: Partial<CliIo> = {}): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '0.1.0',
    ...io,
  });
  return { code, out, err, all: [...out, ...err].join('\n') };
}

const file = (doc: unknown) => ({ 'a.json': typeof doc === 'string' ? doc : JSON.stringify(doc) });
const STACK_LINE = /^\s+at .+[:(]/m;

const PASSING = scenarioDoc([
  ...RUNNING_QUEUE,
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '10us' } },
  { advance: '200us' },
  { expect: { queue: { QueueId: '$q.QueueId', state: 'Running', indicated: 3 } } },
]);
const FAILING = scenarioDoc([
  ...RUNNING_QUEUE,
  { expect: { queue: { QueueId: '$q.QueueId', state: 'Paused' } }, comment: 'wrong on purpose' },
]);

describe('the four exit codes', () => {
  it('0 when every expectation holds', () => {
    const run = vmq(file(PASSING), ['run', 'a.json']);
    expect(run.code).toBe(0);
    expect(run.all).toMatch(/^PASS a\.json/m);
  });

  it('1 when an expectation fails', () => {
    const run = vmq(file(FAILING), ['run', 'a.json']);
    expect(run.code).toBe(1);
    expect(run.all).toMatch(/^FAIL a\.json/m);
  });

  it('2 for an invalid file, a missing file and a wrong command line', () => {
    expect(vmq(file(scenarioDoc([{ oid: 'OID_NOPE' }])), ['run', 'a.json']).code).toBe(2);
    expect(vmq({}, ['run', 'missing.json']).code).toBe(2);
    expect(vmq(file(PASSING), ['run', 'a.json', '--jsno']).code).toBe(2);
  });

  it('the worst code of several files wins, and 1 is not taken for 2', () => {
    const files = { 'p.json': JSON.stringify(PASSING), 'f.json': JSON.stringify(FAILING), 'i.json': '{' };
    expect(vmq(files, ['run', 'p.json', 'f.json']).code).toBe(1);
    expect(vmq(files, ['run', 'p.json', 'f.json', 'i.json']).code).toBe(2);
  });

  it('3 for an internal error, with a one-line message and no stack', () => {
    const run = vmq(file(PASSING), ['run', 'a.json'], {
      out: () => {
        throw new TypeError('boom inside vmq');
      },
    });
    expect(run.code).toBe(3);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toMatch(/^vmq: .*boom inside vmq/);
    expect(run.all).not.toMatch(STACK_LINE);
  });

  it('3 with the stack when --debug is given', () => {
    const run = vmq(file(PASSING), ['run', 'a.json', '--debug'], {
      out: () => {
        throw new TypeError('boom inside vmq');
      },
    });
    expect(run.code).toBe(3);
    expect(run.err.join('\n')).toMatch(/boom inside vmq/);
    expect(run.err.join('\n')).toMatch(STACK_LINE);
  });

  it('--debug is accepted on a normal run and changes nothing', () => {
    expect(vmq(file(PASSING), ['run', 'a.json', '--debug']).code).toBe(0);
  });
});

describe("the issue's CLI reproducers end with a clear error, not a stack or a PASS", () => {
  /** Invalid input: exit 2, a message, no stack trace, no RangeError. */
  function expectInvalid(run: Run): void {
    expect(run.code).toBe(2);
    expect(run.all).not.toMatch(STACK_LINE);
    expect(run.all).not.toMatch(/RangeError|Maximum call stack|TypeError/);
  }

  it.each(['run', 'validate'])('%s: 10,000 nested [ in a truncated file exits 2', (command) => {
    expectInvalid(vmq(file('['.repeat(10_000)), [command, 'a.json']));
  });

  it.each(['run', 'validate'])('%s: a buffer nested 5,000 deep exits 2', (command) => {
    const doc = scenarioDoc([
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ Deep: nested(5_000) }) },
    ]);
    expectInvalid(vmq(file(withNestedText(doc, 5_000)), [command, 'a.json']));
  });

  it.each([0.5, -16])('R5 validate: a ProcessorAffinity.Mask of %s exits 2 and names the field', (Mask) => {
    const doc = scenarioDoc([
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ ProcessorAffinity: { Mask, Group: 0 } }) },
    ]);
    const run = vmq(file(doc), ['validate', 'a.json']);
    expectInvalid(run);
    expect(run.all).toContain('steps[0].buffer.ProcessorAffinity.Mask');
  });

  it('R5 run: a ProcessorAffinity.Mask of -16 exits 2, not a TypeError from the DPC', () => {
    const doc = scenarioDoc([
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'q',
        buffer: allocateBuffer({ ProcessorAffinity: { Mask: -16, Group: 0 } }),
      },
      ...RUNNING_QUEUE.slice(1),
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '10us' } },
      { advance: '100us' },
    ]);
    expectInvalid(vmq(file(doc), ['run', 'a.json']));
  });

  it.each([
    ['count', { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 2 ** 53, interval: '1us' } }],
    ['advance', { advance: 2 ** 53 }],
  ])('a %s of 2^53 is refused or says it hit a limit; it never PASSes', (_what, step) => {
    const doc = scenarioDoc([
      { traffic: { name: 'g', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 10, interval: '1us' } },
      step,
    ]);
    const run = vmq(file(doc), ['run', 'a.json']);
    expect(run.all).not.toMatch(/^PASS/m);
    expect([1, 2]).toContain(run.code);
    expect(run.all).toMatch(/limit|at most|maximum|too (large|long|big)/i);
  });

  it('a 1 MB name exits 2 with a short error text', () => {
    const run = vmq(file(scenarioDoc([{ oid: `OID_${'X'.repeat(1_000_000)}` }])), ['validate', 'a.json']);
    expectInvalid(run);
    expect(run.all.length).toBeLessThan(10_000);
  });

  it('a misspelt buffer field (NumSuggestedReceiveBufers) exits 2 with a did-you-mean', () => {
    const { NumSuggestedReceiveBuffers: _n, ...rest } = allocateBuffer();
    const doc = scenarioDoc([
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: { ...rest, NumSuggestedReceiveBufers: 32 } },
    ]);
    const run = vmq(file(doc), ['validate', 'a.json']);
    expectInvalid(run);
    expect(run.all).toMatch(/did you mean NumSuggestedReceiveBuffers/);
  });

  it('duplicate JSON keys exit 2: a step with two expect keys cannot pass by dropping one', () => {
    const text = JSON.stringify(
      scenarioDoc([{ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 0 }, expect: 'EXPECT' }]),
      null,
      2,
    ).replace(
      '"expect": "EXPECT"',
      '"expect": { "status": "NDIS_STATUS_SUCCESS" },\n      "expect": { "status": "NDIS_STATUS_INVALID_PARAMETER" }',
    );
    expectInvalid(vmq(file(text), ['run', 'a.json']));
  });

  it('"$q.toString" never reaches the engine as a function: exit 1 or 2, never 0 or a crash', () => {
    const doc = scenarioDoc([
      ...RUNNING_QUEUE,
      {
        oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
        requestType: 'NdisRequestSetInformation',
        buffer: {
          QueueId: '$q.QueueId',
          Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'],
          QueueName: '$q.toString',
        },
      },
    ]);
    const run = vmq(file(doc), ['run', 'a.json', '--json']);
    expect([1, 2]).toContain(run.code);
    expect(run.all).not.toMatch(/function|native code/);
  });
});
