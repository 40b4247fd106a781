/**
 * The end of an e2e file that drove a browser against a real host: close Chromium, then stop the host and remove its
 * data directory — the host even when closing the browser failed, so no host process outlives its test file.
 */
import { rmSync } from 'node:fs';
import type { LaunchedChromium } from './chromium.js';
import type { RunningHost } from './host-process.js';

export async function closeBrowserAndHost(chromium: LaunchedChromium | undefined, host: RunningHost | undefined): Promise<void> {
  try {
    await chromium?.close();
  } finally {
    await host?.stop();
    if (host) rmSync(host.dataDir, { recursive: true, force: true });
  }
}
