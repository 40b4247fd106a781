/**
 * The terminal's session with its hub: the enrolled identity (hub-identity.json) turned into a signed HubClient and
 * the keys that verify and open bundles. A session starts when an identity appears and is replaced when the file
 * changes; the identity is read, checked against this terminal's id and its keys parsed only then.
 *
 * Why the file is still looked at (one stat) every round: `gate-terminal enrol` run in a shell is another process —
 * it writes the identity (first enrolment or `--force` re-enrolment with a reset outbox) and the running app hears of
 * it no other way. Missing that would keep uploading under a replaced identity. A stat beside a round's network
 * requests costs nothing measurable; reading and parsing the keys happens only when the modification time moved.
 */
import { statSync } from 'node:fs';
import { HubClient } from './hub-client.js';
import type { HubClock } from './hub-clock.js';
import { identityPath, loadIdentity, type TerminalIdentity } from './hub-identity.js';
import { pinnedHubKey, type TrustedHubKey } from './hub-trust.js';
import { privateKeyFromPem } from './sync-crypto.js';
import type { KeyObject } from 'node:crypto';
import { SyncError } from './sync-failure.js';

/** The identity's keys for bundles: the hub key pinned at enrolment and this terminal's X25519 key. */
export interface SessionKeys {
  readonly pinnedHubKey: TrustedHubKey;
  readonly agreementKey: KeyObject;
}

export interface Session {
  readonly identity: TerminalIdentity;
  readonly client: HubClient;
  readonly keys: SessionKeys;
}

export interface HubSessionDependencies {
  readonly dataDir: string;
  /** config terminal.id: an identity enrolled for another id would upload the wrong register rows. */
  readonly localTerminalId: string;
  readonly hubClock: HubClock;
  readonly requestTimeoutMs: number;
  /** The identity file's modification time, undefined when there is none (injectable for tests). */
  readonly modifiedAt?: (path: string) => number | undefined;
}

function fileModifiedAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export class HubSession {
  private session: (Session & { readonly mtimeMs: number }) | undefined;

  constructor(private readonly deps: HubSessionDependencies) {}

  /**
   * The session of the identity on disk now, the same object as long as the file is unchanged; undefined while the
   * terminal is not enrolled. Throws IDENTITY_DAMAGED or IDENTITY_MISMATCH (the round fails and says so).
   */
  current(): Session | undefined {
    const mtimeMs = (this.deps.modifiedAt ?? fileModifiedAt)(identityPath(this.deps.dataDir));
    if (mtimeMs === undefined) {
      this.session = undefined;
      return undefined;
    }
    if (this.session?.mtimeMs === mtimeMs) return this.session;
    const identity = loadIdentity(this.deps.dataDir);
    if (!identity) {
      this.session = undefined;
      return undefined;
    }
    if (identity.localTerminalId !== this.deps.localTerminalId) {
      throw new SyncError('IDENTITY_MISMATCH', `the hub identity was enrolled for terminal ${identity.localTerminalId}, not ${this.deps.localTerminalId}; enrol again`);
    }
    this.session = { ...sessionOf(identity, this.deps), mtimeMs };
    return this.session;
  }

  /** The session found by the last `current()` call, without looking at the file (status, the check-in feed). */
  last(): Session | undefined {
    return this.session;
  }
}

function sessionOf(identity: TerminalIdentity, deps: HubSessionDependencies): Session {
  const signingKey = privateKeyFromPem(identity.signingPrivateKeyPem);
  const client = new HubClient({ baseUrl: identity.hubUrl, clock: deps.hubClock, timeoutMs: deps.requestTimeoutMs, identity: { keyId: identity.keyId, signingKey } });
  const keys = { pinnedHubKey: pinnedHubKey(identity.hubPublicKey), agreementKey: privateKeyFromPem(identity.agreementPrivateKeyPem) };
  return { identity, client, keys };
}
