import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    // Parsers run in happy-dom (per-file `@vitest-environment happy-dom`); db tests use fake-indexeddb.
    environment: 'node',
    pool: 'threads',
    // A guard against a hung test, not a timing goal (those live in npm run bench): the property and search tests
    // write thousands of rows through fake-indexeddb, which takes several seconds on a loaded 2-core machine.
    testTimeout: 30_000,
    setupFiles: ['test/setup/every-test-asserts.ts'],
  },
});
