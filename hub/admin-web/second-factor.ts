/**
 * The second sign-in step of accounts with tracing rights (TOTP, RFC 6238; totp.ts), plugged into the login flow:
 * after a correct password the login route calls `begin`, which opens a pending step (random id in an HttpOnly,
 * SameSite=Strict cookie, 5 minutes, in memory) instead of a session. The step asks for the authenticator's code —
 * or, on the first sign-in, enrols the authenticator (QR + secret, confirmed by one code) and then shows ten recovery
 * codes once. Only a completed step opens the session (`startSession`). Wrong codes count against the same login
 * rate limiter as wrong passwords, and a password success does not clear them (only a completed step does), so a
 * known password gives no extra guesses. A code is accepted once (its time step must be after the last accepted).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { HubDependencies } from '../http/hub-http.js';
import type { AdminAccount } from '../storage/admin-accounts.js';
import { cookie, parseCookies, randomToken, sameToken } from './admin-sessions.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import { codePage, enrolmentPage, recoveryCodesPage } from './second-factor-pages.js';
import { base32Decode, base32Encode, matchingTotpStep, otpauthUri } from './totp.js';

export const SECOND_FACTOR_COOKIE = 'gate_admin_second_factor';
const PENDING_MS = 5 * 60_000;
const MAX_PENDING = 10_000;
const RECOVERY_CODES = 10;
/** The issuer name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Gate Hub';

interface PendingStep {
  readonly account: AdminAccount;
  readonly csrf: string;
  readonly createdAt: number;
  /** Set while enrolling: the new secret, stored only once a code confirms it. */
  readonly enrolSecret?: string;
}

export interface SecondFactorHooks {
  sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** Opens the session; returns the Set-Cookie values to send (and clears the limiter's failures). */
  startSession(request: FastifyRequest, account: AdminAccount): string[];
  /** Back to the password form with a message. */
  showLogin(reply: FastifyReply, status: number, message: string): FastifyReply;
  readonly limiter: LoginRateLimiter;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Recovery codes: 16 base32 characters (80 bits) shown as XXXX-XXXX-XXXX-XXXX; typed with or without dashes. */
export function newRecoveryCode(): string {
  return base32Encode(randomBytes(10)).replace(/(.{4})(?!$)/g, '$1-');
}

export function recoveryCodeHash(typed: string): string {
  return sha256(typed.toUpperCase().replace(/[\s-]/g, ''));
}

export function registerSecondFactor(web: FastifyInstance, deps: HubDependencies, hooks: SecondFactorHooks): { begin(reply: FastifyReply, account: AdminAccount): Promise<FastifyReply> } {
  const pending = new Map<string, PendingStep>();
  const pendingOf = (request: FastifyRequest): { key: string; step: PendingStep } | undefined => {
    const id = parseCookies(request.headers.cookie)[SECOND_FACTOR_COOKIE];
    if (!id) return undefined;
    const key = sha256(id);
    const step = pending.get(key);
    if (!step) return undefined;
    if (deps.now() - step.createdAt > PENDING_MS) {
      pending.delete(key);
      return undefined;
    }
    return { key, step };
  };

  const show = async (reply: FastifyReply, status: number, step: PendingStep, message = '') => {
    if (!step.enrolSecret) return hooks.sendHtml(reply, status, codePage(step.csrf, message));
    const qr = await QRCode.toDataURL(otpauthUri(TOTP_ISSUER, step.account.username, step.enrolSecret), { errorCorrectionLevel: 'M', margin: 4, width: 240 });
    return hooks.sendHtml(reply, status, enrolmentPage(step.csrf, qr, step.enrolSecret, message));
  };

  const begin = async (reply: FastifyReply, account: AdminAccount) => {
    const enrolled = await deps.store.secondFactor.enrolment(account.username);
    const id = randomToken();
    const step: PendingStep = { account, csrf: randomToken(), createdAt: deps.now(), ...(enrolled ? {} : { enrolSecret: base32Encode(randomBytes(20)) }) };
    pending.set(sha256(id), step);
    while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
    deps.logger.info('admin-login-second-factor', { username: account.username, enrolling: !enrolled });
    return reply.header('set-cookie', cookie(SECOND_FACTOR_COOKIE, id, PENDING_MS / 1000)).redirect('/admin-web/login/second-factor', 303);
  };

  web.get('/login/second-factor', async (request, reply) => {
    const found = pendingOf(request);
    if (!found) return hooks.showLogin(reply, 401, 'Bước xác thực đã hết hạn, vui lòng đăng nhập lại. / The sign-in step expired: sign in again.');
    return show(reply, 200, found.step);
  });

  web.post('/login/second-factor', async (request, reply) => {
    const found = pendingOf(request);
    if (!found) return hooks.showLogin(reply, 401, 'Bước xác thực đã hết hạn, vui lòng đăng nhập lại. / The sign-in step expired: sign in again.');
    const { key, step } = found;
    const form = (request.body ?? {}) as Record<string, unknown>;
    if (!sameToken(form._csrf, step.csrf)) return show(reply, 403, step, 'Yêu cầu không hợp lệ, vui lòng thử lại. / Invalid request: try again.');
    const now = deps.now();
    const username = step.account.username;
    const wait = hooks.limiter.retryAfterMs(request.ip, username, now);
    if (wait > 0) {
      pending.delete(key);
      reply.header('retry-after', String(Math.ceil(wait / 1000)));
      return hooks.showLogin(reply, 429, `Quá nhiều lần nhập sai. Thử lại sau ${Math.ceil(wait / 60_000)} phút.`);
    }
    const code = typeof form.code === 'string' ? form.code : '';
    const recovery = typeof form.recoveryCode === 'string' ? form.recoveryCode.trim() : '';
    let ok = false;
    if (step.enrolSecret) {
      const matched = matchingTotpStep(base32Decode(step.enrolSecret), code, now);
      if (matched !== undefined) {
        const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
        await deps.store.secondFactor.enrol(username, step.enrolSecret, matched, codes.map(recoveryCodeHash), now);
        pending.delete(key);
        deps.logger.info('admin-second-factor-enrolled', { username });
        const cookies = [...hooks.startSession(request, step.account), cookie(SECOND_FACTOR_COOKIE, '', 0)];
        return hooks.sendHtml(reply.header('set-cookie', cookies), 200, recoveryCodesPage(codes));
      }
    } else if (recovery) {
      ok = await deps.store.secondFactor.useRecoveryCode(username, recoveryCodeHash(recovery), now);
      if (ok) deps.logger.warn('admin-recovery-code-used', { username, left: await deps.store.secondFactor.unusedRecoveryCodes(username) });
    } else {
      const enrolment = await deps.store.secondFactor.enrolment(username);
      const matched = enrolment && matchingTotpStep(base32Decode(enrolment.secret), code, now);
      ok = matched !== undefined && matched !== null && (await deps.store.secondFactor.acceptStep(username, matched));
    }
    if (!ok) {
      hooks.limiter.recordFailure(request.ip, username, now);
      deps.logger.warn('admin-second-factor-failed', { username });
      return show(reply, 401, step, recovery ? 'Mã khôi phục không đúng hoặc đã dùng. / Wrong or used recovery code.' : 'Mã không đúng hoặc đã dùng, chờ mã mới rồi nhập lại. / Wrong or used code: wait for the next one.');
    }
    pending.delete(key);
    return reply.header('set-cookie', [...hooks.startSession(request, step.account), cookie(SECOND_FACTOR_COOKIE, '', 0)]).redirect('/admin-web/', 303);
  });

  return { begin };
}
