/** The layering rules of docs/architecture.md are enforced by lint: prove each one fires on a violating file. */
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ESLint } from 'eslint';
import { ROOT } from '../support/paths.js';

const eslint = new ESLint({ cwd: ROOT });

async function violations(filePath: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// The first lint builds the TypeScript program for the whole repository: minutes on a loaded machine.
test('core/ may not touch Node, I/O libraries, other layers, the clock or randomness', { timeout: 240_000 }, async () => {
  const messages = await violations(
    'core/base45.ts',
    [
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import { APP_VERSION } from '../main/version.js';",
      "import { SimulatedScanner } from '../hardware/scanner/simulated-scanner.js';",
      'export const a = [readFileSync, Database, APP_VERSION, SimulatedScanner, Date.now(), Math.random(), new Date(), process.env];',
    ].join('\n'),
  );
  for (const expected of ["'node:fs'", "'better-sqlite3'", "'../main/version.js'", "'../hardware/scanner/simulated-scanner.js'", "'Date.now'", "'Math.random'", 'core takes time', "'process'"]) {
    assert.ok(messages.some((m) => m.includes(expected)), `expected a violation mentioning ${expected}: ${messages.join(' | ')}`);
  }
});

test('the renderer may not import Node modules or the host', async () => {
  const messages = await violations('renderer/main.tsx', "import fs from 'fs';\nimport { createGateApp } from '../main/composition/create-gate-app.js';\nexport const x = [fs, createGateApp];\n");
  assert.equal(messages.filter((m) => m.startsWith('@typescript-eslint/no-restricted-imports')).length, 2, messages.join(' | '));
});

test('hardware drivers import native modules lazily only', async () => {
  const eager = await violations('hardware/scanner/scanner.ts', "import { SerialPort } from 'serialport';\nexport const s = SerialPort;\n");
  assert.ok(eager.some((m) => m.includes("'serialport'")), eager.join(' | '));
  const lazy = await violations('hardware/scanner/scanner.ts', "export async function open() { const { SerialPort } = await import('serialport'); return SerialPort; }\n");
  assert.deepEqual(lazy.filter((m) => m.includes('restricted')), []);
});

test('only the Electron entry may import electron at runtime; type imports are fine elsewhere', async () => {
  const runtime = await violations('main/electron/electron-app.ts', "import { app } from 'electron';\nexport const a = app;\n");
  assert.ok(runtime.some((m) => m.includes("'electron'")), runtime.join(' | '));
  const typeOnly = await violations('main/electron/electron-app.ts', "import type { App } from 'electron';\nexport type A = App;\n");
  assert.deepEqual(typeOnly.filter((m) => m.includes('restricted')), []);
});

test('the hub depends on core only', async () => {
  const messages = await violations('hub/protocol.ts', "import { GateService } from '../main/gate/gate-service.js';\nexport const g = GateService;\n");
  assert.ok(messages.some((m) => m.includes('hub/ depends on core only')), messages.join(' | '));
});
