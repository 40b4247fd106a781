/**
 * Numbered migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last applied.
 * Never edit a shipped migration: add the next number.
 */
import { m0001EntryRegister } from './0001-entry-register.js';
import { m0002DeclarationsRevocations } from './0002-declarations-revocations-passages.js';
import { m0003Overrides } from './0003-overrides.js';
import { m0004PassageConfirmation } from './0004-passage-confirmation.js';
import { m0005HubSync } from './0005-hub-sync.js';
import { m0006BuildingDoorPassages } from './0006-building-door-passages.js';
import { m0007StorageProbe } from './0007-storage-probe.js';
import { m0009VisitorHosts } from './0009-visitor-hosts.js';
import { m0010PhoneCheckins } from './0010-phone-checkins.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001EntryRegister, m0002DeclarationsRevocations, m0003Overrides, m0004PassageConfirmation, m0005HubSync, m0006BuildingDoorPassages, m0007StorageProbe, m0009VisitorHosts, m0010PhoneCheckins];
