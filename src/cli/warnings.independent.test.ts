/**
 * Independent tests of `vmq run` warnings and --strict (rule 3, docs/cli.md "Warnings", "Exit status", "NDJSON
 * output"), of `vmq validate` on a bad memory space (rule 2), and of the built-in scenarios under --strict
 * (rule 4). runCli is driven in-process through an in-memory CliIo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOCATE_VM1_QUEUE, scenarioDocument } from '../scenario/testing.ts';
import { runCli } from './main.ts';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

function vmq(files: Record<string, unknown>, ...argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return typeof content === 'string' ? content : JSON.stringify(content);
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '0.1.0',
  });
  return { code, out, err };
}

const NO_EXPECTATION_TEXT = 'the scenario has no expectation, so it passes whatever happens';
const PENDING_WARNING =
  /^⚠ steps\[(\d+)\] .*: request #\d+ was still pending at the end \(\d+\.\d{3} µs\), and nothing is expected of it$/;
const SUMMARY = /^(PASS|FAIL|INVALID) /;

/** ALLOCATE_VM1_QUEUE with no expect on any step. */
const ALLOCATE_UNCHECKED = ALLOCATE_VM1_QUEUE.map((step) => {
  const { expect: _dropped, ...rest } = step as Record<string, unknown>;
  return rest;
});

const NBLS_HELD = { options: { returnLatencyNs: null } };
const CLEAR_AND_FREE = (expectFree?: unknown) => [
  { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: '$vm1q.QueueId', FilterId: '$filter.FilterId' } },
  {
    oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
    buffer: { QueueId: '$vm1q.QueueId' },
    ...(expectFree === undefined ? {} : { expect: expectFree }),
  },
];
const ONE_FRAME = [
  { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 1, interval: '10us' } },
  { advance: '100us' },
];

const FILES: Record<string, unknown> = {
  // An expectation that holds, nothing pending.
  'clean.json': scenarioDocument([
    ...ALLOCATE_VM1_QUEUE,
    ...ONE_FRAME,
    { expect: { queue: { QueueId: '$vm1q.QueueId', indicated: 1 } } },
  ]),
  // Only an OID step's expect: that is an expectation.
  'oid-only.json': scenarioDocument([ALLOCATE_VM1_QUEUE[0]]),
  // Nothing checked at all.
  'unchecked.json': scenarioDocument([{ note: 'nothing is checked' }, { advance: '1us' }]),
  'empty-ish.json': scenarioDocument([...ALLOCATE_UNCHECKED]),
  // The FREE_QUEUE (steps[6]) waits for an NBL that never comes back; it has no expect.
  'pending.json': scenarioDocument([...ALLOCATE_VM1_QUEUE, ...ONE_FRAME, ...CLEAR_AND_FREE()], NBLS_HELD),
  // No expectation and a pending request: two warnings.
  'both.json': scenarioDocument([...ALLOCATE_UNCHECKED, ...ONE_FRAME, ...CLEAR_AND_FREE()], NBLS_HELD),
  // The pending FREE_QUEUE has an expect: it fails instead of warning.
  'pending-expected.json': scenarioDocument(
    [...ALLOCATE_VM1_QUEUE, ...ONE_FRAME, ...CLEAR_AND_FREE({ status: 'NDIS_STATUS_SUCCESS' })],
    NBLS_HELD,
  ),
  // A request that pends and completes before the end, with no expect: no warning.
  'pended-completes.json': scenarioDocument(
    [
      ALLOCATE_VM1_QUEUE[0],
      { oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: (ALLOCATE_VM1_QUEUE[1] as { buffer: unknown }).buffer },
    ],
    { options: { pendingOids: { OID_RECEIVE_FILTER_SET_FILTER: '10us' } } },
  ),
  // A failing expectation.
  'fail.json': scenarioDocument([...ALLOCATE_VM1_QUEUE, { expect: { queue: { QueueId: 1, state: 'Paused' } } }]),
  'invalid.json': scenarioDocument([{ oid: 'OID_RECEIVE_FILTER_ALLOC_QUEUE' }]),
  'two-pending.json': twoPending(),
  // A failing expectation (steps[5]) and a FREE_QUEUE (steps[7]) left pending without expect.
  'fail-and-pending.json': scenarioDocument(
    [
      ...ALLOCATE_VM1_QUEUE,
      ...ONE_FRAME,
      { expect: { queue: { QueueId: '$vm1q.QueueId', indicated: 99 } } },
      ...CLEAR_AND_FREE(),
    ],
    NBLS_HELD,
  ),
};

/** Two VMs' queues each hold an NBL; both FREE_QUEUEs (steps[11] and steps[12]) wait forever, without expect. */
function twoPending(): Record<string, unknown> {
  const document = scenarioDocument([], NBLS_HELD);
  const vm2 = { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 };
  const rename = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .replaceAll('vm1q', 'vm2q')
        .replaceAll('$filter.', '$filter2.')
        .replaceAll('"filter"', '"filter2"')
        .replaceAll('VM1', 'VM2')
        .replaceAll('"Mask":2', '"Mask":4'),
    );
  const queue1 = [...ALLOCATE_VM1_QUEUE];
  const queue2 = rename(ALLOCATE_VM1_QUEUE) as unknown[];
  const traffic = [
    { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 1, interval: '10us' } },
    { traffic: { name: 'to VM2', dst: '$vm:VM2', frameBytes: 200, count: 1, interval: '10us' } },
    { advance: '100us' },
  ];
  const clear1 = CLEAR_AND_FREE()[0];
  const free1 = CLEAR_AND_FREE()[1];
  const [clear2, free2] = rename(CLEAR_AND_FREE()) as unknown[];
  return {
    ...document,
    vms: [...(document.vms as unknown[]), vm2],
    steps: [...queue1, ...queue2, ...traffic, clear1, clear2, free1, free2],
  };
}

/** The summary line of each file, and the lines of the file's output (heading to summary). */
function perFile(out: string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of out) {
    current.push(line);
    if (SUMMARY.test(line)) {
      groups.push(current);
      current = [];
    }
  }
  return groups;
}

/** The warning lines just before the summary line, the rest of the file's lines having none. */
function warningsBeforeSummary(lines: string[]): string[] {
  const summaryIndex = lines.findIndex((l) => SUMMARY.test(l));
  let start = summaryIndex;
  while (start > 0 && lines[start - 1]?.startsWith('⚠ ')) start--;
  const block = lines.slice(start, summaryIndex);
  expect(lines.filter((l) => l.startsWith('⚠')).length, 'every ⚠ line is just before the summary').toBe(block.length);
  return block;
}

describe('3: a scenario with no expectation warns', () => {
  it.each([[], ['--quiet']])('3: a ⚠ line before the summary, ", 1 warning", exit 0 (%s)', (...flags) => {
    const { code, out } = vmq(FILES, 'run', 'unchecked.json', ...flags);
    expect(code).toBe(0);
    expect(warningsBeforeSummary(out)).toEqual([`⚠ ${NO_EXPECTATION_TEXT}`]);
    expect(out.at(-1)).toMatch(/^PASS unchecked\.json: .*, 1 warning$/);
  });

  it('3: --quiet prints exactly the warning and the summary for a scenario without expectations', () => {
    const { out } = vmq(FILES, 'run', 'unchecked.json', '--quiet');
    expect(out).toEqual([
      `⚠ ${NO_EXPECTATION_TEXT}`,
      'PASS unchecked.json: 0 expectations hold, no violations, ended at 1.000 µs, 1 warning',
    ]);
  });

  it('3: OID steps without expect do not count as expectations', () => {
    const { code, out } = vmq(FILES, 'run', 'empty-ish.json', '--quiet');
    expect(code).toBe(0);
    expect(warningsBeforeSummary(out)).toEqual([`⚠ ${NO_EXPECTATION_TEXT}`]);
  });

  it('3: an OID step with an expect is an expectation: no warning', () => {
    const { code, out } = vmq(FILES, 'run', 'oid-only.json');
    expect(code).toBe(0);
    expect(out.some((l) => l.startsWith('⚠'))).toBe(false);
    expect(out.at(-1)).not.toContain('warning');
  });
});

describe('3: a request still pending at the end with no expect warns', () => {
  it('3: names the step, the request and the end time; exit 0', () => {
    const { code, out } = vmq(FILES, 'run', 'pending.json');
    expect(code).toBe(0);
    const warnings = warningsBeforeSummary(out);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(PENDING_WARNING);
    expect(warnings[0]).toMatch(/^⚠ steps\[6\] .*OID_RECEIVE_FILTER_FREE_QUEUE/);
    expect(out.at(-1)).toMatch(/^PASS pending\.json: .*, 1 warning$/);
  });

  it('3: the time in the warning is the end time of the summary', () => {
    const { out } = vmq(FILES, 'run', 'pending.json', '--quiet');
    const warned = out[0]?.match(/\((\d+\.\d{3}) µs\)/)?.[1];
    const ended = out.at(-1)?.match(/ended at (\d+\.\d{3}) µs/)?.[1];
    expect(warned).toBeDefined();
    expect(warned).toBe(ended);
  });

  it('3: no expectation and a pending request give two warnings, ", 2 warnings"', () => {
    const { code, out } = vmq(FILES, 'run', 'both.json', '--quiet');
    expect(code).toBe(0);
    const warnings = warningsBeforeSummary(out);
    expect(warnings).toHaveLength(2);
    expect(warnings).toContain(`⚠ ${NO_EXPECTATION_TEXT}`);
    expect(warnings.filter((w) => PENDING_WARNING.test(w))).toHaveLength(1);
    expect(out.at(-1)).toMatch(/^PASS both\.json: .*, 2 warnings$/);
  });

  it('3: each request still pending gets its own warning, ", 2 warnings"', () => {
    const { code, out } = vmq(FILES, 'run', 'two-pending.json', '--quiet');
    expect(code).toBe(0);
    const warnings = warningsBeforeSummary(out);
    expect(warnings.map((w) => w.match(PENDING_WARNING)?.[1])).toEqual(['11', '12']);
    expect(new Set(warnings.map((w) => w.match(/request #(\d+)/)?.[1])).size).toBe(2);
    expect(out.at(-1)).toMatch(/^PASS two-pending\.json: .*, 2 warnings$/);
  });

  it('3: a failing run warns too: ⚠ line, FAIL summary with ", 1 warning", exit 1', () => {
    const { code, out } = vmq(FILES, 'run', 'fail-and-pending.json', '--quiet');
    expect(code).toBe(1);
    const warnings = warningsBeforeSummary(out);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^⚠ steps\[7\] /);
    expect(out.at(-1)).toMatch(/^FAIL fail-and-pending\.json: 1 of 2 expectations failed, .*, 1 warning/);
    expect(vmq(FILES, 'run', 'fail-and-pending.json', '--strict').code).toBe(1);
    const json = vmq(FILES, 'run', 'fail-and-pending.json', '--json', '--quiet');
    expect(JSON.parse(json.out.at(-1) as string)).toMatchObject({
      exitCode: 1,
      ok: false,
      warnings: [expect.any(String)],
    });
  });

  it('3: a pending request that has an expect fails (exit 1) and is not a warning', () => {
    const { code, out } = vmq(FILES, 'run', 'pending-expected.json', '--quiet');
    expect(code).toBe(1);
    expect(out.some((l) => l.startsWith('⚠'))).toBe(false);
    expect(out.some((l) => l.startsWith('  ✗ steps[6]') && l.includes('never completed'))).toBe(true);
    expect(out.at(-1)).toMatch(/^FAIL pending-expected\.json: /);
    expect(out.at(-1)).not.toContain('warning');
  });

  it('3: a request that pended but completed before the end is not a warning', () => {
    const { code, out } = vmq(FILES, 'run', 'pended-completes.json', '--strict');
    expect(out.some((l) => l.startsWith('⚠'))).toBe(false);
    expect(code).toBe(0);
  });
});

describe('3: --strict fails a run with warnings', () => {
  it.each(['unchecked.json', 'pending.json', 'both.json'])('3: %s exits 1, FAIL … (--strict)', (name) => {
    for (const flags of [[], ['--quiet']]) {
      const { code, out } = vmq(FILES, 'run', name, '--strict', ...flags);
      expect(code).toBe(1);
      const summary = out.at(-1) as string;
      expect(summary.startsWith(`FAIL ${name}: `), summary).toBe(true);
      expect(summary).toMatch(/, \d+ warnings? \(--strict\)$/);
      expect(warningsBeforeSummary(out).length).toBeGreaterThan(0);
    }
  });

  it('3: the --strict summary keeps the counts of the plain one', () => {
    const plain = vmq(FILES, 'run', 'unchecked.json', '--quiet').out.at(-1) as string;
    const strict = vmq(FILES, 'run', 'unchecked.json', '--quiet', '--strict').out.at(-1) as string;
    expect(strict).toBe(`${plain.replace(/^PASS/, 'FAIL')} (--strict)`);
  });

  it('3: --strict may come anywhere after the command', () => {
    expect(vmq(FILES, 'run', '--strict', 'unchecked.json').code).toBe(1);
  });

  it('3: a scenario whose expectation holds and with nothing pending has no warnings, with or without --strict', () => {
    for (const flags of [[], ['--strict'], ['--quiet'], ['--quiet', '--strict']]) {
      const { code, out } = vmq(FILES, 'run', 'clean.json', ...flags);
      expect(code).toBe(0);
      expect(out.some((l) => l.startsWith('⚠'))).toBe(false);
      expect(out.at(-1)).toMatch(/^PASS clean\.json: .*ended at \d+\.\d{3} µs$/);
    }
  });

  it('3: a failing scenario stays exit 1 under --strict', () => {
    expect(vmq(FILES, 'run', 'fail.json', '--strict').code).toBe(1);
  });
});

describe('3: --json summary carries warnings, and ok is false whenever exitCode is not 0', () => {
  function summaryOf(name: string, ...flags: string[]): Record<string, unknown> {
    const { out } = vmq(FILES, 'run', name, '--json', ...flags);
    for (const line of out) expect(() => JSON.parse(line), `not JSON: ${line}`).not.toThrow();
    const summaries = out.map((l) => JSON.parse(l)).filter((o) => o.type === 'summary');
    expect(summaries).toHaveLength(1);
    return summaries[0];
  }

  it('3: warnings: [texts] without --strict, exit 0 and ok true', () => {
    const summary = summaryOf('unchecked.json');
    expect(summary).toMatchObject({ exitCode: 0, ok: true, warnings: [NO_EXPECTATION_TEXT] });
  });

  it('3: the texts are the ⚠ lines without the "⚠ " prefix', () => {
    for (const name of ['pending.json', 'both.json']) {
      const table = warningsBeforeSummary(vmq(FILES, 'run', name).out).map((l) => l.slice(2));
      expect(summaryOf(name).warnings).toEqual(table);
    }
  });

  it('3: with --strict, exitCode 1 and ok false', () => {
    for (const flags of [[], ['--quiet']]) {
      const summary = summaryOf('both.json', '--strict', ...flags);
      expect(summary.exitCode).toBe(1);
      expect(summary.ok).toBe(false);
      expect(summary.warnings).toHaveLength(2);
    }
  });

  it('3: no warnings key when there is none', () => {
    for (const flags of [[], ['--strict'], ['--quiet']]) {
      const summary = summaryOf('clean.json', ...flags);
      expect(summary).not.toHaveProperty('warnings');
      expect(summary).toMatchObject({ exitCode: 0, ok: true });
    }
    expect(summaryOf('pending-expected.json')).not.toHaveProperty('warnings');
  });

  it('3: ok is exactly exitCode === 0 for every kind of file', () => {
    for (const name of Object.keys(FILES)) {
      for (const flags of [[], ['--strict']]) {
        const summary = summaryOf(name, ...flags);
        expect(summary.ok, `${name} ${flags.join(' ')}`).toBe(summary.exitCode === 0);
      }
    }
  });

  it('3: the --json exit status is the summary exitCode', () => {
    for (const name of Object.keys(FILES)) {
      for (const flags of [[], ['--strict']]) {
        const { code, out } = vmq(FILES, 'run', name, '--json', ...flags);
        expect(JSON.parse(out.at(-1) as string).exitCode, name).toBe(code);
      }
    }
  });
});

describe('3: several files: the worst exit wins', () => {
  it('3: every file still gets its summary', () => {
    const { out } = vmq(FILES, 'run', 'clean.json', 'unchecked.json', 'pending.json', '--strict', '--quiet');
    expect(perFile(out).map((g) => g.at(-1)?.split(':')[0])).toEqual([
      'PASS clean.json',
      'FAIL unchecked.json',
      'FAIL pending.json',
    ]);
  });

  it.each([
    [['clean.json', 'unchecked.json'], [], 0],
    [['clean.json', 'unchecked.json'], ['--strict'], 1],
    [['unchecked.json', 'clean.json'], ['--strict'], 1],
    [['unchecked.json', 'invalid.json'], ['--strict'], 2],
    [['invalid.json', 'unchecked.json'], [], 2],
    [['both.json', 'fail.json'], [], 1],
    [['clean.json', 'oid-only.json'], ['--strict'], 0],
  ] as const)('3: %j %j exits %i', (names, flags, expected) => {
    expect(vmq(FILES, 'run', ...names, ...flags).code).toBe(expected);
    expect(vmq(FILES, 'run', ...names, ...flags, '--json').code).toBe(expected);
  });

  it('3: each file gets only its own warnings', () => {
    const groups = perFile(vmq(FILES, 'run', 'both.json', 'clean.json', 'unchecked.json', '--quiet').out);
    expect(groups.map((g) => g.filter((l) => l.startsWith('⚠ ')).length)).toEqual([2, 0, 1]);
  });
});

describe('2: vmq validate and a memory space', () => {
  const spaced = (space: string) =>
    scenarioDocument([
      {
        expect: {
          memory: [
            { space: 'management-os', count: 1 },
            { space, count: 0 },
          ],
        },
      },
    ]);

  it('2: a bad space exits 2 and prints the path and a suggestion', () => {
    const { code, out } = vmq({ 'bad.json': spaced('VM_1') }, 'validate', 'bad.json');
    expect(code).toBe(2);
    const line = out.find((l) => l.includes('steps[0].expect.memory[1].space'));
    expect(line, out.join('\n')).toBeDefined();
    expect(line).toMatch(/^bad\.json: steps\[0\]\.expect\.memory\[1\]\.space: /);
    expect(line).toContain('management-os');
    expect(line).toMatch(/did you mean "?VM1"?/);
  });

  it('2: a valid space exits 0', () => {
    for (const space of ['VM1', 'management-os']) {
      const { code, out } = vmq({ 'good.json': spaced(space) }, 'validate', 'good.json');
      expect(code).toBe(0);
      expect(out).toEqual(['good.json: valid (1 steps)']);
    }
  });

  it('2: vmq run refuses a bad space too: INVALID, exit 2', () => {
    const { code, out } = vmq({ 'bad.json': spaced('VM2') }, 'run', 'bad.json');
    expect(code).toBe(2);
    expect(out.at(-1)).toMatch(/^INVALID bad\.json: 1 errors?$/);
  });
});

describe('4: every built-in scenario passes --strict', () => {
  const dir = join(process.cwd(), 'public', 'scenarios');
  const names = readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'index.json');
  const files = Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));

  it('4: there are built-in scenarios', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  it.each(names)('4: %s runs with --strict, exit 0, no warnings', (name) => {
    const { code, out } = vmq(files, 'run', name, '--strict', '--quiet');
    expect(code, out.join('\n')).toBe(0);
    expect(out.some((l) => l.startsWith('⚠'))).toBe(false);
    expect(out.at(-1)).toMatch(new RegExp(`^PASS ${name.replace('.', '\\.')}: `));
  });

  it('4: all of them together exit 0 under --strict --json', () => {
    const { code, out } = vmq(files, 'run', ...names, '--strict', '--json', '--quiet');
    expect(code).toBe(0);
    const summaries = out.map((l) => JSON.parse(l)).filter((o) => o.type === 'summary');
    expect(summaries).toHaveLength(names.length);
    for (const s of summaries) expect(s, s.file).toMatchObject({ exitCode: 0, ok: true });
    for (const s of summaries) expect(s).not.toHaveProperty('warnings');
  });
});
