/**
 * End to end, in Debian's Chromium against the real browser host: a paper declaration typed in by the guard (with
 * the form's validation), the guard's override of the review it produced, the undo of that override within 30 s, and
 * screenshots compared with committed baselines, axe-core (no serious / critical violation) on every screen and dialog on the way, the sound of each outcome (WebAudio, recorded in the page), and the register seen from outside: one row per step, the undo as its own row, no ID number and no health answers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { launchChromium, monitorPage, type LaunchedChromium, type PageProblems } from '../support/chromium.js';
import { assertAccessible } from '../support/axe.js';
import { assertReasonShown, GuardScreen } from '../support/guard-screen.js';
import { expectScreenshot } from '../support/screenshot-compare.js';
import { startHost, type RunningHost } from '../support/host-process.js';
import { expectSound, recordOutcomeSounds, tonesOf } from '../support/outcome-sounds.js';
import { closeBrowserAndHost } from '../support/e2e-session.js';

const CHECKPOINT = 'Cổng thử nghiệm';

/** Fills the paper form; `yes` lists the questions answered "yes", all others "no" (one by one: the "some" path). */
async function fillPaperForm(page: Page, person: { fullName: string; phone: string; idNumber: string }, yes: readonly string[]): Promise<void> {
  for (const [field, value] of Object.entries(person)) await page.getByTestId(`paper-${field}`).fill(value);
  await page.getByTestId('paper-some').click();
  for (const q of ['fever', 'cough', 'breathing', 'lossOfTaste', 'contact', 'abroad']) {
    await page.getByTestId(`paper-q-${q}-${yes.includes(q) ? 'yes' : 'no'}`).check();
  }
}

describe('paper declaration, guard override and undo in Chromium', () => {
  let host: RunningHost | undefined;
  let chromium: LaunchedChromium | undefined;
  let page: Page;
  let screen: GuardScreen;
  let problems: PageProblems;

  beforeAll(async () => {
    [host, chromium] = await Promise.all([startHost({ direction: 'both' }), launchChromium()]);
    page = await chromium.context.newPage();
    problems = await monitorPage(page);
    await recordOutcomeSounds(page);
    screen = new GuardScreen(page);
    await screen.open(host.url, CHECKPOINT);
  });

  afterAll(async () => {
    await closeBrowserAndHost(chromium, host);
  });

  it('shows what to fix on the paper form, then decides from the answers: fever → review', async () => {
    await assertAccessible(page, 'ready screen, Vietnamese');
    await page.getByTestId('paper-open').click();
    await assertAccessible(page, 'paper declaration form');
    await page.getByTestId('paper-submit').click();
    await assertAccessible(page, 'paper declaration form with problems');
    await expectScreenshot(page, 'paper-form-problems-vi');
    assert.equal(await page.getByTestId('paper-fullName-problem').getAttribute('data-problem'), 'required');
    assert.equal(await page.getByTestId('paper-unanswered').innerText(), 'Chọn «Không có dấu hiệu nào» hoặc trả lời từng câu hỏi');
    await fillPaperForm(page, { fullName: 'Nguyễn Văn An', phone: '12345', idNumber: '0012' }, ['fever']);
    await page.getByTestId('paper-submit').click();
    assert.equal(await page.getByTestId('paper-phone-problem').getAttribute('data-problem'), 'phone-format');
    assert.equal(await page.getByTestId('paper-idNumber-problem').getAttribute('data-problem'), 'id-format');
    assert.equal(await page.getByTestId('recent-row').count(), 0, 'nothing is recorded while the form is invalid');

    await page.getByTestId('paper-phone').fill('+84 912 345 678');
    await page.getByTestId('paper-idNumber').fill('001203004567');
    await page.getByTestId('paper-submit').click();
    const shown = await screen.resultFor(1);
    assert.equal(await page.getByTestId('paper-dialog').count(), 0, 'the dialog closes on success');
    assert.equal(shown.outcome, 'review');
    assert.equal(shown.source, 'manual');
    assert.equal(shown.person, 'Nguyễn Văn An');
    assert.ok(shown.text.includes('Tờ khai giấy'), 'credential kind "paper declaration" on screen');
    assert.deepEqual(shown.reasons, ['DECLARATION_NEEDS_MEDICAL_CHECK']);
    assertReasonShown(shown, 'DECLARATION_NEEDS_MEDICAL_CHECK');
    await screen.expectLights('amber');
    assert.deepEqual(await expectSound(page, 'review'), tonesOf('review'), 'the review sound, generated in the page');
  });

  it('lets the guard admit the review with a reason and note, then undo it within 30 s', async () => {
    await assertAccessible(page, 'review result with override buttons');
    await expectScreenshot(page, 'review-paper-override-buttons-vi');
    await page.getByTestId('override-admit').click();
    await assertAccessible(page, 'override dialog');
    // No reason is pre-selected: confirming without one records nothing and says what is missing.
    assert.equal(await page.getByTestId('override-reason').inputValue(), '');
    await page.getByTestId('override-confirm').click();
    assert.equal(await page.getByTestId('override-error').innerText(), 'Chọn lý do trước khi xác nhận');
    assert.equal(await page.getByTestId('recent-row').count(), 1, 'nothing recorded without a reason');
    await page.getByTestId('override-reason').selectOption('MEDICAL_DESK_CLEARED');
    await page.getByTestId('override-note').fill('phòng y tế tầng 1');
    await page.getByTestId('override-confirm').click();
    const admitted = await screen.resultFor(2);
    assert.equal(admitted.outcome, 'admit');
    assert.deepEqual(await expectSound(page, 'admit'), tonesOf('admit'));
    assert.deepEqual(admitted.reasons, ['GUARD_OVERRIDE_ADMIT', 'DECLARATION_NEEDS_MEDICAL_CHECK']);
    assert.equal(await page.getByTestId('override-buttons').count(), 0, 'an override offers no further override');
    await screen.expectCounters({ in: 1, out: 0, inside: 1 });
    assert.match(await page.getByTestId('undo-override').innerText(), /Hoàn tác .*\((30|29|28) giây\)/);

    await assertAccessible(page, 'admit result with the undo bar');
    await page.getByTestId('undo-override').click();
    const undone = await screen.resultFor(3);
    assert.equal(undone.outcome, 'review');
    assert.deepEqual(undone.reasons, ['GUARD_OVERRIDE_UNDONE', 'DECLARATION_NEEDS_MEDICAL_CHECK']);
    assert.deepEqual(await expectSound(page, 'review'), tonesOf('review'), 'the restored review sounds again');
    assertReasonShown(undone, 'GUARD_OVERRIDE_UNDONE');
    assert.equal(await page.getByTestId('undo-bar').count(), 0, 'one undo only');
    await screen.expectCounters({ in: 0, out: 0, inside: 0 });
    await page.locator('[data-testid="relay"][data-position="locked"]').waitFor();
  });

  it('works in English: close contact on paper is denied, and a deny offers admit but not refuse', async () => {
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('paper-open').click();
    assert.equal(await page.locator('#paper-title').innerText(), 'Paper health declaration');
    await fillPaperForm(page, { fullName: 'Lê Thị Cúc', phone: '0987654321', idNumber: '123456789' }, ['contact']);
    await page.getByTestId('paper-submit').click();
    const denied = await screen.resultFor(4);
    assert.equal(denied.outcome, 'deny');
    assert.deepEqual(await expectSound(page, 'deny'), tonesOf('deny'));
    assert.deepEqual(denied.reasons, ['DECLARATION_MUST_ISOLATE']);
    assert.equal(await page.getByTestId('result-word').innerText(), 'DENIED');
    assert.equal(await page.getByTestId('override-admit').innerText(), 'Guard admits…');
    assert.equal(await page.getByTestId('override-refuse').count(), 0);
    await assertAccessible(page, 'deny result, English');
    await expectScreenshot(page, 'deny-paper-en');
  });

  it('admits a person with no symptoms on paper in five actions: three fields, "no signs at all", submit', async () => {
    await page.getByTestId('language-toggle').click();
    await page.getByTestId('paper-open').click();
    await page.getByTestId('paper-fullName').fill('Đỗ Văn Giấy');
    await page.getByTestId('paper-phone').fill('0912345678');
    await page.getByTestId('paper-idNumber').fill('079203001234');
    await page.getByTestId('paper-none').click();
    assert.equal(await page.getByTestId('paper-questions').count(), 0, 'the six questions stay closed');
    await page.getByTestId('paper-submit').click();
    const admitted = await screen.resultFor(5);
    assert.equal(admitted.outcome, 'admit');
    assert.deepEqual(admitted.reasons, ['PAPER_DECLARATION_VALID']);
    assert.equal(admitted.person, 'Đỗ Văn Giấy');
    assertReasonShown(admitted, 'PAPER_DECLARATION_VALID');
  });

  it('leaves one register row per step, the undo pointing at the override, and no ID number or answers', () => {
    const db = new Database(join(host!.dataDir, 'register.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT * FROM entries ORDER BY seq').all() as Record<string, unknown>[];
      assert.deepEqual(
        rows.map((r) => [r.seq, r.credential_kind, r.outcome, r.scan_source, r.override_reason, r.override_note]),
        [
          [1, 'paper', 'review', 'manual', null, null],
          [2, 'paper', 'admit', 'manual', 'MEDICAL_DESK_CLEARED', 'phòng y tế tầng 1'],
          [3, 'paper', 'review', 'manual', 'UNDO', ''],
          [4, 'paper', 'deny', 'manual', null, null],
          [5, 'paper', 'admit', 'manual', null, null],
        ],
      );
      assert.equal(rows[1]!.override_of, rows[0]!.id);
      assert.equal(rows[2]!.override_of, rows[1]!.id);
      const stored = JSON.stringify(rows);
      for (const secret of ['001203004567', '123456789', '079203001234', '912345678', 'fever', 'contact']) assert.ok(!stored.includes(secret), `register holds "${secret}"`);
    } finally {
      db.close();
    }
    assert.deepEqual(problems.all(), []);
  });
});
