import { describe, expect, it } from 'vitest';
import { SAMPLE_QUEUE_TABLE, SAMPLE_VMQ_TABLE } from '../scenario/hostConfig.samples.ts';
import { runCli } from './main.ts';

const FILES: Record<string, string> = {
  'host.txt': `${SAMPLE_VMQ_TABLE}\n${SAMPLE_QUEUE_TABLE}`,
  'bad.txt': SAMPLE_QUEUE_TABLE.replace('0:4 ', '4   '),
};

function vmq(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
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

describe('vmq import-host', () => {
  it('prints the scenario that rebuilds the host, which vmq run then passes; notes go to stderr', () => {
    const { code, out, err } = vmq('import-host', 'host.txt');
    expect(code).toBe(0);
    expect(err).toEqual(['host.txt: note: Built SLOT 2 Port 1; left out SLOT 2 Port 2: a scenario has one adapter.']);
    const scenario = JSON.parse(out.join('\n'));
    expect(scenario).toMatchObject({ format: 'vmq-scenario', adapter: { profile: 'ws2012', cpus: 10 } });

    FILES['built.json'] = out.join('\n');
    const run = vmq('run', 'built.json', '--quiet');
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['PASS built.json: 13 expectations hold, no violations, ended at 0.000 µs']);
  });

  it('exits 2 with the error naming the line, and prints no scenario', () => {
    const { code, out, err } = vmq('import-host', 'bad.txt');
    expect([code, out]).toEqual([2, []]);
    expect(err).toEqual(['bad.txt: Line 7: Processor is "4"; expected group:number, like 0:2.']);
  });

  it('exits 2 for a file it cannot read, or without exactly one file', () => {
    expect(vmq('import-host', 'missing.txt')).toMatchObject({
      code: 2,
      err: ['vmq: missing.txt: cannot read: ENOENT: missing.txt'],
    });
    expect(vmq('import-host').code).toBe(2);
    expect(vmq('import-host', 'host.txt', 'bad.txt').code).toBe(2);
  });
});
