/**
 * The admin web's fleet page and posters over real HTTP, on SQLite and PostgreSQL: a real terminal's heartbeat
 * (version, queue, bundle, hardware) shown to its managers; enrolment tokens created on the web (shown once, the QR
 * holding exactly the CLI's token string, which enrols a terminal) and revoked; a terminal revoked from the web is
 * refused by the hub — each revocation only through its confirmation step (`confirm=yes`); posters refused without a
 * reachable public address, and with one as PDF and PNG carrying the same Vietnamese texts and a QR of
 * `${publicBaseUrl}/c/<checkpointId>`. Every POST needs the session's CSRF token, and a department manager gets 403 —
 * never data — for another checkpoint's items.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, it } from 'vitest';
import { decodeQrImage } from '../../../main/qr/decode-qr-image.js';
import { enrolWithHub } from '../../../main/sync/enrolment-client.js';
import { systemClock } from '../../../main/platform/clock.js';
import { APP_VERSION } from '../../../main/version.js';
import { csrfIn, logInAs, putAdminAccount, type AdminWebClient } from '../../support/admin-web-client.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { tempDir } from '../../support/paths.js';
import { pdfTextCandidates } from '../../support/pdf-text.js';
import { visibleCheckpoints } from '../../../hub/admin-web/admin-scope.js';
import { posterLayout } from '../../../hub/posters/poster-layout.js';

describeEachStorage('admin fleet page, enrolment tokens and posters', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  let building: AdminWebClient;
  let department: AdminWebClient;
  beforeAll(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in'] });
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
    await putAdminAccount(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
    terminal = await startTestTerminal(hub);
    await terminal.sync.syncNow();
    building = await logInAs(hub, 'quanly.toanha');
    department = await logInAs(hub, 'quanly.ketoan');
  });
  afterAll(async () => {
    await terminal?.close();
    await hub?.dispose();
  });

  it('stores the terminal\'s heartbeat and shows it to the building manager', async () => {
    const [row] = await hub.store.fleet.terminals([CHECKPOINT]);
    assert.equal(row!.terminalId, terminal.identity!.terminalId);
    assert.equal(row!.heartbeat!.appVersion, APP_VERSION);
    assert.equal(row!.heartbeat!.queuedEntries, 0);
    assert.ok(row!.heartbeat!.bundleVersion! >= 1, 'the bundle in force');
    assert.equal(row!.heartbeat!.hardware.clockSynchronised, true);
    assert.ok(row!.lastSeenAt! > Date.now() - 60_000);
    const page = await (await building.get('/admin-web/fleet')).text();
    assert.match(page, new RegExp(`data-terminal="${terminal.identity!.terminalId}"[\\s\\S]*${APP_VERSION.replace(/\./g, '\\.')}[\\s\\S]*phút trước`));
    assert.match(page, /đồng hồ đã đồng bộ/);
  });

  it('a department manager sees none of another checkpoint\'s terminals, posters or tokens — 403, never data', async () => {
    const terminalId = terminal.identity!.terminalId;
    const own = await (await department.get('/admin-web/fleet')).text();
    assert.doesNotMatch(own, new RegExp(terminalId.replace(/\./g, '\\.')));
    assert.doesNotMatch(own, new RegExp(`value="${CHECKPOINT}"`), 'no token form option for the building door');
    const filtered = await department.get(`/admin-web/fleet?checkpoint=${CHECKPOINT}`);
    assert.equal(filtered.status, 403);
    assert.doesNotMatch(await filtered.text(), /gate-test-01/);
    for (const path of [`/admin-web/checkpoints/${CHECKPOINT}/poster.pdf`, `/admin-web/checkpoints/${CHECKPOINT}/poster.png`]) {
      const refused = await department.get(path);
      assert.equal(refused.status, 403, path);
      assert.match(refused.headers.get('content-type')!, /text\/html/);
    }
    const csrf = csrfIn(own);
    assert.equal((await department.get(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`)).status, 403, 'not even the confirmation page');
    assert.equal((await department.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { _csrf: csrf, confirm: 'yes' })).status, 403);
    assert.equal((await hub.store.terminals.terminal(terminalId))!.revokedAt, null);
    assert.equal((await department.post('/admin-web/fleet/enrolment-tokens', { _csrf: csrf, checkpointId: CHECKPOINT, ttlMinutes: '10' })).status, 403);
    assert.deepEqual(await hub.store.fleet.openEnrolmentTokens([CHECKPOINT], Date.now()), []);
  });

  it('creates an enrolment token on the web: shown once as text and QR, it enrols a terminal', async () => {
    const page = await (await department.get('/admin-web/fleet')).text();
    assert.equal((await department.post('/admin-web/fleet/enrolment-tokens', { _csrf: 'forged', checkpointId: CHECKPOINT_B, ttlMinutes: '10' })).status, 403);
    const created = await department.post('/admin-web/fleet/enrolment-tokens', { _csrf: csrfIn(page), checkpointId: CHECKPOINT_B, ttlMinutes: '10' });
    assert.equal(created.status, 200);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    const body = await created.text();
    const token = /<code id="enrolment-token">([^<]+)<\/code>/.exec(body)![1]!;
    assert.match(token, /^GTE1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/, 'the format `create-enrolment-token` prints');
    const qr = /<img id="enrolment-qr" src="data:image\/png;base64,([^"]+)"/.exec(body)![1]!;
    assert.deepEqual(await decodeQrImage(Buffer.from(qr, 'base64')), [token]);
    const listed = await (await department.get('/admin-web/fleet')).text();
    assert.match(listed, new RegExp(`data-token="${token.split('.')[1]}"`));
    assert.ok(!listed.includes(token), 'the secret is never shown again');
    const identity = await enrolWithHub({ hubUrl: hub.url, token, dataDir: tempDir('terminal'), localTerminalId: 'gate-ke-toan', checkpointId: CHECKPOINT_B, firstSeq: 1, clock: systemClock() });
    assert.equal(identity.checkpointId, CHECKPOINT_B);
    assert.doesNotMatch(await (await department.get('/admin-web/fleet')).text(), new RegExp(`data-token="${token.split('.')[1]}"`), 'a used token is no longer open');
  });

  it('a token revoked on the web no longer enrols', async () => {
    const page = await (await building.get('/admin-web/fleet')).text();
    const body = await (await building.post('/admin-web/fleet/enrolment-tokens', { _csrf: csrfIn(page), checkpointId: CHECKPOINT, ttlMinutes: '60' })).text();
    const token = /<code id="enrolment-token">([^<]+)<\/code>/.exec(body)![1]!;
    const tokenId = token.split('.')[1]!;
    assert.equal((await department.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(page), confirm: 'yes' })).status, 403, 'another session\'s CSRF token');
    const departmentPage = await (await department.get('/admin-web/fleet')).text();
    assert.equal((await department.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(departmentPage), confirm: 'yes' })).status, 403, 'out of scope');
    const unconfirmed = await building.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(page) });
    assert.equal(unconfirmed.status, 303);
    assert.equal(unconfirmed.headers.get('location'), `/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, 'without confirm=yes: to the confirmation page');
    assert.match(await (await building.get('/admin-web/fleet')).text(), new RegExp(`data-token="${tokenId}"`), 'still open');
    const confirmPage = await (await building.get(unconfirmed.headers.get('location')!)).text();
    assert.match(confirmPage, new RegExp(`Thu hồi mã đăng ký <code>${tokenId}</code>`));
    assert.match(confirmPage, /name="confirm" value="yes"/);
    const revoked = await building.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(confirmPage), confirm: 'yes' });
    assert.equal(revoked.status, 303);
    assert.doesNotMatch(await (await building.get('/admin-web/fleet')).text(), new RegExp(`data-token="${tokenId}"`));
    await assert.rejects(
      enrolWithHub({ hubUrl: hub.url, token, dataDir: tempDir('terminal'), localTerminalId: 'gate-late', checkpointId: CHECKPOINT, firstSeq: 1, clock: systemClock() }),
      (error: Error & { hubCode?: string }) => error.hubCode === 'ENROLMENT_TOKEN_EXPIRED',
    );
  });

  it('posters: refused with what to configure while the hub has no public address', async () => {
    for (const path of [`/admin-web/checkpoints/${CHECKPOINT}/poster.png`, `/admin-web/checkpoints/${CHECKPOINT_B}/poster.pdf`]) {
      const refused = await building.get(path);
      assert.equal(refused.status, 409, path);
      assert.match(refused.headers.get('content-type')!, /text\/html/);
      const text = await refused.text();
      assert.match(text, /hub chưa có địa chỉ công khai \(publicBaseUrl\)/);
      assert.match(text, /publicBaseUrl: https:\/\/khaibao\.example\.vn/, 'what to write in the config');
    }
    const checkpointPage = await (await department.get(`/admin-web/checkpoints/${CHECKPOINT_B}`)).text();
    assert.match(checkpointPage, /Chưa in được áp phích/);
    assert.doesNotMatch(checkpointPage, /poster\.pdf/, 'no link to a poster that cannot be made');
  });

  it('a terminal revoked on the web is refused by the hub at its next sync', async () => {
    const terminalId = terminal.identity!.terminalId;
    const page = await (await building.get('/admin-web/fleet')).text();
    assert.equal((await building.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { confirm: 'yes' })).status, 403, 'no CSRF token');
    assert.match(page, new RegExp(`href="/admin-web/fleet/terminals/${encodeURIComponent(terminalId).replace(/\./g, '\\.')}/revoke"`), 'the fleet page links the confirmation, no one-click revoke');
    const unconfirmed = await building.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { _csrf: csrfIn(page) });
    assert.equal(unconfirmed.status, 303);
    assert.equal((await hub.store.terminals.terminal(terminalId))!.revokedAt, null, 'not revoked without confirm=yes');
    const confirmPage = await (await building.get(unconfirmed.headers.get('location')!)).text();
    assert.match(confirmPage, /Thu hồi thiết bị <strong>/);
    assert.equal((await building.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { _csrf: csrfIn(confirmPage), confirm: 'yes' })).status, 303);
    assert.ok((await hub.store.terminals.terminal(terminalId))!.revokedAt! > 0);
    assert.match(await (await building.get('/admin-web/fleet')).text(), /Đã thu hồi/);
    await terminal.sync.syncNow();
    assert.equal(terminal.sync.status().lastError?.code, 'TERMINAL_REVOKED');
  });
});

describeEachStorage('poster QR with publicBaseUrl; fleet with an app version pin', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(kind, { extra: { publicBaseUrl: 'https://khaibao.example.vn/', appVersion: '>=99.0.0' } });
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
  });
  afterAll(() => hub?.dispose());

  it('flags a terminal below the pinned version as needing an update', async () => {
    const terminal = await startTestTerminal(hub);
    try {
      await terminal.sync.syncNow();
    } finally {
      await terminal.close();
    }
    const page = await (await (await logInAs(hub, 'quanly.toanha')).get('/admin-web/fleet')).text();
    assert.match(page, /Cần cập nhật \(yêu cầu &gt;=99\.0\.0\)/);
  });

  it('posters: the PDF and the PNG carry the same Vietnamese texts and a QR of ${publicBaseUrl}/c/<checkpointId>', async () => {
    const admin = await logInAs(hub, 'quanly.toanha');
    const png = await admin.get(`/admin-web/checkpoints/${CHECKPOINT}/poster.png`);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(await decodeQrImage(Buffer.from(await png.arrayBuffer())), [`https://khaibao.example.vn/c/${CHECKPOINT}`]);
    const pdf = await admin.get(`/admin-web/checkpoints/${CHECKPOINT_B}/poster.pdf`);
    assert.equal(pdf.status, 200);
    assert.match(pdf.headers.get('content-disposition')!, /attachment; filename="poster-cp-test-b\.pdf"/);
    const texts = pdfTextCandidates(Buffer.from(await pdf.arrayBuffer()));
    const checkpoint = (await visibleCheckpoints(hub.store.registry, 'building-manager', BUILDING)).find((c) => c.checkpointId === CHECKPOINT_B)!;
    const layout = posterLayout(checkpoint, `https://khaibao.example.vn/c/${CHECKPOINT_B}`);
    for (const line of [...layout.above, ...layout.below]) assert.ok(texts.some((t) => t.includes(line.text)), `the PDF says "${line.text}"`);
    assert.ok(layout.above.some((l) => l.text === 'Cổng phụ B'), 'the checkpoint name, diacritics intact');
    const checkpointPage = await (await admin.get(`/admin-web/checkpoints/${CHECKPOINT_B}`)).text();
    assert.match(checkpointPage, /href="\/admin-web\/checkpoints\/cp-test-b\/poster\.pdf"[\s\S]*poster\.png/);
  });
});
