/**
 * The terminal ↔ hub wire shapes, shared by the terminal's sync worker and the hub's HTTP API (issue: hub and offline
 * sync). Entries travel as register rows keyed by (terminalId, seq); the hub answers with the highest contiguous seq
 * it holds, which is what makes delivery exactly-once: the terminal marks rows delivered only up to that number.
 */
import type { CredentialKind, Direction, Outcome, ReasonCode, ScanSource } from '../core/index.js';

export interface UploadedEntry {
  readonly id: string;
  readonly terminalId: string;
  readonly seq: number;
  readonly checkpointId: string;
  readonly direction: Direction;
  readonly outcome: Outcome;
  readonly reasons: readonly ReasonCode[];
  readonly credentialKind: CredentialKind;
  readonly credentialId: string | null;
  readonly subjectHmac: string | null;
  readonly displayName: string;
  readonly scanSource: ScanSource;
  readonly wallTime: number;
  readonly monoTime: number;
  readonly bootId: string;
}

export interface EntryBatch {
  readonly terminalId: string;
  readonly entries: readonly UploadedEntry[];
}

export interface EntryBatchAck {
  /** Highest seq such that the hub holds every entry 1..seq of this terminal. */
  readonly contiguousSeq: number;
  /** Hub wall time when answering, for the terminal's clock-offset estimate. */
  readonly hubTime: number;
}
