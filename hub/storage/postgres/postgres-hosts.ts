/** Department hosts on PostgreSQL (see ../host-directory.ts). */
import type { Pool } from 'pg';
import type { BundleHost } from '../../protocol.js';
import { HOST_COLUMNS, type HostDirectory } from '../host-directory.js';

export class PostgresHosts implements HostDirectory {
  constructor(private readonly pool: Pool) {}

  async replaceHosts(buildingId: string, hosts: readonly BundleHost[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM department_hosts WHERE building_id = $1', [buildingId]);
      await client.query('INSERT INTO department_hosts (building_id, host_id, department, display_name) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])', [
        buildingId, hosts.map((h) => h.hostId), hosts.map((h) => h.department), hosts.map((h) => h.displayName),
      ]);
      await client.query('UPDATE buildings SET data_version = data_version + 1 WHERE building_id = $1', [buildingId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async hostsOf(buildingId: string, department: string): Promise<BundleHost[]> {
    const { rows } = await this.pool.query<BundleHost>(`SELECT ${HOST_COLUMNS} FROM department_hosts WHERE building_id = $1 AND department = $2 ORDER BY display_name, host_id`, [
      buildingId, department,
    ]);
    return rows;
  }

  async hostNames(buildingId: string, hostIds: readonly string[]): Promise<Map<string, string>> {
    if (hostIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ hostId: string; displayName: string }>(
      'SELECT host_id AS "hostId", display_name AS "displayName" FROM department_hosts WHERE building_id = $1 AND host_id = ANY($2::text[])',
      [buildingId, [...hostIds]],
    );
    return new Map(rows.map((r) => [r.hostId, r.displayName]));
  }
}
