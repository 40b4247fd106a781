/**
 * Identity QR lookups against the real host: declarations loaded with `gate-terminal load-declarations` while the
 * host runs count from the next scan (no restart); a CCCD QR is admitted, an unknown ID refused with "declare, then
 * scan again"; the same person's declaration token is the same subject (anti-passback); a staff badge issued with
 * the CLI is admitted; and no ID number reaches the register file or the host's log.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ReasonCode } from '../../core/index.js';
import { createNodeCryptoPort } from '../../main/crypto/node-crypto-port.js';
import { ContractClient, startHost, type RunningHost } from '../support/host-process.js';
import { CLI, tempDir } from '../support/paths.js';
import { validToken } from '../support/tokens.js';

const ID = '001099012345';
const OLD_ID = '012345678';
const UNKNOWN_ID = '079188000999';
const NAME = 'Nguyễn Văn An';
const cccd = (id: string, name = NAME) => `${id}|${OLD_ID}|${name}|15081999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|01052021`;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every table of a copy of the register (database + WAL), as JSON text. */
function registerDump(dataDir: string): string {
  const scratch = tempDir('register-dump');
  for (const suffix of ['', '-wal']) {
    if (existsSync(join(dataDir, 'register.sqlite' + suffix))) copyFileSync(join(dataDir, 'register.sqlite' + suffix), join(scratch, 'register.sqlite' + suffix));
  }
  const db = new Database(join(scratch, 'register.sqlite'));
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    return JSON.stringify(Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()])));
  } finally {
    db.close();
  }
}

describe('identity QR lookup on the running host', () => {
  let host: RunningHost;
  let client: ContractClient;
  const scan = async (payload: string) => (await client.call('submitScan', { payload, source: 'wedge' })).decision;

  beforeAll(async () => {
    host = await startHost({ direction: 'both', extraConfig: { policy: { acceptedKinds: ['declaration', 'cccd', 'pc-covid', 'staff-badge'] } } });
    client = await ContractClient.connect(host.url);
  });

  afterAll(async () => {
    client?.close();
    await host?.stop();
  });

  it('refuses a CCCD before its declaration is loaded, admits it right after loading (no restart)', async () => {
    const before = await scan(cccd(ID));
    assert.deepEqual([before.outcome, before.reasons[0], before.credential.kind], ['deny', ReasonCode.DeclarationNotFound, 'cccd']);
    assert.equal(before.person.displayName, NAME);

    const now = Date.now();
    const file = join(host.dataDir, 'declarations.jsonl');
    writeFileSync(file, JSON.stringify({ idNumber: ID, declaredAt: new Date(now - 3_600_000).toISOString(), expiresAt: new Date(now + 23 * 3_600_000).toISOString(), result: 'clear' }) + '\n');
    const load = cli(['load-declarations', '--config', host.configPath, file]);
    assert.equal(load.status, 0, load.stderr);
    assert.match(load.stdout, /read 1 declaration/);
    assert.ok(!load.stdout.includes(ID));

    const after = await scan(cccd(ID));
    assert.deepEqual([after.outcome, after.reasons], ['admit', [ReasonCode.DeclarationOnFile]]);
    assert.equal(after.person.displayName, NAME);
  });

  it('refuses an unknown ID with DECLARATION_NOT_FOUND', async () => {
    const decision = await scan(cccd(UNKNOWN_ID, 'Lê Thị Lạ'));
    assert.deepEqual([decision.outcome, decision.reasons[0]], ['deny', ReasonCode.DeclarationNotFound]);
  });

  it('reads a CCCD whose text the wedge turned into mojibake', async () => {
    const garbled = Buffer.from(cccd(UNKNOWN_ID, 'Đặng Thùy Trâm'), 'utf8').toString('latin1');
    const decision = await scan(garbled);
    assert.deepEqual([decision.reasons[0], decision.person.displayName], [ReasonCode.DeclarationNotFound, 'Đặng Thùy Trâm']);
  });

  it('sees the same person in a declaration token whose subject is their reference: already inside', async () => {
    const key = Buffer.from(readFileSync(join(host.dataDir, 'subject-hmac.key'), 'utf8').trim(), 'base64');
    const ref = createNodeCryptoPort(key).identityRef(ID);
    const decision = await scan(validToken({ name: NAME, subjectRef: Buffer.from(ref, 'hex') }));
    assert.deepEqual([decision.outcome, decision.reasons], ['review', [ReasonCode.AlreadyInside, ReasonCode.DeclarationValid]]);
  });

  it('admits a staff badge issued with the CLI', async () => {
    const issued = cli(['issue-staff-badge', '--name', 'Trần Thị Bảo Vệ', '--department', 'bao-ve']);
    assert.equal(issued.status, 0, issued.stderr);
    const decision = await scan(issued.stdout.trim());
    assert.deepEqual([decision.outcome, decision.reasons[0], decision.person.displayName], ['admit', ReasonCode.StaffBadgeValid, 'Trần Thị Bảo Vệ']);
  });

  it('keeps no ID number in the register (entries, declarations, any table) or the log', () => {
    const dump = registerDump(host.dataDir);
    assert.match(dump, /DECLARATION_ON_FILE/, 'the dump holds the entries');
    for (const secret of [ID, OLD_ID, UNKNOWN_ID]) {
      assert.ok(!dump.includes(secret), `${secret} found in the register`);
      for (const suffix of ['', '-wal']) {
        const path = join(host.dataDir, 'register.sqlite' + suffix);
        if (existsSync(path)) assert.ok(!readFileSync(path).includes(secret), `${secret} found in register.sqlite${suffix}`);
      }
      assert.ok(!host.stderr().includes(secret), `${secret} found in the host's log`);
    }
  });
});
