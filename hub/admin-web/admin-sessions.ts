/**
 * The admin web's boundary, built from the Fastify ecosystem's plugins (docs/security.md says why each one):
 * - `@fastify/cookie` parses and signs cookies (secret in the data dir, so device cookies survive a restart);
 * - `@fastify/session` keeps sessions on the hub (HttpOnly, SameSite=Strict, Path=/admin-web, `Secure` when the
 *   hub is served over HTTPS, directly or behind a trusted proxy: hub-http.ts), idle after 30 minutes (rolling cookie), 12 hours at
 *   most; logout destroys the session on the hub. Only logged-in sessions are stored (anonymous visitors cost nothing);
 * - `@fastify/csrf-protection` guards every POST of the admin web, login included: a signed, HttpOnly,
 *   SameSite=Strict secret cookie and a per-page token in the form (signed double submit; stateless before login);
 * - `@fastify/formbody` parses forms (16 KB at most).
 * The session store is the one hand-written piece: sessions are kept in the hub's store, shared by every replica.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest, Session } from 'fastify';
import { readOrCreate } from '../crypto/hub-keys.js';
import type { AdminRole } from '../storage/admin-accounts.js';
import type { HubCoordination } from '../storage/hub-coordination.js';

export const SESSION_COOKIE = 'gate_admin_session';
export const CSRF_COOKIE = 'gate_admin_csrf';
const COOKIE_PATH = '/admin-web';
export const COOKIE_SECRET_FILE = 'admin-cookie-secret';
const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 12 * 3_600_000;

/** The signed-in account, as the session stores it. */
export interface AdminAccountSession {
  readonly username: string;
  readonly displayName: string;
  readonly role: AdminRole;
  readonly scopeId: string;
  /** Tracing rights: the account passed the second factor (second-factor.ts) to get this session. */
  readonly canTrace: boolean;
}

/** What a route sees: the account and this page's CSRF token for its forms. */
export interface AdminSession extends AdminAccountSession {
  readonly csrfToken: string;
}

declare module 'fastify' {
  interface Session {
    admin?: AdminAccountSession & { readonly loggedInAt: number };
  }
  interface FastifyRequest {
    adminSession?: AdminSession;
  }
}

type Callback = (error?: unknown, session?: Session | null) => void;

/**
 * The @fastify/session store: sessions live in the hub's store (admin_sessions, migration 10), so a hub replica behind
 * a load balancer knows a session another replica opened, and logout on one ends it on all. Expired rows are never
 * returned and are purged by retention (bounded by the sessions' lifetime, not by memory).
 */
export class SharedSessionStore {
  constructor(
    private readonly coordination: HubCoordination,
    private readonly now: () => number = Date.now,
  ) {}

  set(id: string, data: Session, callback: Callback): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires).getTime() : this.now() + IDLE_MS;
    this.coordination.saveSession(id, JSON.stringify(data), expiresAt).then(() => callback(), callback);
  }

  get(id: string, callback: Callback): void {
    this.coordination.session(id, this.now()).then((data) => callback(undefined, data ? (JSON.parse(data) as Session) : undefined), callback);
  }

  destroy(id: string, callback: Callback): void {
    this.coordination.destroySession(id).then(() => callback(), callback);
  }
}

/** Registers cookies, sessions, CSRF and form parsing on the admin web's scope. */
export async function registerAdminBoundary(web: FastifyInstance, options: { dataDir: string; secureCookies: boolean; coordination: HubCoordination }): Promise<void> {
  const { dataDir, secureCookies: secure } = options;
  const secret = readOrCreate(join(dataDir, COOKIE_SECRET_FILE), () => randomBytes(48).toString('base64url') + '\n').trim();
  await web.register(fastifyCookie, { secret });
  await web.register(fastifySession, {
    secret,
    cookieName: SESSION_COOKIE,
    store: new SharedSessionStore(options.coordination),
    saveUninitialized: false,
    rolling: true,
    cookie: { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure, maxAge: IDLE_MS },
  });
  await web.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure, signed: true },
  });
  await web.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  web.addHook('preValidation', (request, reply, done) => {
    if (request.method === 'POST') web.csrfProtection(request, reply, done);
    else done();
  });
  web.addHook('preHandler', (request, reply, done) => {
    const admin = request.session.admin;
    if (admin && Date.now() - admin.loggedInAt > ABSOLUTE_MS) {
      request.session.destroy(done);
      return;
    }
    if (admin) {
      const { username, displayName, role, scopeId, canTrace } = admin;
      request.adminSession = { username, displayName, role, scopeId, canTrace, csrfToken: reply.generateCsrf() };
    }
    done();
  });
}

/** A fresh session id for a login (no fixation), holding the account. */
export async function openAdminSession(request: FastifyRequest, account: AdminAccountSession): Promise<void> {
  await request.session.regenerate();
  request.session.admin = {
    username: account.username, displayName: account.displayName, role: account.role, scopeId: account.scopeId, canTrace: account.canTrace, loggedInAt: Date.now(),
  };
}

export async function closeAdminSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  await request.session.destroy();
  reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH });
}

/** True when `error` is the CSRF plugin's refusal (missing secret cookie or wrong token). */
export function isCsrfRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET';
}
