/**
 * The hub's declaration-issuer secrets: the Ed25519 key that signs KBYT1 tokens (configured path, or created in the
 * data dir), and the ID-number references under the deployment's identity key (hub/storage/hub-secrets.ts): the
 * token's subject, one current declaration per person, rate limits per person. The issuer's public key reaches the
 * terminals inside every signed bundle (BundleContent.issuers), the identity key sealed beside the building's key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rawPublicKey, subjectRefOf } from '../crypto/hub-crypto.js';
import { readOrCreate } from '../crypto/hub-keys.js';

export const DECLARATION_ISSUER_KEY_FILE = 'declaration-issuer-key.pem';
export const DECLARATION_SUBJECT_KEY_FILE = 'declaration-subject.key';

export interface DeclarationKeys {
  readonly name: string;
  readonly privateKey: KeyObject;
  /** Raw Ed25519 public key, base64, as bundles carry issuers. */
  readonly publicKeyRaw: string;
  /** COSE kid: first 8 bytes of SHA-256 of the raw public key (docs/declaration-token.md). */
  readonly kid: Uint8Array;
  /** Signs a Sig_structure; raw 64-byte signature. */
  sign(data: Uint8Array): Uint8Array;
  /** Reference (hex) of an ID number under the deployment's identity key: token subject, own tables, rate limits. */
  idHmac(idNumber: string): string;
  /** Secret for signing proof-of-work challenges (per process: a restart invalidates open challenges). */
  readonly challengeKey: Buffer;
}

/**
 * The HMAC key hubs before issue 15 kept in their data dir for the declaration page: imported once as the deployment's
 * identity key (hub/hub-app.ts), so the tokens already issued keep their subject. Never created any more.
 */
export function legacyDeclarationSubjectKey(dataDir: string): Buffer | undefined {
  const path = join(dataDir, DECLARATION_SUBJECT_KEY_FILE);
  if (!existsSync(path)) return undefined;
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  return key.length === 32 ? key : undefined;
}

export function loadDeclarationKeys(options: { dataDir: string; issuerKeyPath?: string; name: string; identityKey: Buffer }): DeclarationKeys {
  const keyPath = options.issuerKeyPath ?? join(options.dataDir, DECLARATION_ISSUER_KEY_FILE);
  mkdirSync(dirname(keyPath), { recursive: true });
  mkdirSync(options.dataDir, { recursive: true });
  const pem = readOrCreate(keyPath, () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`declaration issuer key ${keyPath} is not an Ed25519 private key`);
  const publicKeyRaw = rawPublicKey(createPublicKey(privateKey));
  return {
    name: options.name,
    privateKey,
    publicKeyRaw,
    kid: createHash('sha256').update(Buffer.from(publicKeyRaw, 'base64')).digest().subarray(0, 8),
    sign: (data) => sign(null, data, privateKey),
    idHmac: (idNumber) => subjectRefOf(options.identityKey, idNumber),
    challengeKey: randomBytes(32),
  };
}
