/** The vmq executable (bundled to dist-cli/vmq.js): Node's file system and streams wired to runCli. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LESSONS_DIR } from '../lesson/files.ts';
import { internalErrorLines, runCli } from './main.ts';

// `vmq run x.json | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// runCli guards every command; whatever still escapes (a stream failing) is vmq's own bug too: exit 3, never 1.
process.on('uncaughtException', (error) => {
  for (const line of internalErrorLines('', error, process.argv.includes('--debug'))) process.stderr.write(`${line}\n`);
  process.exit(3);
});

/**
 * public/lessons/ of the checkout this bundle was built in: the package root is the nearest directory above the
 * bundle (in .dist-cli/<build>/) with a package.json. Shown relative to the working directory when it is inside it.
 */
function bundledLessonsDir(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const lessons = join(dir, 'public', LESSONS_DIR);
      const shown = relative(process.cwd(), lessons);
      return shown.startsWith('..') || isAbsolute(shown) ? lessons : shown;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const lessonsDir = bundledLessonsDir();
process.exitCode = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  readBytes: (path) => readFileSync(path),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  version: __VMQ_VERSION__,
  writeFile: (path, data) => writeFileSync(path, data),
  listDir: (path) => readdirSync(path),
  ...(lessonsDir === undefined ? {} : { lessonsDir }),
});
