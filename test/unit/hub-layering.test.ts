/**
 * The terminal and the hub are two programs that share only core: main/ never imports hub/ (the terminal talks to
 * the hub over HTTP), hub/ never imports main/, and the wire protocol both use lives in core/contract (pure).
 */
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
test('main/ may not import the hub (the sync worker speaks HTTP)', { timeout: 240_000 }, async () => {
  const messages = await violations('main/sync/sync-worker.ts', "import { startHub } from '../../hub/hub-app.js';\nexport const s = startHub;\n");
  assert.ok(messages.some((m) => m.includes('main/ depends on core and hardware only')), messages.join(' | '));
});

test('hub/ may not import the terminal', async () => {
  const messages = await violations('hub/service/enrolment.ts', "import { Outbox } from '../../main/sync/outbox.js';\nexport const o = Outbox;\n");
  assert.ok(messages.some((m) => m.includes('hub/ depends on core only')), messages.join(' | '));
});

test('the shared wire protocol in core/contract stays pure', async () => {
  const messages = await violations('core/contract/hub-protocol.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n");
  assert.ok(messages.some((m) => m.includes('core/ is pure')), messages.join(' | '));
});
