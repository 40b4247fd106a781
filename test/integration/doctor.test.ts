/**
 * `gate-terminal doctor` on broken set-ups: each problem is one failing line with its fix in Vietnamese and English,
 * and the exit code says whether anything failed. Set-ups: healthy, a config with two wrong fields, a corrupt
 * register, a scanner and a GPIO chip that are not there, an unreachable hub without enrolment, a full disk (a
 * small tmpfs filled up).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { fixedClockSync } from '../../main/platform/clock-sync.js';
import type { DoctorCheck } from '../../main/doctor/doctor-check.js';
import { runDoctor } from '../../main/doctor/run-doctor.js';
import { openDatabase } from '../../main/storage/open-database.js';
import { writeTestConfig } from '../support/host-process.js';
import { freePort } from '../support/hub-process.js';
import { CLI, ensureBuilt, tempDir } from '../support/paths.js';
import { mountTmpfs, type ScratchFilesystem } from '../support/scratch-filesystem.js';

function check(checks: readonly DoctorCheck[], name: string): DoctorCheck {
  const found = checks.find((c) => c.name === name);
  assert.ok(found, `no "${name}" check in ${checks.map((c) => c.name).join(', ')}`);
  return found;
}

function assertFails(checks: readonly DoctorCheck[], name: string, detail: RegExp, fixEn: RegExp): void {
  const c = check(checks, name);
  assert.equal(c.status, 'fail', `${name}: ${c.status} ${c.detail}`);
  assert.match(c.detail, detail);
  assert.match(c.fix!.en, fixEn);
  assert.ok(c.fix!.vi.length > 10 && c.fix!.vi !== c.fix!.en, 'a Vietnamese fix too');
}

describe('gate-terminal doctor', () => {
  const dirs: string[] = [];
  const mounts: ScratchFilesystem[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const mount of mounts) mount.unmount();
  });

  function terminal(extraConfig: Record<string, unknown> = {}, dataDir = tempDir('doctor')): string {
    dirs.push(dataDir);
    const config = writeTestConfig(dataDir, { extraConfig });
    openDatabase(join(dataDir, 'register.sqlite')).close();
    return config;
  }

  const doctor = (configPath: string) => runDoctor({ configPath, clockProbe: fixedClockSync(true), hubTimeoutMs: 1000 });

  it('healthy terminal: every check ok or skipped; the CLI exits 0 and --json says healthy', async () => {
    const configPath = terminal();
    const checks = await doctor(configPath);
    assert.deepEqual(checks.filter((c) => c.status === 'fail' || c.status === 'warn'), []);
    for (const name of ['config', 'storage', 'migrations', 'register writable', 'free disk', 'log dir', 'clock', 'queue']) assert.equal(check(checks, name).status, 'ok', name);
    ensureBuilt();
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'doctor', '--config', configPath, '--json']);
    const report = JSON.parse(stdout) as { healthy: boolean; checks: DoctorCheck[] };
    assert.equal(report.healthy, true);
    assert.equal(check(report.checks, 'storage').status, 'ok');
  });

  it('config with wrong fields: each field named, the rest skipped, exit 1 with the fix printed', async () => {
    const dataDir = tempDir('doctor-config');
    dirs.push(dataDir);
    const configPath = writeTestConfig(dataDir, { extraConfig: { display: { resultHoldSeconds: 0, langauge: 'vi' } } });
    const checks = await doctor(configPath);
    assertFails(checks, 'config', /field "display\.resultHoldSeconds".*field "display\.langauge": unknown setting/, /Fix the fields named/);
    assert.equal(check(checks, 'storage').status, 'skip');
    const run = await promisify(execFile)(process.execPath, [CLI, 'doctor', '--config', configPath]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^\[FAIL\] config/m);
    assert.match(run.stdout, /→ sửa: Sửa các trường/);
    assert.match(run.stdout, /→ fix: Fix the fields/);
  });

  it('corrupt register: storage fails with how to move it aside', async () => {
    const configPath = terminal();
    const file = join(configPath, '..', 'register.sqlite');
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xab)]));
    rmSync(`${file}-wal`, { force: true });
    assertFails(await doctor(configPath), 'storage', /register\.sqlite/, /damaged.*mv .*register\.sqlite .*\.damaged/);
  });

  it('missing scanner and GPIO chip: each fails with where to look, nothing is switched', async () => {
    const line = { name: 'GPIO17' };
    const checks = await doctor(
      terminal({
        hardware: {
          scanners: [{ kind: 'serial', id: 'door', path: '/dev/serial/by-id/usb-not-plugged-in' }],
          gpio: { driver: 'libgpiod', chip: 'gpiochip99' },
          lights: { kind: 'gpio', red: line, amber: { name: 'GPIO27' }, green: { name: 'GPIO22' } },
          turnstile: { kind: 'simulated', pulseMs: 500, safePosition: 'locked' },
        },
      }),
    );
    assertFails(checks, 'scanner door', /usb-not-plugged-in is not present/, /gate-terminal devices/);
    assertFails(checks, 'gpio', /gpiochip99 is not present/, /gpioinfo/);
  });

  it('unreachable hub, not enrolled: both fail with the command to try', async () => {
    const port = await freePort();
    const checks = await doctor(terminal({ hub: { url: `http://127.0.0.1:${port}` } }));
    assertFails(checks, 'hub reachable', new RegExp(`127\\.0\\.0\\.1:${port}`), new RegExp(`curl http://127\\.0\\.0\\.1:${port}/v1/time`));
    assertFails(checks, 'enrolment', /not enrolled/, /gate-terminal enrol --token/);
    assert.equal(check(checks, 'last sync').status, 'warn');
  });

  it('full disk (a 2 MB tmpfs filled up): free disk and storage fail, naming the full disk', async () => {
    const mount = mountTmpfs(2 * 1024);
    mounts.push(mount);
    const configPath = terminal({}, mount.dir);
    dirs.pop(); // unmounted, not removed
    mount.fill();
    const checks = await doctor(configPath);
    assertFails(checks, 'free disk', /^0 MB free of 2 MB .*below 50 MB/, /Free some space/);
    assertFails(checks, 'storage', /STORAGE_FULL/, /The disk is full: free some space \(df -h/);
  });
});
