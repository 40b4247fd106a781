/**
 * Phone check-in at a checkpoint poster: the phone posts its stored KBYT1 token with a fresh nonce and timestamp;
 * the hub verifies the signature (its own issuer key only), validity and that the token is the person's CURRENT
 * declaration (a replaced one is refused), refuses a replayed nonce, records the check-in for that checkpoint and
 * wakes the terminals long-polling it (CheckinWaiters). The store writes each check-in into the hub's entries too
 * (kind phone-checkin: Danh sách, statistics, tracing, exports); terminals only show them and never upload them, so
 * an entry is never counted twice.
 */
import { randomBytes, verify as verifySignature } from 'node:crypto';
import { DEFAULT_POLICY, ReasonCode, trustStoreOf, verifyDeclarationToken, type CryptoPort, type DeclarationResult } from '../../core/index.js';
import { buildingSubjectHmac, publicKeyFromRaw } from '../crypto/hub-crypto.js';
import type { HubStore } from '../storage/hub-store.js';
import type { DeclarationKeys } from './declaration-keys.js';
import type { CheckinWaiters } from './checkin-waiters.js';

/** How far the phone's timestamp may be from the hub's clock. */
export const CHECKIN_WINDOW_MS = 2 * 60_000;

export interface CheckinRequest {
  readonly token: unknown;
  readonly checkpointId: unknown;
  readonly nonce: unknown;
  readonly timestamp: unknown;
}

export type CheckinOutcome =
  | { readonly ok: true; readonly checkpointName: string; readonly displayName: string; readonly result: DeclarationResult; readonly outcome: 'admit' | 'review'; readonly checkedInAt: number }
  | { readonly ok: false; readonly status: 400 | 403 | 404 | 409; readonly code: string; readonly vi: string; readonly en: string };

const refuse = (status: 400 | 403 | 404 | 409, code: string, vi: string, en: string): CheckinOutcome => ({ ok: false, status, code, vi, en });
const DECLARE_AGAIN = { vi: 'Khai báo y tế lại rồi quét lại mã.', en: 'Declare again, then scan the code again.' };

export class CheckinService {
  private readonly trust;
  private readonly crypto: CryptoPort;

  constructor(
    private readonly store: HubStore,
    private readonly keys: DeclarationKeys,
    private readonly waiters: CheckinWaiters,
  ) {
    const key = publicKeyFromRaw(keys.publicKeyRaw, 'Ed25519');
    this.trust = trustStoreOf([{ kid: Buffer.from(keys.kid).toString('hex'), name: keys.name, algorithm: 'EdDSA', key }]);
    const unused = () => {
      throw new Error('not used by a check-in');
    };
    this.crypto = { verify: (issuer, data, signature) => verifySignature(null, data, issuer.key as typeof key, signature), inflate: unused, identityRef: unused, subjectKey: unused };
  }

  async checkIn(request: CheckinRequest, now: number): Promise<CheckinOutcome> {
    const { token, checkpointId, nonce, timestamp } = request;
    if (typeof token !== 'string' || typeof checkpointId !== 'string' || typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || typeof timestamp !== 'number') {
      return refuse(400, 'CHECKIN_MALFORMED', 'Yêu cầu không hợp lệ. Hãy tải lại trang.', 'The request is not valid. Reload the page.');
    }
    if (Math.abs(timestamp - now) > CHECKIN_WINDOW_MS) {
      return refuse(403, 'CHECKIN_STALE', 'Giờ trên điện thoại lệch hoặc yêu cầu đã cũ. Hãy bấm lại.', 'The phone clock is off or the request is old. Tap again.');
    }
    const checkpoint = await this.store.buildings.checkpoint(checkpointId);
    const building = checkpoint && (await this.store.buildings.building(checkpoint.buildingId));
    if (!checkpoint || !building) return refuse(404, 'CHECKPOINT_UNKNOWN', 'Không có điểm kiểm soát này. Hãy quét lại mã ở cửa.', 'No such checkpoint. Scan the code at the door again.');
    const verified = verifyDeclarationToken(token, { trust: this.trust, crypto: this.crypto, now, clockSkewMs: 0 });
    if (!verified.ok) {
      const expired = verified.claims !== undefined;
      return expired
        ? refuse(403, 'DECLARATION_EXPIRED', `Tờ khai đã hết hạn. ${DECLARE_AGAIN.vi}`, `The declaration has expired. ${DECLARE_AGAIN.en}`)
        : refuse(403, 'TOKEN_INVALID', `Mã khai báo không hợp lệ. ${DECLARE_AGAIN.vi}`, `The declaration code is not valid. ${DECLARE_AGAIN.en}`);
    }
    const { claims } = verified;
    const maxAge = checkpoint.policy.maxDeclarationAgeMs ?? DEFAULT_POLICY.maxDeclarationAgeMs;
    if (now - claims.declaredAt > maxAge) return refuse(403, 'DECLARATION_TOO_OLD', `Tờ khai đã quá cũ. ${DECLARE_AGAIN.vi}`, `The declaration is too old. ${DECLARE_AGAIN.en}`);
    const current = await this.store.selfDeclarations.current(claims.subjectRef);
    if (!current || current.tokenId !== claims.tokenId) {
      return refuse(403, 'DECLARATION_REPLACED', `Tờ khai này đã được thay bằng tờ khai mới hơn. Hãy dùng mã mới nhất.`, `This declaration was replaced by a newer one. Use the newest code.`);
    }
    if (claims.result === 'isolate') {
      return refuse(403, 'DECLARATION_MUST_ISOLATE', 'Theo tờ khai, bạn cần cách ly. Không vào; liên hệ trạm y tế.', 'Your declaration says you must isolate. Do not enter; contact the health station.');
    }
    if (!(await this.store.terminals.rememberNonce(`phone:${claims.tokenId}`, nonce, now + 2 * CHECKIN_WINDOW_MS))) {
      return refuse(409, 'CHECKIN_REPLAYED', 'Lần check-in này đã được gửi. Hãy bấm lại.', 'This check-in was already sent. Tap again.');
    }
    // An entry like a scan of the token at this checkpoint: admitted when its policy admits the result.
    const admits = (checkpoint.policy.admittingDeclarationResults ?? DEFAULT_POLICY.admittingDeclarationResults).includes(claims.result);
    const checkin = {
      checkinId: randomBytes(12).toString('hex'),
      outcome: admits ? ('admit' as const) : ('review' as const),
      reason: admits ? ReasonCode.DeclarationValid : ReasonCode.DeclarationNeedsMedicalCheck,
      checkpointId,
      buildingId: building.buildingId,
      tokenId: claims.tokenId,
      subjectHmac: buildingSubjectHmac(building.subjectKey, claims.subjectRef),
      displayName: claims.displayName,
      result: claims.result,
      checkedInAt: now,
    };
    await this.store.selfDeclarations.recordCheckin(checkin);
    this.waiters.notify(checkpointId);
    return { ok: true, checkpointName: checkpoint.name, displayName: claims.displayName, result: claims.result, outcome: checkin.outcome, checkedInAt: now };
  }
}
