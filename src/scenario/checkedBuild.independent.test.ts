/** Builds the site once (vite build, about two seconds) and checks what it ships for the built-in scenarios. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKED_SCENARIOS_DIR } from './checked.ts';
import { parseScenario } from './parse.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = join(ROOT, 'public', 'scenarios');
const BUILT_INS = readdirSync(SOURCES).sort();
let outDir = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'vmq-checked-build-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Marks only the schema library's code carries. */
const ZOD_MARKERS = ['ZodError', '$ZodType'];
const hasZod = (code: string) => ZOD_MARKERS.some((marker) => code.includes(marker));

/** `file` and every chunk it imports statically (import … from, export … from), not through import(). */
function staticGraph(assets: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(assets, file), 'utf8');
  const pattern = /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'`]\.\/([^"'`]+)["'`]/g;
  for (const match of code.matchAll(pattern)) staticGraph(assets, match[1]!, seen);
  return seen;
}

describe('the site build', () => {
  it('ships one checked file for every built-in scenario, and nothing else in checked-scenarios/', () => {
    expect(readdirSync(join(outDir, CHECKED_SCENARIOS_DIR)).sort()).toEqual(BUILT_INS);
  });

  it.each(BUILT_INS)('ships %s checked as exactly what the parser returns for the original', (file) => {
    const parsed = parseScenario(readFileSync(join(SOURCES, file), 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const shipped = JSON.parse(readFileSync(join(outDir, CHECKED_SCENARIOS_DIR, file), 'utf8')) as unknown;
    expect(shipped).toStrictEqual(parsed.scenario);
  });

  it.each(BUILT_INS)('still ships the text of %s unchanged beside it', (file) => {
    expect(readFileSync(join(outDir, 'scenarios', file), 'utf8')).toBe(readFileSync(join(SOURCES, file), 'utf8'));
  });

  it("keeps the schema library out of the worker script's static imports, in a chunk of its own", () => {
    const assets = join(outDir, 'assets');
    const files = readdirSync(assets).filter((name) => name.endsWith('.js'));
    const workers = files.filter((name) => name.startsWith('sim.worker'));
    expect(workers).toHaveLength(1);
    const withZod = files.filter((name) => hasZod(readFileSync(join(assets, name), 'utf8')));
    expect(withZod.length).toBeGreaterThan(0);
    const graph = staticGraph(assets, workers[0]!);
    expect([...graph].filter((name) => withZod.includes(name))).toEqual([]);
    const worker = readFileSync(join(assets, workers[0]!), 'utf8');
    const lazy = [...worker.matchAll(/import\(\s*["'`]\.\/([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]!);
    expect(
      lazy.some((name) => withZod.includes(name) || [...staticGraph(assets, name)].some((n) => withZod.includes(n))),
    ).toBe(true);
  });

  it("keeps the schema library out of the page's first view (index.html's script and modulepreloads)", () => {
    const assets = join(outDir, 'assets');
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    // The build's base is relative ('./'), so a sub-path host serves it too; an absolute base would write '/assets/'.
    const entries = [...html.matchAll(/(?:src|href)="\.?\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!);
    expect(entries.length).toBeGreaterThan(0);
    const graph = new Set<string>();
    for (const entry of entries) staticGraph(assets, entry, graph);
    expect([...graph].filter((name) => hasZod(readFileSync(join(assets, name), 'utf8')))).toEqual([]);
  });
});
