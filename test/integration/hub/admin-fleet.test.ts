/**
 * The admin web's fleet page and posters over real HTTP, on SQLite and PostgreSQL: a real terminal's heartbeat
 * (version, queue, bundle, hardware) shown to its managers; enrolment tokens created on the web (shown once, the QR
 * holding exactly the CLI's token string, which enrols a terminal) and revoked; a terminal revoked from the web is
 * refused by the hub; posters as PDF (Vietnamese text) and PNG (QR of `${base}/c/<checkpointId>`). Every POST needs
 * the session's CSRF token, and a department manager gets 403 — never data — for another checkpoint's items.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { decodeQrImage } from '../../../main/qr/decode-qr-image.js';
import { enrolWithHub } from '../../../main/sync/enrolment-client.js';
import { systemClock } from '../../../main/platform/clock.js';
import { APP_VERSION } from '../../../main/version.js';
import { csrfIn, logInAs, putAdminAccount, type AdminWebClient } from '../../support/admin-web-client.js';
import { BUILDING, CHECKPOINT, CHECKPOINT_B, describeEachStorage, startTestHub, type TestHub } from '../../support/hub-fixture.js';
import { startTestTerminal, type TestTerminal } from '../../support/hub-terminal.js';
import { tempDir } from '../../support/paths.js';
import { pdfTextCandidates } from '../../support/pdf-text.js';

describeEachStorage('admin fleet page, enrolment tokens and posters', (kind) => {
  let hub: TestHub;
  let terminal: TestTerminal;
  let building: AdminWebClient;
  let department: AdminWebClient;
  before(async () => {
    hub = await startTestHub(kind);
    await hub.admin('PUT', `/checkpoints/${CHECKPOINT_B}/description`, { kind: 'department', address: 'Tầng 3', directions: ['in'] });
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
    await putAdminAccount(hub, 'quanly.ketoan', 'department-manager', CHECKPOINT_B);
    terminal = await startTestTerminal(hub);
    await terminal.sync.syncNow();
    building = await logInAs(hub, 'quanly.toanha');
    department = await logInAs(hub, 'quanly.ketoan');
  });
  after(async () => {
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
    assert.equal((await department.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { _csrf: csrf })).status, 403);
    assert.equal((await hub.store.terminal(terminalId))!.revokedAt, null);
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
    assert.equal((await department.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(page) })).status, 403, 'another session\'s CSRF token');
    const departmentPage = await (await department.get('/admin-web/fleet')).text();
    assert.equal((await department.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(departmentPage) })).status, 403, 'out of scope');
    const revoked = await building.post(`/admin-web/fleet/enrolment-tokens/${tokenId}/revoke`, { _csrf: csrfIn(page) });
    assert.equal(revoked.status, 303);
    assert.doesNotMatch(await (await building.get('/admin-web/fleet')).text(), new RegExp(`data-token="${tokenId}"`));
    await assert.rejects(
      enrolWithHub({ hubUrl: hub.url, token, dataDir: tempDir('terminal'), localTerminalId: 'gate-late', checkpointId: CHECKPOINT, firstSeq: 1, clock: systemClock() }),
      (error: Error & { hubCode?: string }) => error.hubCode === 'ENROLMENT_TOKEN_EXPIRED',
    );
  });

  it('posters: the PDF carries the Vietnamese name, the PNG is a QR of <hub>/c/<checkpointId>', async () => {
    const png = await building.get(`/admin-web/checkpoints/${CHECKPOINT}/poster.png`);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(await decodeQrImage(Buffer.from(await png.arrayBuffer())), [`${hub.url}/c/${CHECKPOINT}`], 'without publicBaseUrl: the address the browser used');
    const pdf = await building.get(`/admin-web/checkpoints/${CHECKPOINT_B}/poster.pdf`);
    assert.equal(pdf.status, 200);
    assert.match(pdf.headers.get('content-disposition')!, /attachment; filename="poster-cp-test-b\.pdf"/);
    const texts = pdfTextCandidates(Buffer.from(await pdf.arrayBuffer()));
    assert.ok(texts.some((t) => t.includes('Cổng phụ B')), 'the checkpoint name, diacritics intact');
    assert.ok(texts.some((t) => t.includes('Quét mã để khai báo y tế trước khi vào')));
    assert.ok(texts.some((t) => t.includes(`${hub.url}/c/${CHECKPOINT_B}`)));
    const checkpointPage = await (await department.get(`/admin-web/checkpoints/${CHECKPOINT_B}`)).text();
    assert.match(checkpointPage, /href="\/admin-web\/checkpoints\/cp-test-b\/poster\.pdf"[\s\S]*poster\.png/);
  });

  it('a terminal revoked on the web is refused by the hub at its next sync', async () => {
    const terminalId = terminal.identity!.terminalId;
    const page = await (await building.get('/admin-web/fleet')).text();
    assert.equal((await building.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, {})).status, 403, 'no CSRF token');
    assert.equal((await building.post(`/admin-web/fleet/terminals/${encodeURIComponent(terminalId)}/revoke`, { _csrf: csrfIn(page) })).status, 303);
    assert.ok((await hub.store.terminal(terminalId))!.revokedAt! > 0);
    assert.match(await (await building.get('/admin-web/fleet')).text(), /Đã thu hồi/);
    await terminal.sync.syncNow();
    assert.equal(terminal.sync.status().lastError?.code, 'TERMINAL_REVOKED');
  });
});

describeEachStorage('poster QR with publicBaseUrl; fleet with an app version pin', (kind) => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub(kind, { extra: { publicBaseUrl: 'https://khaibao.example.vn/', appVersion: '>=99.0.0' } });
    await putAdminAccount(hub, 'quanly.toanha', 'building-manager', BUILDING);
  });
  after(() => hub?.dispose());

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

  it('encodes ${publicBaseUrl}/c/<checkpointId>', async () => {
    const png = await (await logInAs(hub, 'quanly.toanha')).get(`/admin-web/checkpoints/${CHECKPOINT}/poster.png`);
    assert.deepEqual(await decodeQrImage(Buffer.from(await png.arrayBuffer())), [`https://khaibao.example.vn/c/${CHECKPOINT}`]);
  });
});
