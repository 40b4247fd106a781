/**
 * Reads, parses and validates a terminal config. Any problem is a ConfigError naming the file and the exact field
 * path; callers print it and exit non-zero rather than half-start.
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { configSchema, type RawConfig } from './config-schema.js';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    readonly problem: string,
  ) {
    super(`config ${file}: ${fieldPath ? `field "${fieldPath}"` : 'file'}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export interface GateConfig extends RawConfig {
  /** Absolute path of the file this config came from. */
  readonly source: string;
  readonly storage: RawConfig['storage'] & { readonly dataDir: string };
  readonly logging: RawConfig['logging'] & { readonly dir: string };
}

function parseText(file: string, text: string): unknown {
  if (extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ConfigError(file, '', `invalid JSON: ${(error as Error).message}`);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new ConfigError(file, '', `invalid YAML at line ${first.linePos?.[0]?.line ?? '?'}: ${first.message.split('\n')[0]}`);
  }
  return doc.toJS() as unknown;
}

export function validateConfig(file: string, data: unknown): GateConfig {
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      throw new ConfigError(file, [...issue.path, issue.keys[0]!].map(String).join('.'), 'unknown setting (misspelt, or not valid here)');
    }
    throw new ConfigError(file, issue.path.map(String).join('.'), issue.message);
  }
  const base = dirname(file);
  const raw = result.data;
  const resolvePath = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...raw,
    source: file,
    storage: { ...raw.storage, dataDir: resolvePath(raw.storage.dataDir) },
    logging: { ...raw.logging, dir: resolvePath(raw.logging.dir ?? join(raw.storage.dataDir, 'logs')) },
    trust: {
      issuers: raw.trust.issuers.map((i) => ({ ...i, publicKeyFile: resolvePath(i.publicKeyFile) })),
      ...(raw.trust.dccSigners !== undefined ? { dccSigners: resolvePath(raw.trust.dccSigners) } : {}),
      ...(raw.trust.dccValueSets !== undefined ? { dccValueSets: resolvePath(raw.trust.dccValueSets) } : {}),
    },
  };
}

export function loadConfig(path: string): GateConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return validateConfig(file, parseText(file, text));
}
