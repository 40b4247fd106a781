/**
 * What an admin account may see: the checkpoints of its scope. Every admin page asks here, by checkpoint id, before
 * reading anything — so a department manager who edits the URL to another checkpoint gets 403, not its entries.
 */
import type { AdminRole } from '../storage/admin-accounts.js';
import type { CheckpointRegistry, RegistryBuilding, RegistryCheckpoint } from '../storage/checkpoint-registry.js';

export interface VisibleCheckpoint extends RegistryCheckpoint {
  readonly buildingId: string;
  readonly buildingName: string;
}

function flatten(buildings: readonly RegistryBuilding[]): VisibleCheckpoint[] {
  return buildings.flatMap((b) => b.checkpoints.map((c) => ({ ...c, buildingId: b.buildingId, buildingName: b.name })));
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
  }
}

export const ROLE_NAMES: Readonly<Record<AdminRole, string>> = {
  'organisation-admin': 'Quản trị tổ chức',
  'building-manager': 'Quản lý tòa nhà',
  'department-manager': 'Quản lý bộ phận',
};
