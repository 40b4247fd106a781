/**
 * `gate-terminal create-admin`: creates (or resets) an admin web account on the hub's store. The password comes
 * from GATE_ADMIN_PASSWORD, never from the command line (shell history, `ps`), and is stored only as a scrypt hash.
 */
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../admin-web/password-hash.js';
import type { HubConfig } from '../config/hub-config.js';
import { openMigratedStore } from '../hub-app.js';
import { ADMIN_ROLES, type AdminRole } from '../storage/admin-accounts.js';
import type { HubStore } from '../storage/hub-store.js';

export class AdminUsageError extends Error {}

export const CREATE_ADMIN_USAGE = `GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role R --scope ID [--name "Tên"] [--config FILE]

Creates (or resets the password, role and scope of) an account of the hub's admin web (/admin-web/login).
  --username U   3–64 letters, digits, dot, dash, underscore (case-insensitive)
  --role R       organisation-admin  (--scope: an organisation id of the hub config's organisations[])
                 building-manager    (--scope: a building id of buildings[])
                 department-manager  (--scope: a checkpoint id)
  --name "Tên"   the name shown in the admin web (default: the user name)
  --config FILE  the hub config (default config/hub.yaml; GATE_HUB_CONFIG)
The password is read from GATE_ADMIN_PASSWORD (at least ${MIN_PASSWORD_LENGTH} characters), never from the command line,
and stored only as a scrypt hash. Reference: docs/hub.md § First run.
`;

async function scopeExists(store: HubStore, role: AdminRole, scopeId: string): Promise<boolean> {
  if (role === 'organisation-admin') return (await store.registry.organisations()).some((o) => o.organisationId === scopeId);
  if (role === 'building-manager') return (await store.building(scopeId)) !== undefined;
  return (await store.checkpoint(scopeId)) !== undefined;
}

export async function createAdmin(argv: string[], loadConfig: (path: string | undefined) => HubConfig, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { config: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } },
  });
  const { username, role, scope } = values;
  if (!username || !/^[a-z0-9._-]{3,64}$/i.test(username)) throw new AdminUsageError('create-admin: --username (3–64 letters, digits, dot, dash, underscore) is required');
  if (!ADMIN_ROLES.includes(role as AdminRole)) throw new AdminUsageError(`create-admin: --role must be one of ${ADMIN_ROLES.join(', ')}`);
  if (!scope) throw new AdminUsageError('create-admin: --scope ID (organisation, building or checkpoint, by role) is required');
  const password = env.GATE_ADMIN_PASSWORD ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) throw new AdminUsageError(`create-admin: set GATE_ADMIN_PASSWORD to a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const store = await openMigratedStore(loadConfig(values.config));
  try {
    if (!(await scopeExists(store, role as AdminRole, scope))) throw new AdminUsageError(`create-admin: no ${role === 'organisation-admin' ? 'organisation' : role === 'building-manager' ? 'building' : 'checkpoint'} "${scope}" on this hub`);
    await store.accounts.putAccount({ username, displayName: values.name ?? username, passwordHash: await hashPassword(password), role: role as AdminRole, scopeId: scope, createdAt: Date.now() });
    process.stdout.write(`admin account ${username.toLowerCase()} (${role} of ${scope}) saved; log in at /admin-web/login\n`);
    return 0;
  } finally {
    await store.close();
  }
}
