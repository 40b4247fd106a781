/**
 * What `gate-terminal hub` prints after its start line for the person who installed it: where the admin web is, and
 * the exact command that creates an admin account (the first one, or another), with this config file and a scope
 * that exists in it — an organisation when the config has one, else the first building.
 */
import { basename } from 'node:path';
import { MIN_PASSWORD_LENGTH } from '../admin-web/password-hash.js';
import type { HubConfig } from '../config/hub-config.js';

/** How to run the CLI again: the gate-terminal script this process was started by, else the name on the PATH. */
function cliCommand(script: string | undefined): string {
  return script && /^gate-terminal(\.mjs)?$/.test(basename(script)) && script.endsWith('.mjs') ? `node ${quote(script)}` : 'gate-terminal';
}

const quote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

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
