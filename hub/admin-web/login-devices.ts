/**
 * Device cookies of admin logins (OWASP "slow brute force, device cookies"): after a successful login the browser
 * keeps a signed cookie naming the user; a later login attempt for that user from that browser is rate-limited by the
 * cookie alone, so a lock an attacker causes on the user name or on the office's address does not shut it out.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_COOKIE = 'gate_admin_device';
const MAX_AGE_SECONDS = 90 * 86_400;

/** `{ device }` when the request carries a valid device cookie of `username`, else `{}`. */
export function deviceOf(request: FastifyRequest, username: string): { device?: string } {
  const value = request.cookies[DEVICE_COOKIE];
  if (!value) return {};
  const unsigned = request.unsignCookie(value);
  if (!unsigned.valid || !unsigned.value) return {};
  const separator = unsigned.value.lastIndexOf(':');
  return unsigned.value.slice(0, separator) === username.toLowerCase() ? { device: unsigned.value } : {};
}

export function rememberDevice(reply: FastifyReply, username: string, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, `${username.toLowerCase()}:${randomBytes(16).toString('base64url')}`, {
    path: '/admin-web/login', httpOnly: true, sameSite: 'strict', secure, signed: true, maxAge: MAX_AGE_SECONDS,
  });
}
