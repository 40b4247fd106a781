/** `gate-terminal start`: composition root + browser host + fail-safe handlers; prints where to open the screen. */
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { createGateApp } from '../composition/create-gate-app.js';
import { startBrowserHost } from '../host/browser-host.js';
import { createLogger } from '../platform/logger.js';
import { installFailSafe } from '../process/fail-safe.js';
import { appRoot } from './app-root.js';

export async function runBrowserHost(configPath: string): Promise<void> {
  const logger = createLogger('host');
  const config = loadConfig(configPath);
  const app = await createGateApp(config, { hostMode: 'browser', logger });
  const hostRef: { current?: Awaited<ReturnType<typeof startBrowserHost>> } = {};
  installFailSafe([app.hardware.relay], logger, {
    onSignal: () => {
      void (async () => {
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
  }));
  // One machine-readable line first (tests and scripts wait for it), then the human text.
  process.stdout.write(`GATE_TERMINAL_URL=${host.url}\n`);
  process.stdout.write(
    `gate-terminal: browser host for terminal ${config.terminal.id} at "${config.checkpoint.name}"\n` +
      `  open ${host.url} in a browser (register: ${join(config.storage.dataDir, 'register.sqlite')})\n`,
  );
}
