/** Department hosts on SQLite (see ../host-directory.ts). */
import type Database from 'better-sqlite3';
import type { BundleHost } from '../../protocol.js';
import { HOST_COLUMNS, type HostDirectory } from '../host-directory.js';

export class SqliteHosts implements HostDirectory {
  constructor(private readonly db: Database.Database) {}

  replaceHosts(buildingId: string, hosts: readonly BundleHost[]): Promise<void> {
    const insert = this.db.prepare('INSERT INTO department_hosts (building_id, host_id, department, display_name) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM department_hosts WHERE building_id = ?').run(buildingId);
      for (const h of hosts) insert.run(buildingId, h.hostId, h.department, h.displayName);
      this.db.prepare('UPDATE buildings SET data_version = data_version + 1 WHERE building_id = ?').run(buildingId);
    })();
    return Promise.resolve();
  }

  hostsOf(buildingId: string, department: string): Promise<BundleHost[]> {
    const rows = this.db
      .prepare(`SELECT ${HOST_COLUMNS} FROM department_hosts WHERE building_id = ? AND department = ? ORDER BY display_name, host_id`)
      .all(buildingId, department) as BundleHost[];
    return Promise.resolve(rows);
  }

  hostNames(buildingId: string, hostIds: readonly string[]): Promise<Map<string, string>> {
    if (hostIds.length === 0) return Promise.resolve(new Map());
    const rows = this.db
      .prepare(`SELECT host_id AS "hostId", display_name AS "displayName" FROM department_hosts WHERE building_id = ? AND host_id IN (${hostIds.map(() => '?').join(', ')})`)
      .all(buildingId, ...hostIds) as { hostId: string; displayName: string }[];
    return Promise.resolve(new Map(rows.map((r) => [r.hostId, r.displayName])));
  }
}
