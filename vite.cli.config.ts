import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Node has no TypeScript loader on our Node 20, so the CLI, the bench and the soak are bundled for Node by Vite
// itself. Build with `npm run build:cli` (scripts/build-cli.mjs): it gives each build its own directory and swaps
// the dist-cli link atomically, so runs in progress never see a half-written bundle.
export default defineConfig({
  // The bundle's own location says nothing about where package.json is (it lives under .dist-cli/<build>/).
  define: { __VMQ_VERSION__: JSON.stringify(version) },
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: { vmq: 'src/cli/vmq.ts', bench: 'src/bench/bench.ts', soak: 'src/soak/soak-cli.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
