/** The vmq executable (bundled to dist-cli/vmq.js): Node's file system and streams wired to runCli. */
import { readFileSync } from 'node:fs';
import { runCli } from './main.ts';

// `vmq run x.json | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = runCli(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  version: __VMQ_VERSION__,
});
