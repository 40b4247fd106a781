/**
 * Issues declarations from the public page: form checked, throttles (proof of work, per IP, per person), result from
 * the configured rules, KBYT1 token signed with the hub's declaration-issuer key, the declaration stored (health
 * answers until expiry, on the hub only) and put into every building's valid-declarations set. A new declaration of
 * the same person replaces the previous one; nothing is ever edited.
 */
import { randomBytes } from 'node:crypto';
import { encodeDeclarationToken, HOUR_MS, type DeclarationResult } from '../../core/index.js';
import { Batcher } from '../storage/batcher.js';
import type { HubStore } from '../storage/hub-store.js';
import type { BuildingKey, DeclarationWrite } from '../storage/self-declarations.js';
import type { DeclarationKeys } from './declaration-keys.js';
import { parseDeclarationForm, resultOf, type FieldProblem } from './declaration-form.js';
import type { DeclarationPageConfig } from './declaration-page-config.js';
import { ProofOfWork } from './proof-of-work.js';
import { WindowCounter } from './rate-limits.js';

export interface IssuedDeclaration {
  readonly token: string;
  readonly tokenId: string;
  readonly displayName: string;
  readonly result: DeclarationResult;
  readonly declaredAt: number;
  readonly expiresAt: number;
}

export type IssueOutcome =
  | { readonly ok: true; readonly declaration: IssuedDeclaration }
  | { readonly ok: false; readonly status: 400 | 403 | 429; readonly code: string; readonly problems: readonly FieldProblem[]; readonly retryAfterSeconds?: number };

const BUILDING_KEYS_TTL_MS = 10_000;

export class DeclarationService {
  readonly pow: ProofOfWork;
  private readonly perId: WindowCounter;
  private buildingKeysCache: { at: number; keys: Promise<BuildingKey[]> } | undefined;
  private readonly writes: Batcher<DeclarationWrite, undefined>;

  constructor(
    private readonly store: HubStore,
    private readonly keys: DeclarationKeys,
    private readonly config: DeclarationPageConfig,
  ) {
    this.pow = new ProofOfWork(keys.challengeKey, config.proofOfWork, store.coordination, (challenge, expiresAt) => store.terminals.rememberNonce('proof-of-work', challenge, expiresAt));
    this.perId = new WindowCounter(store.coordination, 'declare-person', config.rateLimits.perIdPerHour, HOUR_MS);
    // Group commit: one transaction (one fsync, one lock of the building row) carries the declarations that arrived
    // while the previous one was written; each is answered only once its own batch is committed.
    this.writes = new Batcher(async (batch) => {
      await store.selfDeclarations.issue(batch);
      return batch.map(() => undefined);
    }, 256);
  }

  /** The buildings and their subject keys, re-read every 10 s (buildings are rarely added). */
  buildingKeys(now: number): Promise<BuildingKey[]> {
    if (!this.buildingKeysCache || now - this.buildingKeysCache.at > BUILDING_KEYS_TTL_MS) {
      this.buildingKeysCache = { at: now, keys: this.store.selfDeclarations.buildingKeys() };
    }
    return this.buildingKeysCache.keys;
  }

  /** The per-address limit is the route's (`@fastify/rate-limit`, declaration-routes.ts); the per-person one is here. */
  async issue(body: Record<string, unknown>, now: number): Promise<IssueOutcome> {
    if (!this.config.proofOfWork.disabledForBenchOnly) {
      const pow = await this.pow.check(body.challenge, body.nonce, now);
      if (!pow.ok) {
        return { ok: false, status: 403, code: 'PROOF_OF_WORK_' + pow.why.toUpperCase(), problems: [{ field: 'challenge', vi: 'Phiên khai báo đã hết hạn hoặc không hợp lệ. Hãy bấm Gửi lại.', en: 'The form session expired or is not valid. Press Submit again.' }] };
      }
    }
    const parsed = parseDeclarationForm(body, new Date(now).getUTCFullYear());
    if (!parsed.ok) return { ok: false, status: 400, code: 'FORM_INVALID', problems: parsed.problems };
    const { form } = parsed;
    const idHmac = this.keys.idHmac(form.idNumber);
    const idTake = await this.perId.take(idHmac, now);
    if (!idTake.ok) return this.tooMany(idTake.retryAfterSeconds, 'RATE_LIMITED_PERSON');
    const result = resultOf(form, this.config.rules);
    const expiresAt = now + this.config.validHours * HOUR_MS;
    const tokenId = randomBytes(8);
    const token = encodeDeclarationToken(
      { issuer: this.keys.name, subjectRef: Buffer.from(idHmac, 'hex'), displayName: form.fullName, declaredAt: now, result, expiresAt, tokenId },
      this.keys.kid,
      this.keys.sign,
    );
    // The wire carries whole seconds: store what the token says, so the set and the token agree.
    const declaredAt = Math.floor(now / 1000) * 1000;
    const expires = Math.floor(expiresAt / 1000) * 1000;
    // One reference everywhere: the token's subject is what every terminal computes from the person's CCCD.
    const refs = (await this.buildingKeys(now)).map((b) => ({ buildingId: b.buildingId, subjectRef: idHmac }));
    const answers = JSON.stringify({ symptoms: form.symptoms, contact: form.contact, travel: form.travel, birthYear: form.birthYear, phone: form.phone });
    await this.writes.submit({
      declaration: { idHmac, tokenId: tokenId.toString('hex'), declaredAt, expiresAt: expires, result, answers, checkpointId: form.checkpointId },
      refs,
    });
    await this.pow.countIssued(now);
    return { ok: true, declaration: { token, tokenId: tokenId.toString('hex'), displayName: form.fullName, result, declaredAt, expiresAt: expires } };
  }

  private tooMany(retryAfterSeconds: number, code: string): IssueOutcome {
    return {
      ok: false,
      status: 429,
      code,
      retryAfterSeconds,
      problems: [{ field: '', vi: `Quá nhiều lần khai báo. Hãy thử lại sau ${retryAfterSeconds} giây.`, en: `Too many declarations. Try again in ${retryAfterSeconds} seconds.` }],
    };
  }
}
