/**
 * The app version each terminal reports (header x-gate-app-version on its signed requests), held in memory for the
 * running hub and logged when it changes, with whether it satisfies the terminal's pin. Not persisted: after a hub
 * restart every terminal reports again within one poll interval.
 */
import { checkAppVersion, parseSemVer } from '../../core/index.js';
import type { HubLogger } from '../hub-logger.js';
import type { TerminalRecord } from '../storage/hub-store.js';

export interface TerminalVersionReport {
  readonly appVersion: string;
  readonly required: string | null;
  readonly updateRequired: boolean;
  readonly reportedAt: number;
}

export class TerminalVersions {
  private readonly reports = new Map<string, TerminalVersionReport>();

  constructor(
    private readonly logger: HubLogger,
    private readonly pinFor: (terminal: TerminalRecord) => string | undefined,
  ) {}

  /** Records a request's reported version; a missing or malformed header (an older terminal) is ignored. */
  observe(terminal: TerminalRecord, header: string | string[] | undefined, now: number): void {
    if (typeof header !== 'string' || header.length > 64 || !parseSemVer(header)) return;
    const check = checkAppVersion(header, this.pinFor(terminal));
    const previous = this.reports.get(terminal.terminalId);
    this.reports.set(terminal.terminalId, { appVersion: header, required: check.required, updateRequired: check.updateRequired, reportedAt: now });
    if (previous?.appVersion === header && previous.required === check.required) return;
    const fields = { terminalId: terminal.terminalId, appVersion: header, required: check.required };
    if (check.updateRequired) this.logger.warn('terminal-update-required', fields);
    else this.logger.info('terminal-app-version', fields);
  }

  of(terminalId: string): TerminalVersionReport | undefined {
    return this.reports.get(terminalId);
  }
}
