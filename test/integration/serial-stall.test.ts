/**
 * The serial framer across a stalled host (issue 17): a scanner without suffix (idle-gap framing, 50 ms) sends a
 * token in two halves 15 ms apart, from its own process (socat running a shell script), while the terminal's event
 * loop is blocked for 150 ms right after it read the first half — as a long synchronous task or an SD card's fsync
 * would. The token arrives whole, once; before the fix the idle gap was measured at read time and cut it in two.
 * Needs socat (`apt-get install -y socat`): fails, never skips, without it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'vitest';
import { DEFAULT_FRAMER_OPTIONS } from '../../hardware/scanner/payload-framer.js';
import { SerialScanner } from '../../hardware/scanner/serial-scanner.js';
import { nodeSerialTransport, type SerialTransport } from '../../hardware/scanner/serial-transport.js';
import { tempDir } from '../support/paths.js';
import { TEST_LINE, watch } from '../support/serial-scanner-harness.js';
import { requireSocat, SOCAT_PATH } from '../support/socat.js';

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the event loop is blocked, as by a long synchronous task
  }
}

/** The real transport, with the host stalling for `stallMs` right after the first chunk it reads. */
function stallingTransport(stallMs: number): SerialTransport {
  const real = nodeSerialTransport();
  let stalled = false;
  return {
    list: () => real.list(),
    present: (path) => real.present(path),
    async open(path, settings) {
      const connection = await real.open(path, settings);
      return {
        onClose: (listener) => connection.onClose(listener),
        close: () => connection.close(),
        onData: (listener) =>
          connection.onData((chunk) => {
            listener(chunk);
            if (!stalled) {
              stalled = true;
              busyWait(stallMs);
            }
          }),
      };
    },
  };
}

it('a token sent in two halves while the host is stalled is framed once, whole', async () => {
  requireSocat();
  const dir = tempDir('serial-stall');
  const link = join(dir, 'ttyScanner');
  const go = join(dir, 'go');
  const script = `while [ ! -f ${go} ]; do sleep 0.005; done; printf 'KBYT1:FIRST-HALF-'; sleep 0.015; printf 'SECOND-HALF'; sleep 5`;
  const socat = spawn(SOCAT_PATH, [`pty,raw,echo=0,link=${link}`, `SYSTEM:${script}`], { stdio: 'ignore' });
  try {
    while (!existsSync(link)) await sleep(10); // until socat has made the pty (the test's timeout bounds it)
    const scanner = new SerialScanner({
      id: 'stalled', path: link, line: TEST_LINE, framing: { ...DEFAULT_FRAMER_OPTIONS, terminator: 'idle', interByteTimeoutMs: 50 }, text: {}, debounceMs: 0, reconnectIntervalMs: 20,
      transport: stallingTransport(150),
    });
    const watched = watch(scanner);
    await scanner.start();
    try {
      await watched.waitForHealth('connected');
      writeFileSync(go, '');
      assert.deepEqual(await watched.waitForReads(1), ['KBYT1:FIRST-HALF-SECOND-HALF']);
      // Kept pause: "no second read" is the behaviour; the script's second half was already in the first read, so
      // load cannot produce another one, only make this check prove less.
      await sleep(300);
      assert.deepEqual(watched.reads, ['KBYT1:FIRST-HALF-SECOND-HALF'], 'one read, not two halves');
    } finally {
      await scanner.stop();
    }
  } finally {
    socat.kill('SIGKILL');
  }
});
