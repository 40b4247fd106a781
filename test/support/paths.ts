import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_ISSUER_PRIVATE = join(ROOT, 'config', 'test-issuer', 'private.pem');
export const TEST_ISSUER_PUBLIC = join(ROOT, 'config', 'test-issuer', 'public.pem');
export const CLI = join(ROOT, 'bin', 'gate-terminal.mjs');
const BUNDLE = join(ROOT, 'dist', 'cli.mjs');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gate-${prefix}-`));
}

/** Tests that spawn the built CLI need dist/; build it once if a single test file is run on its own. */
export function ensureBuilt(): void {
  if (!existsSync(BUNDLE) || !existsSync(join(ROOT, 'dist', 'renderer', 'app.js'))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
}
