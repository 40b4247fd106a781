/**
 * One simulated terminal of the hub10k bench, as the real sync worker talks to the hub (main/sync/hub-client.ts):
 * every request signed (key id, timestamp, nonce, body SHA-256, Ed25519 over requestSignatureText) and carrying the
 * app-version header; a long poll of the check-in feed always open (waitMs 20 s, as create-hub-sync.ts sets), a
 * heartbeat and an upload batch once per period. Plain node:http on a keep-alive agent shared by the process's
 * terminals (cheaper than fetch for 5,000 sockets in one load process).
 */
import { createHash, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { request, type Agent } from 'node:http';
import { HUB_HEADERS, HUB_PATHS } from '../../core/contract/hub-protocol.js';
import { requestSignatureText } from '../../core/contract/hub-signing.js';

/** What the bench hands a load process for each terminal it plays (the private key as PKCS#8 DER, base64). */
export interface FleetTerminalSpec {
  readonly terminalId: string;
  readonly keyId: string;
  readonly checkpointId: string;
  readonly privateKeyDer: string;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
}

export const APP_VERSION_HEADER_VALUE = '0.1.0';

export class FleetTerminal {
  private readonly key: KeyObject;
  private seq = 0;

  constructor(
    readonly spec: FleetTerminalSpec,
    private readonly agent: Agent,
  ) {
    this.key = createPrivateKey({ key: Buffer.from(spec.privateKeyDer, 'base64'), format: 'der', type: 'pkcs8' });
  }

  /**
   * A signed request; `onRequest` receives the ClientRequest so a long poll can be aborted at the end of the bench.
   * `payload`: a value sent as JSON, or a string that already is the JSON body (uploadBody's).
   */
  send(baseUrl: string, method: 'GET' | 'POST', path: string, payload?: unknown, onRequest?: (destroy: () => void) => void): Promise<Answer> {
    const body = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
    const timestamp = Date.now();
    const nonce = randomBytes(16).toString('hex');
    const contentSha256 = createHash('sha256').update(body).digest('hex');
    const signature = sign(null, Buffer.from(requestSignatureText({ method, path, timestamp, nonce, contentSha256 })), this.key).toString('base64');
    const headers: Record<string, string | number> = {
      [HUB_HEADERS.keyId]: this.spec.keyId,
      [HUB_HEADERS.timestamp]: String(timestamp),
      [HUB_HEADERS.nonce]: nonce,
      [HUB_HEADERS.contentSha256]: contentSha256,
      [HUB_HEADERS.signature]: signature,
      [HUB_HEADERS.appVersion]: APP_VERSION_HEADER_VALUE,
    };
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const url = new URL(path, baseUrl);
    return new Promise<Answer>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      onRequest?.(() => req.destroy());
      req.end(body || undefined);
    });
  }

  /** A signed request retried once on a network error (a keep-alive socket the hub closed as it was reused). */
  async sendRetrying(baseUrl: string, method: 'GET' | 'POST', path: string, payload?: unknown, onRequest?: (destroy: () => void) => void): Promise<Answer> {
    try {
      return await this.send(baseUrl, method, path, payload, onRequest);
    } catch {
      return this.send(baseUrl, method, path, payload, onRequest);
    }
  }

  heartbeat(baseUrl: string, onRequest?: (destroy: () => void) => void): Promise<Answer> {
    return this.sendRetrying(baseUrl, 'POST', HUB_PATHS.heartbeat, {
      terminalId: this.spec.terminalId,
      appVersion: APP_VERSION_HEADER_VALUE,
      queuedEntries: 0,
      bundleVersion: 1,
      dataAgeMs: 1000,
      hardware: { simulated: true, clockSynchronised: true, scanners: [{ id: 'camera', kind: 'camera', health: 'connected' }] },
    }, onRequest);
  }

  /**
   * The next `count` register rows of this terminal (seq continues across calls, the fields of UploadedEntry) as one
   * upload batch's JSON body, written straight as text: one random draw per batch and one template per row. Built as
   * objects with two random draws per row and JSON.stringify it cost the load process ~15 µs per entry, of the order of
   * the hub's own cost (bench hub10k, ingestion); a load generator must stay cheap beside what it measures.
   */
  uploadBody(count: number): string {
    const now = Date.now();
    const random = randomBytes(40 * count).toString('hex');
    const { terminalId, checkpointId } = this.spec;
    const rows: string[] = [];
    for (let i = 0; i < count; i++) {
      const seq = ++this.seq;
      const credentialId = random.slice(80 * i, 80 * i + 16);
      const subjectHmac = random.slice(80 * i + 16, 80 * i + 80);
      rows.push(
        `{"id":"${terminalId}-${seq}","terminalId":"${terminalId}","seq":${seq},"checkpointId":"${checkpointId}","direction":"${seq % 2 === 0 ? 'out' : 'in'}",` +
          `"outcome":"admit","reasons":["DECLARATION_VALID"],"credentialKind":"declaration","credentialId":"${credentialId}","subjectHmac":"${subjectHmac}",` +
          `"displayName":"Nguyễn Văn Bàn","scanSource":"simulated","wallTime":${now},"monoTime":${seq * 1000},"bootId":"bench-boot","eventTime":${now},` +
          `"timeSource":"hub-anchor","overrideOf":null}`,
      );
    }
    return `{"terminalId":"${terminalId}","entries":[${rows.join(',')}]}`;
  }
}
