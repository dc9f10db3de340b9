import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // e2e/*.spec.ts belong to Playwright; Vitest must not pick them up.
    include: ['src/**/*.test.ts'],
  },
});
