/**
 * Custody of the keys hub replicas share (docs/scaling.md § Keys): the data dir's secret files — bundle signing key,
 * admin API token, admin cookie secret, declaration issuer key — are the one place they come from; every replica mounts
 * the same data dir (or a read-only copy of its secret files). At start the hub refuses:
 * - a secret file that group or others may read (a copy made without care: `chmod 600 <file>`);
 * - a bundle signing key set that shares no key with the one the store recorded from the replicas before (a replica
 *   that generated its own key because its data dir was empty would sign bundles every enrolled terminal rejects);
 *   a set one rotation step apart is accepted and recorded (hub/crypto/hub-key-set.ts).
 */
import { existsSync, statSync } from 'node:fs';
import type { HubSecrets } from '../storage/hub-secrets.js';
import type { HubKeySet } from './hub-key-set.js';

export const SIGNING_PUBLIC_KEY_SECRET = 'bundle-signing-public-key';

/** Throws for the first existing file whose mode lets group or others read or write it. */
export function checkSecretFilePermissions(paths: readonly string[]): void {
  if (process.platform === 'win32') return;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new Error(
        `Tệp khóa bí mật ${path} có quyền ${mode.toString(8)}: người khác đọc được. Chạy: chmod 600 ${path} rồi khởi động lại hub. — ` +
          `Secret key file ${path} has mode ${mode.toString(8)} (readable by others): run chmod 600 ${path} and start the hub again.`,
      );
    }
  }
}

/** The public halves a replica holds, as recorded in the store (JSON; a bare raw key from hubs before key sets). */
interface RecordedKeySet {
  readonly current: string;
  readonly next?: string;
  readonly previous?: string;
}

function recordOf(set: HubKeySet): RecordedKeySet {
  return { current: set.current.publicKeyRaw, ...(set.next ? { next: set.next.publicKeyRaw } : {}), ...(set.previous ? { previous: set.previous.publicKeyRaw } : {}) };
}

function parseRecord(stored: string): RecordedKeySet {
  return stored.startsWith('{') ? (JSON.parse(stored) as RecordedKeySet) : { current: stored };
}

const keysOf = (r: RecordedKeySet) => [r.current, r.next, r.previous].filter((k): k is string => k !== undefined);

/**
 * Records the signing key set's public halves on first start. A replica joins when its set shares a key with the
 * recorded one (the same set, or one rotation step apart: `hub-key announce`, `activate`, `retire` each keep a key of
 * the step before), and then records its own set; a replica whose keys are all unknown — one that generated a key
 * because its data dir was empty — refuses to start.
 */
export async function checkSharedSigningKey(secrets: HubSecrets, set: HubKeySet, now: number): Promise<void> {
  const own = recordOf(set);
  const text = JSON.stringify(own);
  const stored = (await secrets.ensureSecret(SIGNING_PUBLIC_KEY_SECRET, Buffer.from(text, 'utf8'), now)).toString('utf8');
  if (stored === text) return;
  const recorded = parseRecord(stored);
  if (keysOf(own).some((key) => keysOf(recorded).includes(key))) {
    await secrets.replaceSecret(SIGNING_PUBLIC_KEY_SECRET, Buffer.from(text, 'utf8'));
    return;
  }
  throw new Error(
    `Khóa ký gói dữ liệu của hub này khác khóa các hub khác dùng chung cơ sở dữ liệu. Sao chép thư mục dữ liệu (hub-signing-key*.pem) từ hub đầu tiên. — ` +
      `This hub's bundle signing key differs from the one the other hubs on this database use (${recorded.current.slice(0, 12)}…): ` +
      `copy hub-signing-key.pem (and hub-signing-key.next.pem / .previous.pem during a rotation) from the first hub's data dir (docs/scaling.md § Keys).`,
  );
}
