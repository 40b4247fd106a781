/**
 * `gate-terminal create-admin`: creates (or resets) an admin web account on the hub's store. The password comes
 * from GATE_ADMIN_PASSWORD, never from the command line (shell history, `ps`), and is stored only as a scrypt hash.
 * `--tracing` grants person search and contact tracing (and so the second factor, enrolled at the next sign-in); a
 * health authority (`--role health-authority --area ha-noi[/ba-dinh]`) always has it. `--reset-second-factor`
 * forgets the account's authenticator and recovery codes (a lost phone): it enrols again at its next sign-in.
 * Also the first-run lines `gate-terminal hub` prints: where the admin web is and the create-admin command to run.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../admin-web/password-hash.js';
import type { HubConfig } from '../config/hub-config.js';
import { openMigratedStore } from '../hub-app.js';
import { ADMIN_ROLES, hasTracingRights, type AdminRole } from '../storage/admin-accounts.js';
import { AREA_PATTERN } from '../storage/checkpoint-registry.js';
import type { HubStore } from '../storage/hub-store.js';

export class AdminUsageError extends Error {}

export const CREATE_ADMIN_USAGE = `GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role R --scope ID [--name "Tên"] [--tracing] [--config FILE]
GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role health-authority --area PROVINCE[/DISTRICT] [--name "Tên"]

Creates (or resets the password, role and scope of) an account of the hub's admin web (/admin-web/login).
  --username U   3–64 letters, digits, dot, dash, underscore (case-insensitive)
  --role R       organisation-admin  (--scope: an organisation id of the hub config's organisations[])
                 building-manager    (--scope: a building id of buildings[])
                 department-manager  (--scope: a checkpoint id)
                 health-authority    (--area: a province or province/district of the organisations' area; traces across it)
  --tracing      may run person search and contact tracing; signs in with a TOTP second factor (enrolled at the first
                 sign-in, recovery codes shown once); a health authority always has it
  --reset-second-factor  forgets the authenticator and recovery codes (a lost phone): enrol again at the next sign-in
  --name "Tên"   the name shown in the admin web (default: the user name)
  --config FILE  the hub config (default config/hub.yaml; GATE_HUB_CONFIG)
The password is read from GATE_ADMIN_PASSWORD (at least ${MIN_PASSWORD_LENGTH} characters), never from the command line,
and stored only as a scrypt hash. Reference: docs/hub.md § First run.
`;

async function scopeExists(store: HubStore, role: AdminRole, scopeId: string): Promise<boolean> {
  if (role === 'organisation-admin') return (await store.registry.organisations()).some((o) => o.organisationId === scopeId);
  if (role === 'building-manager') return (await store.buildings.building(scopeId)) !== undefined;
  if (role === 'health-authority') return (await store.registry.organisationsInArea(scopeId)).length > 0;
  return (await store.buildings.checkpoint(scopeId)) !== undefined;
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

/** How to run the CLI again: the gate-terminal script this process was started by, else the name on the PATH. */
function cliCommand(script: string | undefined): string {
  return script && /^gate-terminal(\.mjs)?$/.test(basename(script)) && script.endsWith('.mjs') ? `node ${quote(script)}` : 'gate-terminal';
}

const quote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/**
 * What `gate-terminal hub` prints after its start line for the person who installed it: where the admin web is, and
 * the exact command that creates an admin account (the first one, or another), with this config file and a scope
 * that exists in it — an organisation when the config has one, else the first building.
 */
export function firstRunMessage(hubUrl: string, config: HubConfig, script: string | undefined): string {
  const organisation = config.organisations[0];
  const building = config.buildings[0];
  const lines = [`admin web: ${hubUrl}/admin-web/ (trang quản trị)${config.publicBaseUrl ? `, public address ${config.publicBaseUrl}/admin-web/` : ''}`];
  const scope = organisation ? `--role organisation-admin --scope ${organisation.id}` : building ? `--role building-manager --scope ${building.id}` : undefined;
  if (scope) {
    lines.push(
      `first admin account (tài khoản quản trị đầu tiên) — run on this machine, with a password of at least ${MIN_PASSWORD_LENGTH} characters:`,
      `  GATE_ADMIN_PASSWORD='…' ${cliCommand(script)} create-admin --config ${quote(config.source)} --username quantri ${scope} --name "Quản trị"`,
    );
  } else {
    lines.push(`no organisation or building in ${config.source} yet: add one (docs/hub.md), restart, then create the first admin account with create-admin`);
  }
  return `${lines.join('\n')}\n`;
}
