/** Admin accounts on PostgreSQL (see ../admin-accounts.ts). */
import type { Pool } from 'pg';
import { accountOfRow, ADMIN_ACCOUNT_COLUMNS, type AdminAccount, type AdminAccounts } from '../admin-accounts.js';

export class PostgresAdminAccounts implements AdminAccounts {
  constructor(private readonly pool: Pool) {}

  async putAccount(a: AdminAccount): Promise<void> {
    await this.pool.query(
      `INSERT INTO admin_accounts (username, display_name, password_hash, role, scope_id, created_at, can_trace) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
         role = excluded.role, scope_id = excluded.scope_id, can_trace = excluded.can_trace`,
      [a.username.toLowerCase(), a.displayName, a.passwordHash, a.role, a.scopeId, a.createdAt, a.canTrace ? 1 : 0],
    );
  }

  async account(username: string): Promise<AdminAccount | undefined> {
    const { rows } = await this.pool.query<NonNullable<Parameters<typeof accountOfRow>[0]>>(`SELECT ${ADMIN_ACCOUNT_COLUMNS} FROM admin_accounts WHERE username = $1`, [username.toLowerCase()]);
    return accountOfRow(rows[0]);
  }
}
