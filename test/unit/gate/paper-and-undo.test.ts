/**
 * Paper declarations and the undo of a guard override, through the real composition root (SQLite register, simulated
 * hardware): what the register holds (no health answers; undo as its own row), counters, relay and the time limits.
 */
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import { UNDO_WINDOW_MS, type PaperAnswers, type PaperDeclarationForm } from '../../../core/index.js';
import { loadConfig } from '../../../main/config/load-config.js';
import { createGateApp, type GateApp } from '../../../main/composition/create-gate-app.js';
import { GateUnavailableError } from '../../../main/gate/gate-service.js';
import { silentLogger } from '../../../main/platform/logger.js';
import { tempDir } from '../../support/paths.js';
import { writeTestConfig } from '../../support/host-process.js';
import { expiredToken, validToken } from '../../support/tokens.js';

const apps: GateApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function newApp(): Promise<GateApp> {
  const app = await createGateApp(loadConfig(writeTestConfig(tempDir('gate'), { direction: 'both' })), { hostMode: 'browser', logger: silentLogger });
  apps.push(app);
  return app;
}

const NO: PaperAnswers = { fever: false, cough: false, breathing: false, lossOfTaste: false, contact: false, abroad: false };
const form = (answers: Partial<PaperAnswers> = {}, idNumber = '001203004567'): PaperDeclarationForm => ({
  fullName: '  Trần Thị Bình ',
  phone: '0912 345 678',
  idNumber,
  answers: { ...NO, ...answers },
});
const code = (expected: string) => (e: unknown) => e instanceof GateUnavailableError && e.code === expected;

test('a paper declaration decides from the answers; the register keeps the person hashed and no answers', async () => {
  const app = await newApp();
  const clear = app.gate.submitPaperDeclaration(form());
  assert.equal(clear.decision.outcome, 'admit');
  assert.deepEqual(clear.decision.reasons, ['PAPER_DECLARATION_VALID']);
  assert.equal(clear.decision.credential.kind, 'paper');
  assert.equal(clear.decision.person.displayName, 'Trần Thị Bình');
  assert.equal(clear.scanSource, 'manual');
  assert.equal(app.hardware.simulated!.relay.commands.filter((c) => c.action === 'pulse').length, 1);

  assert.equal(app.gate.submitPaperDeclaration(form({ fever: true }, '012345678')).decision.reasons[0], 'DECLARATION_NEEDS_MEDICAL_CHECK');
  const contact = app.gate.submitPaperDeclaration(form({ contact: true, cough: true }, '079912345678'));
  assert.equal(contact.decision.outcome, 'deny');
  assert.deepEqual(contact.decision.reasons, ['DECLARATION_MUST_ISOLATE']);

  const rows = app.register.database.prepare('SELECT * FROM entries ORDER BY seq').all() as Record<string, unknown>[];
  assert.deepEqual(rows.map((r) => [r.credential_kind, r.outcome, r.scan_source]), [['paper', 'admit', 'manual'], ['paper', 'review', 'manual'], ['paper', 'deny', 'manual']]);
  const stored = JSON.stringify(rows);
  // Whole values only: a four-digit fragment such as "0912" turns up in random hex (ids, HMACs) about once in 200 runs.
  for (const secret of ['001203004567', '012345678', '079912345678', '0912 345 678', '0912345678', 'fever', 'contact', 'cough']) {
    assert.ok(!stored.includes(secret), `register must not hold "${secret}"`);
  }
  assert.match(String(rows[0]!.subject_hmac), /^[0-9a-f]{16,}$/i);

  assert.equal(app.gate.submitPaperDeclaration(form({}, '001203004567')).decision.reasons[0], 'ALREADY_INSIDE', 'anti-passback applies to paper too');
  assert.throws(() => app.gate.submitPaperDeclaration({ ...form(), phone: '12345' }), code('PAPER_FORM_INVALID'));
});

test('undo of an override: its own entry restoring the original outcome, counters and relay follow, only once, only in 30 s', async () => {
  const app = await newApp();
  const reviewed = app.gate.handleScan('simulated', validToken({ result: 'medical-check' }));
  const admitted = app.gate.overrideEntry(reviewed.entryId, { action: 'admit', reason: 'MEDICAL_DESK_CLEARED', note: '' });
  assert.deepEqual(app.gate.counters(), { enteredToday: 1, leftToday: 0, insideNow: 1 });
  assert.equal(app.hardware.relay.state().position, 'released');

  const undone = app.gate.undoOverride(admitted.entryId);
  assert.equal(undone.decision.outcome, 'review');
  assert.deepEqual(undone.decision.reasons, ['GUARD_OVERRIDE_UNDONE', 'DECLARATION_NEEDS_MEDICAL_CHECK']);
  assert.equal(undone.overrideOf, admitted.entryId);
  assert.equal(app.hardware.relay.state().position, 'locked');
  assert.deepEqual(app.gate.counters(), { enteredToday: 0, leftToday: 0, insideNow: 0 });
  const rows = app.register.database.prepare('SELECT seq, outcome, override_of, override_reason FROM entries ORDER BY seq').all();
  assert.deepEqual(rows, [
    { seq: 1, outcome: 'review', override_of: null, override_reason: null },
    { seq: 2, outcome: 'admit', override_of: reviewed.entryId, override_reason: 'MEDICAL_DESK_CLEARED' },
    { seq: 3, outcome: 'review', override_of: admitted.entryId, override_reason: 'UNDO' },
  ]);
  assert.throws(() => app.gate.undoOverride(admitted.entryId), code('ALREADY_OVERRIDDEN'));
  assert.throws(() => app.gate.undoOverride(undone.entryId), code('UNDO_NOT_ALLOWED'));
  assert.throws(() => app.gate.undoOverride(reviewed.entryId), code('ALREADY_OVERRIDDEN'));

  const denied = app.gate.handleScan('simulated', expiredToken());
  const late = app.gate.overrideEntry(denied.entryId, { action: 'admit', reason: 'EMERGENCY', note: '' });
  app.register.database.prepare('UPDATE entries SET wall_time = wall_time - ? WHERE id = ?').run(UNDO_WINDOW_MS + 1, late.entryId);
  assert.throws(() => app.gate.undoOverride(late.entryId), code('UNDO_TOO_LATE'));
  const plainScan = app.gate.handleScan('simulated', expiredToken());
  assert.throws(() => app.gate.undoOverride(plainScan.entryId), code('UNDO_NOT_ALLOWED'), 'a scan is not an override');
});
