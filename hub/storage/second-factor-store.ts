/**
 * The second factor of admin accounts with tracing rights (hub migration 10), one SQL text for both storages: the
 * TOTP secret (base32; the hub must hold it to check codes — protect the database like the hub's signing key), the
 * last time step accepted (a code is good once), and recovery codes kept only as SHA-256 (they are 80 random bits,
 * so a fast hash suffices), each usable once. A conditional UPDATE … RETURNING makes "once" atomic on both engines.
 */
import { SqlParams, type SqlRunner } from './sql-runner.js';

export interface TotpEnrolment {
  readonly secret: string;
  readonly enrolledAt: number;
  readonly lastStep: number | null;
}

export class SecondFactorStore {
  constructor(private readonly sql: SqlRunner) {}

  private params(): SqlParams {
    return new SqlParams(this.sql.dialect);
  }

  async enrolment(username: string): Promise<TotpEnrolment | undefined> {
    const p = this.params();
    const rows = await this.sql.rows<TotpEnrolment>(
      `SELECT totp_secret AS "secret", totp_enrolled_at AS "enrolledAt", totp_last_step AS "lastStep" FROM admin_accounts
       WHERE username = ${p.add(username.toLowerCase())} AND totp_secret IS NOT NULL`,
      p.values,
    );
    return rows[0];
  }

  /** Stores a confirmed enrolment: the secret, the step of the confirming code (spent) and new recovery codes. */
  async enrol(username: string, secret: string, confirmedStep: number, recoveryCodeHashes: readonly string[], now: number): Promise<void> {
    const name = username.toLowerCase();
    const p = this.params();
    await this.sql.rows(
      `UPDATE admin_accounts SET totp_secret = ${p.add(secret)}, totp_enrolled_at = ${p.add(now)}, totp_last_step = ${p.add(confirmedStep)} WHERE username = ${p.add(name)}`,
      p.values,
    );
    await this.replaceRecoveryCodes(name, recoveryCodeHashes);
  }

  async replaceRecoveryCodes(username: string, hashes: readonly string[]): Promise<void> {
    const name = username.toLowerCase();
    const d = this.params();
    await this.sql.rows(`DELETE FROM admin_recovery_codes WHERE username = ${d.add(name)}`, d.values);
    if (hashes.length === 0) return;
    const p = this.params();
    await this.sql.rows(`INSERT INTO admin_recovery_codes (username, code_sha256) VALUES ${hashes.map((h) => `(${p.add(name)}, ${p.add(h)})`).join(', ')}`, p.values);
  }

  /** True when `step` is after the last accepted one, which it then becomes (so the same code is refused next time). */
  async acceptStep(username: string, step: number): Promise<boolean> {
    const p = this.params();
    const rows = await this.sql.rows(
      `UPDATE admin_accounts SET totp_last_step = ${p.add(step)}
       WHERE username = ${p.add(username.toLowerCase())} AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ${p.add(step)})
       RETURNING username`,
      p.values,
    );
    return rows.length === 1;
  }

  /** Spends an unused recovery code; false when it is unknown or already used. */
  async useRecoveryCode(username: string, codeSha256: string, now: number): Promise<boolean> {
    const p = this.params();
    const rows = await this.sql.rows(
      `UPDATE admin_recovery_codes SET used_at = ${p.add(now)}
       WHERE username = ${p.add(username.toLowerCase())} AND code_sha256 = ${p.add(codeSha256)} AND used_at IS NULL RETURNING username`,
      p.values,
    );
    return rows.length === 1;
  }

  async unusedRecoveryCodes(username: string): Promise<number> {
    const p = this.params();
    const rows = await this.sql.rows<{ n: number }>(`SELECT count(*) AS n FROM admin_recovery_codes WHERE username = ${p.add(username.toLowerCase())} AND used_at IS NULL`, p.values);
    return Number(rows[0]?.n ?? 0);
  }

  /** Forgets the authenticator and the recovery codes: the account enrols again at its next sign-in. */
  async reset(username: string): Promise<void> {
    const name = username.toLowerCase();
    const p = this.params();
    await this.sql.rows(`UPDATE admin_accounts SET totp_secret = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE username = ${p.add(name)}`, p.values);
    await this.replaceRecoveryCodes(name, []);
  }
}
