/**
 * The admin API (bearer token from the hub's data dir): buildings and checkpoints, enrolment tokens, revoking a
 * terminal, and the data bundles carry — declarations (by ID number, hashed here under the building's subject key,
 * or by subject reference), revocations, staff list, department hosts, trusted issuers. Each change bumps the
 * building's data version.
 */
import { createHash, createPublicKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkIdNumber, ID_NUMBER_PROBLEM_TEXT, safeDisplayName } from '../../core/index.js';
import { rawPublicKey, subjectRefOf } from '../crypto/hub-crypto.js';
import { createEnrolmentToken } from '../service/enrolment.js';
import { HubError } from '../service/hub-error.js';
import { typedRoutes, type HubDependencies } from './hub-dependencies.js';
import {
  identityRefsBodySchema,
  buildingBodySchema,
  buildingParamsSchema,
  checkpointBodySchema,
  checkpointParamsSchema,
  countSchema,
  createdTokenSchema,
  createTokenSchema,
  declarationsBodySchema,
  hostsBodySchema,
  issuersBodySchema,
  revocationsBodySchema,
  staffBodySchema,
  terminalParamsSchema,
} from './route-schemas.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function registerAdminRoutes(instance: FastifyInstance, deps: HubDependencies): void {
  const admin = typedRoutes(instance);
  const expected = digest(`Bearer ${deps.keys.adminToken}`);
  admin.addHook('onRequest', async (request: FastifyRequest) => {
    const given = request.headers.authorization;
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      throw new HubError('ADMIN_UNAUTHORISED', `admin requests need "Authorization: Bearer <token>" (the token is in ${deps.keys.adminTokenFile})`);
    }
  });
  const buildingOf = async (buildingId: string) => {
    const building = await deps.store.buildings.building(buildingId);
    if (!building) throw new HubError('NOT_FOUND', `no building "${buildingId}"`);
    return building;
  };

  admin.post('/enrolment-tokens', { schema: { body: createTokenSchema, response: { 200: createdTokenSchema } } }, async (request) => {
    const body = request.body;
    const ttlMs = (body.ttlMinutes ?? deps.config.enrolmentTokenTtlMinutes) * 60_000;
    const created = await createEnrolmentToken(deps.store, body.checkpointId, { now: deps.now(), ttlMs });
    deps.logger.info('enrolment-token-created', { tokenId: created.tokenId, checkpointId: created.checkpointId, expiresAt: created.expiresAt });
    return created;
  });

  admin.post('/terminals/:terminalId/revoke', { schema: { params: terminalParamsSchema } }, async (request) => {
    const { terminalId } = request.params;
    if (!(await deps.store.terminals.terminal(terminalId))) throw new HubError('NOT_FOUND', `no terminal "${terminalId}"`);
    const revoked = await deps.store.terminals.revokeTerminal(terminalId, deps.now());
    deps.logger.warn('terminal-revoked', { terminalId, alreadyRevoked: !revoked });
    return { terminalId, revoked: true };
  });

  admin.put('/buildings/:buildingId', { schema: { params: buildingParamsSchema, body: buildingBodySchema } }, async (request) => {
    const { buildingId } = request.params;
    await deps.store.buildings.upsertBuilding({ buildingId, name: request.body.name }, randomBytes(32));
    return { buildingId };
  });

  admin.put('/checkpoints/:checkpointId', { schema: { params: checkpointParamsSchema, body: checkpointBodySchema } }, async (request) => {
    const { checkpointId } = request.params;
    const body = request.body;
    await buildingOf(body.buildingId);
    await deps.store.buildings.upsertCheckpoint({ checkpointId, buildingId: body.buildingId, name: body.name, policy: body.policy ?? {} });
    return { checkpointId };
  });

  admin.post('/buildings/:buildingId/declarations', { schema: { params: buildingParamsSchema, body: declarationsBodySchema, response: { 200: countSchema } } }, async (request) => {
    const building = await buildingOf(request.params.buildingId);
    const input = request.body.declarations;
    const identityKey = await deps.store.secrets.identityKey();
    const declarations = input.map((d, i) => ({
      subjectRef: d.subjectRef ?? subjectRefOf(identityKey, checkedIdNumber(d.idNumber!, `declarations[${i}].idNumber`)),
      declaredAt: d.declaredAt,
      expiresAt: d.expiresAt,
      result: d.result,
    }));
    return { count: await deps.store.buildings.putDeclarations(building.buildingId, declarations) };
  });

  /**
   * References of ID numbers under the deployment's identity key, for systems that issue staff badges
   * (`gate-terminal issue-staff-badge --subject-ref`): the badge then matches the holder's declarations and entries.
   */
  admin.post('/identity-refs', { schema: { body: identityRefsBodySchema } }, async (request) => {
    const identityKey = await deps.store.secrets.identityKey();
    const idNumbers = request.body.idNumbers;
    return { subjectRefs: idNumbers.map((id, i) => subjectRefOf(identityKey, checkedIdNumber(id, `idNumbers[${i}]`))) };
  });

  admin.post('/buildings/:buildingId/revocations', { schema: { params: buildingParamsSchema, body: revocationsBodySchema, response: { 200: countSchema } } }, async (request) => {
    const building = await buildingOf(request.params.buildingId);
    return { count: await deps.store.buildings.addRevocations(building.buildingId, request.body.credentialIds, deps.now()) };
  });

  admin.put('/buildings/:buildingId/staff', { schema: { params: buildingParamsSchema, body: staffBodySchema, response: { 200: countSchema } } }, async (request) => {
    const building = await buildingOf(request.params.buildingId);
    const staff = request.body.staff;
    await deps.store.buildings.replaceStaff(building.buildingId, staff);
    return { count: staff.length };
  });

  admin.put('/buildings/:buildingId/hosts', { schema: { params: buildingParamsSchema, body: hostsBodySchema, response: { 200: countSchema } } }, async (request) => {
    const building = await buildingOf(request.params.buildingId);
    // Host names reach every guard screen of the building (the host picker): stored as they will be shown.
    const hosts = request.body.hosts.map((host) => ({ ...host, displayName: safeDisplayName(host.displayName) }));
    await deps.store.hosts.replaceHosts(building.buildingId, hosts);
    return { count: hosts.length };
  });

  admin.put('/buildings/:buildingId/issuers', { schema: { params: buildingParamsSchema, body: issuersBodySchema, response: { 200: countSchema } } }, async (request) => {
    const building = await buildingOf(request.params.buildingId);
    const issuers = request.body.issuers.map((i) => {
      try {
        const key = createPublicKey(i.publicKeyPem);
        if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
        return { name: i.name, publicKey: rawPublicKey(key) };
      } catch {
        throw new HubError('BAD_REQUEST', `issuer "${i.name}": not an Ed25519 public key in PEM`);
      }
    });
    await deps.store.buildings.replaceIssuers(building.buildingId, issuers);
    return { count: issuers.length };
  });

  admin.get('/stats', async () => deps.store.entries.stats());
}

/** A well-formed ID number, or a 400 naming the field and the problem (never the number). */
function checkedIdNumber(typed: string, field: string): string {
  const checked = checkIdNumber(typed);
  if (checked.ok) return checked.idNumber;
  const text = ID_NUMBER_PROBLEM_TEXT[checked.problem];
  throw new HubError('BAD_REQUEST', `${field}: ${text.vi} / ${text.en}`);
}
