/**
 * vitest setupFile: points GATE_HUB_PG_URL at this worker's own database (created on first use from the server the
 * variable names), so hub test files in parallel workers never share a database. Runs before each test file's imports.
 */
import { inject } from 'vitest';
import { ensureWorkerDatabase } from '../support/worker-database.js';

const base = process.env.GATE_HUB_PG_BASE_URL ?? process.env.GATE_HUB_PG_URL;
const worker = `${inject('pgRunId')}:${process.env.VITEST_POOL_ID ?? '1'}`;
// A worker process runs many files: the database is made (one round trip to the server) only for its first.
if (base && process.env.GATE_HUB_PG_WORKER !== worker) {
  process.env.GATE_HUB_PG_BASE_URL = base;
  process.env.GATE_HUB_PG_URL = await ensureWorkerDatabase(base, inject('pgRunId'), process.env.VITEST_POOL_ID ?? '1');
  process.env.GATE_HUB_PG_WORKER = worker;
}
