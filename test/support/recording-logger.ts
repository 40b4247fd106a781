/** A Logger that keeps its lines in memory, so tests can assert what was logged (and that the terminal stays quiet). */
import type { Logger } from '../../main/platform/logger.js';

export interface LoggedLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly fields: Record<string, unknown>;
}

export interface RecordingLogger extends Logger {
  readonly lines: LoggedLine[];
  events(level?: LoggedLine['level']): string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: LoggedLine[] = [];
  const at =
    (level: LoggedLine['level']) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    events: (level) => lines.filter((l) => level === undefined || l.level === level).map((l) => l.event),
  };
}
