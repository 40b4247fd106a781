/**
 * Numbered migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last applied.
 * Never edit a shipped migration: add the next number.
 */
import { m0001EntryRegister } from './0001-entry-register.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001EntryRegister];
