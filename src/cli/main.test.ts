import { describe, expect, it, vi } from 'vitest';
import { ALLOCATE_VM1_QUEUE, scenarioDocument } from '../scenario/testing.ts';
import { runCli } from './main.ts';

const PASSING = JSON.stringify(
  scenarioDocument([
    ...ALLOCATE_VM1_QUEUE,
    { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 2, interval: '10us' } },
    { advance: '100us' },
    { expect: { queue: { QueueId: '$vm1q.QueueId', indicated: 2 } } },
  ]),
);
const FAILING = JSON.stringify(
  scenarioDocument([
    ...ALLOCATE_VM1_QUEUE,
    { expect: { queue: { QueueId: 1, state: 'Paused' } }, comment: 'queue waits' },
  ]),
);
const UNCHECKED = JSON.stringify(scenarioDocument([{ note: 'nothing is checked' }, { advance: '1us' }]));
const LEFT_PENDING = JSON.stringify(
  scenarioDocument(
    [
      ...ALLOCATE_VM1_QUEUE,
      { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 1, interval: '10us' } },
      { advance: '100us' },
      { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: '$vm1q.QueueId', FilterId: '$filter.FilterId' } },
      { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$vm1q.QueueId' } },
    ],
    { options: { returnLatencyNs: null } },
  ),
);
/** Halts with VM1's queue and filter left, so NDIS clears and frees them itself (R42). */
const HALT_WITH_QUEUE_LEFT = JSON.stringify(
  scenarioDocument([...ALLOCATE_VM1_QUEUE, { adapter: 'halt' }, { expect: { adapter: 'Halted', violations: [] } }]),
);
/** Two queues on CPU 1 whose frames one DPC indicates together: one indication, one part per queue. */
const SHARED_INDICATION = JSON.stringify({
  ...scenarioDocument([
    ...ALLOCATE_VM1_QUEUE,
    ...JSON.parse(
      JSON.stringify(ALLOCATE_VM1_QUEUE)
        .replaceAll('VM1', 'VM2')
        .replaceAll('vm1q', 'vm2q')
        .replaceAll('"filter"', '"filter2"'),
    ),
    { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 3, interval: '1us' } },
    { traffic: { name: 'to VM2', dst: '$vm:VM2', frameBytes: 200, count: 3, interval: '1us' } },
    { advance: '100us' },
    { expect: { queue: { QueueId: '$vm2q.QueueId', indicated: 3 } } },
  ]),
  vms: [
    { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
    { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 },
  ],
});
const INVALID = JSON.stringify(scenarioDocument([{ oid: 'OID_RECEIVE_FILTER_ALLOC_QUEUE' }]));
const FILES: Record<string, string> = {
  'pass.json': PASSING,
  'fail.json': FAILING,
  'invalid.json': INVALID,
  'unchecked.json': UNCHECKED,
  'pending.json': LEFT_PENDING,
  'halt.json': HALT_WITH_QUEUE_LEFT,
  'shared.json': SHARED_INDICATION,
  'syntax.json': '{\n  "format": }',
  'nested.json': `{\n  "steps": ${'['.repeat(10_000)}`,
  'twice.json': PASSING.replace('"advance":"100us"', '"advance":"100us","advance":"1us"'),
  'flood.json': JSON.stringify(
    scenarioDocument([
      { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 10_000_000, interval: '1ms' } },
    ]),
  ),
};

/** Runs vmq over the in-memory FILES; returns the exit code and what it printed. */
const vmq = (...argv: string[]) => vmqWith(runCli, argv);

function vmqWith(cli: typeof runCli, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = cli(argv, {
    readFile: (path) => {
      const text = FILES[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '9.9.9',
  });
  return { code, out, err };
}

describe('vmq run', () => {
  it('prints an aligned trace table, the expectations and a summary; exit 0 when all hold', () => {
    const { code, out } = vmq('run', 'pass.json');
    expect(code).toBe(0);
    expect(out[0]).toBe('▶ pass.json — test scenario (ws2012, seed 7)');
    expect(out[1]).toBe('     time µs  actor      event');
    expect(out).toContain(
      '       0.000  overlying  #1 vmswitch → OID_RECEIVE_FILTER_ALLOCATE_QUEUE (NdisRequestMethod, 1092 bytes)',
    );
    expect(out).toContain(
      '      12.000  miniport   NdisMIndicateReceiveNetBufferLists on CPU 1: 1 NBL from queue 1 (ReceiveFlags DISPATCH_LEVEL|SINGLE_QUEUE|SHARED_MEMORY_INFO_VALID)',
    );
    expect(out.slice(-4)).toEqual([
      'expectations',
      '  ✓ steps[0]  OID_RECEIVE_FILTER_ALLOCATE_QUEUE as vm1q: status NDIS_STATUS_SUCCESS',
      '  ✓ steps[5]  expect queue $vm1q.QueueId: queue 1 indicated 2',
      'PASS pass.json: 2 expectations hold, no violations, ended at 100.000 µs',
    ]);
  });

  it('leaves per-frame events out unless --frames', () => {
    expect(vmq('run', 'pass.json').out.some((line) => line.includes("DMA'd"))).toBe(false);
    expect(vmq('run', 'pass.json', '--frames').out.some((line) => line.includes("DMA'd"))).toBe(true);
  });

  it('says which expectation failed and why; exit 1', () => {
    const { code, out } = vmq('run', 'fail.json', '--quiet');
    expect(code).toBe(1);
    expect(out).toEqual([
      '  ✗ steps[3]  queue waits: queue 1 state: expected Paused, got Running',
      'FAIL fail.json: 1 of 2 expectations failed, no violations, ended at 0.000 µs',
    ]);
  });

  it('warns of a run that checks nothing or leaves a request pending; --strict fails it', () => {
    const warned = vmq('run', 'unchecked.json', 'pending.json', '--quiet');
    expect(warned.code).toBe(0);
    expect(warned.out).toEqual([
      '⚠ the scenario has no expectation, so it passes whatever happens',
      'PASS unchecked.json: 0 expectations hold, no violations, ended at 1.000 µs, 1 warning',
      expect.stringMatching(
        /^⚠ steps\[6\] .*OID_RECEIVE_FILTER_FREE_QUEUE.*: request #\d+ was still pending at the end \(\d+\.\d{3} µs\), and nothing is expected of it$/,
      ),
      expect.stringMatching(/^PASS pending\.json: .*, 1 warning$/),
    ]);
    const strict = vmq('run', 'unchecked.json', '--quiet', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out.at(-1)).toBe(
      'FAIL unchecked.json: 0 expectations hold, no violations, ended at 1.000 µs, 1 warning (--strict)',
    );
    const json = vmq('run', 'unchecked.json', '--json', '--quiet', '--strict');
    expect(JSON.parse(json.out.at(-1) as string)).toMatchObject({
      exitCode: 1,
      ok: false,
      warnings: ['the scenario has no expectation, so it passes whatever happens'],
    });
    expect(vmq('run', 'pass.json', '--quiet', '--strict')).toMatchObject({ code: 0 });
  });

  it('says where an invalid file is wrong; exit 2, and the worst exit code of several files wins', () => {
    const { code, out } = vmq(
      'run',
      'pass.json',
      'invalid.json',
      'fail.json',
      'syntax.json',
      'missing.json',
      '--quiet',
    );
    expect(code).toBe(2);
    expect(out).toEqual([
      'PASS pass.json: 2 expectations hold, no violations, ended at 100.000 µs',
      'invalid.json: steps[0].oid: unknown OID "OID_RECEIVE_FILTER_ALLOC_QUEUE" — did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE?',
      'INVALID invalid.json: 1 error',
      '  ✗ steps[3]  queue waits: queue 1 state: expected Paused, got Running',
      'FAIL fail.json: 1 of 2 expectations failed, no violations, ended at 0.000 µs',
      'syntax.json:2:13: expected a value (a number, "string", true, false, null, object or array), found \'}\'',
      'INVALID syntax.json: 1 error',
      'missing.json: no such file',
      'INVALID missing.json: 1 error',
    ]);
  });

  it('refuses 10,000 nested brackets and duplicate keys with exit 2, and fails a run cut short by a limit with exit 1', () => {
    expect(vmq('run', 'nested.json', '--quiet')).toMatchObject({
      code: 2,
      out: [
        'nested.json:2:75: objects and arrays are nested more than 64 deep; a scenario file needs far fewer levels',
        'INVALID nested.json: 1 error',
      ],
    });
    expect(vmq('run', 'twice.json', '--quiet').out[0]).toMatch(
      /^twice\.json:1:\d+: steps\[4\]: key "advance" appears twice \(lines 1 and 1\); keep one$/,
    );
    const flood = vmq('run', 'flood.json', '--quiet');
    expect(flood.code).toBe(1);
    expect(flood.out[0]).toMatch(
      /^ {2}✗ steps\[0\] {2}run limit: the engine was still busy .* 1 s after the last step, the settle limit;/,
    );
  });

  it('prints NDJSON: a header, one line per event, per expectation, and a summary', () => {
    const { code, out } = vmq('run', 'fail.json', '--json', '--seed', '3');
    expect(code).toBe(1);
    const lines = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({
      type: 'header',
      format: 'vmq-trace',
      version: 1,
      tool: 'vmq 9.9.9',
      file: 'fail.json',
      title: 'test scenario',
      profile: 'ws2012',
      seed: 3,
    });
    expect(
      lines
        .slice(1, -3)
        .every((line) => line.type === 'event' && typeof line.kind === 'string' && typeof line.t === 'number'),
    ).toBe(true);
    expect(lines.slice(-3)).toEqual([
      {
        type: 'expectation',
        stepIndex: 0,
        kind: 'oid',
        label: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE as vm1q',
        ok: true,
        detail: 'status NDIS_STATUS_SUCCESS',
        atNs: 0,
      },
      {
        type: 'expectation',
        stepIndex: 3,
        kind: 'expect',
        label: 'queue waits',
        ok: false,
        detail: 'queue 1 state: expected Paused, got Running',
        atNs: 0,
      },
      { type: 'summary', file: 'fail.json', exitCode: 1, ok: false, passed: 1, failed: 1, violations: [], endNs: 0 },
    ]);
  });

  it("marks the requests NDIS issues itself: issuedBy in NDJSON, actor NDIS and '(by NDIS)' in the table", () => {
    const json = vmq('run', 'halt.json', '--json');
    expect(json.code).toBe(0);
    const events = json.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requested = events.filter((e) => e.kind === 'oid-requested');
    expect(requested.map((e) => [e.oid, e.binding, e.issuedBy])).toEqual([
      ['OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'vmswitch', undefined],
      ['OID_RECEIVE_FILTER_SET_FILTER', 'vmswitch', undefined],
      ['OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', 'vmswitch', undefined],
      ['OID_RECEIVE_FILTER_CLEAR_FILTER', 'vmswitch', 'NDIS'],
      ['OID_RECEIVE_FILTER_FREE_QUEUE', 'vmswitch', 'NDIS'],
    ]);
    const results = events.flatMap((e) => (e.kind === 'oid-completed' ? [e.result as Record<string, unknown>] : []));
    expect(results.map((r) => r.issuedBy)).toEqual([undefined, undefined, undefined, 'NDIS', 'NDIS']);

    const table = vmq('run', 'halt.json').out;
    expect(table.filter((line) => line.includes(' → OID_RECEIVE_FILTER_') && line.includes('bytes)'))).toEqual([
      '       0.000  overlying  #1 vmswitch → OID_RECEIVE_FILTER_ALLOCATE_QUEUE (NdisRequestMethod, 1092 bytes)',
      '       0.000  overlying  #2 vmswitch → OID_RECEIVE_FILTER_SET_FILTER (NdisRequestMethod, 156 bytes) QueueId=1',
      '       0.000  overlying  #3 vmswitch → OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE (NdisRequestMethod, 36 bytes)',
      '       0.000  NDIS       #4 vmswitch → OID_RECEIVE_FILTER_CLEAR_FILTER (NdisRequestSetInformation, 16 bytes) QueueId=1 FilterId=1 (by NDIS)',
      '       0.000  NDIS       #5 vmswitch → OID_RECEIVE_FILTER_FREE_QUEUE (NdisRequestSetInformation, 12 bytes) QueueId=1 (by NDIS)',
    ]);
  });

  it('prints every frame id of every part of an indication in NDJSON with --frames, oldest first', () => {
    const { code, out } = vmq('run', 'shared.json', '--json', '--frames');
    expect(code).toBe(0);
    const events = out.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.type === 'event');
    type Part = { queueId: number; count: number; firstFrameId: number | null; frameIds?: number[] };
    const parts = events.flatMap((e) => (e.kind === 'nbls-indicated' ? (e.parts as Part[]) : []));
    expect(parts.some((p) => p.count > 1)).toBe(true);
    expect(
      events.some((e) => e.kind === 'nbls-indicated' && (e.parts as Part[]).length === 2),
      'one indication carries both queues',
    ).toBe(true);
    for (const part of parts) {
      expect(part.frameIds).toHaveLength(part.count);
      expect(part.firstFrameId).toBe(part.frameIds?.[0]);
    }
    for (const queueId of [1, 2]) {
      const classified = events.flatMap((e) =>
        e.kind === 'frame-classified' && e.queueId === queueId ? [e.frameId as number] : [],
      );
      expect(classified).toHaveLength(3);
      expect(parts.filter((p) => p.queueId === queueId).flatMap((p) => p.frameIds)).toEqual(classified);
    }
  });

  it('prints invalid files as NDJSON too', () => {
    const { code, out } = vmq('run', 'invalid.json', '--json');
    expect(code).toBe(2);
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { type: 'header', format: 'vmq-trace', version: 1, tool: 'vmq 9.9.9', file: 'invalid.json' },
      {
        type: 'error',
        path: 'steps[0].oid',
        message: 'unknown OID "OID_RECEIVE_FILTER_ALLOC_QUEUE" — did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE?',
      },
      { type: 'summary', file: 'invalid.json', exitCode: 2, ok: false, errors: 1 },
    ]);
  });
});

describe('vmq validate, usage, version', () => {
  it('validates without running', () => {
    expect(vmq('validate', 'pass.json')).toEqual({ code: 0, out: ['pass.json: valid (6 steps)'], err: [] });
    expect(vmq('validate', 'pass.json', 'syntax.json').code).toBe(2);
  });

  it('answers usage errors on stderr with exit 2', () => {
    expect(vmq('run', '--jsno', 'pass.json')).toEqual({
      code: 2,
      out: [],
      err: ['vmq: unknown option for run "--jsno" — did you mean --json?', 'Run "vmq --help" for usage.'],
    });
  });

  it('prints the JSON Schema of the scenario format, or with --lesson of the lesson format', () => {
    const printed = (...argv: string[]) => JSON.parse(vmq(...argv).out.join('\n')) as { title: string };
    expect(printed('schema').title).toBe('VMQ Playground scenario');
    expect(printed('schema', '--lesson').title).toBe('VMQ Playground lesson');
  });

  it('prints its version with the format versions it speaks', () => {
    expect(vmq('--version').out).toEqual([
      'vmq 9.9.9 (scenario format 2, trace format 1, lesson format 1, grade format 1)',
    ]);
  });
});

describe('vmq on an internal error', () => {
  const STACK_FRAME = /^\s+at /m;

  /** runCli with the scenario reader and runner broken the way a bug would break them, on chosen files only. */
  async function brokenCli() {
    vi.resetModules();
    vi.doMock('../scenario/parse.ts', async (importOriginal) => {
      const real = await importOriginal<typeof import('../scenario/parse.ts')>();
      return {
        ...real,
        parseScenario: (text: string) => {
          if (text === 'deep') throw new RangeError('Maximum call stack size exceeded');
          return real.parseScenario(text);
        },
      };
    });
    vi.doMock('../scenario/session.ts', async (importOriginal) => {
      const real = await importOriginal<typeof import('../scenario/session.ts')>();
      return {
        ...real,
        createScenarioSession: (...args: Parameters<typeof real.createScenarioSession>) => {
          if (args[0].title === 'crash')
            throw new TypeError("Cannot read properties of undefined (reading 'queueIds')");
          return real.createScenarioSession(...args);
        },
      };
    });
    FILES['deep.json'] = 'deep';
    FILES['crash.json'] = JSON.stringify({ ...JSON.parse(PASSING), title: 'crash' });
    const { runCli: cli } = await import('./main.ts');
    vi.doUnmock('../scenario/parse.ts');
    vi.doUnmock('../scenario/session.ts');
    return (...argv: string[]) => vmqWith(cli, argv);
  }

  it('a RangeError or TypeError is exit 3 with one line on stderr, and the other files still run', async () => {
    const cli = await brokenCli();
    const { code, out, err } = cli('run', 'deep.json', 'pass.json', 'crash.json', 'fail.json', '--quiet');
    expect(code).toBe(3);
    expect(err).toEqual([
      'vmq: deep.json: internal error: RangeError: Maximum call stack size exceeded (run with --debug for the stack)',
      "vmq: crash.json: internal error: TypeError: Cannot read properties of undefined (reading 'queueIds') (run with --debug for the stack)",
    ]);
    expect(out.filter((line) => /^(PASS|FAIL|INVALID) /.test(line))).toEqual([
      'PASS pass.json: 2 expectations hold, no violations, ended at 100.000 µs',
      'FAIL fail.json: 1 of 2 expectations failed, no violations, ended at 0.000 µs',
    ]);
    expect(cli('validate', 'deep.json').code).toBe(3);
  });

  it('shows the stack only with --debug, wherever --debug stands', async () => {
    const cli = await brokenCli();
    expect(cli('run', 'deep.json').err.join('\n')).not.toMatch(STACK_FRAME);
    const debug = cli('--debug', 'run', 'deep.json');
    expect(debug.code).toBe(3);
    expect(debug.err[0]).toBe('vmq: deep.json: internal error: RangeError: Maximum call stack size exceeded');
    expect(debug.err.join('\n')).toMatch(STACK_FRAME);
    expect(cli('validate', 'deep.json', '--debug').err.join('\n')).toMatch(STACK_FRAME);
  });

  it("ends the file's NDJSON with a summary line that says exit 3", async () => {
    const cli = await brokenCli();
    const { code, out } = cli('run', 'crash.json', '--json');
    expect(code).toBe(3);
    expect(JSON.parse(out.at(-1)!)).toEqual({
      type: 'summary',
      file: 'crash.json',
      exitCode: 3,
      ok: false,
      internalError: "TypeError: Cannot read properties of undefined (reading 'queueIds')",
    });
  });
});

describe('vmq run --pcapng', () => {
  const io = (writeFile?: (path: string, data: string | Uint8Array) => void) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        readFile: () => PASSING,
        out: (l: string) => out.push(l),
        err: (l: string) => err.push(l),
        version: '9.9.9',
        ...(writeFile ? { writeFile } : {}),
      },
    };
  };

  it('writes the frames beside the usual output, whose exit status it keeps', () => {
    const written: Uint8Array[] = [];
    const { io: cli, out } = io((_, data) => written.push(data as Uint8Array));
    expect(runCli(['run', 'a.json', '--quiet', '--pcapng', 'a.pcapng'], cli)).toBe(0);
    expect(out.at(-1)).toMatch(/^PASS/);
    // The SHB's block type, then its byte-order magic, little-endian.
    expect([...written[0]!.slice(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    expect([...written[0]!.slice(8, 12)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]);
  });

  it('is exit 2, saying why, when the file cannot be written', () => {
    const { io: cli, err } = io(() => {
      throw new Error('EACCES: permission denied');
    });
    expect(runCli(['run', 'a.json', '--quiet', '--pcapng', '/ro/a.pcapng'], cli)).toBe(2);
    expect(err).toEqual(['vmq: --pcapng /ro/a.pcapng: cannot write the file: EACCES: permission denied']);
  });
});
