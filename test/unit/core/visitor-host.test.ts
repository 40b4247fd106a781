/**
 * The host picker's core: a VISITOR_NEEDS_HOST review decided again through `decide` with the picked host admits;
 * a host of another department (or an id not on the list) changes nothing; every other rule still applies; the
 * search is diacritic-insensitive.
 */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import {
  decide,
  DEFAULT_POLICY,
  filterHosts,
  foldForSearch,
  needsHostPick,
  ReasonCode,
  visitorHostFor,
  type BuildingEntryView,
  type CheckpointPolicy,
  type DecisionContext,
  type HostListing,
} from '../../../core/index.js';
import { testContext, testCrypto } from '../../support/decision-context.js';
import { expiredToken, validToken } from '../../support/tokens.js';

const NOW = Date.parse('2026-11-23T03:00:00Z');
const SUBJECT = Buffer.alloc(16, 0x17);
const KEY = testCrypto.subjectKey(SUBJECT.toString('hex'));
const POLICY: CheckpointPolicy = { ...DEFAULT_POLICY, department: 'ke-toan', chain: { buildingDoorWithinMs: 30 * 60_000, visitorsNeedHost: true } };
const DOOR: BuildingEntryView = { lastBuildingEntry: (k) => (k === KEY ? { direction: 'in', at: NOW - 5 * 60_000, checkpointName: 'Cổng tòa nhà', atBuildingDoor: true } : undefined), stale: false };
const HOSTS: HostListing[] = [
  { hostId: 'nv-0007', department: 'ke-toan', displayName: 'Trần Thị Bình' },
  { hostId: 'nv-0003', department: 'ke-toan', displayName: 'Lê Văn An' },
  { hostId: 'nv-0042', department: 'ke-toan', displayName: 'Đặng Đức Anh' },
  { hostId: 'nv-0100', department: 'nhan-su', displayName: 'Phạm Thu Hà' },
];

function scan(payload: string, overrides: Partial<DecisionContext> = {}) {
  return decide({ source: 'simulated', payload, wallTime: NOW, monoTime: 0 }, testContext(NOW, { policy: POLICY, buildingEntries: DOOR, ...overrides }));
}

test('a visitor reviewed for a missing host is admitted when decided again with a host of the department', () => {
  const token = validToken({ now: NOW, subjectRef: SUBJECT });
  const review = scan(token);
  assert.deepEqual([review.outcome, review.reasons[0]], ['review', ReasonCode.VisitorNeedsHost]);
  assert.equal(needsHostPick(review), true);
  const host = visitorHostFor(HOSTS, 'nv-0007');
  assert.deepEqual(host, { hostId: 'nv-0007', name: 'Trần Thị Bình', department: 'ke-toan' });
  const again = scan(token, { visitorHost: host! });
  assert.deepEqual([again.outcome, again.reasons], ['admit', [ReasonCode.DeclarationValid]]);
  assert.equal(needsHostPick(again), false);
});

test('a host of another department is refused: the review stands', () => {
  const token = validToken({ now: NOW, subjectRef: SUBJECT });
  const other = scan(token, { visitorHost: visitorHostFor(HOSTS, 'nv-0100')! });
  assert.deepEqual([other.outcome, other.reasons[0]], ['review', ReasonCode.VisitorNeedsHost]);
  assert.equal(visitorHostFor(HOSTS, 'nv-9999'), undefined, 'an id not on the list is no host');
});

test('the other rules still apply with a host: an expired declaration is denied, a stranger without building entry too', () => {
  const host = visitorHostFor(HOSTS, 'nv-0003')!;
  assert.equal(scan(expiredToken({ now: NOW, subjectRef: SUBJECT }), { visitorHost: host }).outcome, 'deny');
  const stranger = scan(validToken({ now: NOW, subjectRef: Buffer.alloc(16, 0x99) }), { visitorHost: host });
  assert.deepEqual([stranger.outcome, stranger.reasons[0]], ['deny', ReasonCode.NoBuildingEntry]);
  assert.equal(needsHostPick(stranger), false, 'only a host review can be resolved with a host');
});

test('the search ignores diacritics, case and word order; đ matches d', () => {
  assert.equal(foldForSearch('  Đặng Đức Anh '), 'dang duc anh');
  const names = (q: string) => filterHosts(HOSTS, q).map((h) => h.displayName);
  assert.deepEqual(names('tran binh'), ['Trần Thị Bình']);
  assert.deepEqual(names('BÌNH trần'), ['Trần Thị Bình']);
  assert.deepEqual(names('duc'), ['Đặng Đức Anh']);
  assert.deepEqual(names('an'), ['Đặng Đức Anh', 'Lê Văn An', 'Trần Thị Bình'], 'a part of a word matches');
  assert.deepEqual(names('0042'), ['Đặng Đức Anh'], 'the id is searchable too');
  assert.deepEqual(names(''), ['Đặng Đức Anh', 'Lê Văn An', 'Phạm Thu Hà', 'Trần Thị Bình'], 'empty query: everyone, by name');
  assert.deepEqual(names('xyz'), []);
});
