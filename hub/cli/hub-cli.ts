/**
 * The hub's commands, run by `gate-terminal hub | create-enrolment-token | revoke-terminal` (main/cli/hub-command.ts
 * loads this bundle, dist/hub-cli.mjs, by path: the terminal code never imports the hub). Exit 2 = usage or config
 * error, 1 = runtime failure. The admin commands work on the hub's store directly, on the hub machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HubConfigError, loadHubConfig } from '../config/hub-config.js';
import { AdminUsageError, createAdmin, CREATE_ADMIN_USAGE, firstRunMessage } from './create-admin.js';
import { DCC_SIGNERS_USAGE, dccSignersCommand, DccSignerUsageError } from './dcc-signer-commands.js';
import { DCC_VALUE_SETS_USAGE, dccValueSetsCommand, DccValueSetUsageError } from './dcc-value-set-commands.js';
import { DECLARATION_KEY_USAGE, declarationKeyCommand, DeclarationKeyUsageError } from './declaration-key-commands.js';
import { HUB_KEY_USAGE, hubKeyCommand, HubKeyUsageError } from './hub-key-commands.js';
import { localTime } from '../admin-web/local-time.js';
import { openMigratedStore, startHub } from '../hub-app.js';
import { createHubLogger } from '../hub-logger.js';
import { createEnrolmentToken } from '../service/enrolment.js';
import { HubError } from '../service/hub-error.js';

export const HUB_USAGE = `Hub commands:
  gate-terminal hub [--config FILE]                   run the hub (default config/hub.yaml; GATE_HUB_CONFIG)
  gate-terminal create-enrolment-token --checkpoint ID [--ttl-minutes N] [--config FILE]
                                                      one-time enrolment token for a checkpoint (string + QR)
  gate-terminal revoke-terminal --terminal ID [--config FILE]
                                                      stop a terminal's writes at once
  GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role R --scope ID [--name "Tên"] [--tracing]
                      [--reset-second-factor] [--config FILE]
                                                      admin web account (R: organisation-admin, building-manager,
                                                      department-manager; ID: its organisation, building or checkpoint);
                                                      --tracing: may trace contacts (signs in with TOTP)
  GATE_ADMIN_PASSWORD=… gate-terminal create-admin --username U --role health-authority --area PROVINCE[/DISTRICT]
                                                      a health authority tracing across every organisation of its area
  gate-terminal dcc-signers list | import FILE [--format json|pem] | remove --kid KID [--config FILE]
                                                      the EU DCC trust list every terminal receives
  gate-terminal dcc-value-sets status | import FOLDER [--config FILE]
                                                      the EU DCC value sets every terminal receives
  gate-terminal declaration-key status | announce | activate [--config FILE]
                                                      rotate the declaration issuer key with an overlap
  gate-terminal hub-key status | announce | activate | retire [--config FILE]
                                                      rotate the hub's bundle-signing key with an overlap
  gate-terminal <command> --help                      this help (exit 0); create-admin --help says more
Reference: docs/hub.md.
`;

class HubUsageError extends Error {}

/**
 * Renders the token as a QR code in text (blocks " ▀▄█") to scan off the admin's window: zxing-wasm's writer, its
 * wasm read from node_modules (never fetched from the network).
 */
async function qrText(text: string): Promise<string> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/writer/zxing_writer.wasm'));
  const { prepareZXingModule, writeBarcode } = await import('zxing-wasm/writer');
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  const result = await writeBarcode(text, { format: 'QRCode', ecLevel: 'M' });
  if (result.error) throw new Error(`cannot render the QR code: ${result.error}`);
  return result.utf8;
}

function defaultHubConfig(): string {
  if (process.env.GATE_HUB_CONFIG) return process.env.GATE_HUB_CONFIG;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'config', 'hub.yaml');
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } } });
  const config = loadHubConfig(values.config ?? defaultHubConfig());
  const hub = await startHub(config, { logger: createHubLogger() });
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`GATE_HUB_URL=${hub.url}\n`);
  process.stdout.write(`gate-terminal hub at ${hub.url} (${hub.store.kind}); admin token in ${hub.keys.adminTokenFile}\n`);
  process.stdout.write(firstRunMessage(hub.url, config, process.argv[1]));
  await new Promise<never>(() => undefined);
  return 0;
}

async function createToken(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, checkpoint: { type: 'string' }, 'ttl-minutes': { type: 'string' }, 'no-qr': { type: 'boolean' } } });
  if (!values.checkpoint) throw new HubUsageError('create-enrolment-token: --checkpoint ID is required');
  const config = loadHubConfig(values.config ?? defaultHubConfig());
  const ttlMinutes = values['ttl-minutes'] === undefined ? config.enrolmentTokenTtlMinutes : Number(values['ttl-minutes']);
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < 1) throw new HubUsageError('--ttl-minutes must be a positive whole number');
  const store = await openMigratedStore(config);
  try {
    const created = await createEnrolmentToken(store, values.checkpoint, { now: Date.now(), ttlMs: ttlMinutes * 60_000 });
    if (!values['no-qr']) process.stdout.write(await qrText(created.token));
    process.stdout.write(`ENROLMENT_TOKEN=${created.token}\n`);
    process.stdout.write(
      `one-time enrolment token for checkpoint ${created.checkpointId} ("${created.checkpointName}"), valid until ${expiry(created.expiresAt, config.timeZone)}\n` +
        `on the terminal: gate-terminal enrol --config FILE --token ${created.token}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** "2026-11-23 11:05 Asia/Ho_Chi_Minh (UTC+07:00)": the hub's time zone, as the admin web shows it. */
function expiry(at: number, zone: string): string {
  const time = localTime(zone);
  return `${time.dateTime(at)} ${zone} (${time.offsetLabel(at)})`;
}

async function revoke(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, terminal: { type: 'string' } } });
  if (!values.terminal) throw new HubUsageError('revoke-terminal: --terminal ID is required');
  const store = await openMigratedStore(loadHubConfig(values.config ?? defaultHubConfig()));
  try {
    if (!(await store.terminals.terminal(values.terminal))) throw new HubError('NOT_FOUND', `no terminal "${values.terminal}" on this hub`);
    const revoked = await store.terminals.revokeTerminal(values.terminal, Date.now());
    process.stdout.write(revoked ? `terminal ${values.terminal} revoked: its writes are refused from now on\n` : `terminal ${values.terminal} was already revoked\n`);
    return 0;
  } finally {
    await store.close();
  }
}

export async function runHubCommand(command: string, argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(command === 'create-admin' ? CREATE_ADMIN_USAGE : command === 'dcc-signers' ? DCC_SIGNERS_USAGE : command === 'dcc-value-sets' ? DCC_VALUE_SETS_USAGE : command === 'declaration-key' ? DECLARATION_KEY_USAGE : command === 'hub-key' ? HUB_KEY_USAGE : HUB_USAGE);
    return 0;
  }
  try {
    switch (command) {
      case 'hub':
        return await serve(argv);
      case 'create-enrolment-token':
        return await createToken(argv);
      case 'revoke-terminal':
        return await revoke(argv);
      case 'create-admin':
        return await createAdmin(argv, (path) => loadHubConfig(path ?? defaultHubConfig()));
      case 'dcc-signers':
        return await dccSignersCommand(argv, (path) => loadHubConfig(path ?? defaultHubConfig()));
      case 'dcc-value-sets':
        return await dccValueSetsCommand(argv, (path) => loadHubConfig(path ?? defaultHubConfig()));
      case 'declaration-key':
        return declarationKeyCommand(argv, (path) => loadHubConfig(path ?? defaultHubConfig()));
      case 'hub-key':
        return hubKeyCommand(argv, (path) => loadHubConfig(path ?? defaultHubConfig()));
      default:
        throw new HubUsageError(`unknown hub command "${command}"`);
    }
  } catch (error) {
    if (error instanceof HubUsageError || error instanceof AdminUsageError || error instanceof DccSignerUsageError || error instanceof DccValueSetUsageError || error instanceof DeclarationKeyUsageError || error instanceof HubKeyUsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`gate-terminal: ${(error as Error).message}\n\n${HUB_USAGE}`);
      return 2;
    }
    if (error instanceof HubConfigError) {
      process.stderr.write(`gate-terminal: ${error.message}\n`);
      return 2;
    }
    if (error instanceof HubError) {
      process.stderr.write(`gate-terminal: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
