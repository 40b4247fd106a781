/**
 * Rotation of the hub's bundle-signing key end to end (issue 19 item 2; docs/hub.md § Rotating the hub key): a real
 * hub process (`gate-terminal hub`), rotated with the real CLI (`gate-terminal hub-key announce`, `activate`,
 * `retire`, each followed by a hub restart), and enrolled terminals running the real gate app and sync worker behind a
 * proxy. Enrolled with key A → announce B → sync → activate B → sync → retire A → sync: the terminal accepts every
 * bundle, decides from hub data the whole time and keeps uploading entries; a terminal that slept through announce
 * and activate still accepts (A signs beside B during the overlap), and one enrolled during the overlap pins A and
 * accepts too; after retire a bundle signed by A alone is refused
 * as BUNDLE_SIGNER_UNKNOWN and the last good bundle stays in force. The replicas' key custody accepts each rotated
 * set across the restarts and still refuses a data dir with a key of its own.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { HUB_PATHS, type BundleContent, type SignedBundle } from '../../../core/contract/hub-protocol.js';
import { bundleSignatureText } from '../../../core/contract/hub-signing.js';
import type { TestHub } from '../../support/hub-fixture.js';
import { freePort, spawnHub, writeHubProcessConfig, type HubProcess } from '../../support/hub-process.js';
import { startHubProxy, type HubProxy } from '../../support/hub-proxy.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { CLI, tempDir } from '../../support/paths.js';

const BUILDING = 'toa-nha-thu';
const CCCD = '001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|01052021';
const HOUR = 3_600_000;

let dataDir: string;
let configPath: string;
let hub: HubProcess;
let proxy: HubProxy;
let adminToken: string;
const terminals: TestTerminal[] = [];

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const call = () =>
    fetch(`${hub.url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const response = await call().catch(call); // a keep-alive socket of the process before a restart: once more
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function stopHub(): Promise<void> {
  if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGTERM');
  await hub.exited;
}

async function restartHub(): Promise<void> {
  await stopHub();
  hub = await spawnHub(configPath);
}

async function hubKey(action: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'hub-key', action, '--config', configPath], { encoding: 'utf8' });
  return stdout;
}

/** A sync round that succeeded: the first request after a restart may hit a socket of the old process (retried once). */
async function synced(terminal: TestTerminal): Promise<void> {
  await terminal.sync.syncNow();
  if (terminal.sync.status().lastError?.code === 'HUB_UNREACHABLE') await terminal.sync.syncNow();
  assert.equal(terminal.sync.status().lastError, null);
}

/** The terminal decides from the hub's data (the declaration on file), and the entry it made reaches the hub. */
async function stillServing(terminal: TestTerminal): Promise<void> {
  const before = (await admin<{ total: number }>('GET', '/stats')).total;
  const { outcome, reasons } = terminal.app.gate.handleScan('simulated', CCCD).decision;
  assert.deepEqual({ outcome, reason: reasons[0] }, { outcome: 'admit', reason: 'DECLARATION_ON_FILE' });
  await synced(terminal);
  assert.equal(terminal.sync.status().queued, 0);
  assert.equal((await admin<{ total: number }>('GET', '/stats')).total, before + 1, 'the entry was uploaded');
}

/** A terminal enrolled through the proxy (the real enrolment client), running the real gate app. */
const enrol = (terminalId: string) => startTestTerminal({ url: proxy.url, admin } as unknown as TestHub, { hubUrl: proxy.url, terminalId });

/** The bundles the proxy passes on, newest last. */
const seen: SignedBundle[] = [];
const keyIdsOf = (bundle: SignedBundle) => (bundle.signatures ?? []).map((s) => s.keyId);
const hubKeysOf = (bundle: SignedBundle) => ((JSON.parse(bundle.payload) as BundleContent).hubKeys ?? []).map((k) => `${k.role}:${k.keyId}`);

beforeAll(async () => {
  dataDir = tempDir('hub-key-rotation');
  configPath = writeHubProcessConfig(dataDir, await freePort());
  hub = await spawnHub(configPath);
  adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  proxy = await startHubProxy(() => hub.url);
  proxy.setPolicy({ afterAnswer: (_m, path, answer) => (path === HUB_PATHS.bundle && answer.status === 200 && seen.push(JSON.parse(answer.body.toString()) as SignedBundle), answer) });
  const now = Date.now();
  await admin('POST', `/buildings/${BUILDING}/declarations`, { declarations: [{ idNumber: '001099012345', declaredAt: now - HOUR, expiresAt: now + 23 * HOUR, result: 'clear' }] });
  for (const terminalId of ['gate-rot-01', 'gate-rot-02']) terminals.push(await enrol(terminalId));
});

afterAll(async () => {
  for (const terminal of terminals) await terminal.close();
  await proxy?.close();
  if (hub) await stopHub();
});

/** Shared by the steps below, which run in order (each step a test of its own: a restart at high load is slow). */
let keyA = '';
let keyB = '';
let pemA = '';

it('step 0: enrolled with key A, both terminals decide from hub data and upload', async () => {
  for (const terminal of terminals) await stillServing(terminal);
  keyA = /^current {2}([0-9a-f]{16})$/m.exec(await hubKey('status'))![1]!;
  assert.deepEqual(keyIdsOf(seen.at(-1)!), [keyA]);
  assert.equal(terminals[0]!.identity!.hubPublicKey, (JSON.parse(seen.at(-1)!.payload) as BundleContent).hubKeys![0]!.publicKey, 'pinned at enrolment: key A');
  pemA = readFileSync(join(dataDir, 'hub-signing-key.pem'), 'utf8');
});

it('step 1: announce B, restart: the bundle vouches for B before B signs anything', async () => {
  const [steady] = terminals as [TestTerminal, TestTerminal];
  keyB = /announced key ([0-9a-f]{16})/.exec(await hubKey('announce'))![1]!;
  await restartHub();
  await stillServing(steady);
  assert.deepEqual(hubKeysOf(seen.at(-1)!), [`current:${keyA}`, `next:${keyB}`]);
  assert.deepEqual(keyIdsOf(seen.at(-1)!), [keyA]);
});

it('step 2: activate B, restart: signed by B and A; a terminal that slept through the announcement, and one enrolled now, accept', async () => {
  const [steady, sleeper] = terminals as [TestTerminal, TestTerminal];
  assert.match(await hubKey('activate'), new RegExp(`key ${keyB} is the current key and ${keyA} the previous one`));
  await assert.rejects(hubKey('activate'), /no announced key/, 'activate twice: nothing left to activate');
  await restartHub(); // key custody: the recorded set {A, next B} and this one {B, previous A} share keys
  assert.deepEqual(steady.sync.status().lastError, null, 'the hub restart does not disturb the terminal');
  await stillServing(steady);
  assert.deepEqual(keyIdsOf(seen.at(-1)!), [keyB, keyA], 'the overlap: signed by the new and the old key');
  await stillServing(sleeper); // never saw B announced: accepted on A's signature, and learns B
  const late = await enrol('gate-rot-03'); // enrolled during the overlap: pins A, the oldest key that signs
  terminals.push(late);
  assert.equal(late.identity!.hubPublicKey, Buffer.from(createPublicKey(pemA).export({ format: 'jwk' }).x!, 'base64url').toString('base64'));
  await synced(late); // its first bundle: signed by B and A, verified under the pinned A
  await stillServing(late);
  assert.match(await hubKey('status'), new RegExp(`current  ${keyB}\\nprevious ${keyA} \\(still signing\\)`));
});

it('step 3: retire A, restart: signed by B alone, and a bundle signed by A alone is refused with the last good one kept', async () => {
  const [steady] = terminals as [TestTerminal, TestTerminal];
  assert.match(await hubKey('retire'), new RegExp(`key ${keyA} retired`));
  await restartHub();
  for (const terminal of terminals) await stillServing(terminal);
  assert.deepEqual(keyIdsOf(seen.at(-1)!), [keyB]);
  assert.deepEqual(hubKeysOf(seen.at(-1)!), [`current:${keyB}`]);

  // New data, but the bundle re-signed by A alone (what someone who kept the retired key could send).
  const keyObjectA = createPrivateKey(pemA);
  proxy.setPolicy({
    afterAnswer: (_m, path, answer) => {
      if (path !== HUB_PATHS.bundle || answer.status !== 200) return answer;
      const bundle = JSON.parse(answer.body.toString()) as SignedBundle;
      const signature = sign(null, Buffer.from(bundleSignatureText(bundle), 'utf8'), keyObjectA).toString('base64');
      return { ...answer, body: Buffer.from(JSON.stringify({ ...bundle, signature, signatures: [{ keyId: keyA, signature }] })) };
    },
  });
  const inForce = steady.sync.status().dataVersion;
  await admin('POST', `/buildings/${BUILDING}/revocations`, { credentialIds: ['after-retire'] });
  await steady.sync.syncNow();
  const refused = steady.sync.status();
  assert.equal(refused.lastError?.code, 'BUNDLE_SIGNER_UNKNOWN');
  assert.equal(refused.dataVersion, inForce, 'the last good bundle stays in force');
  const { outcome, reasons } = steady.app.gate.handleScan('simulated', CCCD).decision;
  assert.deepEqual({ outcome, reason: reasons[0] }, { outcome: 'admit', reason: 'DECLARATION_ON_FILE' }, 'still deciding from hub data');

  proxy.setPolicy({});
  await synced(steady);
  assert.ok(steady.sync.status().dataVersion! > inForce!, 'the genuine bundle (key B) is applied');
  assert.equal(steady.sync.status().queued, 0);
});

it('`hub-key --help` prints the procedure and exits 0; the terminal CLI lists the command', async () => {
  assert.match(await hubKey('--help'), /announce {2}creates the next key[\s\S]*activate[\s\S]*retire[\s\S]*docs\/hub\.md § Rotating the hub key/);
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.match(stdout, /gate-terminal hub-key status \| announce \| activate \| retire/);
});

it('key custody: a hub on the same store whose data dir holds a key of its own refuses to start', async () => {
  await stopHub();
  const stranger = tempDir('hub-key-stranger');
  const strangerConfig = writeHubProcessConfig(stranger, await freePort(), { kind: 'sqlite', path: join(dataDir, 'hub.sqlite') });
  await assert.rejects(spawnHub(strangerConfig), /signing key differs[\s\S]*hub-signing-key\.pem/);
  hub = await spawnHub(configPath); // the rotated data dir itself still starts
});
