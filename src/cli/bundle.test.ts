/**
 * The bundle graders run: several vmq processes in one checkout at once, while the bundle is missing or being
 * rebuilt, all finish with the same correct output (they used to crash with ENOTEMPTY or ERR_MODULE_NOT_FOUND).
 * Each test works in a scratch copy of the checkout, so it never disturbs the real dist-cli.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIO = 'public/scenarios/vmq-in-a-minute.json';
/** A generous ceiling for builds on a loaded two-core machine; nothing here measures time. */
const BUILDS_TIMEOUT_MS = 240_000;

const checkout = mkdtempSync(join(tmpdir(), 'vmq-bundle-'));
// Everything the CLI bundle's inputs import (the bench reads playwright.config.ts for Chromium's flags).
for (const entry of ['bin', 'scripts', 'src', 'public', 'package.json', 'vite.cli.config.ts', 'playwright.config.ts']) {
  cpSync(join(ROOT, entry), join(checkout, entry), { recursive: true });
}
for (const tsconfig of readdirSync(ROOT).filter((name) => /^tsconfig.*\.json$/.test(name))) {
  cpSync(join(ROOT, tsconfig), join(checkout, tsconfig));
}
symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(...args: string[]): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: checkout, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const vmqJson = () => node('bin/vmq.mjs', 'run', SCENARIO, '--json');

/** What a run reports, without the stderr note that a first run builds the bundle. */
const outcome = (exit: Exit) => ({ code: exit.code, stdout: exit.stdout });

describe('the vmq bundle', () => {
  test(
    'two first runs at once both build, run and print the same NDJSON; later runs do not build again',
    async () => {
      const [a, b] = await Promise.all([vmqJson(), vmqJson()]);
      expect(outcome(a)).toEqual(outcome(b));
      expect(a.code).toBe(0);
      const lines = a.stdout.trimEnd().split('\n');
      expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'header', format: 'vmq-trace' });
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'summary', exitCode: 0, ok: true });

      const again = await vmqJson();
      expect(outcome(again)).toEqual(outcome(a));
      expect(again.stderr).toBe('');
    },
    BUILDS_TIMEOUT_MS,
  );

  test(
    'runs that start while the bundle is rebuilt finish as if nothing happened',
    async () => {
      const before = await vmqJson();
      let rebuilt = false;
      const rebuild = node('scripts/build-cli.mjs').finally(() => {
        rebuilt = true;
      });
      const runs: Exit[] = [];
      // Runs one after another until the rebuild has swapped the link: some start across the swap.
      while (!rebuilt) runs.push(await vmqJson());
      expect((await rebuild).code).toBe(0);
      for (const run of runs) expect(outcome(run)).toEqual(outcome(before));
    },
    BUILDS_TIMEOUT_MS,
  );
});
