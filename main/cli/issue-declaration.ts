/**
 * `gate-terminal issue-declaration`: signs a declaration token with an issuer's private key (by default the
 * repository's TEST key). Used by tests and to print samples; the hub's declaration page will issue real ones.
 */
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encodeDeclarationToken, HOUR_MS, type DeclarationResult } from '../../core/index.js';
import { ed25519Signer, keyIdOf } from '../crypto/node-crypto-port.js';

export interface IssueOptions {
  readonly privateKeyPem: string;
  readonly name: string;
  readonly result?: DeclarationResult;
  readonly declaredAt?: number;
  readonly validHours?: number;
  readonly notBefore?: number;
  readonly subjectRef?: Buffer;
  readonly issuer?: string;
}

export function issueDeclaration(options: IssueOptions): string {
  const privateKey = createPrivateKey(options.privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const declaredAt = options.declaredAt ?? Date.now();
  return encodeDeclarationToken(
    {
      issuer: options.issuer ?? 'gate-terminal-test',
      subjectRef: options.subjectRef ?? randomBytes(16),
      displayName: options.name,
      declaredAt,
      result: options.result ?? 'clear',
      expiresAt: declaredAt + (options.validHours ?? 24) * HOUR_MS,
      ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
      tokenId: randomBytes(8),
    },
    keyIdOf(publicKey),
    ed25519Signer(privateKey),
  );
}

export function readPrivateKey(path: string): string {
  return readFileSync(path, 'utf8');
}
