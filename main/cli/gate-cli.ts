/**
 * The `gate-terminal` command. Each subcommand prints a clear error and exits non-zero on bad input:
 * exit 2 = usage or config error, 1 = runtime failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decide, reasonText, trustStoreOf, type DeclarationResult } from '../../core/index.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { loadTrust } from '../config/load-trust.js';
import { policyOf } from '../composition/create-gate-app.js';
import { generateEd25519Pem, keyIdOf, nodeCryptoPort } from '../crypto/node-crypto-port.js';
import { StorageError } from '../storage/storage-error.js';
import { APP_VERSION } from '../version.js';
import { issueDeclaration, readPrivateKey } from './issue-declaration.js';
import { runBrowserHost } from './run-browser-host.js';
import { createPublicKey } from 'node:crypto';
import { appRoot } from './app-root.js';
import type { ConfiguredHostMode } from './choose-host-mode.js';

// For scripts/start.mjs, which imports the bundle (dist/cli.mjs) to pick the host before starting it.
export { chooseHostMode, findElectronBinary } from './choose-host-mode.js';

export class UsageError extends Error {}

const USAGE = `gate-terminal ${APP_VERSION}
Usage:
  gate-terminal start [--config FILE]                 run the terminal host (browser mode) and print its URL
  gate-terminal decide --config FILE --payload P [--at ISO] [--direction in|out]
                                                      decide one payload offline and print the decision as JSON
  gate-terminal issue-declaration [--name N] [--result clear|medical-check|isolate] [--declared-at ISO]
                                  [--valid-hours H] [--not-before ISO] [--key PRIVATE.pem]
                                                      sign a declaration token (default: the TEST issuer key)
  gate-terminal keygen --out DIR                      create an Ed25519 issuer key pair (private.pem, public.pem)
`;

function parseTime(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UsageError(`${flag}: not an ISO date-time: ${value}`);
  return t;
}

export function defaultConfigPath(): string {
  return join(appRoot(), 'config', 'default.yaml');
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

function commandDecide(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string' }, payload: { type: 'string' }, at: { type: 'string' }, direction: { type: 'string' } } });
  if (values.payload === undefined) throw new UsageError('decide: --payload is required');
  const config = loadConfig(values.config ?? defaultConfigPath());
  const trust = loadTrust(config);
  const now = parseTime(values.at, '--at') ?? Date.now();
  const direction = values.direction ?? (config.checkpoint.direction === 'out' ? 'out' : 'in');
  if (direction !== 'in' && direction !== 'out') throw new UsageError('--direction must be in or out');
  const decision = decide(
    { source: 'manual', payload: values.payload, wallTime: now, monoTime: 0 },
    { policy: policyOf(config), trust: trustStoreOf(trust.issuers), crypto: nodeCryptoPort, direction, now, clockSynchronised: true },
  );
  const texts = decision.reasons.map((code) => ({ code, vi: reasonText(code, 'vi'), en: reasonText(code, 'en') }));
  process.stdout.write(JSON.stringify({ ...decision, texts }, null, 2) + '\n');
  return 0;
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
        return commandDecide(rest);
      case 'issue-declaration':
        return commandIssue(rest);
      case 'keygen':
        return commandKeygen(rest);
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
