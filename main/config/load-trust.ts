/** Turns the config's trusted issuer entries into core's TrustStore; an unreadable key is a ConfigError with its path. */
import { readFileSync } from 'node:fs';
import { trustStoreOf, type TrustStore, type TrustedIssuer } from '../../core/index.js';
import { issuerFromPublicKeyPem } from '../crypto/node-crypto-port.js';
import { ConfigError, type GateConfig } from './load-config.js';

export interface LoadedTrust {
  readonly store: TrustStore;
  readonly issuers: readonly TrustedIssuer[];
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
  return { store: trustStoreOf(issuers), issuers, testIssuerTrusted: config.trust.issuers.some((i) => i.test) };
}
