/**
 * Runs runElectronMain against the fake electron module and a real gate app (simulated hardware, a temp register),
 * and shuts it down the way Electron would: 'will-quit', then app.exit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type GateConfig } from '../../main/config/load-config.js';
import { runElectronMain, type ElectronMainHandle, type ElectronMainOptions } from '../../main/electron/electron-app.js';
import { createFakeElectron, fakeEvent, type FakeElectron, type FakeElectronOptions } from './fake-electron.js';
import { writeTestConfig, type HostOptions } from './host-process.js';
import { tempDir } from './paths.js';
import { recordingLogger, type RecordingLogger } from './recording-logger.js';

export const TEST_INDEX_HTML = '<!doctype html><title>gate test</title>';

export interface HarnessOptions extends FakeElectronOptions {
  readonly host?: { kiosk?: boolean };
  readonly hostOptions?: HostOptions;
  readonly production?: boolean;
  readonly createApp?: ElectronMainOptions['createApp'];
  /** systemd's environment for the watchdog; an empty one (no NOTIFY_SOCKET) unless given. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface ElectronMainRun {
  readonly fake: FakeElectron;
  readonly logger: RecordingLogger;
  readonly config: GateConfig;
  readonly distDir: string;
  /** The pending or settled result of runElectronMain. */
  readonly started: Promise<ElectronMainHandle | undefined>;
  /** Fires 'will-quit' (as Electron does once every window is closed) and waits for app.exit. */
  quit(): Promise<{ firstEventPrevented: boolean; exitCode: number }>;
}

export function testGateConfig(options: { kiosk?: boolean; hostOptions?: HostOptions } = {}): GateConfig {
  const dataDir = tempDir('electron-main');
  const extraConfig = { host: { port: 0, mode: 'electron', kiosk: options.kiosk ?? false }, ...options.hostOptions?.extraConfig };
  return loadConfig(writeTestConfig(dataDir, { ...options.hostOptions, extraConfig }));
}

export function startElectronMain(options: HarnessOptions = {}): ElectronMainRun {
  const fake = createFakeElectron(options);
  const logger = recordingLogger();
  const config = testGateConfig({ kiosk: options.host?.kiosk ?? false, ...(options.hostOptions ? { hostOptions: options.hostOptions } : {}) });
  const distDir = join(tempDir('electron-dist'), 'dist');
  mkdirSync(join(distDir, 'renderer'), { recursive: true });
  writeFileSync(join(distDir, 'renderer', 'index.html'), TEST_INDEX_HTML);
  const started = runElectronMain(fake.electron, {
    config,
    distDir,
    logger,
    production: options.production ?? true,
    ...(options.createApp ? { createApp: options.createApp } : {}),
    env: options.env ?? {},
  });
  return {
    fake,
    logger,
    config,
    distDir,
    started,
    async quit() {
      await started;
      const event = fakeEvent();
      fake.app.emit('will-quit', event);
      const exitCode = await fake.exited;
      return { firstEventPrevented: event.defaultPrevented, exitCode };
    },
  };
}
