/** Declaration tokens and staff badges for tests, signed with the repository's TEST issuer key (or a stranger's key). */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DECLARATION_TOKEN_PREFIX, base45Decode, base45Encode, type DeclarationResult } from '../../core/index.js';
import { issueDeclaration } from '../../main/cli/issue-declaration.js';
import { issueStaffBadge } from '../../main/cli/issue-staff-badge.js';
import { TEST_ISSUER_PRIVATE } from './paths.js';

const testKey = readFileSync(TEST_ISSUER_PRIVATE, 'utf8');
const HOUR = 3_600_000;

export function validToken(options: { name?: string; now?: number; result?: DeclarationResult; subjectRef?: Buffer } = {}): string {
  return issueDeclaration({
    privateKeyPem: testKey,
    name: options.name ?? 'Nguyễn Văn An',
    declaredAt: (options.now ?? Date.now()) - 60_000,
    validHours: 24,
    ...(options.result ? { result: options.result } : {}),
    ...(options.subjectRef ? { subjectRef: options.subjectRef } : {}),
  });
}

export function expiredToken(options: { name?: string; now?: number; subjectRef?: Buffer } = {}): string {
  return issueDeclaration({
    privateKeyPem: testKey,
    name: options.name ?? 'Lê Thị Hết Hạn',
    declaredAt: (options.now ?? Date.now()) - 30 * HOUR,
    validHours: 24,
    ...(options.subjectRef ? { subjectRef: options.subjectRef } : {}),
  });
}

/** Flips one byte inside the signed claims (the person's name), keeping the encoding valid: a forged token. */
export function tamperedToken(token: string = validToken({ name: 'Phạm Văn Giả' })): string {
  const bytes = base45Decode(token.slice(DECLARATION_TOKEN_PREFIX.length));
  const text = Buffer.from(bytes);
  const at = text.indexOf(Buffer.from('Giả'));
  const index = at >= 0 ? at : Math.floor(bytes.length / 2);
  bytes[index] = bytes[index]! ^ 0x01;
  return DECLARATION_TOKEN_PREFIX + base45Encode(bytes);
}

export function strangerToken(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return issueDeclaration({ privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), name: 'Người Lạ' });
}

export function testIssuerPrivateKey(): string {
  return testKey;
}

/** A staff badge (NVB1:) signed with the TEST key (or `privateKeyPem`), valid from a minute before `now` by default. */
export function staffBadge(
  options: { name?: string; department?: string; now?: number; validFrom?: number; validDays?: number; subjectRef?: Buffer; privateKeyPem?: string } = {},
): string {
  return issueStaffBadge({
    privateKeyPem: options.privateKeyPem ?? testKey,
    name: options.name ?? 'Trần Thị Bảo Vệ',
    department: options.department ?? 'phong-hanh-chinh',
    validFrom: options.validFrom ?? (options.now ?? Date.now()) - 60_000,
    ...(options.validDays !== undefined ? { validDays: options.validDays } : {}),
    ...(options.subjectRef ? { subjectRef: options.subjectRef } : {}),
  });
}
