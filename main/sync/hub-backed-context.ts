/**
 * The bundle in force: the parts of the gate's decision context that a hub bundle can change, as live views — the
 * checkpoint policy, trusted issuers (config's plus the bundle's), the subject key (the building's once a bundle
 * arrived, so HMACs match across its doors and the hub's declaration set), revocations (plus staff no longer active),
 * the DCC trust list (the bundle's, once a bundle carries one: it replaces the config's `trust.dccSigners`, so adding
 * or removing a signer on the hub takes effect at the next sync), the EU DCC value sets (the config's
 * `trust.dccValueSets` folder when configured — it takes precedence —, else the bundle's, from the next sync), anti-passback (this register plus passages relayed
 * from the building's other doors) and the department's hosts. Whether that data is too old to rely on is decided per
 * decision by ./hub-decision-source.ts, not here.
 */
import { checkAppVersion, type AppVersionCheck } from '../../core/version/app-version.js';
import { APP_VERSION } from '../version.js';
import type { KeyObject } from 'node:crypto';
import { dccValueSetsOfCodes, safeDisplayName, type CheckpointPolicy, type DccValueSets, type DocumentSigner, type CryptoPort, type HostListing, type PassageView, type RecentPassage, type RevocationSet, type TrustedIssuer, type TrustStore } from '../../core/index.js';
import { createNodeCryptoPort, keyIdOf } from '../crypto/node-crypto-port.js';
import type { VerifiedBundle } from './bundle-verifier.js';
import type { HubDataStore } from './hub-data-store.js';
import type { Logger } from '../platform/logger.js';
import { BundleDccSigners } from './bundle-dcc-signers.js';
import { publicKeyFromRaw } from './sync-crypto.js';

export interface ConfiguredContext {
  readonly policy: CheckpointPolicy;
  readonly crypto: CryptoPort;
  readonly trust: TrustStore;
  readonly revocations: RevocationSet;
  readonly passages: PassageView;
}

function later(a: RecentPassage | undefined, b: RecentPassage | undefined): RecentPassage | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

export class HubBackedContext {
  private policyInForce: CheckpointPolicy;
  private cryptoInForce: CryptoPort;
  private hubIssuers = new Map<string, TrustedIssuer>();
  private bundleVersion: number | undefined;
  private pageUrl: string | undefined;
  private appVersionInForce: string | undefined;
  private hostsInForce: readonly HostListing[] = [];
  private readonly bundleSigners = new BundleDccSigners();
  /** The bundle's DCC signers by kid; undefined while no bundle carries a list (the config's list is used). */
  private dccSignersInForce: ReadonlyMap<string, readonly DocumentSigner[]> | undefined;
  /** The bundle's EU value sets (undefined while no bundle carries any); the config's folder takes precedence. */
  private bundleValueSets: DccValueSets | undefined;

  constructor(
    private readonly configured: ConfiguredContext,
    private readonly data: HubDataStore,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {
    this.policyInForce = configured.policy;
    this.cryptoInForce = configured.crypto;
  }

  /** Puts a verified bundle in force (its rows are already in the database). */
  apply(bundle: VerifiedBundle): void {
    const { content } = bundle;
    this.policyInForce = content.policy;
    this.cryptoInForce = createNodeCryptoPort(bundle.identityKey, bundle.subjectKey);
    const issuers = new Map<string, TrustedIssuer>();
    for (const i of content.issuers) {
      const key: KeyObject = publicKeyFromRaw(i.publicKey, 'Ed25519');
      const kid = keyIdOf(key).toString('hex');
      issuers.set(kid, { kid, name: i.name, algorithm: 'EdDSA', key });
    }
    this.hubIssuers = issuers;
    this.bundleVersion = content.version;
    this.pageUrl = content.declarationPageUrl;
    this.appVersionInForce = content.appVersion;
    if (content.dccSigners) {
      const { bySigner, unusable } = this.bundleSigners.index(content.dccSigners);
      this.dccSignersInForce = bySigner;
      if (unusable.length > 0) this.logger?.warn('dcc-signers-unusable', { version: content.version, count: unusable.length, signers: unusable.slice(0, 20) });
    }
    // Rebuilt from every bundle (a few hundred codes): a set re-imported with its date unchanged may hold other codes.
    const valueSets = content.dccValueSets;
    this.bundleValueSets = valueSets && valueSets.sets.length > 0 ? dccValueSetsOfCodes(valueSets.sets) : undefined;
    // Names the guard reads in the host picker: made safe for display like every person's name (core/display-name.ts).
    this.hostsInForce = (content.hosts ?? []).map((host) => ({ ...host, displayName: safeDisplayName(host.displayName) }));
  }

  /** The department's hosts from the bundle in force (the guard's host picker). */
  hosts(): readonly HostListing[] {
    return this.hostsInForce;
  }

  /** The hub's declaration page for this checkpoint, as the bundle in force says. */
  get declarationPageUrl(): string | undefined {
    return this.pageUrl;
  }

  /** This app's version against the pin of the bundle in force (none = any version is fine). */
  appVersionCheck(): AppVersionCheck {
    return checkAppVersion(APP_VERSION, this.appVersionInForce);
  }

  get version(): number | undefined {
    return this.bundleVersion;
  }

  policy(): CheckpointPolicy {
    return this.policyInForce;
  }

  readonly crypto: CryptoPort = {
    verify: (issuer, data, signature) => this.cryptoInForce.verify(issuer, data, signature),
    inflate: (data, max) => this.cryptoInForce.inflate(data, max),
    identityRef: (idNumber) => this.cryptoInForce.identityRef(idNumber),
    subjectKey: (subjectRef) => this.cryptoInForce.subjectKey(subjectRef),
  };

  readonly trust: TrustStore = Object.defineProperty(
    {
      issuerByKid: (kid: string) => this.configured.trust.issuerByKid(kid) ?? this.hubIssuers.get(kid),
      documentSignersByKid: (kid: string) => (this.dccSignersInForce ? (this.dccSignersInForce.get(kid) ?? []) : this.configured.trust.documentSignersByKid(kid)),
    },
    // Read per decision: a sync that brings other value sets changes the next decision, without restart.
    'dccValueSets',
    { enumerable: true, get: (): DccValueSets | undefined => this.configured.trust.dccValueSets ?? this.bundleValueSets },
  );

  readonly revocations: RevocationSet = {
    isRevoked: (credentialId) => {
      if (this.configured.revocations.isRevoked(credentialId)) return true;
      const staff = this.data.staffStatus(credentialId);
      return staff !== undefined && staff !== 'active';
    },
  };

  readonly passages: PassageView = {
    lastAdmitted: (subjectKey) => later(this.configured.passages.lastAdmitted(subjectKey), this.data.lastRelayed(subjectKey)),
  };
}
