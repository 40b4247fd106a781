/**
 * Admin API of the DCC trust list (same bearer token as admin-routes.ts, registered in its scope): list the signers,
 * import a national backend's list (JSON or PEM bundle, hub/service/dcc-trust-list.ts), remove a signer. Every change
 * reaches each terminal at its next sync (the bundle carries the list). An import answers 200 with the signers it
 * refused and why; only a text that is no trust list at all is a 400.
 */
import type { FastifyInstance } from 'fastify';
import { HubError } from '../service/hub-error.js';
import { importSummary, importTrustList } from '../service/dcc-trust-list.js';
import { TrustListFormatError } from '../service/dcc-trust-list-formats.js';
import type { DccSignerRecord } from '../service/dcc-signer-check.js';
import { typedRoutes, type HubDependencies } from './hub-dependencies.js';
import { object } from './route-schemas.js';

const importBody = object({ format: { enum: ['json', 'pem'] }, text: { type: 'string', minLength: 1, maxLength: 30 * 1024 * 1024 } }, ['text']);
const signerParams = object({ signerId: { type: 'string', pattern: '^[0-9a-f]{64}$' } });

/** A signer as the API lists it: everything but the certificate itself. */
export function signerSummary(s: DccSignerRecord) {
  return { signerId: s.signerId, kid: s.kid, country: s.country, subject: s.subject, keyType: s.keyType, algorithm: s.algorithm, keyUsage: s.keyUsage, notBefore: s.notBefore, notAfter: s.notAfter };
}

export function registerDccSignerRoutes(instance: FastifyInstance, deps: HubDependencies): void {
  const admin = typedRoutes(instance);
  admin.get('/dcc-signers', async () => ({ signers: (await deps.store.dccSigners.list()).map(signerSummary) }));

  admin.post('/dcc-signers', { schema: { body: importBody } }, async (request) => {
    const body = request.body;
    try {
      const result = await importTrustList(deps.store.dccSigners, body.text, body.format, deps.now());
      deps.logger.info('dcc-signers-imported', { format: result.format, summary: importSummary(result), refused: result.refused.map((r) => `${r.entry}: ${r.problem}`).slice(0, 50) });
      return {
        format: result.format,
        added: result.added,
        updated: result.updated,
        unchanged: result.unchanged,
        accepted: result.accepted.map((s) => ({ signerId: s.signerId, kid: s.kid, country: s.country })),
        refused: result.refused,
      };
    } catch (error) {
      if (error instanceof TrustListFormatError) throw new HubError('BAD_REQUEST', error.message);
      throw error;
    }
  });

  admin.delete('/dcc-signers/:signerId', { schema: { params: signerParams } }, async (request) => {
    const { signerId } = request.params;
    const removed = await deps.store.dccSigners.remove([signerId]);
    if (removed === 0) throw new HubError('NOT_FOUND', `no DCC signer ${signerId} on this hub`);
    deps.logger.warn('dcc-signer-removed', { signerId });
    return { removed };
  });
}
