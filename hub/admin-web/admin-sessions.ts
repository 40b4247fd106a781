/**
 * Admin web sessions: a random 32-byte id in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is kept, with a
 * per-session CSRF token that every state-changing form must echo (synchroniser token, compared in constant time).
 * Sessions end after 30 idle minutes or 12 hours. In memory: a hub restart logs everyone out.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AdminRole } from '../storage/admin-accounts.js';

export const SESSION_COOKIE = 'gate_admin_session';
export const LOGIN_CSRF_COOKIE = 'gate_admin_login_csrf';
const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 3_600_000;

export interface AdminSession {
  readonly username: string;
  readonly displayName: string;
  readonly role: AdminRole;
  readonly scopeId: string;
  /** Tracing rights (signed in with the second factor). */
  readonly canTrace: boolean;
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

export class AdminSessions {
  private readonly sessions = new Map<string, AdminSession>();

  /** Returns the cookie value; the session itself is kept under its hash. */
  open(account: Omit<AdminSession, 'csrfToken' | 'createdAt' | 'lastSeenAt'>, now: number): { id: string; session: AdminSession } {
    const id = randomToken();
    const session: AdminSession = { ...account, csrfToken: randomToken(), createdAt: now, lastSeenAt: now };
    this.sessions.set(sha256(id), session);
    return { id, session };
  }

  find(id: string | undefined, now: number): AdminSession | undefined {
    if (!id) return undefined;
    const key = sha256(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (now - session.lastSeenAt > IDLE_MS || now - session.createdAt > ABSOLUTE_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  close(id: string | undefined): void {
    if (id) this.sessions.delete(sha256(id));
  }
}

/** Cookie header → name/value pairs (no decoding beyond what our own random values need). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return cookies;
}

export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/admin-web; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}
