import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // e2e/*.spec.ts belong to Playwright; Vitest must not pick them up.
    include: ['src/**/*.test.ts'],
    // Property tests, fuzzers and the soak run thousands of cases. On a loaded 2-core machine the default 5 s is
    // reached by load, not by a bug; a real hang still fails at this bound.
    testTimeout: 60_000,
  },
});
