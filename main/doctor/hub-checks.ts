/**
 * Doctor checks towards the hub: enrolment (the identity file), reachability (the hub's unsigned /v1/time), how long
 * ago an upload was acknowledged and the hub's data confirmed, and the queue of entries not yet delivered.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { HUB_PATHS } from '../../core/contract/hub-protocol.js';
import type { GateConfig } from '../config/load-config.js';
import { loadIdentity } from '../sync/hub-identity.js';
import { fail, ok, skip, warn, type DoctorCheck } from './doctor-check.js';

const HOUR = 3_600_000;
/** More undelivered entries than this with a hub configured: the sync is stuck, not just behind. */
export const QUEUE_WARN = 1000;

export async function checkHub(config: GateConfig, now: number, timeoutMs = 3000): Promise<DoctorCheck[]> {
  if (!config.hub) return [skip('hub', 'no hub configured (standalone terminal)')];
  const checks: DoctorCheck[] = [];
  const url = config.hub.url.replace(/\/$/, '');
  try {
    const response = await fetch(url + HUB_PATHS.time, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    checks.push(ok('hub reachable', `${url} answered HTTP ${response.status}`));
  } catch (error) {
    checks.push(
      fail('hub reachable', `${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, {
        vi: `Kiểm tra mạng (ping, dây mạng/Wi-Fi) và địa chỉ hub.url trong ${config.source}; thử: curl ${url}${HUB_PATHS.time}`,
        en: `Check the network (ping, cable/Wi-Fi) and hub.url in ${config.source}; try: curl ${url}${HUB_PATHS.time}`,
      }),
    );
  }
  try {
    const identity = loadIdentity(config.storage.dataDir);
    checks.push(
      identity
        ? ok('enrolment', `enrolled as ${identity.terminalId} (checkpoint ${identity.checkpointId}) since ${new Date(identity.enrolledAt).toISOString()}`)
        : fail('enrolment', 'not enrolled with the hub', { vi: 'Đăng ký máy: quét mã QR đăng ký trên màn hình cài đặt, hoặc gate-terminal enrol --token <mã>.', en: 'Enrol the terminal: scan the enrolment QR on the setup screen, or gate-terminal enrol --token <token>.' }),
    );
  } catch (error) {
    checks.push(fail('enrolment', (error as Error).message, { vi: 'Đăng ký lại: Cài đặt → Đăng ký lại với máy chủ (cần mã PIN).', en: 'Enrol again: Settings → Enrol / re-enrol with hub (needs the PIN).' }));
  }
  checks.push(lastSync(config, now));
  return checks;
}

function lastSync(config: GateConfig & { hub?: object }, now: number): DoctorCheck {
  const file = `${config.storage.dataDir}/register.sqlite`;
  if (!existsSync(file)) return skip('last sync', 'no register yet');
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const delivered = db.prepare('SELECT max(delivered_at) FROM entries').pluck().get() as number | null;
      const confirmed = db.prepare("SELECT value FROM sync_state WHERE key = 'hub-bundle-confirmed-at'").pluck().get() as string | undefined;
      const last = Math.max(delivered ?? 0, Number(confirmed ?? 0));
      if (last === 0) return warn('last sync', 'never synchronised with the hub', { vi: 'Chờ vài phút sau khi đăng ký; nếu vẫn vậy, xem kiểm tra "hub reachable" và nhật ký.', en: 'Wait a few minutes after enrolling; if it stays so, see "hub reachable" and the logs.' });
      const hours = (now - last) / HOUR;
      const detail = `${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`} ago`;
      return hours > 24 ? warn('last sync', detail, { vi: 'Máy không đồng bộ được hơn 24 giờ: kiểm tra mạng và nhật ký (journalctl -u gate-terminal).', en: 'No sync for over 24 h: check the network and the logs (journalctl -u gate-terminal).' }) : ok('last sync', detail);
    } finally {
      db.close();
    }
  } catch (error) {
    return skip('last sync', `cannot read the register: ${(error as Error).message}`);
  }
}

export function checkQueue(config: GateConfig): DoctorCheck {
  const file = `${config.storage.dataDir}/register.sqlite`;
  if (!existsSync(file)) return skip('queue', 'no register yet');
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const queued = db.prepare('SELECT count(*) FROM entries WHERE delivered_at IS NULL').pluck().get() as number;
      if (!config.hub) return ok('queue', `${queued} entries kept locally (no hub configured)`);
      return queued > QUEUE_WARN
        ? warn('queue', `${queued} entries not yet delivered to the hub`, { vi: 'Hàng đợi lớn: kiểm tra kết nối máy chủ và nhật ký đồng bộ.', en: 'A long queue: check the hub connection and the sync log.' })
        : ok('queue', `${queued} entries not yet delivered to the hub`);
    } finally {
      db.close();
    }
  } catch (error) {
    return skip('queue', `cannot read the register: ${(error as Error).message}`);
  }
}
