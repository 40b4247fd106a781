/**
 * Structured logs: pino JSON lines (time, level, component, event) in rotated files that keep only the newest N,
 * and the redaction promise — no ID number, health answer, payload or token ever reaches a log line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { configureLogging, createLogger, REDACTED } from '../../../main/platform/logger.js';
import { waitFor } from '../../support/wait-for.js';
import { tempDir } from '../../support/paths.js';

const ID_NUMBER = '079201001234';

/** Whether the line of tick `i` is in one of the files of `dir` yet (the transport writes on its own thread). */
function written(dir: string, i: number): boolean {
  const line = new RegExp(`"i":${i}[,}]`);
  return readdirSync(dir).some((f) => f.endsWith('.log') && line.test(readFileSync(join(dir, f), 'utf8')));
}

function logLines(dir: string): Record<string, unknown>[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('logger (pino + pino-roll)', () => {
  const dir = tempDir('logs');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes JSON lines with level, time, component and event, also from loggers created before configuring', async () => {
    const early = createLogger('early');
    const close = await configureLogging({ dir, level: 'info', maxFileMB: 1, keepFiles: 3, stderr: false });
    early.info('started', { seq: 7 });
    createLogger('gate').error('register-write-failed', { error: Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' }) });
    await close();
    const lines = logLines(dir);
    const started = lines.find((l) => l.event === 'started')!;
    assert.equal(started.level, 'info');
    assert.equal(started.component, 'early');
    assert.equal(started.seq, 7);
    assert.match(String(started.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const failed = lines.find((l) => l.event === 'register-write-failed')!;
    assert.deepEqual(failed.error, { name: 'Error', message: 'SQLITE_FULL: database or disk is full', code: 'SQLITE_FULL' });
  });

  it('never writes ID numbers, health answers, payloads or tokens', async () => {
    const close = await configureLogging({ dir, level: 'info', maxFileMB: 1, keepFiles: 3, stderr: false });
    const logger = createLogger('redaction');
    logger.warn('paper-declaration', { idNumber: ID_NUMBER, answers: { fever: true, cough: false }, fullName: 'Nguyễn Văn An', phone: '0901234567' });
    logger.warn('scan-failed', { source: 'wedge', payload: `CCCD|${ID_NUMBER}|Nguyễn Văn An`, nested: { idNumber: ID_NUMBER, token: 'GTE1.0011223344556677.secret' } });
    logger.error('lookup-failed', { error: new Error(`no declaration for ${ID_NUMBER}`), detail: `number ${ID_NUMBER} and CMND 123456789` });
    await close();
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    for (const secret of [ID_NUMBER, '123456789', 'fever', 'Nguyễn Văn An', '0901234567', 'GTE1.0011223344556677']) {
      assert.ok(!text.includes(secret), `the log contains "${secret}"`);
    }
    const lines = logLines(dir);
    assert.equal(lines.find((l) => l.event === 'paper-declaration')!.answers, REDACTED);
    assert.equal((lines.find((l) => l.event === 'scan-failed')!.nested as Record<string, unknown>).idNumber, REDACTED);
    assert.equal(lines.find((l) => l.event === 'lookup-failed')!.detail, 'number [id] and CMND [id]');
  });

  it('rotates by size and keeps only the newest files', async () => {
    const rotated = tempDir('logs-rotate');
    try {
      const close = await configureLogging({ dir: rotated, level: 'info', maxFileMB: 0.01, keepFiles: 2, stderr: false });
      const logger = createLogger('rotation');
      // Bursts of 100 lines (~10 KB, the size limit), each written out before the next begins, as in a running app:
      // pino-roll checks the size between writes, so a whole run written in one go (a loaded machine delays the
      // transport's thread) would land in one file. Waiting for the burst's last line makes rotation happen at any load.
      for (let i = 0; i < 2000; i++) {
        logger.info('tick', { i, filler: 'x'.repeat(40) });
        if (i % 100 === 99) await waitFor(() => written(rotated, i), `log line ${i} on disk`);
      }
      await close();
      const files = readdirSync(rotated).filter((f) => f.endsWith('.log'));
      assert.ok(files.length >= 2 && files.length <= 3, `expected 2 kept + 1 active file at most, got ${files.join(', ')}`);
      const ticks = logLines(rotated).map((l) => l.i as number);
      assert.equal(Math.max(...ticks), 1999, 'the newest lines are kept');
      assert.ok(Math.min(...ticks) > 0, 'the oldest lines were rotated away');
    } finally {
      rmSync(rotated, { recursive: true, force: true });
    }
  });
});
