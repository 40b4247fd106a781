/**
 * Admin web accounts. Each account has one role with one scope: an organisation admin sees every checkpoint of its
 * organisation's buildings, a building manager those of one building, a department manager one checkpoint, and a
 * health authority (province or district) every checkpoint of the organisations registered under its area — for
 * person search and contact tracing only (admin-scope.ts). Accounts with tracing rights (`canTrace`; a health
 * authority always) sign in with a second factor (second-factor.ts). Passwords are stored only as scrypt hashes.
 */
export type AdminRole = 'organisation-admin' | 'building-manager' | 'department-manager' | 'health-authority';

export const ADMIN_ROLES: readonly AdminRole[] = ['organisation-admin', 'building-manager', 'department-manager', 'health-authority'];

export interface AdminAccount {
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: AdminRole;
  /** organisationId, buildingId, checkpointId or area (`province` or `province/district`), by role. */
  readonly scopeId: string;
  readonly createdAt: number;
  /** May run person search and contact tracing (and so needs a second factor). A health authority always may. */
  readonly canTrace?: boolean;
}

/** Whether the account may trace: the health authority by its role, the others by their grant. */
export function hasTracingRights(account: Pick<AdminAccount, 'role' | 'canTrace'>): boolean {
  return account.role === 'health-authority' || account.canTrace === true;
}

export interface AdminAccounts {
  /** Creates or replaces the account (a new password, role or scope). */
  putAccount(account: AdminAccount): Promise<void>;
  /** Case-insensitive. */
  account(username: string): Promise<AdminAccount | undefined>;
}

export const ADMIN_ACCOUNT_COLUMNS = `username, display_name AS "displayName", password_hash AS "passwordHash", role, scope_id AS "scopeId", created_at AS "createdAt",
  can_trace AS "canTrace"`;

/** A row as both storages return it (can_trace is 0 or 1) → the account. */
export function accountOfRow(row: (Omit<AdminAccount, 'canTrace'> & { canTrace: number | boolean }) | undefined): AdminAccount | undefined {
  return row && { ...row, canTrace: Boolean(row.canTrace) };
}
