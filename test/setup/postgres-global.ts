/**
 * vitest globalSetup: gives the run an id for the per-worker PostgreSQL databases (test/setup/postgres-worker.ts)
 * and drops them all when the run ends. Without GATE_HUB_PG_URL there is nothing to do.
 */
import type { TestProject } from 'vitest/node';
import { dropRunDatabases } from '../support/worker-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const runId = `${process.pid}`;
  project.provide('pgRunId', runId);
  return async () => {
    const base = process.env.GATE_HUB_PG_URL;
    if (base) await dropRunDatabases(base, runId);
  };
}
