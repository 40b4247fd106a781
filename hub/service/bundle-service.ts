/**
 * Builds the bundle a terminal pulls: its checkpoint's policy, the building's issuers, revocations, declaration set,
 * staff list, the deployment's DCC trust list and EU value sets, and (department checkpoints) the department's hosts,
 * versioned by the building's data version (the ETag), signed by the hub, with the deployment's identity key and the building's subject key sealed to that terminal
 * (64 bytes: identity key, then building key; docs/identity-qr.md § One subject identity). The payload of a (checkpoint, version) is built once and cached for a while
 * (declarations that expire meanwhile are dropped at the next build; terminals drop them themselves too).
 */
import { DEFAULT_POLICY, dccValueSetsVersion } from '../../core/index.js';
import { bundleSignatureText, subjectKeySealInfo, type BundleContent, type BundleIssuer, type SignedBundle } from '../protocol.js';
import { sealToTerminal, sha256Hex } from '../crypto/hub-crypto.js';
import { bundleHubKeysOf, signBundleText } from '../crypto/hub-key-set.js';
import type { HubKeys } from '../crypto/hub-keys.js';
import type { HubStore, TerminalRecord } from '../storage/hub-store.js';
import { HubError } from './hub-error.js';
import { bundleSignerOf } from './dcc-trust-list.js';

const PAYLOAD_MAX_AGE_MS = 3_600_000;

interface CachedPayload {
  readonly payload: string;
  readonly sha256: string;
  readonly builtAt: number;
}

export type BundleAnswer = { readonly notModified: true; readonly etag: string } | { readonly notModified: false; readonly etag: string; readonly bundle: SignedBundle };

/**
 * The bundle's ETag: its data version, plus a digest of the app version pin (a changed pin is a changed bundle) and
 * the tag of the key sets this process serves (hub signing keys, declaration issuer keys).
 */
export function etagOf(version: number, appVersion?: string, keySetTag?: string): string {
  const pin = appVersion === undefined ? '' : `-${sha256Hex(appVersion).slice(0, 12)}`;
  return `"v${version}${pin}${keySetTag === undefined ? '' : `-k${keySetTag}`}"`;
}

export class BundleService {
  private readonly cache = new Map<string, CachedPayload>();

  constructor(
    private readonly store: HubStore,
    private readonly keys: HubKeys,
    /** The app version pin of a terminal (hub/config/app-version-pins.ts); none by default. */
    private readonly appVersionPin: (terminal: TerminalRecord) => string | undefined = () => undefined,
    /**
     * The hub's own declaration issuer keys at a given time (every bundle carries them: current, announced, previous
     * until their tokens expired; hub/declare/declaration-key-set.ts) and the public page address, when configured.
     */
    private readonly declarationPage: { readonly issuers?: (now: number) => readonly BundleIssuer[]; readonly publicUrl?: string } = {},
  ) {
    const issuers = declarationPage.issuers?.(Date.now());
    this.hubKeys = bundleHubKeysOf(keys.keySet);
    this.keySetTag = sha256Hex(JSON.stringify({ hubKeys: this.hubKeys, ...(issuers ? { issuers } : {}) })).slice(0, 12);
  }

  private readonly hubKeys: BundleContent['hubKeys'];

  /**
   * Digest of the key sets this process serves, folded into the ETag: a hub restarted with a rotated hub or declaration
   * key serves other keys under the same data version, and a terminal's If-None-Match must not hide them.
   */
  private readonly keySetTag: string;

  async bundleFor(terminal: TerminalRecord, ifNoneMatch: string | undefined, now: number): Promise<BundleAnswer> {
    const building = await this.store.buildings.building(terminal.buildingId);
    if (!building) throw new HubError('NOT_FOUND', `building ${terminal.buildingId} no longer exists`);
    const appVersion = this.appVersionPin(terminal);
    const etag = etagOf(building.dataVersion, appVersion, this.keySetTag);
    if (ifNoneMatch === etag) return { notModified: true, etag };
    const cached = await this.payload(terminal, building.dataVersion, appVersion, now);
    const keys = Buffer.concat([await this.store.secrets.identityKey(), building.subjectKey]);
    const sealedSubjectKey = sealToTerminal(keys, terminal.agreementPublicKey, subjectKeySealInfo(terminal.terminalId));
    const unsigned = { terminalId: terminal.terminalId, version: building.dataVersion, payload: cached.payload, payloadSha256: cached.sha256, sealedSubjectKey };
    return { notModified: false, etag, bundle: { ...unsigned, ...signBundleText(this.keys.keySet, bundleSignatureText(unsigned)) } };
  }

  /** The stored EU value sets, compactly (id, date, codes) with their version; nothing while none is stored. */
  private async valueSets(): Promise<Pick<BundleContent, 'dccValueSets'>> {
    const sets = await this.store.dccValueSets.list();
    if (sets.length === 0) return {};
    return { dccValueSets: { version: dccValueSetsVersion(sets), sets: sets.map(({ id, date, codes }) => ({ id, date, codes })) } };
  }

  private async payload(terminal: TerminalRecord, version: number, appVersion: string | undefined, now: number): Promise<CachedPayload> {
    const key = `${terminal.checkpointId}\n${version}\n${appVersion ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && now - hit.builtAt < PAYLOAD_MAX_AGE_MS) return hit;
    const checkpoint = await this.store.buildings.checkpoint(terminal.checkpointId);
    if (!checkpoint) throw new HubError('CHECKPOINT_UNKNOWN', `checkpoint ${terminal.checkpointId} no longer exists`);
    const data = await this.store.buildings.buildingData(terminal.buildingId, now);
    const department = checkpoint.policy.department;
    const content: BundleContent = {
      format: 1,
      version,
      issuedAt: now,
      buildingId: terminal.buildingId,
      checkpointId: checkpoint.checkpointId,
      checkpointName: checkpoint.name,
      policy: { ...DEFAULT_POLICY, ...checkpoint.policy },
      issuers: [...data.issuers, ...(this.declarationPage.issuers?.(now) ?? [])],
      revocations: data.revocations,
      declarations: data.declarations,
      staff: data.staff,
      dccSigners: (await this.store.dccSigners.list()).map(bundleSignerOf),
      ...(await this.valueSets()),
      ...(department ? { hosts: await this.store.hosts.hostsOf(terminal.buildingId, department) } : {}),
      ...(appVersion !== undefined ? { appVersion } : {}),
      hubKeys: this.hubKeys,
      ...(this.declarationPage.publicUrl ? { declarationPageUrl: `${this.declarationPage.publicUrl.replace(/\/$/, '')}/c/${encodeURIComponent(checkpoint.checkpointId)}` } : {}),
    };
    const payload = JSON.stringify(content);
    const built = { payload, sha256: sha256Hex(payload), builtAt: now };
    // Older data versions of this checkpoint go; other pins of the same version (per-terminal pins) stay.
    for (const k of this.cache.keys()) if (k.startsWith(`${terminal.checkpointId}\n`) && !k.startsWith(`${terminal.checkpointId}\n${version}\n`)) this.cache.delete(k);
    this.cache.set(key, built);
    return built;
  }
}
