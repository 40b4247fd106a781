/**
 * Order of the "serial" project's files (one at a time). `npm test` runs this project beside the CPU-bound "parallel"
 * project (scripts/run-tests.mjs), so its first minutes share the machine: the browser tests go first — they mostly
 * wait and are built to hold under load — then the hardware-timing tests, then the kill and chaos tests, and the
 * package builds, which need the CPU most, last, when the parallel project has usually ended. Within a rank vitest's
 * own order is kept (files that failed last time first, then the slowest by its cache, else the largest).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const RANKS: readonly RegExp[] = [
  /\/test\/e2e\//,
  /\/(serial-scanner|serial-stall|relay-fail-safe|storage-full|watchdog-notify)\.test\.ts$|\/test\/unit\/electron\//,
  /\/(kill-durability|terminal-kill-sync|sync-chaos|replica-chaos|hub-replicas)\.test\.ts$/,
  /\/package-[^/]+\.test\.ts$/,
];

/** A file's rank: the index of the first pattern its path matches (unmatched files after the known ones, before packages). */
export function serialRank(path: string): number {
  const i = RANKS.findIndex((r) => r.test(path));
  return i < 0 ? RANKS.length - 1.5 : i;
}

export default class SerialSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const position = new Map(base.map((f, i) => [f, i]));
    const rank = (f: TestSpecification) => (f.project.name === 'serial' ? serialRank(f.moduleId) : 0);
    return [...base].sort((a, b) => rank(a) - rank(b) || position.get(a)! - position.get(b)!);
  }
}
