// Test runner configuration. Two projects:
// - "parallel": unit and integration files that start no browser and kill nothing, two files at a time (2 cores);
//   hub files get a PostgreSQL database per worker (test/setup/postgres-*.ts).
// - "serial": end-to-end browser tests, kill / chaos tests, package tests in containers, and tests that drive real
//   processes and timers: one file at a time, so they never compete with each other, in the order of
//   test/setup/serial-sequencer.ts.
// `npm test` (scripts/run-tests.mjs) runs the two projects at the same time, in two vitest processes; a plain
// `vitest run` runs them one after the other (groupOrder), since one vitest process has one worker pool per group.
// Per-test timeouts are 120 s (10 minutes before), enough for a machine at load 20 on 2 cores; the few long
// tests (package builds, chaos runs, whole-repository lint) say their own.
import { defineConfig } from 'vitest/config';
import SerialSequencer from './test/setup/serial-sequencer.js';

const SERIAL = [
  'test/e2e/**/*.test.ts',
  'test/integration/kill-durability.test.ts',
  'test/integration/package-*.test.ts',
  'test/integration/hub/terminal-kill-sync.test.ts',
  'test/integration/hub/sync-chaos.test.ts',
  'test/integration/hub/replica-chaos.test.ts',
  'test/integration/hub/hub-replicas.test.ts',
  'test/integration/serial-scanner.test.ts',
  'test/integration/serial-stall.test.ts',
  'test/integration/watchdog-notify.test.ts',
  'test/integration/relay-fail-safe.test.ts',
  'test/integration/storage-full.test.ts',
  'test/unit/electron/electron-watchdog.test.ts',
  'test/unit/electron/electronegativity.test.ts',
];

const shared = {
  env: { GATE_TERMINAL_TEST: '1' },
  globalSetup: ['test/setup/postgres-global.ts'],
  setupFiles: ['test/setup/postgres-worker.ts'],
  restoreMocks: true,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    reporters: ['default', './test/setup/summary-reporter.ts'],
    // vitest takes the sequencer from the root config only; it reorders the serial project's files alone.
    sequence: { sequencer: SerialSequencer },
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          ...shared,
          name: 'parallel',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: SERIAL,
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'serial',
          include: SERIAL,
          fileParallelism: false,
          maxWorkers: 1,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
