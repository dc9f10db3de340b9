import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialJs, p4Line } from './initialJs.ts';

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vmq-p4-'));
  mkdirSync(join(dir, 'assets'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const gz = (text: string): number => gzipSync(Buffer.from(text)).length;

describe('initialJs', () => {
  const entry = `import{a as b}from"./react.js";import"./runtime.js";const w=new Worker(new URL(\`/assets/w.js\`,""+import.meta.url));import("./lazy.js");`;
  const files = {
    'index.html': `<script type="module" crossorigin src="/assets/entry.js"></script><link rel="modulepreload" crossorigin href="/assets/react.js">`,
    'assets/entry.js': entry,
    'assets/react.js': 'export const a=1;'.repeat(50),
    'assets/runtime.js': 'var r=2;',
    'assets/w.js': 'import{x}from"./wdep.js";postMessage(x);',
    'assets/wdep.js': 'export const x=3;',
    'assets/lazy.js': 'export default "the reference viewer";'.repeat(100),
  };

  it('counts the entry, its static imports, the worker and its imports, but no lazy chunk', () => {
    const result = initialJs(build(files));
    expect(result.files.sort()).toEqual(
      ['assets/entry.js', 'assets/react.js', 'assets/runtime.js', 'assets/w.js', 'assets/wdep.js'].sort(),
    );
    const expected = ['assets/entry.js', 'assets/react.js', 'assets/runtime.js', 'assets/w.js', 'assets/wdep.js']
      .map((f) => gz(files[f as keyof typeof files]))
      .reduce((a, b) => a + b, 0);
    expect(result.gzipBytes).toBe(expected);
  });

  it('finds the worker of a build with a relative base, named relative to the file that starts it', () => {
    const relative = {
      ...files,
      'index.html': `<script type="module" crossorigin src="./assets/entry.js"></script>`,
      'assets/entry.js': `import"./runtime.js";const w=new Worker(new URL(new URL(\`w.js\`,import.meta.url).href,\`\`+import.meta.url));`,
    };
    expect(initialJs(build(relative)).files.sort()).toEqual(
      ['assets/entry.js', 'assets/runtime.js', 'assets/w.js', 'assets/wdep.js'].sort(),
    );
  });

  it('refuses a build whose page starts no worker, rather than under-counting', () => {
    const dir = build({
      'index.html': files['index.html'],
      'assets/entry.js': 'import"./react.js";',
      'assets/react.js': '',
    });
    expect(() => initialJs(dir)).toThrow(/starts no worker/);
  });

  it('prints the bench line with one decimal', () => {
    expect(p4Line({ files: [], gzipBytes: 145_715 })).toBe('P4 initial JS gzip KB: 142.3 (goal <= 150)');
  });
});
