/**
 * Turns the config's trusted issuer entries and DCC trust list into core's TrustStore; an unreadable key or trust list
 * is a ConfigError with its field path.
 */
import { readFileSync } from 'node:fs';
import { trustStoreOf, type DccValueSets, type DocumentSigner, type TrustStore, type TrustedIssuer } from '../../core/index.js';
import { issuerFromPublicKeyPem } from '../crypto/node-crypto-port.js';
import { DccTrustListError, loadDccTrustList } from './load-dcc-signers.js';
import { DccValueSetError, loadDccValueSets } from './load-dcc-value-sets.js';
import { ConfigError, type GateConfig } from './load-config.js';

export interface LoadedTrust {
  readonly store: TrustStore;
  readonly issuers: readonly TrustedIssuer[];
  /** EU DCC document signers from `trust.dccSigners` (empty without one). */
  readonly dccSigners: readonly DocumentSigner[];
  /** EU value sets from `trust.dccValueSets` (absent without one). */
  readonly dccValueSets?: DccValueSets;
  readonly testIssuerTrusted: boolean;
}

export function loadTrust(config: GateConfig): LoadedTrust {
  const issuers = config.trust.issuers.map((entry, index) => {
    try {
      return issuerFromPublicKeyPem(readFileSync(entry.publicKeyFile, 'utf8'), entry.name);
    } catch (error) {
      throw new ConfigError(
        config.source,
        `trust.issuers.${index}.publicKeyFile`,
        `cannot load an Ed25519 public key from ${entry.publicKeyFile}: ${(error as Error).message}`,
      );
    }
  });
  const dccSigners = loadDccSigners(config);
  const dccValueSets = loadValueSets(config);
  return {
    store: trustStoreOf(issuers, dccSigners, dccValueSets),
    issuers,
    dccSigners,
    ...(dccValueSets ? { dccValueSets } : {}),
    testIssuerTrusted: config.trust.issuers.some((i) => i.test),
  };
}

function loadDccSigners(config: GateConfig): DocumentSigner[] {
  const file = config.trust.dccSigners;
  if (file === undefined) return [];
  try {
    return loadDccTrustList(file);
  } catch (error) {
    if (!(error instanceof DccTrustListError)) throw error;
    throw new ConfigError(config.source, 'trust.dccSigners', `${file}: ${error.message}`);
  }
}

function loadValueSets(config: GateConfig): DccValueSets | undefined {
  const folder = config.trust.dccValueSets;
  if (folder === undefined) return undefined;
  try {
    return loadDccValueSets(folder);
  } catch (error) {
    if (!(error instanceof DccValueSetError)) throw error;
    throw new ConfigError(config.source, 'trust.dccValueSets', `${folder}: ${error.message}`);
  }
}
