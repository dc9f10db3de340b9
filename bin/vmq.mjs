#!/usr/bin/env node
// The CLI is bundled by `npm run build:cli` (Node 20 cannot load TypeScript itself).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/vmq.js', import.meta.url));
if (!existsSync(bundle)) {
  console.error('vmq: the CLI is not built yet; run `npm run build:cli` (or use `npm run vmq -- …`, which builds it).');
  process.exit(2);
}
await import(bundle);
