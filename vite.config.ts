import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { contentSecurityPolicy, SECURITY_HEADERS } from './vite.csp.ts';
import { checkedScenarios } from './vite.scenarios.ts';

// Cross-origin isolation gives the worker SharedArrayBuffer and fine-grained performance.now().
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// The engine is pure: importing any of its modules does nothing, so the page keeps only what it uses of
// src/engine/index.ts (types, constants, names) and the engine's code ships in the simulation worker alone.
const ENGINE_IS_PURE = { moduleSideEffects: [{ test: /\/src\/engine\//, sideEffects: false }] };

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Relative asset URLs: the same dist/ works from any static host and any sub-path (page/siteBase.ts finds the
  // scenario and lesson catalogues the same way).
  base: './',
  // The exported NDJSON trace names the tool as vmq does ("vmq 0.1.0"), so the two are the same bytes.
  define: { __VMQ_VERSION__: JSON.stringify(version) },
  plugins: [react(), tailwindcss(), contentSecurityPolicy(), checkedScenarios()],
  server: { headers: isolation },
  preview: { headers: { ...isolation, ...SECURITY_HEADERS } },
  // The flight layer's worker draws, and needs of the engine only a constant or two (the simulation worker imports
  // what it runs, so it loses nothing).
  worker: { format: 'es', rolldownOptions: { treeshake: ENGINE_IS_PURE } },
  build: {
    rolldownOptions: {
      treeshake: ENGINE_IS_PURE,
      // React changes far less often than our code: its own chunk stays cached across our releases.
      output: {
        codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] },
      },
    },
  },
});
