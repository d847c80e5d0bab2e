import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests never reach the network; a hanging fake server should fail fast, not stall CI.
    testTimeout: 20_000,
  },
});
