/**
 * The app version each terminal reports (header x-gate-app-version on its signed requests), logged when it changes,
 * with whether it satisfies the terminal's pin. Kept in the store (terminal_versions, migration 10) so every hub replica's
 * fleet page shows it: written when it changes, else at most every REFRESH_MS per terminal and replica (a long poll
 * every few seconds must not become a write each time). This process's last reports are cached for `of`.
 */
import { checkAppVersion, parseSemVer } from '../../core/index.js';
import type { HubLogger } from '../hub-logger.js';
import { DeferredWrites } from '../storage/deferred-writes.js';
import type { HubCoordination } from '../storage/hub-coordination.js';
import type { TerminalRecord } from '../storage/hub-store.js';

const REFRESH_MS = 60_000;
/** Reports are written to the store in one statement every FLUSH_MS (10,000 terminals: ~170 a second otherwise). */
const FLUSH_MS = 2_000;

export interface TerminalVersionReport {
  readonly appVersion: string;
  readonly required: string | null;
  readonly updateRequired: boolean;
  readonly reportedAt: number;
}

export class TerminalVersions {
  private readonly reports = new Map<string, TerminalVersionReport>();
  private readonly pending: DeferredWrites<TerminalVersionReport>;

  constructor(
    private readonly logger: HubLogger,
    private readonly pinFor: (terminal: TerminalRecord) => string | undefined,
    private readonly coordination: HubCoordination,
  ) {
    this.pending = new DeferredWrites(
      (batch) => this.coordination.recordVersions([...batch].map(([terminalId, report]) => ({ terminalId, ...report }))),
      FLUSH_MS,
      (error, batch) => {
        for (const terminalId of batch.keys()) this.reports.delete(terminalId);
        this.logger.warn('terminal-versions-not-written', { terminals: batch.size, error: String(error) });
      },
    );
  }

  /**
   * Records a request's reported version; a missing or malformed header (an older terminal) is ignored. Kept here at
   * once, written to the store with others within FLUSH_MS (the request does not wait for it).
   */
  observe(terminal: TerminalRecord, header: string | string[] | undefined, now: number): void {
    if (typeof header !== 'string' || header.length > 64 || !parseSemVer(header)) return;
    const check = checkAppVersion(header, this.pinFor(terminal));
    const previous = this.reports.get(terminal.terminalId);
    const report = { appVersion: header, required: check.required, updateRequired: check.updateRequired, reportedAt: now };
    const same = previous?.appVersion === header && previous.required === check.required;
    if (same && now - previous.reportedAt < REFRESH_MS) return;
    this.reports.set(terminal.terminalId, report);
    this.pending.set(terminal.terminalId, report);
    if (same) return;
    const fields = { terminalId: terminal.terminalId, appVersion: header, required: check.required };
    if (check.updateRequired) this.logger.warn('terminal-update-required', fields);
    else this.logger.info('terminal-app-version', fields);
  }

  /** As last reported to this process (tests; the fleet page reads `ofAll`). */
  of(terminalId: string): TerminalVersionReport | undefined {
    return this.reports.get(terminalId);
  }

  /** As last reported to any replica (this one's pending reports written first). */
  async ofAll(terminalIds: readonly string[]): Promise<Map<string, TerminalVersionReport>> {
    await this.flush();
    return this.coordination.versions(terminalIds);
  }

  /** Writes the pending reports in one statement; a failure is logged and they are dropped (advisory, re-sent within REFRESH_MS). */
  flush(): Promise<void> {
    return this.pending.flush();
  }
}
