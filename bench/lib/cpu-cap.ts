/**
 * A CPU cap for a process, through the kernel's cgroup CPU controller (cgroup v1 `cpu.cfs_quota_us`, or v2 `cpu.max`
 * when the unified hierarchy carries the cpu controller): bench hub10k caps each hub replica at a share of one core so
 * that the replicas, not the machine's cores, are the limit of ingestion — the situation of a deployment where
 * PostgreSQL and the clients run on machines of their own, which a 2-core bench machine cannot otherwise show.
 * Needs root (the bench runs as root here); without a usable controller `capCpu` says why instead of measuring.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PERIOD_US = 100_000;

interface Controller {
  readonly root: string;
  readonly version: 1 | 2;
}

function controller(): Controller | string {
  if (existsSync('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')) return { root: '/sys/fs/cgroup/cpu', version: 1 };
  for (const root of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    const controllers = join(root, 'cgroup.subtree_control');
    if (existsSync(controllers) && readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu')) return { root, version: 2 };
  }
  return 'no cgroup CPU controller is mounted (cgroup v1 /sys/fs/cgroup/cpu, or v2 with "cpu" in cgroup.subtree_control)';
}

export interface CpuCap {
  /** Moves the processes back to the root group and removes the group. */
  release(): void;
}

/**
 * Puts each of `pids` (all their threads) in a group of its own named `<name>-<i>`, limited to `percentOfCore` % of one
 * core. Returns a string (the reason) when the machine offers no way to do it.
 */
export function capCpu(name: string, pids: readonly number[], percentOfCore: number): CpuCap | string {
  const found = controller();
  if (typeof found === 'string') return found;
  const quota = Math.round((PERIOD_US * percentOfCore) / 100);
  const groups: string[] = [];
  const release = () => {
    for (const group of groups.splice(0)) {
      for (const pid of readFileSync(join(group, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        writeFileSync(join(found.root, 'cgroup.procs'), pid);
      }
      rmdirSync(group);
    }
  };
  try {
    pids.forEach((pid, i) => {
      const group = join(found.root, `${name}-${i}`);
      mkdirSync(group, { recursive: true });
      groups.push(group);
      if (found.version === 1) {
        writeFileSync(join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
        writeFileSync(join(group, 'cpu.cfs_quota_us'), String(quota));
      } else {
        writeFileSync(join(group, 'cpu.max'), `${quota} ${PERIOD_US}`);
      }
      writeFileSync(join(group, 'cgroup.procs'), String(pid));
    });
  } catch (error) {
    release();
    return `cannot cap the CPU through ${found.root}: ${(error as Error).message}`;
  }
  return { release };
}
