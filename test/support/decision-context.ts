/** A full DecisionContext for core tests: the test issuer trusted, a fixed subject key, empty synced sets. */
import { readFileSync } from 'node:fs';
import {
  DEFAULT_POLICY,
  NO_DECLARATIONS,
  NO_PASSAGES,
  NO_REVOCATIONS,
  trustStoreOf,
  type CryptoPort,
  type DecisionContext,
} from '../../core/index.js';
import { createNodeCryptoPort, issuerFromPublicKeyPem } from '../../main/crypto/node-crypto-port.js';
import { TEST_ISSUER_PUBLIC } from './paths.js';

export const TEST_SUBJECT_KEY = Buffer.alloc(32, 0x5a);
export const testCrypto: CryptoPort = createNodeCryptoPort(TEST_SUBJECT_KEY);
export const testIssuer = issuerFromPublicKeyPem(readFileSync(TEST_ISSUER_PUBLIC, 'utf8'), 'test');

export function testContext(now: number, overrides: Partial<DecisionContext> = {}): DecisionContext {
  return {
    policy: DEFAULT_POLICY,
    trust: trustStoreOf([testIssuer]),
    crypto: testCrypto,
    declarations: NO_DECLARATIONS,
    revocations: NO_REVOCATIONS,
    passages: NO_PASSAGES,
    direction: 'in',
    timeZone: 'Asia/Ho_Chi_Minh',
    now,
    clockSynchronised: true,
    ...overrides,
  };
}
