import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { contentSecurityPolicy, SECURITY_HEADERS } from './vite.csp.ts';
import { checkedScenarios } from './vite.scenarios.ts';

// Cross-origin isolation gives the worker SharedArrayBuffer and fine-grained performance.now().
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy(), checkedScenarios()],
  server: { headers: isolation },
  preview: { headers: { ...isolation, ...SECURITY_HEADERS } },
  worker: { format: 'es' },
  build: {
    rolldownOptions: {
      // The engine is pure: importing any of its modules does nothing, so the page keeps only what it uses of
      // src/engine/index.ts (types, constants, names) and the engine's code ships in the worker alone.
      treeshake: { moduleSideEffects: [{ test: /\/src\/engine\//, sideEffects: false }] },
      // React changes far less often than our code: its own chunk stays cached across our releases.
      output: {
        codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] },
      },
    },
  },
});
