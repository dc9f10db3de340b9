#!/usr/bin/env node
// The CLI runs from its prebuilt bundle (Node 20 cannot load TypeScript itself). `npm ci` builds it (prepare);
// after a source change, `npm run build:cli` rebuilds it. A checkout without a bundle builds it once, here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/vmq.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('vmq: building the CLI bundle once (npm run build:cli rebuilds it after a source change)\n');
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
await import(bundle);
