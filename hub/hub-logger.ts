/** Structured log lines (JSON, one per line) on stderr, like the terminal's; never payloads or names. */
export interface HubLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function write(level: string, event: string, fields: Record<string, unknown> = {}): void {
  const err = fields.error instanceof Error ? { error: { name: fields.error.name, message: fields.error.message } } : {};
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, component: 'hub', event, ...fields, ...err }) + '\n');
}

export function createHubLogger(): HubLogger {
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

export const silentHubLogger: HubLogger = { info: () => {}, warn: () => {}, error: () => {} };
