/**
 * Verifies a signed terminal request: known key, fresh timestamp (by the hub's clock), body digest, Ed25519
 * signature over requestSignatureText, terminal not revoked, nonce never seen. The nonce is remembered in the store
 * (not in memory), so a replay is refused after a hub restart too. Revocation is read on every request: a revoked
 * terminal's next write is refused.
 *
 * Store work per request (bench hub10k): the terminal's identity (key, checkpoint, building: never changed after
 * enrolment) is read once per key and process and then kept; what can change (revocation, the nonce) is one
 * statement, TerminalDirectory.admitRequest — or, for an upload, part of the upload's own transaction (`deferAdmission`).
 */
import type { KeyObject } from 'node:crypto';
import { HUB_HEADERS, REQUEST_WINDOW_MS, requestSignatureText } from '../protocol.js';
import { publicKeyFromRaw, sha256Hex, verifyText } from '../crypto/hub-crypto.js';
import type { HubStore, NonceToRemember, TerminalRecord } from '../storage/hub-store.js';
import type { RequestAdmission } from '../storage/terminal-directory.js';
import { HubError } from './hub-error.js';

export interface SignedRequest {
  readonly method: string;
  /** Path with query string, exactly as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const keyCache = new Map<string, KeyObject>();
/** Enrolled identities per store, by key id (immutable after enrolment; revocation is never taken from here). */
const identities = new WeakMap<HubStore, Map<string, TerminalRecord>>();
/** A bound on the identities kept per store: beyond it the map starts over (a fleet is ~10,000 terminals per replica). */
const MAX_IDENTITIES = 100_000;

async function identityOf(store: HubStore, keyId: string): Promise<TerminalRecord | undefined> {
  let known = identities.get(store);
  if (!known) identities.set(store, (known = new Map()));
  const cached = known.get(keyId);
  if (cached) return cached;
  const terminal = await store.terminals.terminalByKeyId(keyId);
  if (terminal) {
    if (known.size >= MAX_IDENTITIES) known.clear();
    known.set(keyId, terminal);
  }
  return terminal;
}

/** Refuses a request by what admitRequest (or an upload's transaction) found; returns the terminal's revocation. */
export function judgeAdmission(terminal: TerminalRecord, admission: RequestAdmission | undefined): TerminalRecord {
  if (!admission) throw new HubError('TERMINAL_UNKNOWN', `no terminal enrolled with key ${terminal.keyId}; enrol the terminal again`);
  if (admission.revokedAt !== null) throw new HubError('TERMINAL_REVOKED', `terminal ${terminal.terminalId} was revoked; it may not write to this hub`);
  if (!admission.fresh) throw new HubError('REQUEST_REPLAYED', 'this request (key, nonce) was already received: replay refused');
  return terminal;
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}

/**
 * What can be checked before the body is read: the signature headers are there and name an enrolled key. Returns that
 * terminal's identity (from the store the first time, then kept), which authenticateTerminal reuses.
 */
export async function precheckSignedRequest(store: HubStore, headers: SignedRequest['headers']): Promise<TerminalRecord> {
  const request = { method: '', path: '', headers, body: Buffer.alloc(0) };
  const keyId = header(request, HUB_HEADERS.keyId);
  const signed = [HUB_HEADERS.keyId, HUB_HEADERS.timestamp, HUB_HEADERS.nonce, HUB_HEADERS.contentSha256, HUB_HEADERS.signature];
  if (!keyId || signed.some((name) => !header(request, name))) {
    throw new HubError('SIGNATURE_MISSING', `terminal requests must be signed (${Object.values(HUB_HEADERS).join(', ')})`);
  }
  const terminal = await identityOf(store, keyId);
  if (!terminal) throw new HubError('TERMINAL_UNKNOWN', `no terminal enrolled with key ${keyId}; enrol the terminal again`);
  return terminal;
}

/**
 * `prechecked`: the identity precheckSignedRequest found for this same request (used only when its key id matches).
 * `deferAdmission`: the caller remembers the nonce and checks revocation in its own transaction (an upload), with the
 * returned `admission`, then calls judgeAdmission; otherwise that is done here, in one statement.
 */
export async function authenticateTerminal(
  store: HubStore,
  request: SignedRequest,
  now: number,
  prechecked?: TerminalRecord,
  deferAdmission = false,
): Promise<{ terminal: TerminalRecord; admission?: NonceToRemember }> {
  const keyId = header(request, HUB_HEADERS.keyId);
  const timestampText = header(request, HUB_HEADERS.timestamp);
  const nonce = header(request, HUB_HEADERS.nonce);
  const contentSha256 = header(request, HUB_HEADERS.contentSha256);
  const signature = header(request, HUB_HEADERS.signature);
  if (!keyId || !timestampText || !nonce || !contentSha256 || !signature) {
    throw new HubError('SIGNATURE_MISSING', `terminal requests must be signed (${Object.values(HUB_HEADERS).join(', ')})`);
  }
  const terminal = prechecked?.keyId === keyId ? prechecked : await identityOf(store, keyId);
  if (!terminal) throw new HubError('TERMINAL_UNKNOWN', `no terminal enrolled with key ${keyId}; enrol the terminal again`);
  const timestamp = Number(timestampText);
  if (!Number.isSafeInteger(timestamp) || Math.abs(now - timestamp) > REQUEST_WINDOW_MS) {
    throw new HubError('REQUEST_EXPIRED', `request time ${timestampText} is more than ${REQUEST_WINDOW_MS / 60_000} min from the hub's clock (${now})`);
  }
  if (sha256Hex(request.body) !== contentSha256) throw new HubError('BODY_DIGEST_MISMATCH', 'the body does not match its signed SHA-256');
  let key = keyCache.get(keyId);
  if (!key) keyCache.set(keyId, (key = publicKeyFromRaw(terminal.signingPublicKey, 'Ed25519')));
  const text = requestSignatureText({ method: request.method, path: request.path, timestamp, nonce, contentSha256 });
  if (!verifyText(key, text, signature)) throw new HubError('SIGNATURE_INVALID', 'the request signature does not verify with the enrolled key');
  const admission = { keyId, nonce, expiresAt: timestamp + REQUEST_WINDOW_MS };
  if (deferAdmission) return { terminal, admission };
  return { terminal: judgeAdmission(terminal, await store.terminals.admitRequest(keyId, nonce, admission.expiresAt)) };
}
