/**
 * The `gate-terminal` command. Each subcommand prints a clear error and exits non-zero on bad input:
 * exit 2 = usage or config error, 1 = runtime failure.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DeclarationResult } from '../../core/index.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { generateEd25519Pem, keyIdOf } from '../crypto/node-crypto-port.js';
import { commandDecide, parseTime, UsageError } from './decide-command.js';
import { StorageError } from '../storage/storage-error.js';
import { APP_VERSION } from '../version.js';
import { issueDeclaration, readPrivateKey } from './issue-declaration.js';
import { commandIssueStaffBadge } from './issue-staff-badge.js';
import { commandLoadDeclarations, commandRevokeCredentials } from './load-declarations.js';
import { runBrowserHost } from './run-browser-host.js';
import { commandEnrol, ENROL_USAGE } from './enrol-command.js';
import { HUB_COMMANDS_USAGE, runHubProgram } from './hub-command.js';
import { createPublicKey } from 'node:crypto';
import { appRoot } from './app-root.js';
import { commandDecodeImage, DECODE_IMAGE_USAGE } from './decode-image-command.js';
import { commandDevices } from './devices-command.js';
import { commandSelfTest } from './selftest-command.js';
import { commandSetPin, SET_PIN_USAGE } from './set-pin-command.js';
import { commandDoctor, DOCTOR_USAGE } from './doctor-command.js';
import type { ConfiguredHostMode } from './choose-host-mode.js';

// For scripts/start.mjs, which imports the bundle (dist/cli.mjs) to pick the host before starting it.
export { chooseHostMode, findElectronBinary } from './choose-host-mode.js';

export { UsageError };

const USAGE = `gate-terminal ${APP_VERSION}
Usage:
  gate-terminal start [--config FILE]                 run the terminal host (browser mode) and print its URL
  gate-terminal decide --config FILE --payload P [--at ISO] [--direction in|out]
                                                      decide one payload offline and print the decision as JSON
  gate-terminal issue-declaration [--name N] [--result clear|medical-check|isolate] [--declared-at ISO]
                                  [--valid-hours H] [--not-before ISO] [--key PRIVATE.pem]
                                                      sign a declaration token (default: the TEST issuer key)
  gate-terminal keygen --out DIR                      create an Ed25519 issuer key pair (private.pem, public.pem)
  gate-terminal devices                               list serial ports, HID devices and GPIO chips, with config snippets
  gate-terminal selftest [--config FILE] [--scan-timeout S]
                                                      exercise the configured hardware and print a pass/fail table
${SET_PIN_USAGE}  gate-terminal issue-staff-badge --name N --department D [--valid-days 365] [--valid-from ISO]
                                  [--subject-ref HEX | --id-number ID --config FILE] [--key PRIVATE.pem]
                                                      sign a staff badge (default: the TEST issuer key)
  gate-terminal load-declarations [--config FILE] FILE
                                                      load declarations (JSON lines or CSV) into the terminal
  gate-terminal revoke-credentials [--config FILE] ID...
                                                      add token / badge ids to the terminal's revocation list
  gate-terminal dcc-conformance [--exceptions FILE] DIR
                                                      check the EU DCC steps against conformance data (dgc-testdata)
${DECODE_IMAGE_USAGE}${ENROL_USAGE}${DOCTOR_USAGE}${HUB_COMMANDS_USAGE}`;

/** GATE_TERMINAL_CONFIG (set by the installed /usr/bin/gate-terminal and the units), else the bundled default. */
export function defaultConfigPath(): string {
  return process.env.GATE_TERMINAL_CONFIG ?? join(appRoot(), 'config', 'default.yaml');
}

/**
 * `host.mode` of the config at `path`. A broken config is reported on stderr the way `start` reports it, and gives
 * undefined (the caller exits 2).
 */
export function readHostModeFromConfig(path: string): ConfiguredHostMode | undefined {
  try {
    return loadConfig(path).host.mode;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gate-terminal: ${error.message}\n`);
    return undefined;
  }
}

function commandIssue(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string', default: 'Nguyễn Văn An' },
      result: { type: 'string', default: 'clear' },
      'declared-at': { type: 'string' },
      'valid-hours': { type: 'string', default: '24' },
      'not-before': { type: 'string' },
      key: { type: 'string' },
    },
  });
  const result = values.result as DeclarationResult;
  if (!['clear', 'medical-check', 'isolate'].includes(result)) throw new UsageError('--result must be clear, medical-check or isolate');
  const validHours = Number(values['valid-hours']);
  if (!(validHours > 0)) throw new UsageError('--valid-hours must be a positive number');
  const declaredAt = parseTime(values['declared-at'], '--declared-at');
  const notBefore = parseTime(values['not-before'], '--not-before');
  const token = issueDeclaration({
    privateKeyPem: readPrivateKey(values.key ?? join(appRoot(), 'config', 'test-issuer', 'private.pem')),
    name: values.name,
    result,
    validHours,
    ...(declaredAt !== undefined ? { declaredAt } : {}),
    ...(notBefore !== undefined ? { notBefore } : {}),
  });
  process.stdout.write(token + '\n');
  return 0;
}

function commandKeygen(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('keygen: --out DIR is required');
  const dir = resolve(values.out);
  mkdirSync(dir, { recursive: true });
  const pair = generateEd25519Pem();
  writeFileSync(join(dir, 'private.pem'), pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(join(dir, 'public.pem'), pair.publicKeyPem, { flag: 'wx' });
  process.stdout.write(`key id ${keyIdOf(createPublicKey(pair.publicKeyPem)).toString('hex')} written to ${dir}\n`);
  return 0;
}

async function commandStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' } } });
  await runBrowserHost(values.config ?? defaultConfigPath());
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        return await commandStart(rest);
      case 'decide':
        return commandDecide(rest, defaultConfigPath());
      case 'issue-declaration':
        return commandIssue(rest);
      case 'devices':
        return await commandDevices();
      case 'selftest':
        return await commandSelfTest(rest, defaultConfigPath());
      case 'set-pin':
        return await commandSetPin(rest, defaultConfigPath());
      case 'keygen':
        return commandKeygen(rest);
      case 'enrol':
        return await commandEnrol(rest, defaultConfigPath());
      case 'doctor':
        return await commandDoctor(rest, defaultConfigPath());
      case 'hub':
      case 'create-enrolment-token':
      case 'revoke-terminal':
      case 'create-admin':
      case 'dcc-signers':
      case 'dcc-value-sets':
      case 'declaration-key':
      case 'hub-key':
        return await runHubProgram(command, rest);
      case 'issue-staff-badge':
        return commandIssueStaffBadge(rest);
      case 'load-declarations':
        return commandLoadDeclarations(rest, defaultConfigPath());
      case 'revoke-credentials':
        return commandRevokeCredentials(rest, defaultConfigPath());
      case 'dcc-conformance':
        return await (await import('./dcc-conformance.js')).commandDccConformance(rest);
      case 'decode-image':
        return await commandDecodeImage(rest);
      case '--version':
        process.stdout.write(APP_VERSION + '\n');
        return 0;
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`gate-terminal: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`gate-terminal: ${error.message}\n`);
      return 2;
    }
    if (error instanceof StorageError) {
      process.stderr.write(`gate-terminal: ${error.code}: ${error.message}\n`);
      return 1;
    }
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`gate-terminal: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/**
 * True when this module is the program Node was started with (`node dist/cli.mjs …`: the host unit and
 * /usr/bin/gate-terminal run the bundle that way), false when imported (bin/gate-terminal.mjs, scripts/start.mjs,
 * tests). Both sides are real paths: the package reaches the bundle through the /usr/lib/gate-terminal/app symlink,
 * while Node resolves the main module to its real path.
 */
export function isProgramEntry(moduleUrl: string, argv1: string | undefined): boolean {
  if (argv1 === undefined) return false;
  try {
    return realpathSync(argv1) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

if (isProgramEntry(import.meta.url, process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
