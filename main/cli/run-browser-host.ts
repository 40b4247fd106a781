/** `gate-terminal start`: composition root + browser host + fail-safe handlers; prints where to open the screen. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { testControlsRequested } from '../../core/index.js';
import type { GateConfig } from '../config/load-config.js';
import { issueDeclaration } from './issue-declaration.js';
import { loadConfig } from '../config/load-config.js';
import { createGateApp } from '../composition/create-gate-app.js';
import { startBrowserHost } from '../host/browser-host.js';
import { createLogger, startLogFiles } from '../platform/logger.js';
import { installFailSafe } from '../process/fail-safe.js';
import { registerReadable, startHostWatchdog, type HostWatchdog } from '../process/start-watchdog.js';
import { appRoot } from './app-root.js';

export async function runBrowserHost(configPath: string): Promise<void> {
  const logger = createLogger('host');
  const config = loadConfig(configPath);
  await startLogFiles(config, logger);
  const app = await createGateApp(config, { hostMode: 'browser', logger });
  const hostRef: { current?: Awaited<ReturnType<typeof startBrowserHost>> } = {};
  const watchdog: { current?: HostWatchdog } = {};
  installFailSafe([app.hardware.relay], logger, {
    onSignal: () => {
      void (async () => {
        watchdog.current?.stop();
        await hostRef.current?.close();
        await app.close();
        process.exit(0);
      })();
    },
  });
  const host = (hostRef.current = await startBrowserHost(app, {
    host: config.host.listenHost,
    port: config.host.port,
    rendererDir: join(appRoot(), 'dist', 'renderer'),
    logger,
    onRendererBeat: () => watchdog.current?.rendererBeat(),
    // The test-only controls (core/contract/test-contract.ts) exist only in a host the tests started.
    testControls: testControlsRequested(process.env),
  }));
  // Under systemd (gate-terminal-host.service): READY=1 now, WATCHDOG=1 while the kiosk browser's screen beats.
  watchdog.current = startHostWatchdog({ logger, gateCheck: registerReadable(app.register) });
  // One machine-readable line first (tests and scripts wait for it), then the human text.
  process.stdout.write(`GATE_TERMINAL_URL=${host.url}\n`);
  process.stdout.write(
    `gate-terminal: browser host for terminal ${config.terminal.id} at "${config.checkpoint.name}"\n` +
      `  open ${host.url} in a browser (register: ${join(config.storage.dataDir, 'register.sqlite')})\n`,
  );
  printSampleTokens(config);
}

/**
 * While the repository's TEST issuer is trusted, print two sample tokens so the person who just ran `npm start` can
 * paste them into the screen's test box: one that is admitted and one that has expired.
 */
function printSampleTokens(config: GateConfig): void {
  const test = config.trust.issuers.find((i) => i.test);
  const privateKeyFile = test && join(dirname(test.publicKeyFile), 'private.pem');
  if (!privateKeyFile || !existsSync(privateKeyFile)) return;
  const privateKeyPem = readFileSync(privateKeyFile, 'utf8');
  const valid = issueDeclaration({ privateKeyPem, name: 'Nguyễn Văn An' });
  const expired = issueDeclaration({ privateKeyPem, name: 'Trần Thị Bình', declaredAt: Date.now() - 30 * 3_600_000 });
  process.stdout.write(`  sample tokens (TEST key), paste into "Quét thử":
    valid:   ${valid}
    expired: ${expired}
`);
}
