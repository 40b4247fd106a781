/**
 * `gate-terminal issue-staff-badge`: signs a staff badge (`NVB1:`, docs/staff-badge.md) with an issuer's private key —
 * by default the repository's TEST key, like issue-declaration. The badge's subject is random unless given: pass
 * `--subject-ref HEX`, or `--id-number` with `--config` to use that terminal's identity reference (the hub's identity
 * key on an enrolled terminal: the same reference on every terminal and on the hub), which is what a
 * `policy.staffNeedDeclaration` checkpoint looks the holder's declaration up by and what person search finds.
 */
import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkIdNumber, DAY_MS, DEPARTMENT_ID, encodeStaffBadge, ID_NUMBER_PROBLEM_TEXT } from '../../core/index.js';
import { REGISTER_FILE, SUBJECT_KEY_FILE } from '../composition/create-gate-app.js';
import { loadConfig } from '../config/load-config.js';
import { ed25519Signer, keyIdOf } from '../crypto/node-crypto-port.js';
import { openDatabase } from '../storage/open-database.js';
import { NO_BUNDLE_YET, subjectCryptoInForce } from '../sync/keys-in-force.js';
import { appRoot } from './app-root.js';
import { parseTime, UsageError } from './decide-command.js';
import { readPrivateKey } from './issue-declaration.js';

export interface StaffBadgeOptions {
  readonly privateKeyPem: string;
  readonly name: string;
  readonly department: string;
  /** ms since the epoch; default now. */
  readonly validFrom?: number;
  readonly validDays?: number;
  readonly subjectRef?: Buffer;
  readonly badgeId?: Buffer;
  readonly issuer?: string;
}

export const DEFAULT_BADGE_VALID_DAYS = 365;

export function issueStaffBadge(options: StaffBadgeOptions): string {
  const privateKey = createPrivateKey(options.privateKeyPem);
  const validFrom = options.validFrom ?? Date.now();
  return encodeStaffBadge(
    {
      issuer: options.issuer ?? 'gate-terminal-test',
      subjectRef: options.subjectRef ?? randomBytes(16),
      displayName: options.name,
      department: options.department,
      validFrom,
      validUntil: validFrom + (options.validDays ?? DEFAULT_BADGE_VALID_DAYS) * DAY_MS,
      badgeId: options.badgeId ?? randomBytes(8),
    },
    keyIdOf(createPublicKey(privateKey)),
    ed25519Signer(privateKey),
  );
}

function subjectRefOf(values: { 'subject-ref'?: string; 'id-number'?: string; config?: string }): Buffer | undefined {
  if (values['subject-ref'] !== undefined && values['id-number'] !== undefined) throw new UsageError('give --subject-ref or --id-number, not both');
  if (values['subject-ref'] !== undefined) {
    if (!/^([0-9a-fA-F]{2}){8,32}$/.test(values['subject-ref'])) throw new UsageError('--subject-ref must be 8–32 bytes of hex');
    return Buffer.from(values['subject-ref'], 'hex');
  }
  if (values['id-number'] === undefined) return undefined;
  if (values.config === undefined) throw new UsageError('--id-number needs --config FILE (the terminal whose subject key hashes it)');
  const { dataDir } = loadConfig(values.config).storage;
  const checked = checkIdNumber(values['id-number']);
  if (!checked.ok) throw new UsageError(`--id-number: ${ID_NUMBER_PROBLEM_TEXT[checked.problem].en}`);
  // The terminal's keys in force: the hub's (from its last good bundle) on an enrolled terminal, else the local key.
  const db = openDatabase(join(dataDir, REGISTER_FILE));
  try {
    const crypto = subjectCryptoInForce(dataDir, db, join(dataDir, SUBJECT_KEY_FILE));
    if (!crypto) throw new UsageError(`issue-staff-badge: ${NO_BUNDLE_YET}`);
    return Buffer.from(crypto.identityRef(checked.idNumber), 'hex');
  } finally {
    db.close();
  }
}

export function commandIssueStaffBadge(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      department: { type: 'string' },
      'valid-days': { type: 'string', default: String(DEFAULT_BADGE_VALID_DAYS) },
      'valid-from': { type: 'string' },
      'subject-ref': { type: 'string' },
      'id-number': { type: 'string' },
      config: { type: 'string' },
      key: { type: 'string' },
    },
  });
  const name = values.name?.trim();
  if (!name || name.length > 100) throw new UsageError('issue-staff-badge: --name must be 1–100 characters');
  if (!values.department || !DEPARTMENT_ID.test(values.department)) {
    throw new UsageError('issue-staff-badge: --department must be an id of 1–64 letters, digits, dot, dash or underscore');
  }
  const validDays = Number(values['valid-days']);
  if (!(validDays > 0)) throw new UsageError('--valid-days must be a positive number');
  const validFrom = parseTime(values['valid-from'], '--valid-from');
  const subjectRef = subjectRefOf(values);
  const badge = issueStaffBadge({
    privateKeyPem: readPrivateKey(values.key ?? join(appRoot(), 'config', 'test-issuer', 'private.pem')),
    name,
    department: values.department,
    validDays,
    ...(validFrom !== undefined ? { validFrom } : {}),
    ...(subjectRef ? { subjectRef } : {}),
  });
  process.stdout.write(badge + '\n');
  return 0;
}
