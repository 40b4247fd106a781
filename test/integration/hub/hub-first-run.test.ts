/**
 * The first run of a hub as the person who installs it does it, with the built CLI and the shipped config/hub.yaml
 * (only its port and data folder changed): `hub --help` and `create-admin --help` answer with exit 0; the hub's start
 * message names the admin web's address and the exact create-admin command; that command, run as printed with the
 * password in GATE_ADMIN_PASSWORD, creates an organisation admin (the default config has an organisation) who logs in
 * and sees the sample checkpoint; `create-enrolment-token` prints the expiry in the hub's time zone, as the web does.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { promisify } from 'node:util';
import { parse as parseYaml, stringify } from 'yaml';
import { localTime } from '../../../hub/admin-web/local-time.js';
import { adminWebClient, csrfIn } from '../../support/admin-web-client.js';
import { ensureHubBuilt, killHard, spawnHub, type HubProcess } from '../../support/hub-process.js';
import { CLI, ROOT, tempDir } from '../../support/paths.js';

const run = promisify(execFile);
const PASSWORD = 'mật-khẩu-lần-đầu-2026';
let dir: string;
let configPath: string;
let hub: HubProcess;

/** Runs the CLI; never throws on a non-zero exit (the code is part of the answer). */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: 0, stdout: out.stdout, stderr: out.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  ensureHubBuilt();
  dir = tempDir('hub-first-run');
  const shipped = parseYaml(readFileSync(join(ROOT, 'config', 'hub.yaml'), 'utf8')) as Record<string, unknown>;
  configPath = join(dir, 'hub.yaml');
  writeFileSync(configPath, stringify({ ...shipped, listen: { host: '127.0.0.1', port: 0 }, dataDir: join(dir, 'data'), storage: { kind: 'sqlite', path: join(dir, 'data', 'hub.sqlite') } }));
  hub = await spawnHub(configPath);
});

afterAll(async () => {
  if (hub) await killHard(hub.child, hub.exited);
});

it('`hub --help` and `create-admin --help` print their usage and exit 0', async () => {
  const help = await cli(['hub', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /gate-terminal hub \[--config FILE\]/);
  assert.match(help.stdout, /create-admin --username U --role R --scope ID/);
  const admin = await cli(['create-admin', '--help']);
  assert.equal(admin.code, 0, admin.stderr);
  assert.match(admin.stdout, /organisation-admin {2}\(--scope: an organisation id/);
  assert.match(admin.stdout, /GATE_ADMIN_PASSWORD \(at least \d+ characters\)/);
  assert.equal((await cli(['hub', '--no-such-option'])).code, 2, 'a wrong option is still a usage error');
});

it('the start message names the admin web and the exact command that creates the first account, which works', async () => {
  // Until the start message is complete (the test's timeout bounds the wait).
  while (!/create-admin/.test(hub.stdout())) await new Promise((r) => setTimeout(r, 100)); // poll interval
  const stdout = hub.stdout();
  assert.ok(stdout.includes(`admin web: ${hub.url}/admin-web/`), stdout);
  const command = /GATE_ADMIN_PASSWORD='…' (node \S+|gate-terminal) create-admin (.+)$/m.exec(stdout);
  assert.ok(command, `a create-admin command in:\n${stdout}`);
  assert.match(command[2]!, new RegExp(`--config ${configPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
  assert.match(command[2]!, /--role organisation-admin --scope to-chuc-mau/, 'the shipped config has an organisation');
  // Run it as printed (the shell's quoting of --name undone), with the password where the message says.
  const args = [...command[2]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const created = await cli(['create-admin', ...args], { GATE_ADMIN_PASSWORD: PASSWORD });
  assert.equal(created.code, 0, created.stderr);
  const browser = adminWebClient(hub.url);
  const form = await (await browser.get('/admin-web/login')).text();
  assert.equal((await browser.post('/admin-web/login', { username: 'quantri', password: PASSWORD, _csrf: csrfIn(form) })).status, 303);
  const overview = await (await browser.get('/admin-web/')).text();
  assert.match(overview, /Tòa nhà A — Cổng chính/);
  assert.match(overview, /Quản trị · Quản trị tổ chức/);
  assert.match(overview, /Giờ hiển thị theo Asia\/Ho_Chi_Minh \(UTC\+07:00\)/);
});

it('create-enrolment-token prints the expiry in the hub\'s time zone', async () => {
  const before = Date.now();
  const token = await cli(['create-enrolment-token', '--config', configPath, '--checkpoint', 'cp-toa-nha-a-cong-chinh', '--ttl-minutes', '90', '--no-qr']);
  assert.equal(token.code, 0, token.stderr);
  const printed = /valid until (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) Asia\/Ho_Chi_Minh \(UTC\+07:00\)/.exec(token.stdout);
  assert.ok(printed, token.stdout);
  const time = localTime('Asia/Ho_Chi_Minh');
  const candidates = [before, Date.now()].map((t) => time.dateTime(t + 90 * 60_000));
  assert.ok(candidates.includes(printed[1]!), `${printed[1]} is now + 90 min in Vietnam time (${candidates.join(' or ')})`);
});
