/**
 * Hand-made signed terminal requests, so tests can send what a well-behaved terminal never would: a replay, a wrong
 * key, a tampered body, a stale timestamp.
 */
import { createHash, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { HUB_HEADERS } from '../../core/contract/hub-protocol.js';
import { requestSignatureText } from '../../core/contract/hub-signing.js';
import type { TerminalIdentity } from '../../main/sync/hub-identity.js';

export interface SignedOptions {
  readonly timestamp?: number;
  readonly nonce?: string;
  /** Sign with this key instead of the identity's. */
  readonly key?: KeyObject;
  /** Send this body instead of the one that was signed. */
  readonly sendBody?: string;
}

export interface PreparedRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function prepareSigned(hubUrl: string, identity: TerminalIdentity, method: 'GET' | 'POST', path: string, payload?: unknown, options: SignedOptions = {}): PreparedRequest {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Date.now();
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  const contentSha256 = createHash('sha256').update(body).digest('hex');
  const key = options.key ?? createPrivateKey(identity.signingPrivateKeyPem);
  const signature = sign(null, Buffer.from(requestSignatureText({ method, path, timestamp, nonce, contentSha256 })), key).toString('base64');
  return {
    method,
    url: hubUrl + path,
    body: options.sendBody ?? body,
    headers: {
      [HUB_HEADERS.keyId]: identity.keyId,
      [HUB_HEADERS.timestamp]: String(timestamp),
      [HUB_HEADERS.nonce]: nonce,
      [HUB_HEADERS.contentSha256]: contentSha256,
      [HUB_HEADERS.signature]: signature,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
  };
}

export async function send(request: PreparedRequest): Promise<{ status: number; body: { code?: string; message?: string; hubTime?: number } & Record<string, unknown> }> {
  const init = { method: request.method, headers: request.headers, body: request.body || undefined };
  // One retry when a pooled keep-alive connection died with a hub restart (the request never reached the hub).
  const response = await fetch(request.url, init).catch(() => fetch(request.url, init));
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as { code?: string }) : {} };
}
