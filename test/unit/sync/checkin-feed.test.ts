import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CheckinFeed } from '../../../core/contract/hub-protocol.js';
import { CheckinFeedPoller } from '../../../main/sync/checkin-feed.js';
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

describe('CheckinFeedPoller', () => {
  it('close() ends the long poll in flight at once instead of waiting it out', async () => {
    const hub = quietHub();
    const poller = new CheckinFeedPoller({ client: () => hub.client, onCheckin: () => undefined, logger: recordingLogger(), waitMs: 20_000, retryMs: 50 });
    poller.start();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(hub.polls.length, 1, 'one poll is open');
    const started = performance.now();
    await poller.close();
    const took = performance.now() - started;
    assert.ok(took < 500, `close took ${took.toFixed(0)} ms with a 20 s poll open`);
    assert.equal(hub.polls[0]!.aborted, true);
  });
});
