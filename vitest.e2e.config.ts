import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (dist/chrome) in Debian's Chromium, on routed Gmail and LinkedIn URLs.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    setupFiles: ['test/setup/every-test-asserts.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // What a user sees may take a few seconds on a loaded 2-core CI machine (a tab opening, a service worker waking).
    expect: { poll: { timeout: 5_000, interval: 50 } },
    environment: 'node',
  },
});
