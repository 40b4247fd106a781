/**
 * The second sign-in step of accounts with tracing rights (TOTP, RFC 6238; totp.ts), plugged into the login flow:
 * after a correct password the login route calls `begin`, which marks the (not yet logged-in) session as pending for
 * 5 minutes instead of opening it. The step asks for the authenticator's code — or, on the first sign-in, enrols the
 * authenticator (QR + secret, confirmed by one code) and then shows ten recovery codes once. Only a completed step
 * opens the session (`startSession`, a fresh session id). The password's attempt stays counted by the login rate
 * limiter until the step is passed, and every code is an attempt of its own, so a known password gives no extra
 * guesses. A code is accepted once (its time step must be after the last accepted). CSRF: the admin boundary's
 * plugin checks every POST (admin-sessions.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { HubDependencies } from '../http/hub-dependencies.js';
import type { AdminAccount } from '../storage/admin-accounts.js';
import { deviceOf } from './login-devices.js';
import type { LoginAttempt, LoginRateLimiter } from './login-rate-limiter.js';
import { codePage, enrolmentPage, recoveryCodesPage } from './second-factor-pages.js';
import { base32Decode, base32Encode, matchingTotpStep, otpauthUri } from './totp.js';

const PENDING_MS = 5 * 60_000;
const RECOVERY_CODES = 10;
/** The issuer name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Gate Hub';

interface PendingStep {
  readonly username: string;
  readonly since: number;
  /** The password's reservation in the login rate limiter, given back once the step is passed. */
  readonly attempt: LoginAttempt;
  /** Set while enrolling: the new secret, stored only once a code confirms it. */
  readonly enrolSecret?: string;
}

declare module 'fastify' {
  interface Session {
    secondFactor?: PendingStep;
  }
}

export interface SecondFactorHooks {
  sendHtml(reply: FastifyReply, status: number, body: string): FastifyReply;
  /** Opens the logged-in session of the account. */
  startSession(request: FastifyRequest, reply: FastifyReply, account: AdminAccount): Promise<void>;
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

const EXPIRED = 'Bước xác thực đã hết hạn, vui lòng đăng nhập lại. / The sign-in step expired: sign in again.';

export function registerSecondFactor(web: FastifyInstance, deps: HubDependencies, hooks: SecondFactorHooks): {
  begin(request: FastifyRequest, reply: FastifyReply, account: AdminAccount, attempt: LoginAttempt): Promise<FastifyReply>;
} {
  const pendingOf = (request: FastifyRequest): PendingStep | undefined => {
    const step = request.session.secondFactor;
    if (step && deps.now() - step.since <= PENDING_MS) return step;
    request.session.secondFactor = undefined;
    return undefined;
  };

  const show = async (reply: FastifyReply, status: number, step: PendingStep, message = '') => {
    const csrf = reply.generateCsrf();
    if (!step.enrolSecret) return hooks.sendHtml(reply, status, codePage(csrf, message));
    const qr = await QRCode.toDataURL(otpauthUri(TOTP_ISSUER, step.username, step.enrolSecret), { errorCorrectionLevel: 'M', margin: 4, width: 240 });
    return hooks.sendHtml(reply, status, enrolmentPage(csrf, qr, step.enrolSecret, message));
  };

  const begin = async (request: FastifyRequest, reply: FastifyReply, account: AdminAccount, attempt: LoginAttempt) => {
    const enrolled = await deps.store.secondFactor.enrolment(account.username);
    await request.session.regenerate();
    request.session.secondFactor = { username: account.username, since: deps.now(), attempt, ...(enrolled ? {} : { enrolSecret: base32Encode(randomBytes(20)) }) };
    deps.logger.info('admin-login-second-factor', { username: account.username, enrolling: !enrolled });
    return reply.redirect('/admin-web/login/second-factor', 303);
  };

  web.get('/login/second-factor', async (request, reply) => {
    const step = pendingOf(request);
    return step ? show(reply, 200, step) : hooks.showLogin(reply, 401, EXPIRED);
  });

  web.post('/login/second-factor', async (request, reply) => {
    const step = pendingOf(request);
    if (!step) return hooks.showLogin(reply, 401, EXPIRED);
    const account = await deps.store.accounts.account(step.username);
    if (!account) return hooks.showLogin(reply, 401, EXPIRED);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const now = deps.now();
    const username = account.username;
    const reservation = await hooks.limiter.reserve({ address: request.ip, username, ...deviceOf(request, username) }, now);
    if (!reservation.ok) {
      request.session.secondFactor = undefined;
      reply.header('retry-after', String(Math.ceil(reservation.retryAfterMs / 1000)));
      return hooks.showLogin(reply, 429, `Quá nhiều lần nhập sai. Thử lại sau ${Math.ceil(reservation.retryAfterMs / 60_000)} phút.`);
    }
    const code = typeof form.code === 'string' ? form.code : '';
    const recovery = typeof form.recoveryCode === 'string' ? form.recoveryCode.trim() : '';
    let ok = false;
    let recoveryCodes: string[] | undefined;
    if (step.enrolSecret) {
      const matched = matchingTotpStep(base32Decode(step.enrolSecret), code, now);
      if (matched !== undefined) {
        recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
        await deps.store.secondFactor.enrol(username, step.enrolSecret, matched, recoveryCodes.map(recoveryCodeHash), now);
        deps.logger.info('admin-second-factor-enrolled', { username });
        ok = true;
      }
    } else if (recovery) {
      ok = await deps.store.secondFactor.useRecoveryCode(username, recoveryCodeHash(recovery), now);
      if (ok) deps.logger.warn('admin-recovery-code-used', { username, left: await deps.store.secondFactor.unusedRecoveryCodes(username) });
    } else {
      const enrolment = await deps.store.secondFactor.enrolment(username);
      const matched = enrolment && matchingTotpStep(base32Decode(enrolment.secret), code, now);
      ok = matched !== undefined && matched !== null && (await deps.store.secondFactor.acceptStep(username, matched));
    }
    await hooks.limiter.settle(reservation.attempt, ok);
    if (!ok) {
      deps.logger.warn('admin-second-factor-failed', { username });
      return show(reply, 401, step, recovery ? 'Mã khôi phục không đúng hoặc đã dùng. / Wrong or used recovery code.' : 'Mã không đúng hoặc đã dùng, chờ mã mới rồi nhập lại. / Wrong or used code: wait for the next one.');
    }
    await hooks.limiter.settle(step.attempt, true);
    await hooks.startSession(request, reply, account);
    // The recovery codes are shown once, on the answer that opens the session; a later page cannot show them again.
    return recoveryCodes ? hooks.sendHtml(reply, 200, recoveryCodesPage(recoveryCodes)) : reply.redirect('/admin-web/', 303);
  });

  return { begin };
}
