import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/build-main.ts'],
    // Generous: integration tests start servers and CLI processes on a shared, busy machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
