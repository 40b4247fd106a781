/**
 * The folder holding package.json, config/ and dist/. Bundled code lives in dist/, sources in main/cli/: both are
 * found by walking up from this module to the nearest package.json named gate-terminal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function appRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'gate-terminal') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the gate-terminal package root');
    dir = parent;
  }
}
