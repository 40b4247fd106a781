/**
 * Distribution to terminals, on SQLite and on PostgreSQL, through the real gate app: a hub-signed bundle (policy,
 * issuers, revocations, declaration set keyed by the building's subject key, staff list) is verified, applied
 * atomically and changes decisions; unchanged data is confirmed by ETag; a tampered or rolled-back bundle is refused
 * and the last good one stays in force, across a restart too; stale data turns amber and, by policy, refuses
 * ID-card lookups.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, it } from 'vitest';
import { HUB_PATHS, type SignedBundle } from '../../../core/contract/hub-protocol.js';
import { issueDeclaration } from '../../../main/cli/issue-declaration.js';
import { issueStaffBadge } from '../../../main/cli/issue-staff-badge.js';
import { BUILDING, CHECKPOINT, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startHubProxy, type HubProxy, type ProxiedAnswer } from '../../support/hub-proxy.js';
import { advancingClock, startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { tokenIdOf } from '../../support/register-file.js';
import { testIssuerPrivateKey, validToken } from '../../support/tokens.js';

const HOUR = 3_600_000;
const CCCD = '001099012345|012345678|Nguyễn Văn An|15081999|Nam|Số 1 Phố Huế, Hai Bà Trưng, Hà Nội|01052021';
const BADGE_ID = '00112233aabbccdd';
/** The same people are scanned again and again here: anti-passback would review them (tested in passage-relay). */
const NO_PASSBACK = { antiPassbackWindowMs: 0 };

function decide(terminal: TestTerminal, payload: string) {
  const { outcome, reasons } = terminal.app.gate.handleScan('simulated', payload).decision;
  return { outcome, reason: reasons[0] };
}

describeEachStorage('bundles', (kind) => {
  let hub: TestHub;
  let proxy: HubProxy;
  beforeAll(async () => {
    hub = await startTestHub(kind, { policy: NO_PASSBACK });
    proxy = await startHubProxy(() => hub.url);
  });
  afterAll(async () => {
    await proxy.close();
    await hub.dispose();
  });

  it('applies a signed bundle: CCCD lookups, revocations, issuers, staff list and policy change decisions', async () => {
    const terminal = await startTestTerminal(hub);
    try {
      await terminal.sync.syncNow();
      assert.deepEqual(decide(terminal, CCCD), { outcome: 'deny', reason: 'DECLARATION_NOT_FOUND' });
      const revokedToken = validToken({ name: 'Người Bị Thu Hồi' });
      const extraIssuer = generateKeyPairSync('ed25519');
      const now = Date.now();
      await hub.admin('POST', `/buildings/${BUILDING}/declarations`, { declarations: [{ idNumber: '001099012345', declaredAt: now - HOUR, expiresAt: now + 23 * HOUR, result: 'clear' }] });
      await hub.admin('POST', `/buildings/${BUILDING}/revocations`, { credentialIds: [tokenIdOf(revokedToken)] });
      await hub.admin('PUT', `/buildings/${BUILDING}/issuers`, { issuers: [{ name: 'Sở Y tế (thử)', publicKeyPem: extraIssuer.publicKey.export({ format: 'pem', type: 'spki' }).toString() }] });
      await hub.admin('PUT', `/buildings/${BUILDING}/staff`, { staff: [{ badgeId: BADGE_ID, department: 'ke-toan', status: 'suspended' }] });
      const before = terminal.sync.status().dataVersion!;
      await terminal.sync.syncNow();
      const status = terminal.sync.status();
      assert.ok(status.dataVersion! > before, `version ${before} → ${status.dataVersion}`);
      assert.equal(status.lastError, null);
      assert.deepEqual(decide(terminal, CCCD), { outcome: 'admit', reason: 'DECLARATION_ON_FILE' }, "the hub's subject reference matches the terminal's");
      assert.deepEqual(decide(terminal, revokedToken), { outcome: 'deny', reason: 'CREDENTIAL_REVOKED' });
      const fromNewIssuer = issueDeclaration({ privateKeyPem: extraIssuer.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), name: 'Trần Thị Mới' });
      assert.deepEqual(decide(terminal, fromNewIssuer), { outcome: 'admit', reason: 'DECLARATION_VALID' });
      const badge = issueStaffBadge({ privateKeyPem: testIssuerPrivateKey(), name: 'Lê Văn Kế', department: 'ke-toan', badgeId: Buffer.from(BADGE_ID, 'hex') });
      assert.deepEqual(decide(terminal, badge), { outcome: 'deny', reason: 'CREDENTIAL_REVOKED' }, 'a suspended staff member is refused');
      await hub.admin('PUT', `/checkpoints/${CHECKPOINT}`, { buildingId: BUILDING, name: 'Cổng thử nghiệm', policy: { ...NO_PASSBACK, acceptedKinds: ['cccd', 'pc-covid'] } });
      await terminal.sync.syncNow();
      assert.deepEqual(decide(terminal, validToken()), { outcome: 'deny', reason: 'CREDENTIAL_KIND_NOT_ACCEPTED' });
      assert.deepEqual(decide(terminal, CCCD), { outcome: 'admit', reason: 'DECLARATION_ON_FILE' });
    } finally {
      await hub.admin('PUT', `/checkpoints/${CHECKPOINT}`, { buildingId: BUILDING, name: 'Cổng thử nghiệm', policy: NO_PASSBACK });
      await terminal.close();
    }
  });

  it('confirms unchanged data by ETag (304) and counts the data age from that confirmation', async () => {
    const terminal = await startTestTerminal(hub, { hubUrl: proxy.url });
    const answers: number[] = [];
    proxy.setPolicy({ afterAnswer: (_m, path, answer) => (path === HUB_PATHS.bundle && answers.push(answer.status), answer) });
    try {
      await terminal.sync.syncNow();
      const first = terminal.sync.status();
      // The second confirmation must fall on a later millisecond: a wait for the clock to move past the first.
      while (Date.now() <= first.dataConfirmedAt!) await new Promise((resolve) => setTimeout(resolve, 1));
      await terminal.sync.syncNow();
      const second = terminal.sync.status();
      assert.deepEqual(answers, [200, 304]);
      assert.equal(second.dataVersion, first.dataVersion);
      assert.ok(second.dataConfirmedAt! > first.dataConfirmedAt!);
      assert.equal(second.dataStale, false);
    } finally {
      proxy.setPolicy({});
      await terminal.close();
    }
  });

  it('refuses a tampered, foreign-signed or rolled-back bundle and keeps the last good one, also after a restart', async () => {
    const terminal = await startTestTerminal(hub, { hubUrl: proxy.url });
    let captured: ProxiedAnswer | undefined;
    proxy.setPolicy({ afterAnswer: (_m, path, answer) => (path === HUB_PATHS.bundle && answer.status === 200 && (captured = answer), answer) });
    let restarted: TestTerminal | undefined;
    try {
      await terminal.sync.syncNow();
      const old = captured!;
      const now = Date.now();
      await hub.admin('POST', `/buildings/${BUILDING}/declarations`, { declarations: [{ idNumber: '079204000111', declaredAt: now, expiresAt: now + HOUR, result: 'clear' }] });
      await terminal.sync.syncNow();
      const good = terminal.sync.status().dataVersion!;
      assert.ok(good > (JSON.parse(old.body.toString()) as SignedBundle).version);
      await hub.admin('POST', `/buildings/${BUILDING}/revocations`, { credentialIds: ['will-not-arrive'] });

      const serve = (rewrite: (bundle: SignedBundle) => SignedBundle | Buffer) =>
        proxy.setPolicy({
          afterAnswer: (_m, path, answer) => {
            if (path !== HUB_PATHS.bundle || answer.status !== 200) return answer;
            const out = rewrite(JSON.parse(answer.body.toString()) as SignedBundle);
            return { ...answer, body: Buffer.isBuffer(out) ? out : Buffer.from(JSON.stringify(out)) };
          },
        });
      serve((b) => ({ ...b, payload: b.payload.replace('"revocations":[', '"revocations":["forged",') }));
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().lastError?.code, 'BUNDLE_SIGNATURE_INVALID');
      const stranger = generateKeyPairSync('ed25519').privateKey;
      const forged = Buffer.from(stranger.export({ format: 'der', type: 'pkcs8' })).subarray(0, 64).toString('base64');
      serve((b) => ({ ...b, signature: forged, signatures: b.signatures!.map((one) => ({ ...one, signature: forged })) }));
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().lastError?.code, 'BUNDLE_SIGNATURE_INVALID');
      serve(() => old.body); // a genuine, correctly signed, but older bundle
      await terminal.sync.syncNow();
      const rolled = terminal.sync.status();
      assert.equal(rolled.lastError?.code, 'BUNDLE_ROLLBACK');
      assert.equal(rolled.dataVersion, good, 'the last good bundle stays in force');
      assert.deepEqual(decide(terminal, validToken()), { outcome: 'admit', reason: 'DECLARATION_VALID' });

      await terminal.close();
      await hub.close(); // restart without a hub: the stored bundle is verified again and put back in force
      restarted = await startTestTerminal(hub, { dataDir: terminal.dataDir, enrol: false, hubUrl: proxy.url });
      assert.equal(restarted.sync.status().dataVersion, good);
      const cccd = CCCD.replace('001099012345', '079204000111');
      assert.deepEqual(decide(restarted, cccd), { outcome: 'admit', reason: 'DECLARATION_ON_FILE' });
    } finally {
      proxy.setPolicy({});
      await restarted?.close();
      await terminal.close();
      hub = await hub.restart();
    }
  });

  it('turns stale past hub.maxDataAgeHours: amber status, and refuse-lookups sends CCCD scans to review until the hub confirms again', async () => {
    const clock = advancingClock();
    const terminal = await startTestTerminal(hub, { clock, hub: { maxDataAgeHours: 0.01, onStaleData: 'refuse-lookups' } }); // 36 s
    try {
      const now = Date.now();
      await hub.admin('POST', `/buildings/${BUILDING}/declarations`, { declarations: [{ idNumber: '001099012345', declaredAt: now, expiresAt: now + HOUR, result: 'clear' }] });
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().dataStale, false);
      assert.equal(decide(terminal, CCCD).outcome, 'admit');
      clock.advance(36_001); // past the limit since the last sync, on the terminal's own clock: no waiting
      // Refused as stale at the scan's own time; nobody asked for the sync status first.
      assert.deepEqual(decide(terminal, CCCD), { outcome: 'review', reason: 'DECLARATION_SET_STALE' });
      assert.equal(terminal.sync.status().dataStale, true, 'the data turned stale');
      assert.equal(decide(terminal, validToken()).outcome, 'admit', 'signed tokens do not depend on the lists');
      await terminal.sync.syncNow();
      assert.equal(terminal.sync.status().dataStale, false);
      assert.equal(decide(terminal, CCCD).outcome, 'admit');
    } finally {
      await terminal.close();
    }
  });
});
