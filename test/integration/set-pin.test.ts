/**
 * The first settings PIN (issue 16): `gate-terminal set-pin` writes `hardware.selfTest.pinHash` into the config itself
 * — into the default YAML config (comments kept, no duplicate `hardware:` key however often it runs), into a JSON
 * config — and refuses a bad PIN without touching the file; a terminal that started without a PIN accepts the new one
 * at the next check, without a restart. `selftest --hash-pin` (kept for scripts) prints only the hash.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, test } from 'vitest';
import { parseDocument } from 'yaml';
import { createGateApp, type GateApp } from '../../main/composition/create-gate-app.js';
import { loadConfig } from '../../main/config/load-config.js';
import { createContractHandler } from '../../main/host/contract-handlers.js';
import { silentLogger } from '../../main/platform/logger.js';
import { verifyPin } from '../../main/selftest/settings-pin.js';
import { writeTestConfig } from '../support/host-process.js';
import { CLI, ensureBuilt, ROOT, tempDir } from '../support/paths.js';

ensureBuilt();
const apps: GateApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

function setPin(config: string, input: string) {
  return spawnSync(process.execPath, [CLI, 'set-pin', '--config', config], { input, encoding: 'utf8' });
}

/** A copy of the repository's default config (and the test key it names) in a scratch folder. */
function defaultConfigCopy(): string {
  const dir = tempDir('set-pin-yaml');
  copyFileSync(join(ROOT, 'config', 'default.yaml'), join(dir, 'default.yaml'));
  cpSync(join(ROOT, 'config', 'test-issuer'), join(dir, 'test-issuer'), { recursive: true });
  return join(dir, 'default.yaml');
}

test('set-pin writes the hash into the default YAML config: comments kept, one hardware key, run again replaces it', async () => {
  const file = defaultConfigCopy();
  const before = readFileSync(file, 'utf8');
  const run = setPin(file, '246810\n');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Đã lưu mã PIN cài đặt[\s\S]*Saved the settings PIN/);
  const after1 = readFileSync(file, 'utf8');
  assert.equal(after1.match(/^hardware:/gm)?.length, 1);
  for (const comment of before.split('\n').filter((line) => line.trim().startsWith('#'))) assert.ok(after1.includes(comment.trim()), `comment kept: ${comment}`);
  const hash = loadConfig(file).hardware.selfTest.pinHash!;
  assert.ok(await verifyPin('246810', hash));
  assert.ok(!(await verifyPin('246811', hash)));
  assert.equal(setPin(file, '1357\n').status, 0);
  const after2 = readFileSync(file, 'utf8');
  assert.equal(parseDocument(after2, { uniqueKeys: true }).errors.length, 0, 'no "Map keys must be unique"');
  assert.ok(await verifyPin('1357', loadConfig(file).hardware.selfTest.pinHash!));
  assert.match(setPin(file, '2468\n').stdout, /systemctl restart/, 'changing a PIN a running terminal already has needs a restart: said so');
});

test('set-pin on a JSON config, and a bad PIN changes nothing', async () => {
  const file = writeTestConfig(tempDir('set-pin-json'));
  const before = readFileSync(file, 'utf8');
  for (const input of ['12\n', 'abcd\n', '1234567890123\n', '']) {
    const run = setPin(file, input);
    assert.equal(run.status, 2, `${JSON.stringify(input)}: ${run.stderr}`);
    assert.match(run.stderr, /4 to 12 digits/);
  }
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.equal(setPin(file, '8642\n').status, 0);
  assert.ok(await verifyPin('8642', loadConfig(file).hardware.selfTest.pinHash!));
});

test('a terminal that started without a PIN says so, and takes the PIN set while it runs at the next check', async () => {
  const file = writeTestConfig(tempDir('set-pin-live'));
  const app = await createGateApp(loadConfig(file), { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  const handle = createContractHandler(app);
  assert.equal(app.terminalInfo().settingsPinSet, false);
  await assert.rejects(async () => handle('getTerminalDetails', { pin: '0000' }), { code: 'PIN_NOT_SET' });
  assert.equal(setPin(file, '9753\n').status, 0);
  assert.equal(app.terminalInfo().settingsPinSet, true);
  await assert.rejects(async () => handle('getTerminalDetails', { pin: '0000' }), { code: 'BAD_PIN' });
  assert.equal(((await handle('getTerminalDetails', { pin: '9753' })) as { terminal: { terminalId: string } }).terminal.terminalId, 'gate-test-01');
});

test('selftest --hash-pin prints only the hash (the value of pinHash), with where it goes on stderr', async () => {
  const run = spawnSync(process.execPath, [CLI, 'selftest', '--hash-pin', '2468'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}\n$/);
  assert.ok(await verifyPin('2468', run.stdout.trim()));
  assert.match(run.stderr, /set-pin/);
  assert.equal(spawnSync(process.execPath, [CLI, 'selftest', '--hash-pin', '12'], { encoding: 'utf8' }).status, 2);
});
