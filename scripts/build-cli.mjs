/**
 * Builds the Node bundles (vmq, bench, soak) and puts them in place atomically, so a run that starts while another
 * process builds never sees a half-written directory.
 *
 * Each build goes into its own fresh directory under .dist-cli/, and `dist-cli` is a symlink that is swapped to it
 * with one rename(2). Node resolves a script's symlinks before loading it, so a running CLI keeps loading its chunks
 * from the build it started with even when a newer build replaces the link meanwhile.
 *
 * Used by `npm run build:cli`, by `prepare` (so `npm ci` leaves a ready CLI) and by bin/vmq.mjs on its first run.
 */
import { lstatSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LINK = join(ROOT, 'dist-cli');
const BUILDS = join(ROOT, '.dist-cli');
/** A build older than this that the link no longer names has had ample time to finish loading. */
const STALE_MS = 60_000;

export async function buildCli() {
  const id = `${process.pid}-${Date.now().toString(36)}`;
  const outDir = join(BUILDS, id);
  const { build } = await import('vite');
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.cli.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const tempLink = `${LINK}.${id}`;
  symlinkSync(relative(ROOT, outDir), tempLink, 'dir');
  dropOldDirectory();
  renameSync(tempLink, LINK);
  removeStaleBuilds(id);
}

/** Checkouts from before the symlink hold a real dist-cli directory, which rename cannot replace. */
function dropOldDirectory() {
  try {
    if (!lstatSync(LINK).isSymbolicLink()) rmSync(LINK, { recursive: true, force: true });
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

function removeStaleBuilds(current) {
  let linked = current;
  try {
    linked = readlinkSync(LINK).split(/[\\/]/).pop();
  } catch {}
  for (const name of readdirSync(BUILDS)) {
    if (name === current || name === linked) continue;
    const dir = join(BUILDS, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {}
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
