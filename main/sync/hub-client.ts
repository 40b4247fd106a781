/**
 * HTTP client of the hub for the terminal. Every request after enrolment is signed (key id, hub-clock timestamp,
 * nonce, body SHA-256; core/contract/hub-signing.ts); every answer feeds the hub clock. A request refused as expired
 * (terminal clock far off) is retried once with the clock the refusal itself corrected, and one that failed on a
 * dead pooled connection once on a fresh one.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import type { CheckinFeed, EnrolmentRequest, EnrolmentResponse, EntryBatch, EntryBatchAck, HubErrorBody, PassageFeed, SignedBundle, TerminalHeartbeat } from '../../core/contract/hub-protocol.js';
import { HUB_HEADERS, HUB_PATHS } from '../../core/contract/hub-protocol.js';
import { requestSignatureText } from '../../core/contract/hub-signing.js';
import type { HubClock } from './hub-clock.js';
import { sha256Hex, signText } from './sync-crypto.js';
import { SyncError } from './sync-failure.js';
import { APP_VERSION } from '../version.js';

export interface SigningIdentity {
  readonly keyId: string;
  readonly signingKey: KeyObject;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly etag: string | null;
}

export type BundleAnswer = { readonly modified: false } | { readonly modified: true; readonly bundle: SignedBundle; readonly etag: string };

export class HubClient {
  constructor(
    private readonly options: { readonly baseUrl: string; readonly clock: HubClock; readonly timeoutMs: number; readonly identity?: SigningIdentity },
  ) {}

  enrol(request: EnrolmentRequest): Promise<EnrolmentResponse> {
    return this.send('POST', HUB_PATHS.enrol, request, false).then((a) => a.body as EnrolmentResponse);
  }

  uploadEntries(batch: EntryBatch): Promise<EntryBatchAck> {
    return this.send('POST', HUB_PATHS.entries, batch).then((a) => a.body as EntryBatchAck);
  }

  async fetchBundle(etag: string | undefined): Promise<BundleAnswer> {
    const answer = await this.send('GET', HUB_PATHS.bundle, undefined, true, etag ? { 'if-none-match': etag } : {});
    if (answer.status === 304) return { modified: false };
    return { modified: true, bundle: answer.body as SignedBundle, etag: answer.etag ?? '' };
  }

  sendHeartbeat(heartbeat: TerminalHeartbeat): Promise<void> {
    return this.send('POST', HUB_PATHS.heartbeat, heartbeat).then(() => undefined);
  }

  fetchPassages(after: number, limit = 1000): Promise<PassageFeed> {
    return this.send('GET', `${HUB_PATHS.passages}?after=${after}&limit=${limit}`).then((a) => a.body as PassageFeed);
  }

  /** Long poll of phone check-ins at this terminal's checkpoint; after = -1 starts at the newest. */
  /** A long poll; `cancel` ends it early (the terminal is closing and must not wait out the poll). */
  fetchCheckins(after: number, waitMs: number, cancel?: AbortSignal): Promise<CheckinFeed> {
    return this.send('GET', `${HUB_PATHS.checkins}?after=${after}&waitMs=${waitMs}`, undefined, true, {}, waitMs + this.options.timeoutMs, cancel).then((a) => a.body as CheckinFeed);
  }

  private signedHeaders(method: string, path: string, body: string): Record<string, string> {
    const identity = this.options.identity;
    if (!identity) throw new SyncError('IDENTITY_MISMATCH', 'this terminal is not enrolled with a hub');
    const timestamp = this.options.clock.hubNow();
    const nonce = randomBytes(16).toString('hex');
    const contentSha256 = sha256Hex(body);
    const signature = signText(identity.signingKey, requestSignatureText({ method, path, timestamp, nonce, contentSha256 }));
    return {
      [HUB_HEADERS.keyId]: identity.keyId,
      [HUB_HEADERS.timestamp]: String(timestamp),
      [HUB_HEADERS.nonce]: nonce,
      [HUB_HEADERS.contentSha256]: contentSha256,
      [HUB_HEADERS.signature]: signature,
      [HUB_HEADERS.appVersion]: APP_VERSION,
    };
  }

  private async send(method: 'GET' | 'POST', path: string, payload?: unknown, signed = true, extra: Record<string, string> = {}, timeoutMs = this.options.timeoutMs, cancel?: AbortSignal): Promise<Answer> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    for (let attempt = 1; ; attempt++) {
      const headers = { ...(signed ? this.signedHeaders(method, path, body) : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...extra };
      const sent = this.options.clock.now();
      let status: number;
      let text: string;
      let response: Response;
      try {
        response = await fetch(this.options.baseUrl.replace(/\/$/, '') + path, { method, headers, body: body || undefined, signal: cancel ? AbortSignal.any([AbortSignal.timeout(timeoutMs), cancel]) : AbortSignal.timeout(timeoutMs) });
        status = response.status;
        text = await response.text();
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') throw new SyncError('HUB_TIMEOUT', `the hub did not answer ${method} ${path} within ${timeoutMs} ms`);
        // A pooled keep-alive connection the hub closed (it restarted): one immediate retry on a new connection.
        // Signed requests are idempotent at the hub and re-signed with a new nonce; enrolment is not retried.
        if (signed && attempt === 1) continue;
        throw new SyncError('HUB_UNREACHABLE', `cannot reach the hub at ${this.options.baseUrl}: ${(error as Error).message}`);
      }
      const hubTime = Number(response.headers.get(HUB_HEADERS.hubTime));
      if (Number.isSafeInteger(hubTime) && hubTime > 0) this.options.clock.observe(hubTime, sent, this.options.clock.now());
      if (status === 304) return { status, body: undefined, etag: response.headers.get('etag') };
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new SyncError('HUB_ANSWER_INVALID', `the hub answered ${method} ${path} with status ${status} and a body that is not JSON`, undefined, status);
      }
      if (status >= 200 && status < 300) return { status, body: parsed, etag: response.headers.get('etag') };
      const error = parsed as Partial<HubErrorBody> | undefined;
      if (error?.code === 'REQUEST_EXPIRED' && signed && attempt === 1) continue;
      throw new SyncError('HUB_REFUSED', error?.message ?? `HTTP ${status} without detail`, error?.code ?? `HTTP_${status}`, status);
    }
  }
}
