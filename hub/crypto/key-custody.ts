/**
 * Custody of the keys hub replicas share (docs/scaling.md § Keys): the data dir's secret files — bundle signing key,
 * admin API token, admin cookie secret, declaration issuer key — are the one place they come from; every replica mounts
 * the same data dir (or a read-only copy of its secret files). At start the hub refuses:
 * - a secret file that group or others may read (a copy made without care: `chmod 600 <file>`);
 * - a bundle signing key other than the one the store recorded from the first replica (a replica that generated its
 *   own key because its data dir was empty would sign bundles every enrolled terminal rejects).
 */
import { existsSync, statSync } from 'node:fs';
import type { HubSecrets } from '../storage/hub-secrets.js';

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

/** Records the signing key's public half on first start; a replica with another key refuses to start. */
export async function checkSharedSigningKey(secrets: HubSecrets, publicKeyRaw: string, now: number): Promise<void> {
  const stored = (await secrets.ensureSecret(SIGNING_PUBLIC_KEY_SECRET, Buffer.from(publicKeyRaw, 'utf8'), now)).toString('utf8');
  if (stored === publicKeyRaw) return;
  throw new Error(
    `Khóa ký gói dữ liệu của hub này khác khóa các hub khác dùng chung cơ sở dữ liệu. Sao chép thư mục dữ liệu (hub-signing-key.pem) từ hub đầu tiên. — ` +
      `This hub's bundle signing key differs from the one the other hubs on this database use (${stored.slice(0, 12)}…): ` +
      `copy hub-signing-key.pem from the first hub's data dir (docs/scaling.md § Keys).`,
  );
}
