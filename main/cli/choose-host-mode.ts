/**
 * `npm start` picks the host: Electron when its binary is installed and can show a window, otherwise the browser host.
 * `chooseHostMode` is pure (every fact is an argument); `findElectronBinary` looks at the disk without loading the
 * `electron` package, whose entry point would try to download the binary.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type ConfiguredHostMode = 'auto' | 'electron' | 'browser';
export type HostMode = 'electron' | 'browser';

export interface HostModeFacts {
  /** `host.mode` from the config. */
  readonly configuredMode: ConfiguredHostMode;
  /** Absolute path of the Electron executable, or undefined when it is not installed (see findElectronBinary). */
  readonly electronBinary: string | undefined;
  readonly env: { readonly DISPLAY?: string | undefined; readonly WAYLAND_DISPLAY?: string | undefined };
  /** Only Linux and the BSDs need DISPLAY / WAYLAND_DISPLAY; default 'linux'. */
  readonly platform?: NodeJS.Platform;
  /** Chromium will not start its sandbox as root, and the app does not run unsandboxed. */
  readonly runningAsRoot?: boolean;
}

export interface HostModeChoice {
  readonly mode: HostMode;
  /** One sentence for the console: why this host. */
  readonly reason: string;
}

const NEEDS_DISPLAY_VARIABLE = (platform: NodeJS.Platform) => platform !== 'darwin' && platform !== 'win32';

/** Why Electron cannot run here, or undefined when it can. */
function electronObstacle(facts: HostModeFacts): string | undefined {
  if (facts.electronBinary === undefined) {
    return 'the Electron binary is not installed (it is fetched on first launch, which needs internet)';
  }
  const platform = facts.platform ?? 'linux';
  if (NEEDS_DISPLAY_VARIABLE(platform) && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) {
    return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  }
  if (facts.runningAsRoot && platform === 'linux') {
    return "the process runs as root, where Electron's renderer sandbox refuses to start";
  }
  return undefined;
}

export function chooseHostMode(facts: HostModeFacts): HostModeChoice {
  if (facts.configuredMode === 'browser') {
    return { mode: 'browser', reason: 'host.mode is "browser" in the config' };
  }
  const obstacle = electronObstacle(facts);
  if (facts.configuredMode === 'electron') {
    return obstacle === undefined
      ? { mode: 'electron', reason: 'host.mode is "electron" in the config' }
      : { mode: 'browser', reason: `host.mode is "electron" but ${obstacle}; falling back to the browser host` };
  }
  return obstacle === undefined
    ? { mode: 'electron', reason: 'host.mode is "auto", the Electron binary is installed and a display is available' }
    : { mode: 'browser', reason: `${capitalise(obstacle)}; using the browser host` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The Electron executable under `root`/node_modules/electron, as the package's own index.js finds it (path.txt names
 * the executable inside dist/; ELECTRON_OVERRIDE_DIST_PATH replaces dist/), or undefined when it is not there.
 */
export function findElectronBinary(root: string, env: { readonly ELECTRON_OVERRIDE_DIST_PATH?: string | undefined } = process.env): string | undefined {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  let executable: string | undefined;
  if (existsSync(pathFile)) {
    try {
      executable = readFileSync(pathFile, 'utf8').trim() || undefined;
    } catch {
      executable = undefined;
    }
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron');
    return isFile(overridden) ? overridden : undefined;
  }
  if (executable === undefined) return undefined;
  const binary = join(packageDir, 'dist', executable);
  return isFile(binary) ? binary : undefined;
}
