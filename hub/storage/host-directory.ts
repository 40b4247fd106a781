/**
 * Hosts of a building's departments: the people a visitor may come to see, carried in the bundles of department
 * checkpoints for the guard's host picker. Replaced whole per building (like the staff list) through the admin API;
 * every change bumps the building's data version. Implemented for both storages (sqlite-hosts.ts, postgres-hosts.ts).
 */
import type { BundleHost } from '../protocol.js';

export interface HostDirectory {
  replaceHosts(buildingId: string, hosts: readonly BundleHost[]): Promise<void>;
  /** The department's hosts, by display name. */
  hostsOf(buildingId: string, department: string): Promise<BundleHost[]>;
  /** Display names of the given host ids of the building (any department), for Danh sách; unknown ids are left out. */
  hostNames(buildingId: string, hostIds: readonly string[]): Promise<Map<string, string>>;
}

export const HOST_COLUMNS = 'host_id AS "hostId", department, display_name AS "displayName"';
