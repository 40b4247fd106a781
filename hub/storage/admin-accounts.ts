/**
 * Admin web accounts. Each account has one role with one scope: an organisation admin sees every checkpoint of its
 * organisation's buildings, a building manager those of one building, a department manager one checkpoint.
 * Passwords are stored only as scrypt hashes (hub/admin-web/password-hash.ts).
 */
export type AdminRole = 'organisation-admin' | 'building-manager' | 'department-manager';

export const ADMIN_ROLES: readonly AdminRole[] = ['organisation-admin', 'building-manager', 'department-manager'];

export interface AdminAccount {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: AdminRole;
  /** organisationId, buildingId or checkpointId, by role. */
  readonly scopeId: string;
  readonly createdAt: number;
}

export interface AdminAccounts {
  /** Creates or replaces the account (a new password, role or scope). */
  putAccount(account: AdminAccount): Promise<void>;
  /** Case-insensitive. */
  account(username: string): Promise<AdminAccount | undefined>;
}

export const ADMIN_ACCOUNT_COLUMNS = `username, display_name AS "displayName", password_hash AS "passwordHash", role, scope_id AS "scopeId", created_at AS "createdAt"`;
