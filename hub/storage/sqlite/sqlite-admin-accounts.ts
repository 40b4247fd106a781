/** Admin accounts on SQLite (see ../admin-accounts.ts). */
import type Database from 'better-sqlite3';
import { ADMIN_ACCOUNT_COLUMNS, type AdminAccount, type AdminAccounts } from '../admin-accounts.js';

export class SqliteAdminAccounts implements AdminAccounts {
  constructor(private readonly db: Database.Database) {}

  putAccount(a: AdminAccount): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO admin_accounts (username, display_name, password_hash, role, scope_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash,
           role = excluded.role, scope_id = excluded.scope_id`,
      )
      .run(a.username.toLowerCase(), a.displayName, a.passwordHash, a.role, a.scopeId, a.createdAt);
    return Promise.resolve();
  }

  account(username: string): Promise<AdminAccount | undefined> {
    return Promise.resolve(this.db.prepare(`SELECT ${ADMIN_ACCOUNT_COLUMNS} FROM admin_accounts WHERE username = ?`).get(username.toLowerCase()) as AdminAccount | undefined);
  }
}
