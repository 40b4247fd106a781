/**
 * Bad files at start: a broken config, an unusable data directory, a damaged subject key or register stop the host
 * with an exit code and a message naming the problem, and leave the damaged file byte for byte as it was.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { stringify } from 'yaml';
import { ContractClient, startHost, writeTestConfig } from '../support/host-process.js';
import { CLI, ensureBuilt, tempDir } from '../support/paths.js';
import { REGISTER } from '../support/register-file.js';
import { validToken } from '../support/tokens.js';


function startCli(configPath: string, timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  ensureBuilt();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'start', '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The test config as plain data, typed just enough to break it in the tests below. */
interface EditableConfig {
  [section: string]: unknown;
  terminal?: unknown;
  checkpoint: Record<string, unknown>;
  hardware: { turnstile: Record<string, unknown> };
  storage: Record<string, unknown>;
  host: Record<string, unknown>;
}

function validConfigObject(dataDir: string): EditableConfig {
  return JSON.parse(readFileSync(writeTestConfig(dataDir), 'utf8')) as EditableConfig;
}

describe('bad files at start', () => {
  function yamlConfig(name: string, edit: (config: EditableConfig) => void): string {
    const dir = tempDir('bad-config');
    const config = validConfigObject(dir);
    edit(config);
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, stringify(config));
    return path;
  }

  it('refuses invalid YAML, naming the file and the line', async () => {
    const path = yamlConfig('invalid', () => {});
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^checkpoint:.*$/m, 'checkpoint: { id: cp-test, name: "unterminated'));
    const run = await startCli(path);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /invalid YAML at line \d+/);
    assert.ok(run.stderr.includes(path), run.stderr);
    assert.doesNotMatch(run.stdout, /GATE_TERMINAL_URL/);
  });

  const fieldCases: { name: string; field: string; edit: (c: EditableConfig) => void }[] = [
    { name: 'wrong-typed pulseMs', field: 'hardware.turnstile.pulseMs', edit: (c) => (c.hardware.turnstile.pulseMs = 'fast') },
    { name: 'unknown key (misspelt pulseMs)', field: 'hardware.turnstile.pulseMS', edit: (c) => (c.hardware.turnstile.pulseMS = 500) },
    { name: 'unknown top-level section', field: 'sotrage', edit: (c) => (c.sotrage = { dataDir: '.' }) },
    { name: 'out-of-range value', field: 'storage.retentionDays', edit: (c) => (c.storage.retentionDays = 0) },
    { name: 'wrong enum', field: 'checkpoint.direction', edit: (c) => (c.checkpoint.direction = 'sideways') },
    { name: 'missing required section', field: 'terminal', edit: (c) => delete c.terminal },
  ];
  for (const { name, field, edit } of fieldCases) {
    it(`refuses a config with a ${name}, naming ${field}`, async () => {
      const run = await startCli(yamlConfig(name.replace(/\W+/g, '-'), edit));
      assert.equal(run.code, 2, run.stderr);
      assert.ok(run.stderr.includes(`"${field}"`), `stderr must name the field ${field}:\n${run.stderr}`);
      assert.doesNotMatch(run.stdout, /GATE_TERMINAL_URL/);
    });
  }

  it('refuses a wrong-typed field in a JSON config too', async () => {
    const dir = tempDir('bad-config');
    const config = validConfigObject(dir);
    config.host.port = 'eighty';
    const path = join(dir, 'terminal.json');
    writeFileSync(path, JSON.stringify(config));
    const run = await startCli(path);
    assert.equal(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes('"host.port"'), run.stderr);
  });

  const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('refuses a data directory that cannot be created with STORAGE_OPEN_FAILED, not a stack trace', async () => {
    const dir = tempDir('bad-datadir');
    const config = validConfigObject(dir);
    config.storage.dataDir = join(dir, 'terminal.json', 'data'); // a file stands where a folder must be
    const path = join(dir, 'bad-datadir.json');
    writeFileSync(path, JSON.stringify(config));
    const run = await startCli(path);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /STORAGE_OPEN_FAILED: .*ENOTDIR/);
    assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace for an IT person to decipher');
  });

  it('refuses a damaged subject key file with STORAGE_CORRUPT and leaves it byte for byte', async () => {
    const dir = tempDir('bad-key');
    const configPath = writeTestConfig(dir);
    const key = join(dir, 'subject-hmac.key');
    writeFileSync(key, 'c2hvcnQ=\n'); // "short": what a crash during the first start could leave
    const before = sha256(key);
    const run = await startCli(configPath);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /STORAGE_CORRUPT: The subject key .* is damaged/);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
    assert.equal(sha256(key), before);
  });

  it('refuses a register file of garbage bytes with STORAGE_CORRUPT and leaves it byte for byte', async () => {
    const dir = tempDir('bad-register');
    const configPath = writeTestConfig(dir);
    const register = join(dir, REGISTER);
    writeFileSync(register, randomBytes(64 * 1024));
    const before = sha256(register);
    const run = await startCli(configPath);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /STORAGE_CORRUPT/);
    assert.doesNotMatch(run.stdout, /GATE_TERMINAL_URL/);
    assert.equal(sha256(register), before, 'the damaged file must not be touched');
  });

  // Builds and damages a real register, then starts the host on it: over a minute at load 24.
  it('refuses a real register with pages damaged in the middle with STORAGE_CORRUPT and leaves it byte for byte', { timeout: 180_000 }, async () => {
    const dir = tempDir('bad-register');
    // A real register with a few hundred pages, closed cleanly (WAL checkpointed into the main file).
    const host = await startHost({ dataDir: dir });
    const client = await ContractClient.connect(host.url);
    const token = validToken();
    for (let i = 0; i < 2000; i += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, j) => client.call('submitScan', { payload: j % 2 ? token : `noise ${i + j}`, source: 'wedge' })));
    }
    client.close();
    await host.stop();
    const register = join(dir, REGISTER);
    const file = readFileSync(register);
    const pageSize = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
    const pages = file.length / pageSize;
    assert.ok(pages > 50, `only ${pages} pages`);
    for (const page of [Math.floor(pages / 2), Math.floor(pages / 2) + 1, Math.floor((pages * 3) / 4)]) {
      randomBytes(pageSize).copy(file, page * pageSize);
    }
    writeFileSync(register, file);
    const before = sha256(register);
    const sizeBefore = statSync(register).size;

    const run = await startCli(join(dir, 'terminal.json'));
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /STORAGE_CORRUPT/);
    assert.doesNotMatch(run.stdout, /GATE_TERMINAL_URL/);
    assert.equal(statSync(register).size, sizeBefore);
    assert.equal(sha256(register), before, 'the damaged file must not be touched');
  });
});
