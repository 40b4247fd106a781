/**
 * `gate-terminal doctor`: every check in order, on the terminal as configured — config, storage, free disk, log
 * folder, clock, hardware (dry), hub, queue. A broken config stops the checks that need it (shown as skipped).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../config/config-schema.js';
import { ConfigError, loadConfig, type GateConfig } from '../config/load-config.js';
import type { ClockSyncProbe } from '../platform/clock-sync.js';
import { fail, ok, skip, type DoctorCheck } from './doctor-check.js';
import { checkClock, checkGpio, checkScanners } from './device-checks.js';
import { checkHub, checkQueue } from './hub-checks.js';
import { checkDisk, checkLogDir, checkRegister } from './storage-checks.js';

export interface DoctorOptions {
  readonly configPath: string;
  readonly now?: number;
  readonly clockProbe?: ClockSyncProbe;
  readonly hubTimeoutMs?: number;
}

/** Every field error of the config, not only the first (the host stops at the first one). */
function configProblems(path: string, error: ConfigError): string[] {
  if (error.fieldPath === '') return [error.message];
  try {
    const result = configSchema.safeParse(parse(readFileSync(path, 'utf8')));
    if (result.success) return [error.message];
    return result.error.issues.map((issue) => {
      const field = [...issue.path, ...(issue.code === 'unrecognized_keys' ? [issue.keys[0]!] : [])].map(String).join('.');
      return `field "${field}": ${issue.code === 'unrecognized_keys' ? 'unknown setting (misspelt, or not valid here)' : issue.message}`;
    });
  } catch {
    return [error.message];
  }
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorCheck[]> {
  const now = options.now ?? Date.now();
  let config: GateConfig;
  try {
    config = loadConfig(options.configPath);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = configProblems(options.configPath, error);
    return [
      fail('config', `${options.configPath}: ${problems.join('; ')}`, {
        vi: `Sửa các trường được nêu trong ${options.configPath} (xem config/default.yaml làm mẫu), rồi chạy lại gate-terminal doctor.`,
        en: `Fix the fields named in ${options.configPath} (config/default.yaml is the reference), then run gate-terminal doctor again.`,
      }),
      ...['storage', 'free disk', 'log dir', 'clock', 'hardware', 'hub', 'queue'].map((name) => skip(name, 'needs a valid config')),
    ];
  }
  return [
    ok('config', `${config.source} valid (terminal ${config.terminal.id}, checkpoint ${config.checkpoint.id})`),
    ...checkRegister(join(config.storage.dataDir, 'register.sqlite'), now),
    checkDisk(config.storage.dataDir),
    checkLogDir(config.logging.dir),
    await checkClock(config, options.clockProbe),
    ...checkScanners(config),
    checkGpio(config),
    ...(await checkHub(config, now, options.hubTimeoutMs)),
    checkQueue(config),
  ];
}
