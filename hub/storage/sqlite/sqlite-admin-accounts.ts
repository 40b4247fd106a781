/** Admin accounts on SQLite (see ../admin-accounts.ts). */
import type Database from 'better-sqlite3';
import { accountOfRow, ADMIN_ACCOUNT_COLUMNS, type AdminAccount, type AdminAccounts } from '../admin-accounts.js';

export class SqliteAdminAccounts implements AdminAccounts {
  constructor(private readonly db: Database.Database) {}

  putAccount(a: AdminAccount): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO admin_accounts (username, display_name, password_hash, role, scope_id, created_at, can_trace) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
           role = excluded.role, scope_id = excluded.scope_id, can_trace = excluded.can_trace`,
      )
      .run(a.username.toLowerCase(), a.displayName, a.passwordHash, a.role, a.scopeId, a.createdAt, a.canTrace ? 1 : 0);
    return Promise.resolve();
  }

  account(username: string): Promise<AdminAccount | undefined> {
    return Promise.resolve(accountOfRow(this.db.prepare(`SELECT ${ADMIN_ACCOUNT_COLUMNS} FROM admin_accounts WHERE username = ?`).get(username.toLowerCase()) as Parameters<typeof accountOfRow>[0]));
  }
}
