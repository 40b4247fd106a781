/**
 * The checkpoint registry: organisations → buildings → checkpoints. A building door admits into the building; a
 * department checkpoint sits inside one building and (by its chained policy) admits only people who passed one of
 * that building's doors. Names and addresses are Vietnamese, as printed on posters and shown in the admin pages.
 * Implemented for both storages (sqlite-registry.ts, postgres-registry.ts) and tested alike.
 */
import type { Direction } from '../../core/index.js';

export type CheckpointKind = 'building-door' | 'department';

export const CHECKPOINT_KINDS: readonly CheckpointKind[] = ['building-door', 'department'];

export interface OrganisationRecord {
  readonly organisationId: string;
  readonly name: string;
  /** Where it is registered: `province` or `province/district` (AREA_PATTERN); a health authority of that area or
   * of an enclosing one traces across it. Absent or null: under no area. */
  readonly area?: string | null;
}

/** An area: 1–3 lower-case slugs joined by '/', province first (`ha-noi`, `ha-noi/ba-dinh`). */
export const AREA_PATTERN = /^[a-z0-9][a-z0-9-]{0,47}(\/[a-z0-9][a-z0-9-]{0,47}){0,2}$/;

/** `area` itself and every area under it: the LIKE prefix (areas hold no `%` or `_`). */
export function areaLikePrefix(area: string): string {
  return `${area}/%`;
}

/** Where a building belongs and where it is. */
export interface BuildingPlacement {
  readonly organisationId: string | null;
  readonly address: string;
}

/** What a checkpoint is, beyond its name and policy. */
export interface CheckpointDescription {
  readonly kind: CheckpointKind;
  readonly address: string;
  /** The directions its terminals record; a one-way door has one. */
  readonly directions: readonly Direction[];
}

export interface RegistryCheckpoint extends CheckpointDescription {
  readonly checkpointId: string;
  readonly name: string;
}

export interface RegistryBuilding extends BuildingPlacement {
  readonly buildingId: string;
  readonly name: string;
  readonly checkpoints: readonly RegistryCheckpoint[];
}

export interface RegistryOrganisation extends OrganisationRecord {
  readonly buildings: readonly RegistryBuilding[];
}

export interface CheckpointRegistry {
  upsertOrganisation(organisation: OrganisationRecord): Promise<void>;
  /** False when the building does not exist (or the organisation is unknown). */
  placeBuilding(buildingId: string, placement: BuildingPlacement): Promise<boolean>;
  /** False when the checkpoint does not exist. */
  describeCheckpoint(checkpointId: string, description: CheckpointDescription): Promise<boolean>;
  checkpointDescription(checkpointId: string): Promise<CheckpointDescription | undefined>;
  /** The whole tree of one organisation, names sorted; buildings without an organisation under `null`. */
  organisationTree(organisationId: string | null): Promise<RegistryBuilding[]>;
  organisations(): Promise<OrganisationRecord[]>;
  /** The organisations registered in `area` or in an area under it, names sorted. */
  organisationsInArea(area: string): Promise<OrganisationRecord[]>;
  /** The buildings (with checkpoints) of every organisation in `area` or under it. */
  areaTree(area: string): Promise<RegistryBuilding[]>;
  /** One building with its checkpoints. */
  buildingTree(buildingId: string): Promise<RegistryBuilding | undefined>;
  /** The building holding this checkpoint, with all of its checkpoints. */
  buildingOfCheckpoint(checkpointId: string): Promise<RegistryBuilding | undefined>;
}

export const DEFAULT_DESCRIPTION: CheckpointDescription = { kind: 'building-door', address: '', directions: ['in', 'out'] };

export function directionsFromColumn(value: string): Direction[] {
  return value.split(',').filter((d): d is Direction => d === 'in' || d === 'out');
}

export function directionsToColumn(directions: readonly Direction[]): string {
  return (['in', 'out'] as const).filter((d) => directions.includes(d)).join(',');
}

interface TreeRow {
  readonly buildingId: string;
  readonly buildingName: string;
  readonly organisationId: string | null;
  readonly buildingAddress: string;
  readonly checkpointId: string | null;
  readonly checkpointName: string | null;
  readonly kind: string | null;
  readonly checkpointAddress: string | null;
  readonly directions: string | null;
}

/** Folds building ⟕ checkpoint rows (ordered by building) into the tree. */
export function treeFromRows(rows: readonly TreeRow[]): RegistryBuilding[] {
  const buildings = new Map<string, { placement: RegistryBuilding; checkpoints: RegistryCheckpoint[] }>();
  for (const r of rows) {
    let entry = buildings.get(r.buildingId);
    if (!entry) {
      const checkpoints: RegistryCheckpoint[] = [];
      entry = { placement: { buildingId: r.buildingId, name: r.buildingName, organisationId: r.organisationId, address: r.buildingAddress, checkpoints }, checkpoints };
      buildings.set(r.buildingId, entry);
    }
    if (r.checkpointId === null) continue;
    entry.checkpoints.push({
      checkpointId: r.checkpointId,
      name: r.checkpointName ?? '',
      kind: r.kind === 'department' ? 'department' : 'building-door',
      address: r.checkpointAddress ?? '',
      directions: directionsFromColumn(r.directions ?? ''),
    });
  }
  return [...buildings.values()].map((b) => b.placement);
}

export const AREA_ORGANISATION_COLUMNS = 'organisation_id AS "organisationId", name, area';

export const TREE_COLUMNS = `b.building_id AS "buildingId", b.name AS "buildingName", b.organisation_id AS "organisationId",
  b.address AS "buildingAddress", c.checkpoint_id AS "checkpointId", c.name AS "checkpointName", c.kind,
  c.address AS "checkpointAddress", c.directions`;
