/**
 * `gate-terminal create-admin`: creates (or resets) an admin web account on the hub's store. The password comes
 * from GATE_ADMIN_PASSWORD, never from the command line (shell history, `ps`), and is stored only as a scrypt hash.
 * `--tracing` grants person search and contact tracing (and so the second factor, enrolled at the next sign-in); a
 * health authority (`--role health-authority --area ha-noi[/ba-dinh]`) always has it. `--reset-second-factor`
 * forgets the account's authenticator and recovery codes (a lost phone): it enrols again at its next sign-in.
 */
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../admin-web/password-hash.js';
import type { HubConfig } from '../config/hub-config.js';
import { openMigratedStore } from '../hub-app.js';
import { ADMIN_ROLES, hasTracingRights, type AdminRole } from '../storage/admin-accounts.js';
import { AREA_PATTERN } from '../storage/checkpoint-registry.js';
import type { HubStore } from '../storage/hub-store.js';

export class AdminUsageError extends Error {}

async function scopeExists(store: HubStore, role: AdminRole, scopeId: string): Promise<boolean> {
  if (role === 'organisation-admin') return (await store.registry.organisations()).some((o) => o.organisationId === scopeId);
  if (role === 'building-manager') return (await store.building(scopeId)) !== undefined;
  if (role === 'health-authority') return (await store.registry.organisationsInArea(scopeId)).length > 0;
  return (await store.checkpoint(scopeId)) !== undefined;
}

const SCOPE_NAMES: Readonly<Record<AdminRole, string>> = {
  'organisation-admin': 'organisation',
  'building-manager': 'building',
  'department-manager': 'checkpoint',
  'health-authority': 'organisation registered under the area',
};

export async function createAdmin(argv: string[], loadConfig: (path: string | undefined) => HubConfig, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' },
      area: { type: 'string' }, tracing: { type: 'boolean' }, 'reset-second-factor': { type: 'boolean' },
    },
  });
  const { username, role } = values;
  if (!username || !/^[a-z0-9._-]{3,64}$/i.test(username)) throw new AdminUsageError('create-admin: --username (3–64 letters, digits, dot, dash, underscore) is required');
  if (!ADMIN_ROLES.includes(role as AdminRole)) throw new AdminUsageError(`create-admin: --role must be one of ${ADMIN_ROLES.join(', ')}`);
  const scope = role === 'health-authority' ? values.area : values.scope;
  if (role === 'health-authority' && (!scope || !AREA_PATTERN.test(scope))) {
    throw new AdminUsageError("create-admin: a health authority needs --area PROVINCE or --area PROVINCE/DISTRICT (lower-case slugs, as in the organisations' `area` in the hub config)");
  }
  if (!scope) throw new AdminUsageError('create-admin: --scope ID (organisation, building or checkpoint, by role) is required');
  const password = env.GATE_ADMIN_PASSWORD ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) throw new AdminUsageError(`create-admin: set GATE_ADMIN_PASSWORD to a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const store = await openMigratedStore(loadConfig(values.config));
  try {
    if (!(await scopeExists(store, role as AdminRole, scope))) throw new AdminUsageError(`create-admin: no ${SCOPE_NAMES[role as AdminRole]} "${scope}" on this hub`);
    const account = { username, displayName: values.name ?? username, passwordHash: await hashPassword(password), role: role as AdminRole, scopeId: scope, createdAt: Date.now(), canTrace: values.tracing === true };
    await store.accounts.putAccount(account);
    if (values['reset-second-factor']) await store.secondFactor.reset(username);
    const tracing = hasTracingRights(account)
      ? (await store.secondFactor.enrolment(username))
        ? '; tracing rights, second factor enrolled'
        : '; tracing rights: the authenticator (TOTP) is enrolled at the first sign-in, with recovery codes shown once'
      : '';
    process.stdout.write(`admin account ${username.toLowerCase()} (${role} of ${scope}${tracing}) saved; log in at /admin-web/login\n`);
    return 0;
  } finally {
    await store.close();
  }
}
