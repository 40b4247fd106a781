/**
 * Structured log lines (pino: JSON, one per line, with `time`, `level`, `component`, `event`) on stderr and, once
 * `configureLogging` ran, also in size- and day-rotated files (pino-roll) of which the newest N are kept.
 *
 * Never logs payloads, names, ID numbers or health answers — only codes, sequence numbers and errors — because logs
 * leave the terminal more easily than the register does. Two guards behind the callers' discipline: pino's `redact`
 * for fields with such names, and a scrubber that masks any run of 9–12 digits (CMND / CCCD numbers) in any value.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface LogSettings {
  readonly dir: string;
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly maxFileMB: number;
  readonly keepFiles: number;
  /** Also on stderr (default true; journald collects it under systemd). */
  readonly stderr?: boolean;
}

/** Field names whose values never reach a log line, at the top level and one level down. */
const SECRET_FIELDS = ['payload', 'idNumber', 'answers', 'fullName', 'phone', 'token', 'pin'];
export const REDACTED = '[redacted]';
const ID_NUMBER = /\d{9,12}/g;

/** Masks ID-number-like digit runs in every string of a log record (depth-limited; errors become {name, message}). */
export function scrubLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(ID_NUMBER, '[id]');
  if (value instanceof Error) return { name: value.name, message: scrubLogValue(value.message), ...((value as { code?: unknown }).code ? { code: (value as { code?: unknown }).code } : {}) };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubLogValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubLogValue(v, depth + 1)]));
}

function createRoot(stream: DestinationStream, level: LogSettings['level']): PinoLogger {
  return pino(
    {
      level,
      base: undefined,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: REDACTED },
      formatters: { level: (label) => ({ level: label }), log: (record) => scrubLogValue(record) as Record<string, unknown> },
    },
    stream,
  );
}

let root = createRoot(pino.destination({ fd: 2, sync: true }), 'info');
let generation = 0;
let closeFiles: () => Promise<void> = () => Promise.resolve();

export function createLogger(component: string): Logger {
  let child: PinoLogger | undefined;
  let childGeneration = -1;
  const current = () => {
    if (childGeneration !== generation) {
      child = root.child({ component });
      childGeneration = generation;
    }
    return child!;
  };
  return {
    info: (event, fields) => current().info(fields ?? {}, event),
    warn: (event, fields) => current().warn(fields ?? {}, event),
    error: (event, fields) => current().error(fields ?? {}, event),
  };
}

type RollStream = DestinationStream & { end(): void; on(event: 'error', listener: (error: Error) => void): void; once(event: 'close', listener: () => void): void };
type RollBuilder = (options: Record<string, unknown>) => Promise<RollStream>;

/**
 * From now on every logger (also those created before) writes to stderr and to `<dir>/gate.<date>.<n>.log`, rotated
 * at `maxFileMB` and daily, keeping `keepFiles` rotated files. Returns a function that goes back to stderr only and
 * resolves once the file is flushed and closed.
 */
export async function configureLogging(settings: LogSettings): Promise<() => Promise<void>> {
  mkdirSync(settings.dir, { recursive: true });
  const build = createRequire(import.meta.url)('pino-roll') as RollBuilder;
  const file = await build({
    file: join(settings.dir, 'gate'),
    extension: '.log',
    dateFormat: 'yyyy-MM-dd',
    frequency: 'daily',
    size: `${Math.max(1, Math.round(settings.maxFileMB * 1024))}k`,
    limit: { count: settings.keepFiles },
    mkdir: true,
  });
  void closeFiles();
  const stderr = { level: settings.level, stream: pino.destination({ fd: 2, sync: true }) };
  const streams = [...(settings.stderr === false ? [] : [stderr]), { level: settings.level, stream: file }];
  root = createRoot(pino.multistream(streams), settings.level);
  generation++;
  const backToStderr = () => {
    root = createRoot(pino.destination({ fd: 2, sync: true }), settings.level);
    generation++;
  };
  // A full or read-only disk must not take the gate down through its log: fall back to stderr and say so there.
  file.on('error', (error) => {
    backToStderr();
    createLogger('logger').error('log-file-failed', { dir: settings.dir, error });
  });
  closeFiles = () => {
    const closed = new Promise<void>((resolve) => file.once('close', resolve));
    file.end();
    return closed;
  };
  return () => {
    backToStderr();
    const closing = closeFiles();
    closeFiles = () => Promise.resolve();
    return closing;
  };
}

/** `configureLogging` for a host: a log folder that cannot be written leaves stderr only, with a warning, not a dead gate. */
export async function startLogFiles(config: { readonly logging: LogSettings }, logger: Logger): Promise<void> {
  try {
    await configureLogging(config.logging);
  } catch (error) {
    logger.warn('log-files-unavailable', { dir: config.logging.dir, error });
  }
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
