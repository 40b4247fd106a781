/**
 * What a phone does against the hub's public declaration page, from a test: fetch a challenge, solve the proof of
 * work (same rule as hub/declare/assets/declare.js), post the form, check in with a fresh nonce.
 */
import { createHash, randomBytes } from 'node:crypto';
import { leadingZeroBits } from '../../hub/declare/proof-of-work.js';

export const PERSON = { fullName: 'Nguyễn Thị Bình', birthYear: '1990', idKind: 'cccd', idNumber: '001190012345', phone: '0912345678', symptoms: 'no', contact: 'no', travel: 'no' };

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/**
 * fetch, as a phone's browser does it: a request that lands on a pooled keep-alive connection the server has already
 * closed (a hub restarted on the same port in a test) fails before any answer, and is sent again on a new connection.
 * Up to 3 tries, and only for that failure (the pool may hold more than one dead socket).
 */
export async function fetchFresh(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      if (attempt >= 3 || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw error;
    }
  }
}

export async function postJson<T = Record<string, unknown>>(url: string, body: unknown): Promise<Answer<T>> {
  const response = await fetchFresh(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${n}`).digest()) >= bits) return String(n);
  }
}

export async function solvedChallenge(hubUrl: string): Promise<{ challenge: string; nonce: string }> {
  const { challenge, bits } = (await (await fetchFresh(`${hubUrl}/api/challenge`)).json()) as { challenge: string; bits: number };
  return { challenge, nonce: solveChallenge(challenge, bits) };
}

export interface IssuedAnswer {
  readonly token: string;
  readonly tokenId: string;
  readonly result: string;
  readonly expiresAt: number;
  readonly problems?: { field: string; vi: string; en: string }[];
  readonly code?: string;
}

export async function declare(hubUrl: string, form: Record<string, unknown> = {}): Promise<Answer<IssuedAnswer>> {
  return postJson<IssuedAnswer>(`${hubUrl}/api/declarations`, { ...PERSON, ...(await solvedChallenge(hubUrl)), ...form });
}

export function checkIn(hubUrl: string, token: string, checkpointId: string, options: { nonce?: string; timestamp?: number } = {}) {
  return postJson<{ code?: string; vi?: string; en?: string; displayName?: string; result?: string; seeGuard?: { vi: string; en: string } }>(`${hubUrl}/api/checkins`, {
    token,
    checkpointId,
    nonce: options.nonce ?? randomBytes(16).toString('hex'),
    timestamp: options.timestamp ?? Date.now(),
  });
}
