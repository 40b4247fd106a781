import { strict as assert } from 'node:assert';
import { describe, it } from 'vitest';
import { join } from 'node:path';
import type { CheckinFeed, RelayedCheckin } from '../../../core/contract/hub-protocol.js';
import { DEFAULT_POLICY, phoneCheckinView, PHONE_CHECKIN_ALERT_MS, type PhoneCheckinView } from '../../../core/index.js';
import { openDatabase } from '../../../main/storage/open-database.js';
import { CheckinFeedPoller } from '../../../main/sync/checkin-feed.js';
import { CheckinStore } from '../../../main/sync/checkin-store.js';
import { tempDir } from '../../support/paths.js';
import type { HubClient } from '../../../main/sync/hub-client.js';
import { recordingLogger } from '../../support/recording-logger.js';

/** A hub whose long polls never answer on their own: only the caller's abort signal ends them (like a quiet hub). */
function quietHub() {
  const polls: AbortSignal[] = [];
  const client = {
    fetchCheckins(_after: number, _waitMs: number, cancel?: AbortSignal): Promise<CheckinFeed> {
      if (cancel) polls.push(cancel);
      return new Promise((_resolve, reject) => cancel?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    },
  } as unknown as HubClient;
  return { client, polls };
}

/** A hub that answers the scripted feeds in order (recording each `after`), then stays quiet until aborted. */
function scriptedHub(feeds: CheckinFeed[]) {
  const afters: number[] = [];
  const client = {
    fetchCheckins(after: number, _waitMs: number, cancel?: AbortSignal): Promise<CheckinFeed> {
      afters.push(after);
      const next = feeds.shift();
      if (next) return Promise.resolve(next);
      return new Promise((_resolve, reject) => cancel?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    },
  } as unknown as HubClient;
  return { client, afters };
}

const storeIn = (dir: string) => new CheckinStore(openDatabase(join(dir, 'register.sqlite')));
const show = (seen: string[]) => (c: RelayedCheckin, recent: boolean): PhoneCheckinView => {
  seen.push(`${c.checkinId}:${recent ? 'recent' : 'old'}`);
  return phoneCheckinView(c, { policy: DEFAULT_POLICY });
};

describe('CheckinFeedPoller', () => {
  it('keeps the list and the cursor in the database: a restarted terminal lists what it showed and resumes the feed', async () => {
    const dir = tempDir('checkin-store');
    const hubTime = 1_700_000_000_000;
    const relayed = (n: number, checkedInAt: number, result: RelayedCheckin['result']): RelayedCheckin => ({ cursor: n, checkinId: `c${n}`, displayName: `Người\u202E ${n}`, result, subjectHmac: 'x', checkedInAt });
    const hub = scriptedHub([
      { checkins: [], cursor: 5, hubTime },
      { checkins: [relayed(6, hubTime - PHONE_CHECKIN_ALERT_MS - 1, 'medical-check'), relayed(7, hubTime - 1000, 'medical-check'), relayed(8, hubTime, 'clear')], cursor: 8, hubTime },
    ]);
    const seen: string[] = [];
    const first = new CheckinFeedPoller({ client: () => hub.client, store: storeIn(dir), onCheckin: show(seen), logger: recordingLogger(), waitMs: 20_000, retryMs: 50 });
    first.start();
    while (hub.afters.length < 3) await new Promise((r) => setTimeout(r, 5));
    await first.close();
    assert.deepEqual(hub.afters, [-1, 5, 8], 'starts at the newest check-in, then follows the cursor');
    assert.deepEqual(seen, ['c6:old', 'c7:recent', 'c8:recent'], 'only check-ins made within the alert window are recent');
    assert.deepEqual(first.recent().map((c) => [c.checkinId, c.outcome, c.displayName]), [
      ['c8', 'admit', 'Người 8'],
      ['c7', 'review', 'Người 7'],
      ['c6', 'review', 'Người 6'],
    ]);

    const again = scriptedHub([]);
    const restarted = new CheckinFeedPoller({ client: () => again.client, store: storeIn(dir), onCheckin: show([]), logger: recordingLogger(), waitMs: 20_000, retryMs: 50 });
    assert.deepEqual(restarted.recent(), first.recent(), 'the list survives the restart');
    restarted.start();
    while (again.afters.length < 1) await new Promise((r) => setTimeout(r, 5));
    await restarted.close();
    assert.deepEqual(again.afters, [8], 'and the feed resumes where it was: check-ins made meanwhile are not lost');
  });

  it('close() ends the long poll in flight at once instead of waiting it out', async () => {
    const hub = quietHub();
    const poller = new CheckinFeedPoller({ client: () => hub.client, store: storeIn(tempDir('checkin-store')), onCheckin: show([]), logger: recordingLogger(), waitMs: 20_000, retryMs: 50 });
    poller.start();
    while (hub.polls.length < 1) await new Promise((r) => setTimeout(r, 5)); // until the poll is open
    assert.equal(hub.polls.length, 1, 'one poll is open');
    const started = performance.now();
    await poller.close();
    const took = performance.now() - started;
    assert.ok(took < 500, `close took ${took.toFixed(0)} ms with a 20 s poll open`);
    assert.equal(hub.polls[0]!.aborted, true);
  });
});
