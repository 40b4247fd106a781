/**
 * Secrets the hub deployment shares between its replicas, kept in the store (like the buildings' subject keys), so
 * every hub process behind a load balancer uses the same one: the deployment's **identity key**, the HMAC
 * key of ID-number references (docs/identity-qr.md § One subject identity); and the public half of the bundle signing
 * key, against which every replica checks its own (hub/crypto/key-custody.ts). Created once, never replaced here:
 * the first process to start inserts its candidate, every later one reads the stored key (ON CONFLICT DO NOTHING).
 */
import { SqlParams, type SqlRunner } from './sql-runner.js';

export const IDENTITY_KEY = 'identity-key';

export class HubSecrets {
  private identity: Buffer | undefined;

  constructor(private readonly sql: SqlRunner) {}

  /** Stores `candidate` unless a key is already stored; returns the stored key (the candidate only if it won). */
  async ensureIdentityKey(candidate: Buffer, now: number): Promise<Buffer> {
    if (candidate.length !== 32) throw new Error(`an identity key has 32 bytes, not ${candidate.length}`);
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(
      `INSERT INTO hub_secrets (name, value, created_at) VALUES (${p.add(IDENTITY_KEY)}, ${p.add(candidate)}, ${p.add(now)}) ON CONFLICT (name) DO NOTHING`,
      p.values,
    );
    this.identity = undefined;
    return this.identityKey();
  }

  /** Stores `candidate` under `name` unless something is stored there already; returns what is stored. */
  async ensureSecret(name: string, candidate: Buffer, now: number): Promise<Buffer> {
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(`INSERT INTO hub_secrets (name, value, created_at) VALUES (${p.add(name)}, ${p.add(candidate)}, ${p.add(now)}) ON CONFLICT (name) DO NOTHING`, p.values);
    const q = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ value: Buffer }>(`SELECT value FROM hub_secrets WHERE name = ${q.add(name)}`, q.values);
    return Buffer.from(rows[0]!.value);
  }

  /** Replaces what is stored under `name` (the recorded signing key set after a rotation step; never the identity key). */
  async replaceSecret(name: string, value: Buffer): Promise<void> {
    if (name === IDENTITY_KEY) throw new Error('the identity key is never replaced');
    const p = new SqlParams(this.sql.dialect);
    await this.sql.rows(`UPDATE hub_secrets SET value = ${p.add(value)} WHERE name = ${p.add(name)}`, p.values);
  }

  /** The deployment's identity key; read once per process (it never changes while the hub runs). */
  async identityKey(): Promise<Buffer> {
    if (this.identity) return this.identity;
    const p = new SqlParams(this.sql.dialect);
    const rows = await this.sql.rows<{ value: Buffer }>(`SELECT value FROM hub_secrets WHERE name = ${p.add(IDENTITY_KEY)}`, p.values);
    const value = rows[0]?.value;
    if (!value || value.length !== 32) throw new Error('the hub has no identity key yet: startHub creates it (hub_secrets, migration 9)');
    this.identity = Buffer.from(value);
    return this.identity;
  }
}
