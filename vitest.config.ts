/**
 * Vitest: unit and service tests beside the code, harness-driven tests under test/, browser tests under
 * test/e2e. Files run in forks (better-sqlite3 is native); PostgreSQL tests use one schema per file.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    globalSetup: ['test/global-setup.ts'],
  },
});
