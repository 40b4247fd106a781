/**
 * Which app version a terminal must run, from the hub config: the most specific `appVersion` wins — the terminal's
 * entry in `terminalAppVersions` (by its hub terminal id, or by the name it enrolled with), then its checkpoint, its
 * building, the building's organisation, and the hub-wide `appVersion`. Each is an exact version or a semver range
 * (core/version/app-version.ts), checked when the config loads. The pin travels in the signed bundle.
 */
import { z } from 'zod';
import { isValidVersionRange } from '../../core/index.js';

export const appVersionRange = z.string().trim().min(1).max(200).refine(isValidVersionRange, 'must be a version (1.4.2) or a semver range (^1.4.0, >=1.4.0 <2.0.0, 1.4.x)');

export interface AppVersionPinSource {
  readonly appVersion?: string | undefined;
  readonly terminalAppVersions?: Readonly<Record<string, string>>;
  readonly organisations: readonly { readonly id: string; readonly appVersion?: string | undefined }[];
  readonly buildings: readonly {
    readonly id: string;
    readonly organisation?: string | undefined;
    readonly appVersion?: string | undefined;
    readonly checkpoints: readonly { readonly id: string; readonly appVersion?: string | undefined }[];
  }[];
}

export interface PinnedTerminal {
  readonly terminalId: string;
  readonly name: string;
  readonly checkpointId: string;
  readonly buildingId: string;
}

export function appVersionPinFor(config: AppVersionPinSource, terminal: PinnedTerminal): string | undefined {
  const byTerminal = config.terminalAppVersions?.[terminal.terminalId] ?? config.terminalAppVersions?.[terminal.name];
  if (byTerminal) return byTerminal;
  const building = config.buildings.find((b) => b.id === terminal.buildingId);
  const checkpoint = building?.checkpoints.find((c) => c.id === terminal.checkpointId);
  const organisation = building?.organisation ? config.organisations.find((o) => o.id === building.organisation) : undefined;
  return checkpoint?.appVersion ?? building?.appVersion ?? organisation?.appVersion ?? config.appVersion;
}
