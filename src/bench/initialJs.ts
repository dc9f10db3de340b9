/**
 * P4: the JavaScript a visitor downloads before the first view can show: index.html's module script and
 * modulepreloads with every chunk they import statically, plus the worker script the page starts at load and its
 * own static imports. Lazy chunks (`import()`) do not count because the first view does not fetch them: the page
 * loads its lower panels only as they come near the viewport, and e2e/initialJs.spec.ts checks in Chromium at
 * 1440×900 that the JavaScript the first view fetches is exactly this set.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  /** The files counted, relative to the build directory, in the order found. */
  files: string[];
  /** Their gzip sizes summed. */
  gzipBytes: number;
}

const HTML_SCRIPT = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g;
const HTML_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g;
/** `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`; `import(` is lazy and never matches. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'`]((?:\.{1,2}|)\/[^"'`]+\.js)["'`]/g;
/** `new Worker(new URL("/assets/w.js", …))`, or with the build's relative base (vite.config.ts `base: './'`)
 * `new Worker(new URL(new URL("w.js", import.meta.url).href, …))`, the name relative to the importing file. */
const WORKER_URL = /new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*(?:new\s+URL\(\s*)?["'`]([^"'`]+\.js)["'`]/g;

const matches = (text: string, pattern: RegExp): string[] => [...text.matchAll(pattern)].map((m) => m[1] as string);

/** `spec` as a path inside `distDir`: root-relative ("/assets/x.js") or relative to the importing file. */
function resolveIn(distDir: string, fromFile: string, spec: string): string {
  return spec.startsWith('/') ? join(distDir, spec) : join(dirname(fromFile), spec);
}

export function initialJs(distDir: string): InitialJs {
  const htmlPath = join(distDir, 'index.html');
  const html = readFileSync(htmlPath, 'utf8');
  const seen = new Set<string>();
  const workers: string[] = [];
  const visit = (file: string, collectWorkers: boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const spec of matches(code, STATIC_IMPORT)) visit(resolveIn(distDir, file, spec), collectWorkers);
    if (collectWorkers) for (const spec of matches(code, WORKER_URL)) workers.push(resolveIn(distDir, file, spec));
  };
  for (const spec of [...matches(html, HTML_SCRIPT), ...matches(html, HTML_PRELOAD)])
    visit(resolveIn(distDir, htmlPath, spec), true);
  if (seen.size === 0) throw new Error(`${htmlPath} loads no module script: is it a Vite build?`);
  if (workers.length === 0) throw new Error(`the page in ${distDir} starts no worker: P4 would miss its script`);
  for (const worker of workers) visit(worker, false);
  const files = [...seen];
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  return { files: files.map((file) => relative(distDir, file)), gzipBytes };
}

/** The bench's P4 line. */
export const p4Line = ({ gzipBytes }: InitialJs): string =>
  `P4 initial JS gzip KB: ${(gzipBytes / 1024).toFixed(1)} (goal <= 150)`;
