/**
 * The replicas' check-in feed: one dedicated connection per hub process LISTENs on `gate_checkins`, which the
 * phone_checkins trigger (migration 10) NOTIFYs with the checkpoint id at COMMIT — so a phone checking in on replica A
 * wakes the terminals long-polling replica B. A lost connection is re-opened after RECONNECT_MS; since notifications
 * sent meanwhile are lost, every waiter is woken on reconnect (`onCheckpoint(null)`) and re-reads the store.
 */
import pg from 'pg';
import { CHECKIN_CHANNEL } from './postgres-migration-0010.js';

const RECONNECT_MS = 1_000;

export async function listenForCheckins(url: string, onCheckpoint: (checkpointId: string | null) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (first: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === CHECKIN_CHANNEL && message.payload) onCheckpoint(message.payload);
    });
    const retry = () => {
      if (stopped || client !== next) return;
      client = undefined;
      timer = setTimeout(() => void connect(false).catch(retry2), RECONNECT_MS);
    };
    const retry2 = () => {
      if (!stopped) timer = setTimeout(() => void connect(false).catch(retry2), RECONNECT_MS);
    };
    next.on('error', retry);
    next.on('end', retry);
    await next.connect();
    await next.query(`LISTEN ${CHECKIN_CHANNEL}`);
    if (stopped) {
      await next.end();
      return;
    }
    client = next;
    if (!first) onCheckpoint(null);
  };
  await connect(true);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const last = client;
    client = undefined;
    await last?.end().catch(() => undefined);
  };
}
