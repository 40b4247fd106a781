/** Department checkpoints in a shared building: building-door chain, stale data, visitor hosts, opening hours. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  decide,
  DEFAULT_POLICY,
  isWithinOpeningHours,
  ReasonCode,
  reasonText,
  type BuildingEntryView,
  type CheckpointPolicy,
  type DecisionContext,
  type RecentPassage,
} from '../../../core/index.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { validToken } from '../../support/tokens.js';

const NOW = Date.parse('2026-11-23T03:00:00Z'); // 10:00 in Hồ Chí Minh City
const MINUTE = 60_000;
const SUBJECT = Buffer.alloc(16, 0x42);
const KEY = testCrypto.subjectKey(SUBJECT.toString('hex'));
const DEPARTMENT_POLICY: CheckpointPolicy = {
  ...DEFAULT_POLICY,
  department: 'ke-toan',
  chain: { buildingDoorWithinMs: 30 * MINUTE, visitorsNeedHost: false },
};
const doorEntry = (minutesAgo: number): RecentPassage => ({ direction: 'in', at: NOW - minutesAgo * MINUTE, checkpointName: 'Cổng tòa nhà', atBuildingDoor: true });

function entries(last: RecentPassage | undefined, stale = false): BuildingEntryView {
  return { lastBuildingEntry: (k) => (k === KEY ? last : undefined), stale };
}

function scanAt(overrides: Partial<DecisionContext>, now = NOW) {
  const context = testContext(now, { policy: DEPARTMENT_POLICY, ...overrides });
  return decide({ source: 'simulated', payload: validToken({ now, subjectRef: SUBJECT }), wallTime: now, monoTime: 0 }, context);
}

test('a person who passed the building door 10 minutes ago is admitted at the department', () => {
  const last = doorEntry(10);
  const decision = scanAt({ buildingEntries: entries(last), passages: { lastAdmitted: () => last } });
  assert.equal(decision.outcome, 'admit');
  assert.deepEqual(decision.reasons, [ReasonCode.DeclarationValid], 'the building entry is not taken for "already inside"');
});

test('no building-door entry → deny with NO_BUILDING_ENTRY and the window in the text', () => {
  const decision = scanAt({ buildingEntries: entries(undefined) });
  assert.deepEqual([decision.outcome, decision.reasons], ['deny', [ReasonCode.NoBuildingEntry, ReasonCode.DeclarationValid]]);
  assert.equal(reasonText(ReasonCode.NoBuildingEntry, 'vi', decision.reasonParams).message, 'Chưa ghi nhận lượt vào tại cổng tòa nhà trong 30 phút qua.');
  assert.match(reasonText(ReasonCode.NoBuildingEntry, 'en', decision.reasonParams).message, /last 30 minutes/);
});

test('a building-door entry outside the window counts as none; the boundary is inclusive', () => {
  assert.equal(scanAt({ buildingEntries: entries(doorEntry(31)) }).outcome, 'deny');
  assert.equal(scanAt({ buildingEntries: entries(doorEntry(30)) }).outcome, 'admit');
  assert.equal(scanAt({ buildingEntries: entries(doorEntry(-1)) }).outcome, 'admit', 'a minute ahead is within the clock skew');
  assert.equal(scanAt({ buildingEntries: entries(doorEntry(-10)) }).outcome, 'deny', 'far in the future is not evidence');
});

test('stale building data → review with BUILDING_DATA_STALE, never a silent admit or a deny', () => {
  const decision = scanAt({ buildingEntries: entries(undefined, true) });
  assert.deepEqual([decision.outcome, decision.reasons], ['review', [ReasonCode.BuildingDataStale, ReasonCode.DeclarationValid]]);
  assert.equal(scanAt({}).outcome, 'review', 'a terminal without any building data reviews too');
  assert.equal(scanAt({ buildingEntries: entries(doorEntry(5), true) }).outcome, 'admit', 'an entry on file still proves the chain');
});

test('exits and already refused scans are not touched by the chain', () => {
  assert.equal(scanAt({ buildingEntries: entries(undefined), direction: 'out' }).outcome, 'admit');
  const context = testContext(NOW, { policy: DEPARTMENT_POLICY, buildingEntries: entries(undefined) });
  const garbage = decide({ source: 'simulated', payload: 'hello', wallTime: NOW, monoTime: 0 }, context);
  assert.deepEqual(garbage.reasons, [ReasonCode.UnsupportedText]);
});

test('visitors need a host of this department when the policy says so', () => {
  const policy = { ...DEPARTMENT_POLICY, chain: { buildingDoorWithinMs: 30 * MINUTE, visitorsNeedHost: true } };
  const base = { policy, buildingEntries: entries(doorEntry(5)) };
  const noHost = scanAt(base);
  assert.deepEqual([noHost.outcome, noHost.reasons[0]], ['review', ReasonCode.VisitorNeedsHost]);
  assert.equal(scanAt({ ...base, visitorHost: { name: 'Trần Thị Bình', department: 'nhan-su' } }).outcome, 'review', 'host of another department');
  assert.equal(scanAt({ ...base, visitorHost: { name: 'Trần Thị Bình', department: 'ke-toan' } }).outcome, 'admit');
});

test('entries outside the opening hours are denied; the hours may span midnight', () => {
  const policy = { ...DEPARTMENT_POLICY, openingHours: { opens: '07:30', closes: '17:00' } };
  const late = Date.parse('2026-11-23T11:00:00Z'); // 18:00 local
  const decision = scanAt({ policy, buildingEntries: entries(undefined) }, late);
  assert.deepEqual([decision.outcome, decision.reasons[0]], ['deny', ReasonCode.OutsideOpeningHours]);
  assert.equal(reasonText(ReasonCode.OutsideOpeningHours, 'vi', decision.reasonParams).message, 'Ngoài giờ làm việc (mở cửa 07:30–17:00).');
  const zone = 'Asia/Ho_Chi_Minh';
  assert.equal(isWithinOpeningHours('07:30', '17:00', NOW, zone), true);
  assert.equal(isWithinOpeningHours('22:00', '06:00', Date.parse('2026-11-23T16:30:00Z'), zone), true, '23:30 local');
  assert.equal(isWithinOpeningHours('22:00', '06:00', NOW, zone), false);
  assert.equal(isWithinOpeningHours('7:30', '17:00', NOW, zone), false, 'a malformed setting never opens');
});
