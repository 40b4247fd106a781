/**
 * Structured log lines (JSON, one per line) on stderr. Deliberately tiny; never logs payloads or names, only codes,
 * sequence numbers and errors, because logs leave the terminal more easily than the register does.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

function write(level: string, component: string, event: string, fields: Record<string, unknown> = {}): void {
  const err = fields.error instanceof Error ? { error: { name: fields.error.name, message: fields.error.message } } : {};
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, component, event, ...fields, ...err }) + '\n');
}

export function createLogger(component: string): Logger {
  return {
    info: (event, fields) => write('info', component, event, fields),
    warn: (event, fields) => write('warn', component, event, fields),
    error: (event, fields) => write('error', component, event, fields),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
