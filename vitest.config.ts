import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/setup/build-main.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
