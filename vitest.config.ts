import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    // Parsers run in happy-dom (per-file `@vitest-environment happy-dom`); db tests use fake-indexeddb.
    environment: 'node',
    pool: 'threads',
    setupFiles: ['test/setup/every-test-asserts.ts'],
  },
});
