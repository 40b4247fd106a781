/**
 * The decision source's staleness (main/sync/hub-decision-source.ts): judged at each `contextAt(now)` from the hub's
 * last confirmation and that `now` — exactly `maxDataAgeMs` old is fresh, one millisecond more is stale — with no
 * status read and no timer involved; an unenrolled terminal is never stale; the local source never is.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'vitest';
import type { KnownDeclaration } from '../../../core/index.js';
import { LocalDecisionSource } from '../../../main/gate/decision-source.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { HubBackedContext } from '../../../main/sync/hub-backed-context.js';
import { HubDataStore } from '../../../main/sync/hub-data-store.js';
import { hubDataStale, HubDecisionSource, type StaleDataPolicy } from '../../../main/sync/hub-decision-source.js';
import { testContext } from '../../support/decision-context.js';
import { tempDir } from '../../support/paths.js';

const CONFIRMED = Date.parse('2026-12-06T08:00:00Z');
const MAX_AGE = 6 * 3_600_000;
const DECLARATION: KnownDeclaration = { declaredAt: CONFIRMED - 1000, expiresAt: CONFIRMED + 86_400_000, result: 'clear' };

function hubSource(onStaleData: StaleDataPolicy, confirmed: { at: number | null | undefined }) {
  const db = openDatabase(join(tempDir('decision-source'), 'register.sqlite'));
  const data = new HubDataStore(db);
  data.addPassages([{ cursor: 1, terminalId: 'door', checkpointName: 'Cổng chính', checkpointKind: 'building-door', subjectHmac: 'ab12', direction: 'in', eventTime: CONFIRMED - 60_000 }], 1);
  const local = testContext(CONFIRMED);
  const bundle = new HubBackedContext(local, data);
  const declarations = { lookup: (ref: string) => (ref === 'ref-1' ? DECLARATION : undefined) };
  const source = new HubDecisionSource(bundle, declarations, data, { lastConfirmedSync: () => confirmed.at }, { maxDataAgeMs: MAX_AGE, onStaleData });
  return { source, close: () => db.close() };
}

const flags = (context: ReturnType<HubDecisionSource['contextAt']>) => ({
  declarations: context.declarations.stale,
  buildingEntries: context.buildingEntries?.stale,
  hosts: context.hosts.stale,
});

test('the staleness rule at its boundary: exactly maxDataAgeMs old is fresh, one ms more is stale', () => {
  assert.equal(hubDataStale(CONFIRMED, CONFIRMED + MAX_AGE, MAX_AGE), false);
  assert.equal(hubDataStale(CONFIRMED, CONFIRMED + MAX_AGE + 1, MAX_AGE), true);
  assert.equal(hubDataStale(CONFIRMED, CONFIRMED, MAX_AGE), false);
  assert.equal(hubDataStale(null, CONFIRMED, MAX_AGE), true, 'enrolled, never confirmed');
  assert.equal(hubDataStale(undefined, CONFIRMED + 100 * MAX_AGE, MAX_AGE), false, 'not enrolled: nothing to be stale');
});

test('contextAt judges staleness at each call from its own now: no status read, no state left behind', () => {
  const { source, close } = hubSource('refuse-lookups', { at: CONFIRMED });
  try {
    const fresh = { declarations: false, buildingEntries: false, hosts: false };
    const stale = { declarations: true, buildingEntries: true, hosts: true };
    assert.deepEqual(flags(source.contextAt(CONFIRMED + MAX_AGE)), fresh);
    assert.deepEqual(flags(source.contextAt(CONFIRMED + MAX_AGE + 1)), stale);
    assert.deepEqual(flags(source.contextAt(CONFIRMED + MAX_AGE)), fresh, 'an earlier now is fresh again: nothing was latched');
    const context = source.contextAt(CONFIRMED + MAX_AGE + 1);
    assert.equal(context.declarations.lookup('ref-1'), DECLARATION, 'stale data still answers; core decides what stale means');
    assert.equal(context.buildingEntries?.lastBuildingEntry('ab12')?.checkpointName, 'Cổng chính');
  } finally {
    close();
  }
});

test("onStaleData 'warn' keeps declaration lookups usable; building entries and hosts turn stale all the same", () => {
  const { source, close } = hubSource('warn', { at: CONFIRMED });
  try {
    assert.deepEqual(flags(source.contextAt(CONFIRMED + MAX_AGE + 1)), { declarations: false, buildingEntries: true, hosts: true });
  } finally {
    close();
  }
});

test('a new confirmation is seen by the next decision; an unenrolled terminal is never stale', () => {
  const confirmed: { at: number | null | undefined } = { at: null };
  const { source, close } = hubSource('refuse-lookups', confirmed);
  try {
    assert.equal(source.contextAt(CONFIRMED).buildingEntries?.stale, true, 'enrolled, never confirmed');
    confirmed.at = CONFIRMED;
    assert.equal(source.contextAt(CONFIRMED + 1).buildingEntries?.stale, false);
    confirmed.at = undefined;
    assert.deepEqual(flags(source.contextAt(CONFIRMED + 100 * MAX_AGE)), { declarations: false, buildingEntries: false, hosts: false });
  } finally {
    close();
  }
});

test('the local source: the same inputs at every instant, never stale, no building entries, no hosts', () => {
  const local = testContext(CONFIRMED);
  const source = new LocalDecisionSource(local);
  const early = source.contextAt(CONFIRMED);
  const late = source.contextAt(CONFIRMED + 100 * MAX_AGE);
  assert.equal(late.policy, local.policy);
  assert.equal(late.declarations, local.declarations);
  assert.equal(late.declarations.stale, undefined);
  assert.equal(late.buildingEntries, undefined);
  assert.deepEqual(late.hosts, { hosts: [], stale: false });
  assert.deepEqual(early, late);
});
