/**
 * `gate-terminal hub | create-enrolment-token | revoke-terminal | create-admin | dcc-signers | dcc-value-sets | declaration-key | hub-key`: the hub is a program of its own (hub/, which the
 * terminal code never imports). This loads its built bundle, dist/hub-cli.mjs, by path and hands it the command.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot } from './app-root.js';

export const HUB_COMMANDS = ['hub', 'create-enrolment-token', 'revoke-terminal', 'create-admin', 'dcc-signers', 'dcc-value-sets', 'declaration-key', 'hub-key'] as const;

export const HUB_COMMANDS_USAGE = `  gate-terminal hub [--config FILE]                   run the hub (default config/hub.yaml)
  gate-terminal create-enrolment-token --checkpoint ID [--ttl-minutes N] [--config FILE]
                                                      one-time enrolment token for a checkpoint (string + QR)
  gate-terminal revoke-terminal --terminal ID [--config FILE]
                                                      refuse a terminal's writes from now on
  GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role R --scope ID [--name "Tên"] [--config FILE]
                                                      admin web account (scrypt-hashed password)
  gate-terminal dcc-signers list | import FILE [--format json|pem] | remove --kid KID [--config FILE]
                                                      the EU DCC trust list every terminal receives
  gate-terminal dcc-value-sets status | import FOLDER [--config FILE]
                                                      the EU DCC value sets every terminal receives
  gate-terminal declaration-key status | announce | activate [--config FILE]
                                                      rotate the declaration issuer key with an overlap
  gate-terminal hub-key status | announce | activate | retire [--config FILE]
                                                      rotate the hub's bundle-signing key with an overlap
                                                      (each hub command takes --help)
`;

export async function runHubProgram(command: string, argv: string[]): Promise<number> {
  const bundle = join(appRoot(), 'dist', 'hub-cli.mjs');
  if (!existsSync(bundle)) {
    process.stderr.write('gate-terminal: dist/hub-cli.mjs is missing; run `npm run build` in the gate-terminal folder first.\n');
    return 1;
  }
  const hub = (await import(pathToFileURL(bundle).href)) as { runHubCommand(command: string, argv: string[]): Promise<number> };
  return hub.runHubCommand(command, argv);
}
