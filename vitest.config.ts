import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start servers, databases and browsers: two cores share them.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
