/**
 * Admin API of the checkpoint registry (same bearer token as admin-routes.ts, registered in its scope):
 * organisations, where a building belongs, what a checkpoint is (building door or department, address, directions),
 * and the tree of one organisation.
 */
import type { FastifyInstance } from 'fastify';
import { AREA_PATTERN, CHECKPOINT_KINDS } from '../storage/checkpoint-registry.js';
import { HubError } from '../service/hub-error.js';
import { typedRoutes, type HubDependencies } from './hub-dependencies.js';
import { object } from './route-schemas.js';

const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' } as const;
const text = (maxLength: number, minLength = 0) => ({ type: 'string', minLength, maxLength }) as const;

const organisationParams = object({ organisationId: id });
const buildingParams = object({ buildingId: id });
const checkpointParams = object({ checkpointId: id });
const organisationBody = object({ name: text(160, 1), area: { anyOf: [{ type: 'string', pattern: AREA_PATTERN.source }, { type: 'null' }] } }, ['name']);
const placementBody = object({ organisationId: { anyOf: [id, { type: 'null' }] }, address: text(300) });
const descriptionBody = object({
  kind: { enum: CHECKPOINT_KINDS },
  address: text(300),
  directions: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { enum: ['in', 'out'] } },
});
const treeQuery = object({ organisationId: id }, []);

export function registerRegistryRoutes(instance: FastifyInstance, deps: HubDependencies): void {
  const admin = typedRoutes(instance);
  const registry = deps.store.registry;

  admin.put('/organisations/:organisationId', { schema: { params: organisationParams, body: organisationBody } }, async (request) => {
    const { organisationId } = request.params;
    const body = request.body;
    await registry.upsertOrganisation({ organisationId, name: body.name, area: body.area ?? null });
    return { organisationId };
  });

  admin.put('/buildings/:buildingId/placement', { schema: { params: buildingParams, body: placementBody } }, async (request) => {
    const { buildingId } = request.params;
    const body = request.body;
    if (!(await registry.placeBuilding(buildingId, body))) throw new HubError('NOT_FOUND', `no building "${buildingId}" or no organisation "${body.organisationId}"`);
    return { buildingId };
  });

  admin.put('/checkpoints/:checkpointId/description', { schema: { params: checkpointParams, body: descriptionBody } }, async (request) => {
    const { checkpointId } = request.params;
    const body = request.body;
    if (!(await registry.describeCheckpoint(checkpointId, body))) throw new HubError('NOT_FOUND', `no checkpoint "${checkpointId}"`);
    return { checkpointId };
  });

  admin.get('/registry', { schema: { querystring: treeQuery } }, async (request) => {
    const { organisationId } = request.query;
    return { organisations: await registry.organisations(), buildings: await registry.organisationTree(organisationId ?? null) };
  });
}
