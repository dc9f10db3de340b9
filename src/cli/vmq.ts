/** The vmq executable (bundled to dist-cli/vmq.js): Node's file system and streams wired to runCli. */
import { readFileSync } from 'node:fs';
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

process.exitCode = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  version: __VMQ_VERSION__,
});
