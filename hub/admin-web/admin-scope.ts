/**
 * What an admin account may see: the checkpoints of its scope. Every admin page asks here, by checkpoint id, before
 * reading anything — so a department manager who edits the URL to another checkpoint gets 403, not its entries.
 *
 * A health authority manages nothing (no lists, statistics, fleet or posters): `visibleCheckpoints` is empty for it.
 * What it may do is trace — person search and contact tracing — across every checkpoint of the organisations
 * registered in its area or under it (`traceableCheckpoints`); an organisation of another area stays invisible.
 */
import { hasTracingRights, type AdminRole } from '../storage/admin-accounts.js';
import type { CheckpointRegistry, RegistryBuilding, RegistryCheckpoint } from '../storage/checkpoint-registry.js';

export interface VisibleCheckpoint extends RegistryCheckpoint {
  readonly buildingId: string;
  readonly buildingName: string;
  readonly organisationId: string | null;
}

/** The part of a session (or account) that decides its scope. */
export interface ScopeHolder {
  readonly role: AdminRole;
  readonly scopeId: string;
  readonly canTrace?: boolean;
}

function flatten(buildings: readonly RegistryBuilding[]): VisibleCheckpoint[] {
  return buildings.flatMap((b) => b.checkpoints.map((c) => ({ ...c, buildingId: b.buildingId, buildingName: b.name, organisationId: b.organisationId })));
}

export async function visibleCheckpoints(registry: CheckpointRegistry, role: AdminRole, scopeId: string): Promise<VisibleCheckpoint[]> {
  switch (role) {
    case 'organisation-admin':
      return flatten(await registry.organisationTree(scopeId));
    case 'building-manager': {
      const building = await registry.buildingTree(scopeId);
      return building ? flatten([building]) : [];
    }
    case 'department-manager': {
      const building = await registry.buildingOfCheckpoint(scopeId);
      return building ? flatten([building]).filter((c) => c.checkpointId === scopeId) : [];
    }
    case 'health-authority':
      return [];
  }
}

/** The checkpoints the account may search and trace across; empty without tracing rights. */
export async function traceableCheckpoints(registry: CheckpointRegistry, account: ScopeHolder): Promise<VisibleCheckpoint[]> {
  if (!hasTracingRights(account)) return [];
  if (account.role === 'health-authority') return flatten(await registry.areaTree(account.scopeId));
  return visibleCheckpoints(registry, account.role, account.scopeId);
}

/** The organisations a query over these checkpoints touches: whose admins see it in their audit view. */
export function organisationsOf(checkpoints: readonly VisibleCheckpoint[]): string[] {
  return [...new Set(checkpoints.map((c) => c.organisationId).filter((o): o is string => o !== null))].sort();
}

export const ROLE_NAMES: Readonly<Record<AdminRole, string>> = {
  'organisation-admin': 'Quản trị tổ chức',
  'building-manager': 'Quản lý tòa nhà',
  'department-manager': 'Quản lý bộ phận',
  'health-authority': 'Cơ quan y tế (truy vết theo địa bàn)',
};
