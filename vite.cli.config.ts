import { defineConfig } from 'vite';

// Node has no TypeScript loader on our Node 20, so the CLI and the bench are bundled for Node by Vite itself.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      input: { vmq: 'src/cli/vmq.ts', bench: 'src/bench/bench.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
