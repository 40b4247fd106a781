/**
 * Electron entry (dist/electron-main.mjs). The only file that imports the real `electron` module at runtime.
 * Config comes from GATE_TERMINAL_CONFIG or the default config next to the app.
 */
import * as electron from 'electron';
import { join } from 'node:path';
import { appRoot } from '../cli/app-root.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { createLogger, startLogFiles } from '../platform/logger.js';
import { runElectronMain } from './electron-app.js';

const logger = createLogger('electron');
const root = appRoot();
try {
  const config = loadConfig(process.env.GATE_TERMINAL_CONFIG ?? join(root, 'config', 'default.yaml'));
  await startLogFiles(config, logger);
  await runElectronMain(electron, { config, distDir: join(root, 'dist'), logger, production: electron.app.isPackaged });
} catch (error) {
  logger.error('start-failed', { error: error as Error });
  process.stderr.write(`gate-terminal: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  electron.app.exit(2);
}
